"""Reads for certification: the facts a checklist is evaluated on, and what trainees see."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import get_language
from wagtail import hooks

from assessments.models import Attempt, AttemptState
from assessments.selectors import assessments_passed
from cohorts import rules as live
from cohorts.selectors import training_credits
from core.compiled import CompiledLookup
from courses.framework import localized
from courses.models import CoursePage, LessonCompletion, ModuleDomainHours
from courses.selectors import course_state
from courses.translation import in_language
from evaluations.selectors import latest_passes

from .models import (
    Attestation,
    Certificate,
    CertificateEvent,
    NameChangeRequest,
    ProgramVersion,
    SupervisionEntry,
    SupervisorCredential,
    group_code,
)
from .requirements import (
    Checklist,
    Facts,
    ModuleCredit,
    Rules,
    evaluate,
    evaluations_counted,
    training_totals,
)
from .supervisor_rules import NO_CREDENTIAL, OnFile, may_sign_off


def rules_for(version: ProgramVersion) -> Rules:
    # Courses and assessments are named as the reader's language has them ("Examen final");
    # requirements stay keyed to the English pages, where progress and attempts are kept.
    language = get_language()
    domain_rows = list(version.domain_requirements.select_related("domain"))
    topic_rows = list(version.topic_requirements.select_related("topic"))
    display_names = {row.domain.name: localized(row.domain, "name") for row in domain_rows}
    display_names |= {row.topic.name: localized(row.topic, "name") for row in topic_rows}
    return Rules(
        min_total_hours=version.min_total_hours,
        min_hours_by_domain={row.domain.name: row.min_hours for row in domain_rows},
        required_courses=[
            (row.course_id, in_language(row.course, language).title)
            for row in version.course_requirements.select_related("course")
        ],
        required_assessments=[
            (row.assessment_id, in_language(row.assessment, language).title)
            for row in version.assessment_requirements.select_related("assessment")
        ],
        practice_hours=version.practice_hours,
        supervision_hours=version.supervision_hours,
        attestations=[
            (row.pk, localized(row, "title"), frozenset(row.sha256s().values()))
            for row in version.attestation_requirements.all()
        ],
        training_window_months=version.training_window_months,
        required_evaluations=_required_evaluations(version),
        min_synchronous_percent=version.min_synchronous_percent,
        live_modes=live_modes(version),
        min_hours_by_topic={row.topic.name: row.min_hours for row in topic_rows},
        display_names=display_names,
    )


def live_modes(version: ProgramVersion) -> frozenset[str]:
    """What this version counts as live training."""
    if version.live_virtual_is_synchronous:
        return live.SYNCHRONOUS
    return frozenset({live.IN_PERSON})


def _required_evaluations(version: ProgramVersion) -> list[tuple[int, str, int | None]]:
    return [
        (row.instrument_id, row.instrument.localized_skill, row.within_months)
        for row in version.evaluation_requirements.select_related("instrument")
    ]


def facts_for(*, trainee, version: ProgramVersion, today: date | None = None) -> Facts:
    """Training hours count only from modules the trainee has completed (lessons done and
    assessment passed), in courses the version asks for, and — when the version has a look-back
    window — completed within it."""
    today = today or timezone.localdate()
    completed_courses: set[int] = set()
    completed_modules = []
    lessons_of: dict[int, list[int]] = {}
    courses = CoursePage.objects.filter(pk__in=version.course_requirements.values("course_id"))
    for course in courses:
        state = course_state(course=course, user=trainee)
        done = {m.module_id for m in state.progress.modules if m.complete}
        for module in state.modules:
            if module.pk in done:
                completed_modules.append(module)
                lessons_of[module.pk] = [lesson.pk for lesson in state.lessons_by_module[module.pk]]
        if state.progress.complete and state.enrollment is not None:
            completed_courses.add(course.pk)
    by_module: dict[int, dict[str, Decimal]] = {}
    for row in ModuleDomainHours.objects.filter(
        module_id__in=[m.pk for m in completed_modules]
    ).select_related("domain"):
        domains = by_module.setdefault(row.module_id, {})
        domains[row.domain.name] = domains.get(row.domain.name, Decimal("0")) + row.hours
    completed_on = (
        _modules_completed_on(trainee=trainee, modules=completed_modules, lessons_of=lessons_of)
        if version.training_window_months
        else {}
    )
    # Live training counts alongside: sessions attended in the required courses' cohorts and
    # approved outside training, in the same window.
    totals = training_totals(
        [
            ModuleCredit(
                completed_on=completed_on.get(m.pk, today),
                contact_hours=m.contact_hours or Decimal("0"),
                hours_by_domain=by_module.get(m.pk, {}),
            )
            for m in completed_modules
        ],
        training_credits(trainee=trainee, course_ids=[course.pk for course in courses]),
        today=today,
        window_months=version.training_window_months,
        live_modes=live_modes(version),
    )
    signed = dict(
        SupervisionEntry.objects.filter(trainee=trainee, status=SupervisionEntry.Status.SIGNED)
        .values_list("kind")
        .annotate(minutes=Sum("minutes"))
    )
    passed = assessments_passed(
        user=trainee,
        assessment_ids=list(
            version.assessment_requirements.values_list("assessment_id", flat=True)
        ),
    )
    required = _required_evaluations(version)
    return Facts(
        passed_assessment_ids=frozenset(passed),
        # The practical evaluations' latest passes, counted when recent enough for the version.
        passed_evaluation_ids=evaluations_counted(
            required,
            latest_passes(trainee=trainee, instrument_ids=[row[0] for row in required]),
            today=today,
        ),
        training_hours_by_domain=totals.by_domain,
        training_hours_total=totals.total,
        synchronous_hours=totals.synchronous,
        training_hours_by_topic=totals.by_topic,
        completed_course_ids=frozenset(completed_courses),
        signed_practice_hours=_hours(signed.get(SupervisionEntry.Kind.PRACTICE, 0)),
        signed_supervision_hours=_hours(signed.get(SupervisionEntry.Kind.SUPERVISION, 0)),
        attested_sha256s=frozenset(
            Attestation.objects.filter(trainee=trainee, version=version).values_list(
                "text_sha256", flat=True
            )
        ),
    )


def _modules_completed_on(*, trainee, modules, lessons_of: dict[int, list[int]]) -> dict[int, date]:
    """The day each completed module became complete: its last lesson done or its assessment
    first passed, whichever came later. Two queries, whatever the number of modules."""
    module_of = {lesson: module for module, lessons in lessons_of.items() for lesson in lessons}
    latest: dict[int, object] = {}
    for lesson_id, completed_at in (
        LessonCompletion.objects.filter(trainee=trainee, lesson_id__in=list(module_of))
        .values_list("lesson_id")
        .annotate(at=Max("completed_at"))
    ):
        module = module_of[lesson_id]
        latest[module] = max(latest.get(module, completed_at), completed_at)
    if modules:
        paths = Q()
        for module in modules:
            paths |= Q(assessment__path__startswith=module.path)
        passes = (
            Attempt.objects.filter(paths, trainee=trainee, state=AttemptState.GRADED, passed=True)
            .values_list("assessment__path")
            .annotate(at=Min("graded_at"))
        )
        for path, passed_at in passes:
            for module in modules:
                if path.startswith(module.path) and passed_at is not None:
                    latest[module.pk] = max(latest.get(module.pk, passed_at), passed_at)
    return {pk: timezone.localdate(at) for pk, at in latest.items()}


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"))


# Requirements the apps above certificates hold: a function registered under this name takes
# (trainee=, version=) and returns more checklist Items. applications answers with "the
# board approved the application" (where the version requires one: the issuance gate) and "pass
# the external board exam" (results imported from the vendor), so issuance, which reads this
# same checklist, waits for them.
REQUIREMENT_ITEMS_HOOK = "certificate_requirement_items"


def checklist_for(*, trainee, version: ProgramVersion) -> Checklist:
    checklist = evaluate(rules_for(version), facts_for(trainee=trainee, version=version))
    extra = [
        item
        for answer in hooks.get_hooks(REQUIREMENT_ITEMS_HOOK)
        for item in answer(trainee=trainee, version=version)
    ]
    return Checklist(items=checklist.items + tuple(extra)) if extra else checklist


def versions_pursued_by(trainee):
    """Versions in effect whose required courses the trainee is enrolled in."""
    return (
        ProgramVersion.objects.in_effect()
        .filter(course_requirements__course__enrollments__trainee=trainee)
        .select_related("program__body")
        .distinct()
    )


# The change that put a certificate in its current status: the latest event into it.
_CURRENT_STATUS_EVENT = CertificateEvent.objects.filter(
    certificate=OuterRef("pk"), to_status=OuterRef("status")
).order_by("-at", "-pk")


def holder_certificates(*, user):
    """The holder's certificates, each with ``status_changed_at`` (when it took its current
    status) and ``status_public_reason`` (that change's reason, when it was made public): what
    their dashboard says about a suspension or revocation. One query."""
    return (
        Certificate.objects.for_holder(user)
        .select_related("version__program__body", "superseded_by")
        .annotate(
            status_changed_at=Subquery(_CURRENT_STATUS_EVENT.values("at")[:1]),
            # That change's own reason, only if public: never an older change's.
            status_public_reason=Subquery(
                _CURRENT_STATUS_EVENT.annotate(
                    shown=Case(
                        When(reason_public=True, then=F("reason")),
                        default=Value(""),
                        output_field=CharField(),
                    )
                ).values("shown")[:1]
            ),
        )
        .order_by("-requested_at")
    )


# --- supervisors on file --------------------------------------------------------------------


def programs_needing_credentials(*, trainee) -> list[int]:
    """Programs the trainee pursues whose version asks for supervisors' credentials on file."""
    return list(
        versions_pursued_by(trainee)
        .filter(supervisor_credentials_required=True)
        .values_list("program_id", flat=True)
    )


def on_file(*, supervisor) -> list[OnFile]:
    return [
        OnFile(
            valid_from=c.valid_from,
            expires_on=c.expires_on,
            approvals=tuple(
                (a.program_id, a.approved_from, a.approved_until) for a in c.approvals.all()
            ),
        )
        for c in SupervisorCredential.objects.filter(supervisor=supervisor).prefetch_related(
            "approvals"
        )
    ]


def sign_off_blocker(entry: SupervisionEntry) -> str | None:
    """Why the entry's supervisor may not sign it off (their credential on file was not current
    and approved on the entry's date, for a program that asks), or None."""
    return sign_off_blockers([entry]).get(entry.pk)


def sign_off_blockers(entries: list[SupervisionEntry]) -> dict[int, str]:
    """sign_off_blocker for a supervisor's queue: entry id → why it is blocked (blocked
    entries only). Three queries whatever the number of entries and trainees."""
    if not entries:
        return {}
    trainee_ids = {entry.trainee_id for entry in entries}
    programs: dict[int, set[int]] = {}
    for trainee_id, program_id in (
        ProgramVersion.objects.in_effect()
        .filter(
            supervisor_credentials_required=True,
            course_requirements__course__enrollments__trainee_id__in=trainee_ids,
        )
        .values_list("course_requirements__course__enrollments__trainee_id", "program_id")
        .distinct()
    ):
        programs.setdefault(trainee_id, set()).add(program_id)
    if not programs:
        return {}
    files: dict[int, list[OnFile]] = {}
    blockers = {}
    for entry in entries:
        needed = programs.get(entry.trainee_id)
        if not needed:
            continue
        if entry.supervisor_id not in files:
            files[entry.supervisor_id] = on_file(supervisor=entry.supervisor_id)
        if not may_sign_off(day=entry.date, program_ids=needed, on_file=files[entry.supervisor_id]):
            blockers[entry.pk] = NO_CREDENTIAL % {"day": entry.date.isoformat()}
    return blockers


def credential_on(*, supervisor_id: int, day: date, credentials) -> SupervisorCredential | None:
    """The supervisor's credential that covered ``day`` (latest expiry first), from a list."""
    for credential in credentials.get(supervisor_id, []):
        if credential.valid_from <= day <= credential.expires_on:
            return credential
    return None


AUDIT_HEADER = [
    "entry date",
    "trainee",
    "kind",
    "format",
    "domain",
    "minutes",
    "signed at",
    "supervisor",
    "credential",
    "number",
    "issuing body",
    "valid from",
    "expires on",
    "years supervising peers",
    "approved programs on that date",
]


def supervision_audit_rows():
    """Every signed-off entry with the supervisor's credential on file on the entry's date
    (blank when none was): for a board's auditor. Two queries, then a generator of rows."""
    credentials: dict[int, list[SupervisorCredential]] = {}
    for credential in SupervisorCredential.objects.prefetch_related("approvals__program").order_by(
        "-expires_on"
    ):
        credentials.setdefault(credential.supervisor_id, []).append(credential)
    entries = (
        SupervisionEntry.objects.filter(status=SupervisionEntry.Status.SIGNED)
        .select_related("trainee", "supervisor", "domain")
        .order_by("date", "pk")
    )
    for entry in entries.iterator(chunk_size=1000):
        credential = credential_on(
            supervisor_id=entry.supervisor_id, day=entry.date, credentials=credentials
        )
        approved = (
            "; ".join(
                str(a.program)
                for a in credential.approvals.all()
                if a.approved_from <= entry.date
                and (a.approved_until is None or entry.date <= a.approved_until)
            )
            if credential
            else ""
        )
        yield [
            entry.date.isoformat(),
            entry.trainee.get_full_name() or entry.trainee.email,
            entry.get_kind_display(),
            entry.get_format_display(),
            entry.domain.name,
            entry.minutes,
            timezone.localtime(entry.reviewed_at).isoformat(timespec="minutes")
            if entry.reviewed_at
            else "",
            entry.supervisor.get_full_name() or entry.supervisor.email,
            credential.credential if credential else "",
            credential.number if credential else "",
            credential.issuing_body if credential else "",
            credential.valid_from.isoformat() if credential else "",
            credential.expires_on.isoformat() if credential else "",
            credential.years_supervising_peers if credential else "",
            approved,
        ]


def supervision_waiting_count(*, supervisor=None) -> int:
    """Entries waiting for this supervisor's sign-off (any supervisor's, without one: an
    administrator's overview)."""
    entries = SupervisionEntry.objects.filter(status=SupervisionEntry.Status.PENDING)
    if supervisor is not None:
        entries = entries.filter(supervisor=supervisor)
    return entries.count()


@dataclass(frozen=True)
class ManagerQueues:
    failing_issuance: int  # pending certificates whose issuing failed at least once
    name_changes: int  # holders' new legal names waiting for a decision


def manager_queues() -> ManagerQueues:
    """What waits for a certificate manager. Two queries."""
    return ManagerQueues(
        failing_issuance=Certificate.objects.filter(
            status=Certificate.Status.PENDING, job_attempts__gte=1
        )
        .exclude(last_error="")
        .count(),
        name_changes=NameChangeRequest.objects.filter(
            status=NameChangeRequest.Status.PENDING
        ).count(),
    )


def supervision_log_entries(*, trainee) -> QuerySet[SupervisionEntry]:
    """The trainee's own log, newest first, with what each row prints."""
    return SupervisionEntry.objects.filter(trainee=trainee).select_related("domain", "supervisor")


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


# --- the public verification page ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicPage:
    """Everything /verify/<code>/ prints about a certificate, read in one query."""

    code: str
    serial: str
    status: str  # as stored; the page shows public_status
    holder_name: str
    issued_on: date | None
    expires_on: date | None
    hours_total: Decimal
    hours_by_domain: list
    version_label: str
    program_name: str
    credential_name: str
    supersedes_code: str | None
    supersedes_serial: str | None
    superseded_by_code: str | None
    superseded_by_serial: str | None
    superseded_by_status: str | None
    last_public_event_id: int | None
    stage: str
    extensions: int
    endorsements_shown: list
    public_actions_shown: list
    reciprocity_board: str | None
    reciprocity_credential: str | None
    reciprocity_verified_on: date | None

    Status = Certificate.Status
    # The one rule for "a valid certificate past its expiry reads expired", not a copy of it.
    public_status = Certificate.public_status

    @property
    def display_code(self) -> str:
        return group_code(self.code)

    @property
    def supersedes(self) -> dict | None:
        if not self.supersedes_code:
            return None
        return {"code": self.supersedes_code, "serial": self.supersedes_serial}

    @property
    def superseded_by(self) -> dict | None:
        # A replacement still being issued is not a certificate yet.
        if not self.superseded_by_code or self.superseded_by_status == Certificate.Status.PENDING:
            return None
        return {"code": self.superseded_by_code, "serial": self.superseded_by_serial}

    def fingerprint(self) -> str:
        """Changes whenever anything the page prints changes: every printed column, the
        status as shown today, the newest public event (events are append-only) and the
        replacement's status."""
        columns = tuple(getattr(self, name) for name in self.__slots__)
        material = repr((columns, self.public_status)).encode()
        return hashlib.sha256(material).hexdigest()


_PAGE_FIELDS = (
    "code",
    "serial",
    "status",
    "holder_name",
    "issued_on",
    "expires_on",
    "hours_total",
    "hours_by_domain",
    "version__label",
    "version__program__name",
    "version__program__credential_name",
    "supersedes__code",
    "supersedes__serial",
    "superseded_by__code",
    "superseded_by__serial",
    "superseded_by__status",
    "last_public_event_id",
    "stage",
    "extensions",
    "endorsements_shown",
    "public_actions_shown",
    "reciprocity__original_board",
    "reciprocity__original_credential",
    "reciprocity__verified_on",
)

_page_lookup = CompiledLookup(
    Certificate,
    lambda code: (
        Certificate.objects.issued()
        .filter(code=code)
        .annotate(
            last_public_event_id=Subquery(
                CertificateEvent.objects.filter(certificate=OuterRef("pk"), reason_public=True)
                .order_by("-pk")
                .values("pk")[:1]
            )
        )
        .order_by()
        .values_list(*_PAGE_FIELDS)
    ),
)


def public_page(code: str) -> PublicPage | None:
    """The issued certificate with this (normalised) code as its public page shows it, or None.
    One query."""
    row = _page_lookup.fetchone(code)
    return PublicPage(*row) if row else None


def public_events(code: str) -> list[CertificateEvent]:
    """Status changes whose reason may be shown publicly, oldest first."""
    return list(CertificateEvent.objects.filter(certificate__code=code, reason_public=True))
