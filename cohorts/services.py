"""Writes for instructor-led training. Each is one transaction; those that decide who gets a
place or what is credited lock the cohort or session row first, so two requests at once (a
double tap, two tabs, two trainees taking the last place) give one answer. Error messages are
module constants the views show and the tests reuse; a refused write changes nothing."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import User
from core import jobs, uploads
from courses.services import enrollment_create

from . import rules, selectors
from .models import (
    Attendance,
    CalendarFeed,
    CheckIn,
    CheckInCode,
    Cohort,
    CohortEnrolment,
    DeliveryMode,
    OutsideTraining,
    OutsideTrainingHours,
    Session,
)
from .signals import training_hours_credited

# --- enrolment
NOT_OPEN = "This cohort is not open for enrolment."
FINISHED = "This cohort has no sessions left to join."
ALREADY_IN = "You already have a place in this cohort."
ALREADY_WAITING = "You are already on this cohort's waitlist."
OWN_COHORT = "You teach this cohort."
NOT_IN = "You are not in this cohort."
# --- attendance
NOT_INSTRUCTOR = "You do not teach this cohort."
CANCELLED = "This session is cancelled."
NOT_STARTED = "Attendance can be taken once the session has started."
NOT_ON_ROSTER = "This trainee is not enrolled in the cohort."
UNKNOWN_STATUS = "Choose present, late, left early or absent."
MINUTES_REQUIRED = "Say how many minutes they attended (1 to %(session)s)."
MINUTES_TOO_LONG = "%(minutes)s minutes is longer than the session (%(session)s minutes)."
MINUTES_NOT_NUMBER = "Minutes must be a whole number."
JOINED_REQUIRED = "Say whether they were in the room or on video."
# --- check-in
CODE_OUTSIDE_WINDOW = (
    "A check-in code can be shown from %(minutes)s minutes before the session starts until it ends."
)
NOT_ENROLLED = "Only trainees enrolled in this cohort can check in."
CHECKIN_REFUSALS = {
    rules.NOT_YET: "Check-in has not opened yet: it opens %(minutes)s minutes before the start.",
    rules.OVER: "This session is over, so check-in is closed. Ask your instructor to mark you.",
    rules.ALREADY_CHECKED_IN: "You have already checked in to this session.",
    rules.NO_CODE: "There is no check-in code for this session yet. Ask your instructor to show it.",
    rules.WRONG_CODE: "That is not the code shown in the room. Check it and try again.",
    rules.CODE_EXPIRED: "That code has expired. Ask your instructor for the new one.",
}
TOO_MANY_TRIES = "Too many wrong codes. Ask your instructor to mark your attendance."
NOT_WAITING = "This check-in has already been confirmed."
# --- outside training
FUTURE_DATE = "The training cannot end in the future."
ENDS_BEFORE_START = "The last day is before the first day."
HOURS_REQUIRED = "Give the hours in at least one training domain."
HOURS_INVALID = "Hours are a number from 0.25 to 200, in quarter hours or finer."
CERTIFICATE_REQUIRED = "Attach the certificate of completion (PDF, PNG or JPEG)."
ONLY_PENDING = "Only training waiting for review can be withdrawn."
OWN_RECORD = "You cannot review your own training."
NOT_A_REVIEWER = "Only reviewers can decide."
APPROVED_MORE_THAN_CLAIMED = "Approve at most the hours claimed (%(label)s: %(claimed)s h)."
APPROVE_NOTHING = "Approve some hours, or decline with a reason."
DECLINE_NEEDS_REASON = "Give a reason; the trainee sees it."

MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024
# Wrong check-in codes one trainee may type for one session before asking the instructor.
MAX_CODE_TRIES = 5


def _fail(message: str, **values) -> ValidationError:
    return ValidationError(_(message) % values if values else _(message))


# --- enrolment and the waitlist --------------------------------------------------------------------


def _locked_cohort(cohort_id: int) -> Cohort:
    return Cohort.objects.select_for_update().select_related("course").get(pk=cohort_id)


def _place_in_course(*, trainee: User, cohort: Cohort) -> None:
    """A place in a cohort is a place in its course: the self-paced parts open too."""
    enrollment_create(trainee=trainee, course=cohort.course)


@transaction.atomic
def cohort_join(*, trainee: User, cohort_id: int, now: datetime | None = None) -> CohortEnrolment:
    """A place if one is free and nobody is waiting for it, else the end of the waitlist."""
    now = now or timezone.now()
    cohort = _locked_cohort(cohort_id)
    if not cohort.enrolment_open or not cohort.course.live:
        raise _fail(NOT_OPEN)
    if cohort.instructors.filter(pk=trainee.pk).exists():
        raise _fail(OWN_COHORT)
    if not cohort.sessions.filter(ends_at__gt=now, cancelled=False).exists():
        raise _fail(FINISHED)
    enrolment = CohortEnrolment.objects.filter(cohort=cohort, trainee=trainee).first()
    if enrolment is not None and enrolment.status == CohortEnrolment.Status.ENROLLED:
        raise _fail(ALREADY_IN)
    if enrolment is not None and enrolment.status == CohortEnrolment.Status.WAITLISTED:
        raise _fail(ALREADY_WAITING)
    free = selectors.enrolled_count(cohort) < cohort.capacity and not selectors.waitlist(cohort)
    enrolment = enrolment or CohortEnrolment(cohort=cohort, trainee=trainee)
    enrolment.status = (
        CohortEnrolment.Status.ENROLLED if free else CohortEnrolment.Status.WAITLISTED
    )
    enrolment.queued_at = now
    enrolment.enrolled_at = now if free else None
    enrolment.withdrawn_at = None
    enrolment.promoted_at = None
    enrolment.promotion_emailed_at = None
    enrolment.save()
    if free:
        _place_in_course(trainee=trainee, cohort=cohort)
    return enrolment


@transaction.atomic
def cohort_withdraw(
    *, trainee: User, cohort_id: int, now: datetime | None = None
) -> CohortEnrolment:
    """Give up a place (or a place on the waitlist); a freed place goes to the first waiting."""
    now = now or timezone.now()
    cohort = _locked_cohort(cohort_id)
    enrolment = CohortEnrolment.objects.filter(
        cohort=cohort,
        trainee=trainee,
        status__in=[CohortEnrolment.Status.ENROLLED, CohortEnrolment.Status.WAITLISTED],
    ).first()
    if enrolment is None:
        raise _fail(NOT_IN)
    enrolment.status = CohortEnrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = now
    enrolment.save(update_fields=["status", "withdrawn_at"])
    _promote(cohort, now=now)
    return enrolment


def _promote(cohort: Cohort, *, now: datetime) -> list[CohortEnrolment]:
    """Fill free places from the waitlist in order (the cohort row is locked by the caller)."""
    waiting = selectors.waitlist(cohort)
    chosen = rules.promotions(
        capacity=cohort.capacity,
        enrolled=selectors.enrolled_count(cohort),
        waitlist=[rules.Waiting(e.pk, e.queued_at) for e in waiting],
    )
    promoted = []
    by_id = {e.pk: e for e in waiting}
    for enrolment_id in chosen:
        enrolment = by_id[enrolment_id]
        enrolment.status = CohortEnrolment.Status.ENROLLED
        enrolment.enrolled_at = now
        enrolment.promoted_at = now
        enrolment.save(update_fields=["status", "enrolled_at", "promoted_at"])
        _place_in_course(trainee=enrolment.trainee, cohort=cohort)
        from .jobs import send_promotion  # jobs import what they call when they run

        jobs.enqueue(send_promotion, enrolment.pk)
        promoted.append(enrolment)
    return promoted


@transaction.atomic
def cohort_places_changed(*, cohort_id: int, now: datetime | None = None) -> list[CohortEnrolment]:
    """After an edit (more places, enrolment reopened): the waitlist moves up in order."""
    return _promote(_locked_cohort(cohort_id), now=now or timezone.now())


# --- attendance ----------------------------------------------------------------------------------


def _locked_session(session_id: int) -> Session:
    return (
        Session.objects.select_for_update()
        .select_related("cohort__course")
        .prefetch_related("domain_hours")
        .get(pk=session_id)
    )


def _refuse_non_instructor(*, instructor: User, session: Session) -> None:
    if not selectors.cohorts_taught(instructor).filter(pk=session.cohort_id).exists():
        raise PermissionDenied(_(NOT_INSTRUCTOR))


@dataclass(frozen=True)
class Mark:
    """One roster row as the instructor submitted it. `minutes` is the raw text (or None)."""

    trainee_id: int
    status: str
    minutes: str | int | None = None
    joined: str | None = None


def _default_joined(session: Session) -> str | None:
    if session.mode == DeliveryMode.IN_PERSON:
        return Attendance.Joined.IN_PERSON
    if session.mode == DeliveryMode.LIVE_VIRTUAL:
        return Attendance.Joined.LIVE_VIRTUAL
    return None  # hybrid: the instructor says


def _parse_minutes(raw) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return int(str(raw).strip())
    except ValueError as error:
        raise _fail(MINUTES_NOT_NUMBER) from error


def resolve_mark(mark: Mark, session: Session) -> tuple[str, int, str]:
    """(status, minutes, joined) for one row, or a ValidationError saying what is wrong."""
    if mark.status not in Attendance.Status.values:
        raise _fail(UNKNOWN_STATUS)
    full = session.minutes
    minutes = _parse_minutes(mark.minutes)
    if minutes is not None and minutes > full:
        raise _fail(MINUTES_TOO_LONG, minutes=minutes, session=full)
    if minutes is not None and minutes < 0:
        raise _fail(MINUTES_REQUIRED, session=full)
    if mark.status == Attendance.Status.ABSENT:
        return (
            mark.status,
            0,
            mark.joined or _default_joined(session) or Attendance.Joined.IN_PERSON,
        )
    if mark.status == Attendance.Status.PRESENT:
        minutes = full if minutes is None else minutes
    elif minutes is None or minutes <= 0:
        raise _fail(MINUTES_REQUIRED, session=full)
    try:
        rules.check_minutes(minutes, full)
    except rules.AttendanceError as error:
        raise ValidationError(str(error)) from error
    joined = mark.joined or _default_joined(session)
    if joined not in Attendance.Joined.values:
        raise _fail(JOINED_REQUIRED)
    return mark.status, minutes, joined


@transaction.atomic
def attendance_mark(
    *,
    instructor: User,
    session_id: int,
    marks: Sequence[Mark],
    now: datetime | None = None,
) -> list[Attendance]:
    """Record the roster as submitted. Every row is checked first: one bad row (minutes beyond
    the session, a trainee not in the cohort) refuses the whole roster with an error per row,
    keyed by trainee id, and nothing is changed."""
    now = now or timezone.now()
    session = _locked_session(session_id)
    _refuse_non_instructor(instructor=instructor, session=session)
    if session.cancelled:
        raise _fail(CANCELLED)
    if now < session.starts_at:
        raise _fail(NOT_STARTED)
    allowed = set(selectors.enrolled_trainees(session.cohort_id).values_list("pk", flat=True))
    allowed |= set(session.attendance.values_list("trainee_id", flat=True))
    resolved: dict[int, tuple[str, int, str]] = {}
    errors: dict[str, list[str]] = {}
    for mark in marks:
        if mark.trainee_id not in allowed:
            errors[str(mark.trainee_id)] = [_(NOT_ON_ROSTER)]
            continue
        try:
            resolved[mark.trainee_id] = resolve_mark(mark, session)
        except ValidationError as error:
            errors[str(mark.trainee_id)] = error.messages
    if errors:
        raise ValidationError(errors)
    saved = []
    for trainee_id, (status, minutes, joined) in resolved.items():
        attendance, _created = Attendance.objects.update_or_create(
            session=session,
            trainee_id=trainee_id,
            defaults={
                "status": status,
                "minutes": minutes,
                "joined": joined,
                "marked_by": instructor,
                "marked_at": now,
            },
        )
        saved.append(attendance)
    for trainee in User.objects.filter(pk__in=list(resolved)):
        training_hours_credited.send(sender=Attendance, trainee=trainee)
    return saved


@transaction.atomic
def checkin_code_issue(
    *, instructor: User, session_id: int, now: datetime | None = None
) -> CheckInCode:
    """A fresh code to show in the room, good for the cohort's code lifetime and never past the
    session's end; only while check-in is open. It replaces any earlier code."""
    now = now or timezone.now()
    session = _locked_session(session_id)
    _refuse_non_instructor(instructor=instructor, session=session)
    if session.cancelled:
        raise _fail(CANCELLED)
    window = session.window()
    if window.state(now) != rules.OPEN:
        raise _fail(CODE_OUTSIDE_WINDOW, minutes=session.cohort.checkin_opens_minutes)
    code, _created = CheckInCode.objects.update_or_create(
        session=session,
        defaults={
            "code": CheckInCode.new_code(),
            "issued_by": instructor,
            "issued_at": now,
            "expires_at": rules.code_expiry(
                now=now, window=window, lifetime_minutes=session.cohort.checkin_code_minutes
            ),
        },
    )
    return code


def _tries_key(session: Session, trainee_id: int) -> str:
    # The start is part of the key: a rescheduled session starts counting afresh.
    return f"cohorts:checkin-tries:{session.pk}:{int(session.starts_at.timestamp())}:{trainee_id}"


@transaction.atomic
def checkin_submit(
    *, trainee: User, session_id: int, code: str, now: datetime | None = None
) -> CheckIn:
    """A trainee checks in with the code shown in the room. Refused, with nothing recorded,
    outside the session's window, a second time, with a wrong or expired code, or after too
    many wrong codes. The instructor then confirms it (checkin_confirm)."""
    now = now or timezone.now()
    session = _locked_session(session_id)
    if not CohortEnrolment.objects.filter(
        cohort_id=session.cohort_id, trainee=trainee, status=CohortEnrolment.Status.ENROLLED
    ).exists():
        raise _fail(NOT_ENROLLED)
    if session.cancelled:
        raise _fail(CANCELLED)
    tries = _tries_key(session, trainee.pk)
    if (cache.get(tries) or 0) >= MAX_CODE_TRIES:
        raise _fail(TOO_MANY_TRIES)
    shown = CheckInCode.objects.filter(session=session).first()
    outcome = rules.checkin_outcome(
        now=now,
        window=session.window(),
        given=code,
        expected=shown.code if shown else None,
        expires_at=shown.expires_at if shown else None,
        already=CheckIn.objects.filter(session=session, trainee=trainee).exists(),
    )
    if outcome == rules.WRONG_CODE:
        try:
            cache.add(tries, 0, timeout=24 * 3600)
            cache.incr(tries)
        except ValueError:
            cache.set(tries, 1, timeout=24 * 3600)
    if outcome != rules.CHECKED_IN:
        raise _fail(CHECKIN_REFUSALS[outcome], minutes=session.cohort.checkin_opens_minutes)
    try:
        with transaction.atomic():
            return CheckIn.objects.create(session=session, trainee=trainee, at=now)
    except IntegrityError as error:  # a second tap at the same moment
        raise _fail(CHECKIN_REFUSALS[rules.ALREADY_CHECKED_IN]) from error


@transaction.atomic
def checkin_confirm(
    *, instructor: User, checkin_id: int, joined: str | None = None, now: datetime | None = None
) -> Attendance:
    """The instructor confirms a check-in: the trainee is marked present (or late, credited
    from the check-in), unless the instructor has already marked them, which stands."""
    now = now or timezone.now()
    checkin = CheckIn.objects.select_for_update().get(pk=checkin_id)
    session = _locked_session(checkin.session_id)
    _refuse_non_instructor(instructor=instructor, session=session)
    if checkin.status != CheckIn.Status.WAITING:
        raise _fail(NOT_WAITING)
    checkin.status = CheckIn.Status.CONFIRMED
    checkin.confirmed_by = instructor
    checkin.confirmed_at = now
    checkin.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    arrival = rules.arrival(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        checked_in_at=checkin.at,
        late_after_minutes=session.cohort.late_after_minutes,
    )
    attendance, created = Attendance.objects.get_or_create(
        session=session,
        trainee_id=checkin.trainee_id,
        defaults={
            "status": arrival.status,
            "minutes": arrival.minutes,
            "joined": joined or _default_joined(session) or Attendance.Joined.IN_PERSON,
            "marked_by": instructor,
            "marked_at": now,
        },
    )
    if created:
        training_hours_credited.send(sender=Attendance, trainee=attendance.trainee)
    return attendance


# --- session changes -----------------------------------------------------------------------------


def schedule_fingerprint(session: Session) -> str:
    """What the enrolled are told about when it changes: when, how, where, the link, and
    whether it takes place at all."""
    material = "|".join(
        [
            session.starts_at.isoformat(),
            session.ends_at.isoformat(),
            session.mode,
            session.location,
            session.video_link,
            "cancelled" if session.cancelled else "on",
        ]
    )
    return hashlib.sha256(material.encode()).hexdigest()


@transaction.atomic
def session_saved(*, session_id: int, now: datetime | None = None) -> bool:
    """Call after a session is created or edited. The first schedule is recorded quietly; a
    later change to a session that has not ended bumps its sequence and e-mails each enrolled
    trainee once about it. True when a notice went out."""
    now = now or timezone.now()
    session = _locked_session(session_id)
    fingerprint = schedule_fingerprint(session)
    if session.notified_fingerprint == fingerprint:
        return False
    first = not session.notified_fingerprint
    session.notified_fingerprint = fingerprint
    if first or session.ends_at <= now:
        session.save(update_fields=["notified_fingerprint"])
        return False
    session.sequence += 1
    session.save(update_fields=["notified_fingerprint", "sequence"])
    from .jobs import send_session_change  # jobs import what they call when they run

    jobs.enqueue(send_session_change, session.pk, session.sequence)
    return True


# --- calendar feeds ------------------------------------------------------------------------------


def feed_token(feed: CalendarFeed) -> str:
    """The token in the feed's address, recomputed from the secret key and the feed's nonce."""
    return salted_hmac(
        "peercert.cohorts.calendar", f"{feed.user_id}:{feed.nonce}", algorithm="sha256"
    ).hexdigest()[:40]


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_enable(*, user: User) -> CalendarFeed:
    """The person's feed, switched on with a new address when it is off. Idempotent."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not feed.active:
        feed.nonce = secrets.token_hex(16)
        feed.token_sha256 = token_sha256(feed_token(feed))
        feed.created_at = timezone.now()
        feed.revoked_at = None
        feed.save()
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    """Switch the feed off: its address answers 404 from now on."""
    CalendarFeed.objects.filter(user=user, token_sha256__isnull=False).update(
        token_sha256=None, revoked_at=timezone.now()
    )


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new address; the old one stops working."""
    calendar_feed_revoke(user=user)
    return calendar_feed_enable(user=user)


def feed_is_current(feed: CalendarFeed) -> bool:
    """False when the secret key changed since the address was made (it no longer matches)."""
    return bool(feed.token_sha256) and feed.token_sha256 == token_sha256(feed_token(feed))


# --- outside training ----------------------------------------------------------------------------


def check_certificate(uploaded) -> tuple[bytes, str]:
    """Read an upload once and check it as every upload is (core.uploads: size, type by its
    first bytes, viruses where a scanner is configured, PDFs without active content)."""
    return uploads.check_upload(uploaded, field="certificate", max_bytes=MAX_CERTIFICATE_BYTES)


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise _fail(HOURS_INVALID) from error
    if (
        not hours.is_finite()
        or hours < Decimal("0.25")
        or hours > 200
        or hours != hours.quantize(Decimal("0.01"))
    ):
        raise _fail(HOURS_INVALID)
    return hours


@transaction.atomic
def outside_training_submit(
    *,
    trainee: User,
    title: str,
    provider: str,
    approval_number: str = "",
    started_on: date,
    ended_on: date,
    delivery: str,
    hours_by_domain: Mapping[int, Decimal],
    hours_by_topic: Mapping[int, Decimal] | None = None,
    certificate_data: bytes,
    certificate_type: str,
    today: date | None = None,
) -> OutsideTraining:
    """Training done elsewhere, waiting for a reviewer. The certificate must already be checked
    (check_certificate); it is stored privately under a random name."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if ended_on > today:
        errors.setdefault("ended_on", []).append(_(FUTURE_DATE))
    if ended_on < started_on:
        errors.setdefault("ended_on", []).append(_(ENDS_BEFORE_START))
    domain_rows = {k: v for k, v in hours_by_domain.items() if v not in (None, "")}
    topic_rows = {k: v for k, v in (hours_by_topic or {}).items() if v not in (None, "")}
    if not domain_rows:
        errors.setdefault("__all__", []).append(_(HOURS_REQUIRED))
    try:
        domain_rows = {k: _hours(v) for k, v in domain_rows.items()}
        topic_rows = {k: _hours(v) for k, v in topic_rows.items()}
    except ValidationError as error:
        errors.setdefault("__all__", []).extend(error.messages)
    if not certificate_data:
        errors.setdefault("certificate", []).append(_(CERTIFICATE_REQUIRED))
    elif uploads.content_type_of(certificate_data[:16]) != certificate_type:
        errors.setdefault("certificate", []).append(_(uploads.WRONG_TYPE))
    if errors:
        raise ValidationError(errors)
    record = OutsideTraining(
        trainee=trainee,
        title=title.strip(),
        provider=provider.strip(),
        approval_number=approval_number.strip(),
        started_on=started_on,
        ended_on=ended_on,
        delivery=delivery,
        certificate_type=certificate_type,
    )
    record.full_clean(exclude=["certificate", "trainee"])
    record.certificate.save("certificate", ContentFile(certificate_data), save=False)
    record.save()
    OutsideTrainingHours.objects.bulk_create(
        [
            OutsideTrainingHours(record=record, domain_id=k, hours_claimed=v)
            for k, v in domain_rows.items()
        ]
        + [
            OutsideTrainingHours(record=record, topic_id=k, hours_claimed=v)
            for k, v in topic_rows.items()
        ]
    )
    return record


@transaction.atomic
def outside_training_withdraw(*, trainee: User, record_id: int) -> None:
    record = OutsideTraining.objects.select_for_update().get(pk=record_id, trainee=trainee)
    if record.status != OutsideTraining.Status.PENDING:
        raise _fail(ONLY_PENDING)
    name = record.certificate.name
    record.delete()
    if name:
        storage = record.certificate.storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def outside_training_review(
    *,
    reviewer: User,
    record_id: int,
    approve: bool,
    approved_hours: Mapping[int, Decimal] | None = None,
    reason: str = "",
) -> OutsideTraining:
    """A reviewer approves hours row by row (never more than claimed; a row left out or at 0
    is not approved) or declines with a reason. The trainee is e-mailed once."""
    if not selectors.can_review(reviewer):
        raise PermissionDenied(_(NOT_A_REVIEWER))
    record = OutsideTraining.objects.select_for_update().get(pk=record_id)
    if record.trainee_id == reviewer.pk:
        raise PermissionDenied(_(OWN_RECORD))
    rows = list(record.domain_hours.select_related("domain", "topic"))
    approved: dict[int, Decimal] = {}
    if approve:
        for row in rows:
            value = (approved_hours or {}).get(row.pk)
            hours = Decimal("0") if value in (None, "") else Decimal(str(value))
            if hours < 0 or hours > row.hours_claimed:
                raise _fail(APPROVED_MORE_THAN_CLAIMED, label=row.label, claimed=row.hours_claimed)
            approved[row.pk] = hours
        if not any(hours > 0 for pk, hours in approved.items() if _is_domain(rows, pk)):
            raise _fail(APPROVE_NOTHING)
    record.decide(
        actor=reviewer, approve=approve, reason=reason, decline_needs=_(DECLINE_NEEDS_REASON)
    )
    for row in rows:
        row.hours_approved = approved.get(row.pk) if approve else None
        row.save(update_fields=["hours_approved"])
    if approve:
        training_hours_credited.send(sender=OutsideTraining, trainee=record.trainee)
    from .jobs import send_outside_decision  # jobs import what they call when they run

    jobs.enqueue(send_outside_decision, record.pk)
    return record


def _is_domain(rows: list[OutsideTrainingHours], pk: int) -> bool:
    return any(row.pk == pk and row.domain_id for row in rows)


# --- accounts ------------------------------------------------------------------------------------


def account_closed_cleanup(*, user: User, at: datetime | None = None) -> None:
    """A closed account gives up its places (the waitlist moves up), its calendar address and
    any outside training still waiting for review."""
    at = at or timezone.now()
    for enrolment in CohortEnrolment.objects.filter(
        trainee=user,
        status__in=[CohortEnrolment.Status.ENROLLED, CohortEnrolment.Status.WAITLISTED],
    ):
        cohort_withdraw(trainee=user, cohort_id=enrolment.cohort_id, now=at)
    calendar_feed_revoke(user=user)
    for record in OutsideTraining.objects.filter(
        trainee=user, status=OutsideTraining.Status.PENDING
    ):
        outside_training_withdraw(trainee=user, record_id=record.pk)
