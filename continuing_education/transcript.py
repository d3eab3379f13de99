"""A trainee's transcript: completed courses and modules, live sessions attended (how each was
delivered and the hours credited) and approved outside training, the assessment results they
choose to include, and CE by cycle and category. One builder feeds the page, the CSV and the
PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Max
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.models import Attempt
from certificates.models import Certificate
from cohorts.models import OutsideTraining
from cohorts.selectors import AttendedRow, approved_outside, transcript_rows
from core import csv
from courses.models import Enrollment, LessonCompletion
from courses.selectors import course_state
from evaluations.selectors import PassedSkill, passed_skills

from . import rules, selectors
from .models import CEActivity, category_label

if TYPE_CHECKING:
    from accounts.models import User

PDF_TITLE = "PeerCert transcript"  # document metadata: never the holder's name


@dataclass
class CycleBlock:
    credential: str
    cycle: rules.Cycle
    rows: list[dict]
    by_category: list[tuple[str, Decimal]]
    total: Decimal
    required: Decimal
    current: bool


@dataclass
class Transcript:
    holder_name: str
    generated_on: date
    courses: list[dict]
    assessments: list[dict]
    cycles: list[CycleBlock]
    other_activities: list[CEActivity] = field(default_factory=list)
    live_sessions: list[AttendedRow] = field(default_factory=list)
    outside_training: list[OutsideTraining] = field(default_factory=list)
    # Observed skills passed (practical evaluations), latest pass per skill.
    practical_evaluations: list[PassedSkill] = field(default_factory=list)

    @property
    def live_hours(self) -> Decimal:
        return sum((row.hours for row in self.live_sessions), Decimal("0"))


def assessment_results(*, user: User) -> list[dict]:
    """Best graded result per assessment, for the trainee to choose what to include."""
    best: dict[int, dict] = {}
    for attempt in (
        Attempt.objects.graded()
        .filter(trainee=user)
        .select_related("assessment")
        .order_by("assessment_id", "-percent", "graded_at")
    ):
        if attempt.assessment_id not in best:
            best[attempt.assessment_id] = {
                "id": attempt.assessment_id,
                "title": attempt.assessment.title,
                "percent": attempt.percent,
                "passed": bool(attempt.passed),
                "on": timezone.localdate(attempt.graded_at) if attempt.graded_at else None,
            }
    return sorted(best.values(), key=lambda row: row["title"])


def completed_courses(*, user: User) -> list[dict]:
    rows = []
    for enrollment in Enrollment.objects.filter(trainee=user).select_related("course"):
        state = course_state(course=enrollment.course, user=user)
        done_modules = [m for m in state.modules if state.progress.module(m.pk).complete]
        if not done_modules:
            continue
        last = {}
        for module in done_modules:
            lesson_ids = [lesson.pk for lesson in state.lessons_by_module[module.pk]]
            when = LessonCompletion.objects.filter(
                trainee=user, lesson_id__in=lesson_ids
            ).aggregate(at=Max("completed_at"))["at"]
            last[module.pk] = timezone.localdate(when) if when else None
        rows.append(
            {
                "title": enrollment.course.title,
                "complete": state.progress.complete,
                "completed_on": max((d for d in last.values() if d), default=None)
                if state.progress.complete
                else None,
                "hours": sum((m.contact_hours for m in done_modules), Decimal("0")),
                "modules": [
                    {"title": m.title, "hours": m.contact_hours, "completed_on": last[m.pk]}
                    for m in done_modules
                ],
            }
        )
    return rows


def _cycle_blocks(*, user: User, activities: list[CEActivity], today: date) -> list[CycleBlock]:
    blocks: dict[tuple, CycleBlock] = {}
    by_id = {a.pk: a for a in activities}
    certificates = (
        Certificate.objects.for_holder(user)
        .issued()
        .exclude(status=Certificate.Status.REVOKED)
        .select_related("version__program", "supersedes__supersedes")
        .order_by("issued_on")
    )
    for certificate in certificates:
        ce_rules = selectors.ce_rules_for(certificate.version)
        cycle = selectors.cycle_for(certificate)
        if ce_rules is None or cycle is None:
            continue
        key = (certificate.version.program_id, cycle.start)
        if key in blocks:
            continue  # a reissue shares its cycle
        data = [selectors.activity_data(a) for a in selectors.counting_toward(ce_rules, activities)]
        checklist = rules.evaluate(selectors.rules_data(ce_rules), cycle, data)
        rows = [
            {
                "activity": by_id[c.activity_id],
                "hours": c.hours,
                "categories": c.by_category,
                "capped": c.capped,
            }
            for c in checklist.counted
        ]
        rows.sort(key=lambda row: row["activity"].date)
        blocks[key] = CycleBlock(
            credential=certificate.version.program.credential_name,
            cycle=cycle,
            rows=rows,
            by_category=[(row.category, row.counted) for row in checklist.categories],
            total=checklist.total_counted,
            required=checklist.total_required,
            current=cycle.contains(today),
        )
    return sorted(blocks.values(), key=lambda b: (b.cycle.start, b.credential), reverse=True)


def transcript_for(
    *,
    user: User,
    include_assessments: set[int] | frozenset = frozenset(),
    today: date | None = None,
) -> Transcript:
    today = today or timezone.localdate()
    activities = [
        a for a in selectors.holder_activities(user=user) if a.status == CEActivity.Status.APPROVED
    ]
    cycles = _cycle_blocks(user=user, activities=activities, today=today)
    in_cycles = {row["activity"].pk for block in cycles for row in block.rows}
    return Transcript(
        holder_name=user.get_full_name() or user.email,
        generated_on=today,
        courses=completed_courses(user=user),
        assessments=[
            row for row in assessment_results(user=user) if row["id"] in include_assessments
        ],
        cycles=cycles,
        # Outside training that counted toward no cycle. Platform credit that counts nowhere
        # is not CE at all (initial certification training, say): it is left out.
        other_activities=sorted(
            (
                a
                for a in activities
                if a.pk not in in_cycles and a.source != CEActivity.Source.PLATFORM
            ),
            key=lambda a: a.date,
            reverse=True,
        ),
        live_sessions=transcript_rows(trainee=user),
        outside_training=approved_outside(trainee=user),
        practical_evaluations=passed_skills(trainee=user),
    )


def _hours(value) -> str:
    from certificates.pdf import format_hours  # loads WeasyPrint (½ s): only when rendering

    return format_hours(value)


def transcript_csv(transcript: Transcript) -> str:
    out = io.StringIO()
    # Titles, providers and names are typed by people: one writer neutralises formulas.
    writer = csv.writer(out)
    writer.writerow(
        [
            "section",
            "credential or course",
            "cycle",
            "date",
            "title",
            "provider",
            "approval number",
            "mode",
            "hours",
            "categories",
            "result",
        ]
    )
    for course in transcript.courses:
        for module in course["modules"]:
            writer.writerow(
                [
                    "course",
                    course["title"],
                    "",
                    _iso(module["completed_on"]),
                    module["title"],
                    "",
                    "",
                    "",
                    _hours(module["hours"]),
                    "",
                    "",
                ]
            )
    for row in transcript.live_sessions:
        writer.writerow(
            [
                "live session",
                row.course,
                "",
                row.on.isoformat(),
                f"{row.cohort}: {row.session}",
                "",
                "",
                row.delivery,
                _hours(row.hours),
                "",
                row.status,
            ]
        )
    for record in transcript.outside_training:
        writer.writerow(
            [
                "outside training",
                "",
                "",
                record.ended_on.isoformat(),
                record.title,
                record.provider,
                record.approval_number,
                record.get_delivery_display(),
                _hours(record.hours_approved),
                "; ".join(
                    f"{row.label} {_hours(row.hours_approved)}"
                    for row in record.domain_hours.all()
                    if row.hours_approved
                ),
                "approved",
            ]
        )
    for skill in transcript.practical_evaluations:
        writer.writerow(
            [
                "practical evaluation",
                skill.course,
                "",
                skill.passed_on.isoformat(),
                skill.skill,
                "",
                "",
                skill.mode,
                "",
                "",
                "passed",
            ]
        )
    for row in transcript.assessments:
        writer.writerow(
            [
                "assessment",
                "",
                "",
                _iso(row["on"]),
                row["title"],
                "",
                "",
                "",
                "",
                "",
                f"{_hours(row['percent'])}% {'passed' if row['passed'] else 'not passed'}",
            ]
        )
    for block in transcript.cycles:
        cycle = f"{block.cycle.start.isoformat()}/{block.cycle.end.isoformat()}"
        for row in block.rows:
            activity = row["activity"]
            writer.writerow(
                [
                    "ce",
                    block.credential,
                    cycle,
                    activity.date.isoformat(),
                    activity.title,
                    activity.provider,
                    activity.provider_approval_number,
                    activity.get_delivery_mode_display(),
                    _hours(row["hours"]),
                    "; ".join(
                        f"{category_label(name)} {_hours(h)}" for name, h in row["categories"]
                    ),
                    "",
                ]
            )
        for name, hours in block.by_category:
            writer.writerow(
                [
                    "ce total",
                    block.credential,
                    cycle,
                    "",
                    category_label(name),
                    "",
                    "",
                    "",
                    _hours(hours),
                    "",
                    "",
                ]
            )
        writer.writerow(
            [
                "ce total",
                block.credential,
                cycle,
                "",
                "All CE",
                "",
                "",
                "",
                _hours(block.total),
                "",
                f"required {_hours(block.required)}",
            ]
        )
    return out.getvalue()


def _iso(value) -> str:
    return value.isoformat() if value else ""


def transcript_pdf(transcript: Transcript) -> bytes:
    from certificates.pdf import render_html_to_pdf  # loads WeasyPrint (½ s): PDFs only

    html = render_to_string("continuing_education/transcript_pdf.html", {"t": transcript})
    return render_html_to_pdf(html, title=PDF_TITLE)


def transcript_file_response(transcript: Transcript, *, kind: str) -> HttpResponse:
    """The transcript as a download: ``kind`` "pdf" (opens in the browser) or "csv"."""
    if kind == "pdf":
        response = HttpResponse(transcript_pdf(transcript), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="peercert-transcript.pdf"'
    elif kind == "csv":
        response = HttpResponse(transcript_csv(transcript), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="peercert-transcript.csv"'
    else:
        raise ValueError(f"no transcript file of kind {kind!r}")
    return response
