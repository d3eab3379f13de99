"""Demo data, built step by step by each app; `seed_demo` runs them in order."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Page, Site

from accounts.models import User
from assessments.demo import seed_assessments
from certificates.demo import seed_certification
from cohorts.demo import seed_cohorts
from continuing_education.demo import seed_ce
from courses.demo import seed_curriculum
from courses.demo_people import seed_course_people
from employers.demo import seed_employer
from evaluations.demo import seed_evaluations

from .models import HomePage

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
    ("evaluator@example.org", "Dana", "Whitfield", "skills evaluator (practical evaluations)"),
    (
        "evaluator2@example.org",
        "Priya",
        "Raman",
        "second skills evaluator (scores evaluations evaluator@ second-rates)",
    ),
]


def seed_site() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="PeerCert",
            slug="peercert",
            hero_heading="Training and certification for peer recovery specialists",
            hero_text=(
                "<p>Learn the skills of peer support, pass your assessments, log supervised "
                "practice and earn a certificate employers can check in seconds.</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="PeerCert",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "PeerCert"
        site.save()
        if not isinstance(old_root.specific, HomePage) and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome" page from the initial migration
    return home


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
    course = seed_curriculum(home=seed_site())
    users = seed_accounts(password=password)
    seed_course_people(course=course, users=users)
    seed_assessments(course=course, users=users)
    # Before certification: the program version asks for a practical evaluation, and the
    # certified trainee's pass must be there before their certificate.
    seed_evaluations(course=course, users=users)
    extra_lines = seed_certification(course=course, users=users)
    extra_lines += seed_ce(users=users)
    extra_lines += seed_employer(users=users)
    # Last: the live hours of certified@ and renewal@ (made by seed_ce) and trainee@'s cohort.
    seed_cohorts(course=course, users=users)
    lines = [f"Demo login: {email} / {password} — {role}" for email, _f, _l, role in DEMO_ACCOUNTS]
    lines.insert(0, f"Site: {settings.SITE_URL}/")
    return lines + extra_lines
