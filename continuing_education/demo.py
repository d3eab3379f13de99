"""Demo CE: the demo program's rules (IC&RC's CE hours, PeerCert's demo choices for the rest), a
certified trainee mid-cycle (one category short, one submission waiting for the reviewer) and a
second holder whose certificate expires within 30 days with every requirement met, so the renewal
window and "Renew" are visible."""

from __future__ import annotations

import os
import random
from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from assessments.demo import take
from assessments.models import AssessmentPage
from certificates.demo import _log_hours, issue_as_of
from certificates.models import Certificate, ProgramVersion, SupervisionEntry
from certificates.services import attestation_create, certificate_request
from core.demo_pdf import one_page_pdf
from courses.models import CoursePage, LessonCompletion, TrainingDomain
from courses.selectors import course_state
from courses.services import enrollment_create

from .models import (
    CEActivity,
    CEAllocation,
    CECategory,
    CECategoryMinimum,
    CERules,
    DeliveryMode,
    DomainCECategory,
)

CATEGORIES = [
    ("Ethics", "Professional ethics, boundaries, dual relationships, the code of ethics."),
    ("Confidentiality", "HIPAA, 42 CFR Part 2, consent and the limits of confidentiality."),
    (
        "Cultural competency",
        "Cultural humility, equity, person-first and non-stigmatising language.",
    ),
    ("Recovery-oriented practice", "Recovery support, mentoring, advocacy and wellness."),
    ("Crisis and safety", "Crisis response, safety planning, overdose response."),
]
# English name → (Spanish name, Spanish description), as staff would type them in the admin.
CATEGORIES_ES = {
    "Ethics": ("Ética", "Ética profesional, límites, relaciones duales y el código de ética."),
    "Confidentiality": (
        "Confidencialidad",
        "HIPAA, 42 CFR Part 2, el consentimiento y los límites de la confidencialidad.",
    ),
    "Cultural competency": (
        "Competencia cultural",
        "Humildad cultural, equidad y lenguaje centrado en la persona y no estigmatizante.",
    ),
    "Recovery-oriented practice": (
        "Práctica orientada a la recuperación",
        "Apoyo a la recuperación, mentoría, defensa de derechos y bienestar.",
    ),
    "Crisis and safety": (
        "Crisis y seguridad",
        "Respuesta a crisis, planificación de la seguridad y respuesta a sobredosis.",
    ),
}
DOMAIN_TO_CATEGORY = {
    "Ethical Responsibility": "Ethics",
    "Advocacy": "Recovery-oriented practice",
    "Mentoring/Education": "Recovery-oriented practice",
    "Recovery/Wellness Support": "Recovery-oriented practice",
}
RENEWAL_ACCOUNT = (
    "renewal@example.org",
    "Jamie",
    "Ortiz",
    "certified trainee whose certificate expires within 30 days (renewal open)",
)


def proof_pdf(title: str) -> bytes:
    """A small, well-formed one-page PDF standing in for a provider's certificate."""
    return one_page_pdf("Certificate of completion", title)


def seed_categories() -> dict[str, CECategory]:
    categories = {}
    for order, (name, description) in enumerate(CATEGORIES):
        name_es, description_es = CATEGORIES_ES[name]
        category, created = CECategory.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "name_es": name_es,
                "description_es": description_es,
                "sort_order": order,
            },
        )
        if not created and not category.name_es:  # seeded before categories had Spanish
            category.name_es, category.description_es = name_es, description_es
            category.save(update_fields=["name_es", "description_es"])
        categories[name] = category
    for domain_name, category_name in DOMAIN_TO_CATEGORY.items():
        domain = TrainingDomain.objects.filter(name=domain_name).first()
        if domain is not None:
            DomainCECategory.objects.get_or_create(
                domain=domain, defaults={"category": categories[category_name]}
            )
    return categories


def seed_rules(*, version: ProgramVersion, categories: dict[str, CECategory]) -> CERules:
    """IC&RC's CE requirement: 20 h every 24 months with at least 6 in ethics. The rest are
    PeerCert's demo values, not IC&RC rules (each member board sets its own): online self-study
    capped at 8 h per day, a common board convention; renew from 90 days before expiry; 90 days'
    grace with a $50 fee; 5 % of renewals audited (boards audit about 5-10 %). The trainee-facing
    texts say which numbers are demo values, so nobody mistakes them for a board's."""
    rules, created = CERules.objects.get_or_create(
        version=version,
        defaults={
            "cycle_months": version.validity_months,
            "total_hours": Decimal("20"),
            "daily_cap_hours": Decimal("8"),
            "daily_cap_mode": DeliveryMode.SELF_STUDY_ONLINE,
            "window_days": 90,
            "grace_days": 90,
            "grace_consequence": (
                "During the 90-day grace period you may still renew, with a late fee. After it the "
                "credential lapses: apply again as a new candidate. Demo values: the 90-day "
                "renewal window, the 90-day grace period, the $50 late fee and the 5 % audit "
                "sample are PeerCert's choices for this demo, not IC&RC's. IC&RC asks for 20 CE "
                "hours every two years, 6 of them in ethics; your certification board sets its "
                "own window, grace period, fees and audits."
            ),
            "late_fee": "Late renewal fee: $50, a demo value",
            "audit_rate_percent": Decimal("5"),
            "auto_approve": False,
        },
    )
    if created:
        CECategoryMinimum.objects.create(
            rules=rules, category=categories["Ethics"], min_hours=Decimal("6")
        )
    return rules


def _record(
    *,
    holder,
    categories,
    title,
    provider,
    days_ago,
    hours,
    mode,
    allocations,
    status,
    reviewer=None,
    approval_number="",
    reason="",
) -> CEActivity:
    today = timezone.localdate()
    activity = CEActivity(
        holder=holder,
        title=title,
        provider=provider,
        provider_approval_number=approval_number,
        date=today - timedelta(days=days_ago),
        hours=Decimal(hours),
        delivery_mode=mode,
        source=CEActivity.Source.EXTERNAL,
        status=status,
        proof_content_type="application/pdf",
        reviewer=reviewer if status != CEActivity.Status.SUBMITTED else None,
        reviewed_at=timezone.now() if status != CEActivity.Status.SUBMITTED else None,
        rejection_reason=reason,
        submitted_at=timezone.now() - timedelta(days=max(days_ago - 2, 0)),
    )
    activity.proof.save("proof", ContentFile(proof_pdf(title)), save=False)
    activity.save()
    CEAllocation.objects.bulk_create(
        CEAllocation(activity=activity, category=categories[name], hours=Decimal(h))
        for name, h in allocations
    )
    return activity


def _seed_certified_ce(*, holder, reviewer, categories) -> None:
    if CEActivity.objects.filter(holder=holder).exists():
        return
    approved, submitted = CEActivity.Status.APPROVED, CEActivity.Status.SUBMITTED
    _record(
        holder=holder,
        categories=categories,
        title="Cultural humility in peer support",
        provider="Northeast Recovery Training Collaborative",
        approval_number="NRTC-2291",
        days_ago=150,
        hours="6",
        mode=DeliveryMode.LIVE_ONLINE,
        allocations=[("Cultural competency", "6")],
        status=approved,
        reviewer=reviewer,
    )
    _record(
        holder=holder,
        categories=categories,
        title="Boundaries and dual relationships",
        provider="State Peer Workforce Alliance",
        approval_number="SPWA-118",
        days_ago=95,
        hours="3",
        mode=DeliveryMode.LIVE_IN_PERSON,
        allocations=[("Ethics", "3")],
        status=approved,
        reviewer=reviewer,
    )
    _record(
        holder=holder,
        categories=categories,
        title="Overdose response and naloxone",
        provider="Harm Reduction Learning Network",
        days_ago=60,
        hours="2",
        mode=DeliveryMode.SELF_STUDY_ONLINE,
        allocations=[("Crisis and safety", "2")],
        status=approved,
        reviewer=reviewer,
    )
    _record(
        holder=holder,
        categories=categories,
        title="Team huddle and case review",
        provider="Employer",
        days_ago=40,
        hours="1.5",
        mode=DeliveryMode.LIVE_IN_PERSON,
        allocations=[],
        status=CEActivity.Status.REJECTED,
        reviewer=reviewer,
        reason="Staff meetings and supervision are not CE.",
    )
    # Waiting in the reviewer's queue; approving it fills the ethics bar (3 → 6 of 6 h).
    _record(
        holder=holder,
        categories=categories,
        title="Ethics in digital peer support",
        provider="Recovery Ethics Institute",
        approval_number="REI-0457",
        days_ago=10,
        hours="3",
        mode=DeliveryMode.LIVE_ONLINE,
        allocations=[("Ethics", "3")],
        status=submitted,
    )


def _seed_renewal_account(*, users, version, categories, password: str) -> Certificate:
    email, first, last, _role = RENEWAL_ACCOUNT
    holder = User.objects.filter(email=email).first() or User(
        email=email, first_name=first, last_name=last
    )
    holder.set_password(password)
    holder.save()
    existing = Certificate.objects.filter(holder=holder, version=version).order_by("-cycle").first()
    if existing is not None:
        return existing

    today = timezone.localdate()
    issued_on = today - relativedelta(months=version.validity_months) + timedelta(days=20)
    course = CoursePage.objects.filter(
        pk__in=version.course_requirements.values("course_id")
    ).first()
    if course is not None:
        # Trained and examined in the month and a half before the issue date.
        enrollment_create(trainee=holder, course=course)
        state = course_state(course=course, user=holder)
        trained = timezone.now() - (today - issued_on) - timedelta(days=45)
        for number, lesson in enumerate(state.lessons):
            completion, _created = LessonCompletion.objects.get_or_create(
                trainee=holder, lesson=lesson
            )
            LessonCompletion.objects.filter(pk=completion.pk).update(
                completed_at=trained + timedelta(hours=number)
            )
        _pass_quizzes(
            holder=holder,
            course=course,
            users=users,
            when=timezone.now() - (today - issued_on) - timedelta(days=30),
        )
    certificate = certificate_request(trainee=holder, version=version, issued_on=issued_on)
    supervisor = users["supervisor@example.org"]
    _log_hours(
        trainee=holder,
        supervisor=supervisor,
        kind=SupervisionEntry.Kind.PRACTICE,
        total_minutes=500 * 60,
        signed=True,
        start_days_ago=(today - issued_on).days + 400,
    )
    _log_hours(
        trainee=holder,
        supervisor=supervisor,
        kind=SupervisionEntry.Kind.SUPERVISION,
        total_minutes=25 * 60,
        signed=True,
        start_days_ago=(today - issued_on).days + 300,
    )
    for statement in version.attestation_requirements.all():
        attestation_create(trainee=holder, requirement=statement)
    certificate = issue_as_of(certificate)

    reviewer = users["reviewer@example.org"]
    approved = CEActivity.Status.APPROVED
    days_in = (today - issued_on).days
    for title, provider, offset, hours, mode, allocations in [
        (
            "Trauma-informed peer support",
            "Peer Workforce Institute",
            days_in - 120,
            "8",
            DeliveryMode.LIVE_ONLINE,
            [("Recovery-oriented practice", "8")],
        ),
        (
            "Cultural humility and language",
            "Northeast Recovery Training Collaborative",
            days_in - 300,
            "4",
            DeliveryMode.LIVE_IN_PERSON,
            [("Cultural competency", "4")],
        ),
        (
            "Confidentiality and 42 CFR Part 2",
            "Recovery Ethics Institute",
            100,
            "3",
            DeliveryMode.SELF_STUDY_ONLINE,
            [("Confidentiality", "3")],
        ),
        (
            "Ethics for peer specialists",
            "State Peer Workforce Alliance",
            45,
            "6",
            DeliveryMode.LIVE_IN_PERSON,
            [("Ethics", "6")],
        ),
    ]:
        _record(
            holder=holder,
            categories=categories,
            title=title,
            provider=provider,
            days_ago=offset,
            hours=hours,
            mode=mode,
            allocations=allocations,
            status=approved,
            reviewer=reviewer,
        )
    return certificate


def _pass_quizzes(*, holder, course, users, when) -> None:
    """Module quizzes, then the final exam, passed long ago (before the certificate), so the
    certificate's training hours and its exam are real."""
    rng = random.Random(7)
    quizzes = list(
        AssessmentPage.objects.live()
        .descendant_of(course)
        .filter(slug__endswith="-quiz")
        .order_by("path")
    )
    for number, quiz in enumerate(quizzes):
        take(
            trainee=holder,
            assessment=quiz,
            right=True,
            grader=users["instructor@example.org"],
            when=when + timedelta(days=number),
            rng=rng,
        )
    final = AssessmentPage.objects.live().child_of(course).first()
    if final is not None:
        take(
            trainee=holder,
            assessment=final,
            right=True,
            grader=users["instructor@example.org"],
            when=when + timedelta(days=len(quizzes) + 2),
            rng=rng,
        )


def seed_ce(*, users: dict, password: str | None = None) -> list[str]:
    # The demo's password (seed_demo's), like every other demo account's.
    password = password or os.environ.get("DEMO_PASSWORD", "peer-demo-pass")
    categories = seed_categories()
    certified = users["certified@example.org"]
    certificate = (
        Certificate.objects.filter(holder=certified)
        .select_related("version")
        .order_by("-cycle", "-reissue")
        .first()
    )
    if certificate is None:
        return []
    # Issued mid-cycle by certificates.demo (issue_as_of), so the CE story below fits its cycle.
    version = certificate.version
    seed_rules(version=version, categories=categories)
    _seed_certified_ce(
        holder=certified, reviewer=users["reviewer@example.org"], categories=categories
    )
    renewal = _seed_renewal_account(
        users=users, version=version, categories=categories, password=password
    )
    email, _first, _last, role = RENEWAL_ACCOUNT
    return [
        f"Demo login: {email} / {password} — {role}",
        f"Demo renewal certificate (expires {renewal.expires_on:%Y-%m-%d}): "
        f"{renewal.verification_url}",
        "Demo CE: one external CE submission waits for reviewer@example.org in the admin "
        "under “CE and renewals”.",
    ]
