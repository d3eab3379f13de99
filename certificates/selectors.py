"""Reads for certification: the facts a checklist is evaluated on, and what trainees see."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from courses.models import CoursePage, ModuleDomainHours
from courses.selectors import course_state

from .models import Attestation, Certificate, ProgramVersion, SupervisionEntry
from .requirements import Checklist, Facts, Rules, evaluate


def rules_for(version: ProgramVersion) -> Rules:
    return Rules(
        min_total_hours=version.min_total_hours,
        min_hours_by_domain={
            row.domain.name: row.min_hours
            for row in version.domain_requirements.select_related("domain")
        },
        required_courses=[
            (row.course_id, row.course.title)
            for row in version.course_requirements.select_related("course")
        ],
        required_assessments=[
            (row.assessment_id, row.assessment.title)
            for row in version.assessment_requirements.select_related("assessment")
        ],
        practice_hours=version.practice_hours,
        supervision_hours=version.supervision_hours,
        attestation_title=version.attestation_title,
        attestation_sha256=version.attestation_sha256,
    )


def facts_for(*, trainee, version: ProgramVersion) -> Facts:
    """Training hours count only from modules the trainee has completed (lessons done and
    assessment passed), in courses the version asks for."""
    completed_courses: set[int] = set()
    completed_module_ids: list[int] = []
    courses = CoursePage.objects.filter(
        pk__in=version.course_requirements.values("course_id")
    )
    for course in courses:
        state = course_state(course=course, user=trainee)
        completed_module_ids += [m.module_id for m in state.progress.modules if m.complete]
        if state.progress.complete and state.enrollment is not None:
            completed_courses.add(course.pk)
    by_domain: dict[str, Decimal] = {}
    for row in ModuleDomainHours.objects.filter(module_id__in=completed_module_ids).select_related(
        "domain"
    ):
        by_domain[row.domain.name] = by_domain.get(row.domain.name, Decimal("0")) + row.hours
    from courses.models import ModulePage

    total = ModulePage.objects.filter(pk__in=completed_module_ids).aggregate(
        total=Sum("contact_hours")
    )["total"] or Decimal("0")
    signed = dict(
        SupervisionEntry.objects.filter(trainee=trainee, status=SupervisionEntry.Status.SIGNED)
        .values_list("kind")
        .annotate(minutes=Sum("minutes"))
    )
    from assessments.selectors import assessments_passed

    passed = assessments_passed(
        user=trainee,
        assessment_ids=list(version.assessment_requirements.values_list("assessment_id", flat=True)),
    )
    return Facts(
        passed_assessment_ids=frozenset(passed),
        training_hours_by_domain=by_domain,
        training_hours_total=total,
        completed_course_ids=frozenset(completed_courses),
        signed_practice_hours=_hours(signed.get(SupervisionEntry.Kind.PRACTICE, 0)),
        signed_supervision_hours=_hours(signed.get(SupervisionEntry.Kind.SUPERVISION, 0)),
        attested_sha256s=frozenset(
            Attestation.objects.filter(trainee=trainee, version=version).values_list(
                "text_sha256", flat=True
            )
        ),
    )


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"))


def checklist_for(*, trainee, version: ProgramVersion) -> Checklist:
    return evaluate(rules_for(version), facts_for(trainee=trainee, version=version))


def versions_pursued_by(trainee):
    """Versions in effect whose required courses the trainee is enrolled in."""
    return (
        ProgramVersion.objects.in_effect()
        .filter(course_requirements__course__enrollments__trainee=trainee)
        .select_related("program__body")
        .distinct()
    )


def holder_certificates(*, user):
    return (
        Certificate.objects.for_holder(user)
        .select_related("version__program__body", "superseded_by")
        .order_by("-requested_at")
    )


def supervision_totals(*, trainee) -> dict[str, Decimal]:
    rows = (
        SupervisionEntry.objects.filter(trainee=trainee, status=SupervisionEntry.Status.SIGNED)
        .values_list("kind", "domain__name")
        .annotate(minutes=Sum("minutes"))
    )
    totals: dict[str, Decimal] = {}
    for kind, domain, minutes in rows:
        totals[f"{kind}:{domain}"] = _hours(minutes)
    return totals
