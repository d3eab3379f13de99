"""Demo data, built step by step by each app; `seed_demo` runs them in order."""

from __future__ import annotations

from django.conf import settings

from accounts.models import User

DEMO_ACCOUNTS = [
    # email, first, last, role description
    ("trainee@example.org", "Jordan", "Rivera", "trainee, enrolled, part-way through the course"),
    ("certified@example.org", "Sam", "Okafor", "trainee who holds an issued, valid certificate"),
    (
        "instructor@example.org",
        "Morgan",
        "Lee",
        "instructor (authors modules and questions, grades essays)",
    ),
    (
        "reviewer@example.org",
        "Avery",
        "Chen",
        "reviewer (approves content, CE submissions, renewals)",
    ),
    ("employer@example.org", "Casey", "Nguyen", "employer (bulk verification, roster)"),
    ("admin@example.org", "Robin", "Patel", "superuser"),
    ("supervisor@example.org", "Taylor", "Brooks", "supervisor (signs off supervised hours)"),
]


def seed_accounts(*, password: str) -> dict[str, User]:
    users = {}
    for email, first, last, _role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last)
        user.set_password(password)
        if email == "admin@example.org":
            user.is_staff = True
            user.is_superuser = True
        user.save()
        users[email] = user
    return users


def seed_all(*, password: str) -> list[str]:
    from courses.demo import seed_curriculum
    from courses.demo_people import seed_course_people

    course = seed_curriculum()
    users = seed_accounts(password=password)
    seed_course_people(course=course, users=users)
    from assessments.demo import seed_assessments

    seed_assessments(course=course, users=users)
    from certificates.demo import seed_certification

    extra_lines = seed_certification(course=course, users=users)
    from continuing_education.demo import seed_ce

    extra_lines += seed_ce(users=users)
    from employers.demo import seed_employer

    extra_lines += seed_employer(users=users)
    lines = [f"Demo login: {email} / {password} — {role}" for email, _f, _l, role in DEMO_ACCOUNTS]
    lines.insert(0, f"Site: {settings.SITE_URL}/")
    return lines + extra_lines
