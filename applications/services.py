"""Writes for applications: keyword-only, typed, atomic. Error messages are module constants
the views show and the tests reuse."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from certificates import services as certificate_services
from certificates.models import Certificate, ProgramVersion
from core import jobs, uploads

from . import rules, tokens
from .jobs import send_decision as send_decision_job
from .jobs import send_referee_invitation as send_referee_invitation_job
from .models import (
    Appeal,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationPolicy,
    ClockPause,
    DenialReason,
    DocumentKind,
    ExamEligibility,
    ExamImport,
    ExamResult,
    Referee,
)

MAX_DOCUMENT_BYTES = uploads.MAX_UPLOAD_BYTES
MAX_LETTER_CHARS = 8000

TOO_LARGE = "The file is larger than 5 MB."
WRONG_TYPE = uploads.WRONG_TYPE
EMPTY_FILE = uploads.EMPTY_FILE
NO_APPLICATION_NEEDED = "This program does not take applications: certificates are automatic."
NOT_EDITABLE = "This application has been submitted and can no longer be changed."
MISSING_DOCUMENT = "Upload your %(document)s."
TOO_FEW_REFEREES = "Name %(count)d referees for the letters of recommendation."
NO_SUPERVISOR_REFEREE = "One of your referees must be your supervisor."
OWN_REFEREE = "You cannot be your own referee."
LIVED_EXPERIENCE_SHORT = (
    "This board asks for at least %(months)d months of lived experience of recovery: answer yes "
    "and give the number of months."
)
LINK_INVALID = "This link is not valid. Check that you copied the whole address from the e-mail."
LINK_EXPIRED = "This link has expired. Ask the applicant to send you a new one."
LINK_USED = "This letter has already been sent. Each link can be used once."
LETTER_EMPTY = "Write your letter or upload it as a file."
NOT_A_BOARD_REVIEWER = "Only board reviewers decide applications."
OWN_APPLICATION = "You cannot decide your own application."
NOT_UNDER_REVIEW = "Only an application under review can be decided."
GIVE_REASONS = "Choose at least one reason from the list for a denial."
UNKNOWN_REASON = "Choose reasons from this program's list."
SAY_WHAT_IS_NEEDED = "Say what information the applicant should send."
NOT_WAITING_FOR_ANSWER = "The board is not waiting for an answer on this application."
ANSWER_EMPTY = "Write your answer or attach a document."
NOT_DENIED = "Only a denied application can be appealed."
APPEAL_LATE = "The appeal window closed on %(date)s: an appeal can no longer be filed."
ALREADY_APPEALED = "This denial has already been appealed."
APPEAL_GROUNDS = "Say why the decision should change."
SAME_REVIEWER = "An appeal is decided by a different board reviewer than the one who denied it."
NO_PENDING_APPEAL = "There is no appeal waiting for a decision."
CANDIDATE_TAKEN = "This candidate id is already used for another applicant."
NO_EXTERNAL_EXAM = "This program version has no external board exam."
UNKNOWN_CANDIDATE = "Unknown candidate id %(candidate)s: approve the applicant to sit first."
SCORE_INCONSISTENT = "Scaled score %(score)s is below the pass mark %(mark)s but marked pass."
DUPLICATE_RESULT = "A result for this candidate on this date is already recorded."


class ImportRejected(ValidationError):
    """The whole file is refused; ``lines`` lists (line number, message) for every bad line."""

    def __init__(self, lines: list[tuple[int, str]]):
        self.lines = lines
        super().__init__([f"Line {line}: {message}" for line, message in lines])


def _fail(message: str, field: str | None = None, **params) -> ValidationError:
    text = _(message) % params if params else _(message)
    return ValidationError({field: text} if field else text)


# --- policies --------------------------------------------------------------------------------


def policy_requiring_application(version_id: int) -> ApplicationPolicy | None:
    return ApplicationPolicy.objects.filter(
        version_id=version_id, application_required=True
    ).first()


def is_board_reviewer(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or roles.has_role(user, roles.BOARD_REVIEWERS)
    )


# --- uploads ---------------------------------------------------------------------------------


def check_upload(uploaded, *, field: str = "file") -> tuple[bytes, str]:
    """Read an upload once and check it as every upload is checked (core.uploads: size, type
    by its first bytes, PDF active content, the virus scan where one is configured)."""
    return uploads.check_upload(uploaded, field=field, max_bytes=MAX_DOCUMENT_BYTES)


def _store(instance, field_name: str, data: bytes) -> None:
    getattr(instance, field_name).save("upload", ContentFile(data), save=False)


# --- the applicant's side --------------------------------------------------------------------


def _own(application_id: int, applicant: User, *, lock: bool = True) -> Application:
    queryset = Application.objects.select_related("version__program")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    application = queryset.filter(pk=application_id, applicant=applicant).first()
    if application is None:
        raise PermissionDenied
    return application


def _draft(application_id: int, applicant: User) -> Application:
    application = _own(application_id, applicant)
    if not application.editable:
        raise _fail(NOT_EDITABLE)
    return application


@transaction.atomic
def application_start(*, applicant: User, version: ProgramVersion) -> Application:
    """The applicant's application for this version: the one in progress, or a new draft."""
    if policy_requiring_application(version.pk) is None:
        raise _fail(NO_APPLICATION_NEEDED)
    existing = (
        Application.objects.filter(applicant=applicant, version=version)
        .exclude(status=Application.Status.DENIED)
        .first()
    )
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Application.objects.create(applicant=applicant, version=version)
    except IntegrityError:
        return (
            Application.objects.filter(applicant=applicant, version=version)
            .exclude(status=Application.Status.DENIED)
            .get()
        )


@transaction.atomic
def application_update(
    *,
    application_id: int,
    applicant: User,
    lived_experience: bool | None,
    lived_experience_months: int | None,
) -> Application:
    application = _draft(application_id, applicant)
    application.lived_experience = lived_experience
    application.lived_experience_months = lived_experience_months if lived_experience else None
    application.full_clean()
    application.save(update_fields=["lived_experience", "lived_experience_months"])
    return application


@transaction.atomic
def document_add(
    *, application_id: int, applicant: User, kind: str, uploaded
) -> ApplicationDocument:
    """A document for a draft (one per kind: a new upload replaces the old), or one sent with
    an answer while the board waits for more information."""
    application = _own(application_id, applicant)
    if kind not in DocumentKind.values:
        raise _fail("Choose which document this is.", "kind")
    if application.status == Application.Status.INFO_REQUESTED:
        kind = DocumentKind.ANSWER
    elif not application.editable:
        raise _fail(NOT_EDITABLE)
    data, content_type = check_upload(uploaded)
    if kind != DocumentKind.ANSWER:
        for old in application.documents.filter(kind=kind):
            old.file.delete(save=False)
            old.delete()
    document = ApplicationDocument(
        application=application, kind=kind, content_type=content_type, size=len(data)
    )
    _store(document, "file", data)
    document.save()
    return document


@transaction.atomic
def document_remove(*, document_id: int, applicant: User) -> None:
    document = ApplicationDocument.objects.filter(
        pk=document_id, application__applicant=applicant
    ).first()
    if document is None:
        raise PermissionDenied
    _draft(document.application_id, applicant)
    document.file.delete(save=False)
    document.delete()


@transaction.atomic
def referee_add(
    *, application_id: int, applicant: User, name: str, email: str, is_supervisor: bool = False
) -> Referee:
    application = _draft(application_id, applicant)
    if email.strip().lower() == applicant.email.lower():
        raise _fail(OWN_REFEREE, "email")
    referee = Referee(
        application=application,
        name=name.strip(),
        email=email.strip(),
        is_supervisor=is_supervisor,
    )
    referee.full_clean()
    referee.save()
    return referee


@transaction.atomic
def referee_remove(*, referee_id: int, applicant: User) -> None:
    referee = Referee.objects.filter(pk=referee_id, application__applicant=applicant).first()
    if referee is None:
        raise PermissionDenied
    _draft(referee.application_id, applicant)
    referee.delete()


def submission_problems(application: Application, policy: ApplicationPolicy) -> list[str]:
    """What still stops this draft from being submitted, in the applicant's words."""
    problems = []
    have = set(application.documents.values_list("kind", flat=True))
    for kind, label in policy.required_documents():
        if kind not in have:
            problems.append(_(MISSING_DOCUMENT) % {"document": str(label).lower()})
    referees = list(application.referees.all())
    if len(referees) < policy.letters_required:
        problems.append(_(TOO_FEW_REFEREES) % {"count": policy.letters_required})
    if policy.supervisor_letter_required and not any(r.is_supervisor for r in referees):
        problems.append(_(NO_SUPERVISOR_REFEREE))
    if not rules.lived_experience_met(
        attested=application.lived_experience,
        months=application.lived_experience_months,
        minimum=policy.lived_experience_min_months,
    ):
        problems.append(_(LIVED_EXPERIENCE_SHORT) % {"months": policy.lived_experience_min_months})
    return problems


def _event(application: Application, kind: str, *, actor=None, text="", reasons=()) -> None:
    event = ApplicationEvent.objects.create(
        application=application, kind=kind, actor=actor, text=text, reasons=list(reasons)
    )
    if kind in ApplicationEvent.DECISIONS:
        jobs.enqueue(send_decision_job, event.pk)


def _start_review(application: Application, today: date) -> None:
    application.status = Application.Status.UNDER_REVIEW
    application.clock_started_on = today
    application.save(update_fields=["status", "clock_started_on"])
    _event(application, ApplicationEvent.Kind.COMPLETE)


@transaction.atomic
def application_submit(
    *, application_id: int, applicant: User, today: date | None = None
) -> Application:
    """Submit a complete draft: referees get their links (the clock starts once every letter is
    in); without letters to wait for, the application goes straight to review."""
    today = today or timezone.localdate()
    application = _draft(application_id, applicant)
    policy = policy_requiring_application(application.version_id)
    if policy is None:
        raise _fail(NO_APPLICATION_NEEDED)
    problems = submission_problems(application, policy)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    application.submitted_at = now
    application.status = Application.Status.AWAITING_REFEREES
    application.save(update_fields=["submitted_at", "status"])
    _event(application, ApplicationEvent.Kind.SUBMITTED, actor=applicant)
    referees = list(application.referees.all())
    for referee in referees:
        referee.nonce = secrets.token_hex(16)
        referee.invited_at = now
        referee.link_expires_at = now + timedelta(days=policy.referee_link_days)
        referee.save(update_fields=["nonce", "invited_at", "link_expires_at"])
        jobs.enqueue(send_referee_invitation_job, referee.pk)
    if not referees:
        _start_review(application, today)
    return application


# --- referees --------------------------------------------------------------------------------


def referee_for_token(token: str, *, now=None) -> Referee:
    """The referee this link belongs to, if it may still be used; else a ValidationError whose
    message says why (invalid, expired, used)."""
    now = now or timezone.now()
    parts = tokens.read(token)
    referee = None
    if parts is not None:
        referee = (
            Referee.objects.select_related("application__applicant", "application__version")
            .filter(pk=parts[0])
            .first()
        )
    if referee is not None and referee.received_at is not None:
        raise ValidationError(_(LINK_USED), code="used")
    if referee is None or not referee.nonce or not secrets.compare_digest(referee.nonce, parts[1]):
        raise ValidationError(_(LINK_INVALID), code="invalid")
    if referee.link_expires_at is None or referee.link_expires_at <= now:
        raise ValidationError(_(LINK_EXPIRED), code="expired")
    return referee


@transaction.atomic
def letter_submit(
    *, token: str, text: str = "", uploaded=None, today: date | None = None
) -> Referee:
    """The referee's letter, written or uploaded, once. The last letter in starts the board's
    review (and its clock)."""
    today = today or timezone.localdate()
    found = referee_for_token(token)
    referee = Referee.objects.select_for_update().get(pk=found.pk)
    if referee.received_at is not None:
        raise ValidationError(_(LINK_USED), code="used")
    text = text.strip()
    if len(text) > MAX_LETTER_CHARS:
        raise _fail("The letter is longer than %(n)d characters.", "text", n=MAX_LETTER_CHARS)
    data = content_type = None
    if uploaded is not None:
        data, content_type = check_upload(uploaded, field="letter_file")
    if not text and data is None:
        raise _fail(LETTER_EMPTY)
    referee.letter_text = text
    if data is not None:
        referee.content_type = content_type
        _store(referee, "letter_file", data)
    referee.received_at = timezone.now()
    referee.nonce = ""  # the link is spent
    referee.save()
    application = Application.objects.select_for_update().get(pk=referee.application_id)
    _event(application, ApplicationEvent.Kind.LETTER_RECEIVED)
    if (
        application.status == Application.Status.AWAITING_REFEREES
        and not application.referees.filter(received_at__isnull=True).exists()
    ):
        _start_review(application, today)
    return referee


# --- the board's side ------------------------------------------------------------------------


def _for_board(application_id: int, reviewer: User) -> Application:
    if not is_board_reviewer(reviewer):
        raise PermissionDenied(_(NOT_A_BOARD_REVIEWER))
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("version__program", "applicant")
        .get(pk=application_id)
    )
    if application.applicant_id == reviewer.pk:
        raise PermissionDenied(_(OWN_APPLICATION))
    return application


@transaction.atomic
def request_information(
    *, application_id: int, reviewer: User, text: str, today: date | None = None
) -> Application:
    """Ask the applicant for more: the decision clock stops until they answer."""
    today = today or timezone.localdate()
    application = _for_board(application_id, reviewer)
    if application.status != Application.Status.UNDER_REVIEW:
        raise _fail(NOT_UNDER_REVIEW)
    if not text.strip():
        raise _fail(SAY_WHAT_IS_NEEDED, "text")
    application.status = Application.Status.INFO_REQUESTED
    application.save(update_fields=["status"])
    ClockPause.objects.create(application=application, started_on=today)
    _event(application, ApplicationEvent.Kind.INFO_REQUESTED, actor=reviewer, text=text.strip())
    return application


@transaction.atomic
def answer_information(
    *, application_id: int, applicant: User, text: str, today: date | None = None
) -> Application:
    """The applicant's answer (documents sent with it are uploaded first): the clock runs
    again."""
    today = today or timezone.localdate()
    application = _own(application_id, applicant)
    if application.status != Application.Status.INFO_REQUESTED:
        raise _fail(NOT_WAITING_FOR_ANSWER)
    asked_at = (
        application.events.filter(kind=ApplicationEvent.Kind.INFO_REQUESTED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    sent_since = asked_at and application.documents.filter(
        kind=DocumentKind.ANSWER, uploaded_at__gte=asked_at
    )
    if not text.strip() and not (sent_since and sent_since.exists()):
        raise _fail(ANSWER_EMPTY, "text")
    application.status = Application.Status.UNDER_REVIEW
    application.save(update_fields=["status"])
    ClockPause.objects.filter(application=application, ended_on__isnull=True).update(ended_on=today)
    _event(application, ApplicationEvent.Kind.ANSWERED, actor=applicant, text=text.strip())
    return application


@transaction.atomic
def application_decide(
    *,
    application_id: int,
    reviewer: User,
    approve: bool,
    reason_ids: Sequence[int] = (),
    text: str = "",
) -> Application:
    """Approve (the certificate follows as soon as every requirement is met: now, if they are)
    or deny with reasons from the program's list plus text."""
    application = _for_board(application_id, reviewer)
    if application.status != Application.Status.UNDER_REVIEW:
        raise _fail(NOT_UNDER_REVIEW)
    reasons: list[str] = []
    if not approve:
        if not reason_ids:
            raise _fail(GIVE_REASONS, "reasons")
        found = list(
            DenialReason.objects.filter(
                pk__in=list(reason_ids), policy__version_id=application.version_id
            ).order_by("sort_order", "pk")
        )
        if len(found) != len(set(reason_ids)):
            raise _fail(UNKNOWN_REASON, "reasons")
        reasons = [reason.text for reason in found]
    application.status = Application.Status.APPROVED if approve else Application.Status.DENIED
    application.decided_at = timezone.now()
    application.decided_by = reviewer
    application.save(update_fields=["status", "decided_at", "decided_by"])
    kind = ApplicationEvent.Kind.APPROVED if approve else ApplicationEvent.Kind.DENIED
    _event(application, kind, actor=reviewer, text=text.strip(), reasons=reasons)
    if approve:
        _issue(application)
    return application


def _issue(application: Application) -> None:
    """The requirement hook (wagtail_hooks.py) now sees an approved application: every other
    requirement met, the full certificate is issued now (or a provisional one converted).
    Otherwise, where the version has a provisional stage (Texas: 6 months while the rest is
    completed), the board's approval grants that stage; without one, the certificate follows
    as soon as the remaining requirements are met."""
    trainee, version = application.applicant, application.version
    if certificate_services.certificate_request_if_eligible(trainee=trainee, version=version):
        return
    if (
        version.has_provisional_stage
        and not Certificate.objects.filter(holder=trainee, version=version).exists()
    ):
        certificate_services.certificate_grant(
            trainee=trainee, version=version, stage=Certificate.Stage.PROVISIONAL
        )


@transaction.atomic
def appeal_file(
    *, application_id: int, applicant: User, grounds: str, today: date | None = None
) -> Appeal:
    today = today or timezone.localdate()
    application = _own(application_id, applicant)
    if application.status != Application.Status.DENIED or application.decided_at is None:
        raise _fail(NOT_DENIED)
    if Appeal.objects.filter(application=application).exists():
        raise _fail(ALREADY_APPEALED)
    policy = ApplicationPolicy.objects.filter(version_id=application.version_id).first()
    window = policy.appeal_days if policy else 30
    denied_on = timezone.localdate(application.decided_at)
    if not rules.appeal_open(denied_on=denied_on, window_days=window, today=today):
        last = rules.appeal_deadline(denied_on=denied_on, window_days=window)
        raise _fail(APPEAL_LATE, date=last.isoformat())
    if not grounds.strip():
        raise _fail(APPEAL_GROUNDS, "grounds")
    appeal = Appeal.objects.create(application=application, grounds=grounds.strip()[:4000])
    _event(application, ApplicationEvent.Kind.APPEALED, actor=applicant)
    return appeal


@transaction.atomic
def appeal_decide(*, application_id: int, reviewer: User, grant: bool, text: str) -> Appeal:
    """A different board reviewer than the one who denied decides; granted, the application
    is approved (and the certificate follows)."""
    application = _for_board(application_id, reviewer)
    appeal = Appeal.objects.select_for_update().filter(application=application).first()
    if appeal is None or appeal.outcome != Appeal.Outcome.PENDING:
        raise _fail(NO_PENDING_APPEAL)
    if application.decided_by_id == reviewer.pk:
        raise PermissionDenied(_(SAME_REVIEWER))
    if not text.strip():
        raise _fail("Give the reasons for the appeal decision; the applicant sees them.", "text")
    appeal.outcome = Appeal.Outcome.GRANTED if grant else Appeal.Outcome.UPHELD
    appeal.decided_by = reviewer
    appeal.decided_at = timezone.now()
    appeal.decision_text = text.strip()
    appeal.save()
    kind = ApplicationEvent.Kind.APPEAL_GRANTED if grant else ApplicationEvent.Kind.APPEAL_UPHELD
    _event(application, kind, actor=reviewer, text=text.strip())
    if grant:
        application.status = Application.Status.APPROVED
        application.decided_at = appeal.decided_at
        application.decided_by = reviewer
        application.save(update_fields=["status", "decided_at", "decided_by"])
        _issue(application)
    return appeal


# --- external board exams --------------------------------------------------------------------


@transaction.atomic
def exam_approve(*, application_id: int, reviewer: User, candidate_id: str) -> ExamEligibility:
    """Approval to sit the external exam, under the vendor's candidate id."""
    application = _for_board(application_id, reviewer)
    policy = ApplicationPolicy.objects.filter(version_id=application.version_id).first()
    if policy is None or not policy.external_exam_name:
        raise _fail(NO_EXTERNAL_EXAM)
    candidate_id = candidate_id.strip()
    if not candidate_id or len(candidate_id) > 40:
        raise _fail("Give the vendor's candidate id (at most 40 characters).", "candidate_id")
    if (
        ExamEligibility.objects.filter(candidate_id=candidate_id)
        .exclude(application=application)
        .exists()
    ):
        raise _fail(CANDIDATE_TAKEN, "candidate_id")
    eligibility, _created = ExamEligibility.objects.update_or_create(
        application=application,
        defaults={"candidate_id": candidate_id, "approved_by": reviewer},
    )
    _event(
        application,
        ApplicationEvent.Kind.EXAM_APPROVED,
        actor=reviewer,
        text=_("You may sit the %(exam)s.") % {"exam": policy.external_exam_name},
    )
    return eligibility


@transaction.atomic
def exam_results_import(*, text: str, actor: User, today: date | None = None) -> ExamImport:
    """Every line checked, nothing saved unless every line is good (ImportRejected lists the
    bad lines). Passing results count toward the requirements: the issuance check runs again
    for each person with a new pass."""
    today = today or timezone.localdate()
    if not is_board_reviewer(actor):
        raise PermissionDenied(_(NOT_A_BOARD_REVIEWER))
    rows, errors = rules.parse_results(text, today=today)
    problems = [(error.line, error.message) for error in errors]
    eligibilities = {
        e.candidate_id: e
        for e in ExamEligibility.objects.select_related(
            "application__version__application_policy", "application__applicant"
        ).filter(candidate_id__in=[row.candidate_id for row in rows])
    }
    existing = set(
        ExamResult.objects.filter(eligibility__in=eligibilities.values()).values_list(
            "eligibility__candidate_id", "taken_on"
        )
    )
    for row in rows:
        eligibility = eligibilities.get(row.candidate_id)
        if eligibility is None:
            problems.append((row.line, _(UNKNOWN_CANDIDATE) % {"candidate": row.candidate_id}))
            continue
        if (row.candidate_id, row.taken_on) in existing:
            problems.append((row.line, _(DUPLICATE_RESULT)))
            continue
        policy = getattr(eligibility.application.version, "application_policy", None)
        mark = policy.external_exam_pass_score if policy else None
        if row.passed and mark is not None and row.scaled_score < mark:
            problems.append(
                (row.line, _(SCORE_INCONSISTENT) % {"score": row.scaled_score, "mark": mark})
            )
    if not rows and not problems:
        problems.append((2, _("The file has no results.")))
    if problems:
        raise ImportRejected(sorted(problems))
    batch = ExamImport.objects.create(imported_by=actor, rows=len(rows))
    ExamResult.objects.bulk_create(
        ExamResult(
            eligibility=eligibilities[row.candidate_id],
            taken_on=row.taken_on,
            scaled_score=row.scaled_score,
            passed=row.passed,
            batch=batch,
        )
        for row in rows
    )
    for row in rows:
        if row.passed:
            application = eligibilities[row.candidate_id].application
            certificate_services.requirements_changed(trainee=application.applicant)
    return batch


# --- retention -------------------------------------------------------------------------------


def _final_on(application: Application) -> date | None:
    """The day the decision became final: approval, an appeal's decision, or a denial whose
    appeal window ended unused."""
    if application.decided_at is None:
        return None
    decided_on = timezone.localdate(application.decided_at)
    if application.status == Application.Status.APPROVED:
        return decided_on
    appeal = getattr(application, "appeal", None)
    if appeal is not None:
        return timezone.localdate(appeal.decided_at) if appeal.decided_at else None
    policy = getattr(application.version, "application_policy", None)
    window = policy.appeal_days if policy else 30
    return rules.appeal_deadline(denied_on=decided_on, window_days=window)


def purge_due(*, today: date | None = None) -> int:
    """For the daily run: documents and letters of applications whose decision became final
    more than the policy's retention years ago are deleted (files and rows); the history
    stays. Returns how many applications were purged. Safe to run twice."""
    today = today or timezone.localdate()
    purged = 0
    candidates = Application.objects.filter(
        status__in=[Application.Status.APPROVED, Application.Status.DENIED],
        decided_at__isnull=False,
        documents_purged_at__isnull=True,
    ).select_related("version__application_policy", "appeal")
    for application in candidates:
        final = _final_on(application)
        policy = getattr(application.version, "application_policy", None)
        years = policy.retention_years if policy else 6
        if final is None or rules.purge_on(decided_on=final, retention_years=years) > today:
            continue
        with transaction.atomic():
            for document in application.documents.all():
                document.file.delete(save=False)
            application.documents.all().delete()
            for referee in application.referees.all():
                if referee.letter_file:
                    referee.letter_file.delete(save=False)
            application.referees.update(letter_text="", letter_file="", content_type="")
            application.documents_purged_at = timezone.now()
            application.save(update_fields=["documents_purged_at"])
            _event(application, ApplicationEvent.Kind.DOCUMENTS_PURGED)
        purged += 1
    return purged
