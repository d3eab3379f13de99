"""Writes for practical evaluations: a trainee asks (or withdraws), an evaluator schedules and
scores, a second rater takes and gives a sampled rating. Each is one transaction that locks the
evaluation row first, so two submissions at once give one result; the tables' unique
constraints say the same where a database has no row locks.

Error messages are module constants the views show and the tests reuse."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from core import jobs

from . import rules, selectors
from .models import ANCHOR_FIELDS, Evaluation, Instrument, Rating, Score
from .signals import evaluation_completed

# Refusals, in English (tests reuse them); raised translated into the reader's language.
NOT_LIVE = gettext_noop("This evaluation is not offered at the moment.")
ALREADY_OPEN = gettext_noop("You already have a request for this evaluation.")
ALREADY_PASSED = gettext_noop("You have passed this evaluation.")
NO_ATTEMPTS_LEFT = gettext_noop("You have used every attempt this evaluation allows.")
COOLDOWN = gettext_noop("You can ask again from %(date)s.")
PREREQUISITES = gettext_noop("Complete these first: %(missing)s.")
NOT_OPEN = gettext_noop("This evaluation is no longer open.")
NOT_YOURS = gettext_noop("This evaluation is assigned to another evaluator.")
NOT_ON_PANEL = gettext_noop("You are not an evaluator for this course.")
MODE_REQUIRED = gettext_noop("Choose in person or video.")
LOCATION_REQUIRED = gettext_noop("Say where the evaluation takes place.")
VIDEO_LINK_REQUIRED = gettext_noop("Give the video link (https://…).")
BEFORE_REQUEST = gettext_noop("Choose a time after the trainee asked for the evaluation.")
NOT_SCHEDULED = gettext_noop("Schedule the evaluation before scoring it.")
ALREADY_FINAL = gettext_noop("This evaluation already has its final result.")
ALREADY_RATED = gettext_noop("You have already submitted your rating.")
SECOND_NOT_WANTED = gettext_noop("This evaluation does not need a second rating.")
SECOND_TAKEN = gettext_noop("Another evaluator gives the second rating.")
PRIMARY_CANNOT_SECOND = gettext_noop("The evaluator of record cannot also be its second rater.")
COMMENT_REQUIRED = gettext_noop("Write the feedback the trainee will read.")
NOT_A_RATER = gettext_noop("You are not a rater of this evaluation.")

_REFUSALS = {
    rules.OPEN_REQUEST: ALREADY_OPEN,
    rules.PASSED: ALREADY_PASSED,
    rules.NO_ATTEMPTS_LEFT: NO_ATTEMPTS_LEFT,
}


def _locked(evaluation_id: int) -> Evaluation:
    return (
        Evaluation.objects.select_for_update()
        .select_related("instrument", "revision")
        .get(pk=evaluation_id)
    )


def _refuse_conflict(*, evaluator: User, evaluation: Evaluation) -> None:
    reason = selectors.conflicts_of(evaluator).reason(
        trainee_id=evaluation.trainee_id, instrument=evaluation.instrument
    )
    if reason:
        raise ValidationError(_(reason))


def _refuse_off_panel(*, evaluator: User, evaluation: Evaluation) -> None:
    if evaluation.instrument.course_id not in selectors.panel_course_ids(evaluator):
        raise ValidationError(_(NOT_ON_PANEL))


# --- trainees --------------------------------------------------------------------------------


@transaction.atomic
def evaluation_request(
    *, trainee: User, instrument: Instrument, now: datetime | None = None
) -> Evaluation:
    """Ask for an evaluation on the instrument's live revision. Sampled for a second rater now,
    so that rater can be at the session."""
    now = now or timezone.now()
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if not instrument.live or instrument.live_revision_id is None:
        raise ValidationError(_(NOT_LIVE))
    state = selectors.trainee_instrument_state(
        trainee=trainee, instrument=instrument, today=timezone.localdate(now)
    )
    if not state.may_request:
        if state.status == rules.COOLDOWN:
            when = formats.date_format(state.next_on, "j F Y")  # "6 de diciembre de 2026"
            raise ValidationError(_(COOLDOWN) % {"date": when})
        if state.status == rules.PREREQUISITES:
            raise ValidationError(_(PREREQUISITES) % {"missing": "; ".join(state.missing)})
        raise ValidationError(_(_REFUSALS[state.status]))
    evaluation = Evaluation(
        trainee=trainee,
        instrument=instrument,
        revision_id=instrument.live_revision_id,
        requested_at=now,
        second_rating_wanted=rules.sampled(
            instrument.second_rater_percent, secrets.randbelow(rules.SAMPLE_SCALE)
        ),
    )
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as error:  # a second tab asked at the same moment
        raise ValidationError(_(ALREADY_OPEN)) from error
    return evaluation


@transaction.atomic
def evaluation_withdraw(*, trainee: User, evaluation_id: int) -> Evaluation:
    """The trainee takes back a request that has no result yet."""
    evaluation = _locked(evaluation_id)
    if evaluation.trainee_id != trainee.pk:
        raise Evaluation.DoesNotExist
    if not evaluation.is_open:
        raise ValidationError(_(NOT_OPEN))
    evaluation.status = Evaluation.Status.WITHDRAWN
    evaluation.save(update_fields=["status"])
    return evaluation


# --- evaluators ------------------------------------------------------------------------------


@transaction.atomic
def evaluation_schedule(
    *,
    evaluator: User,
    evaluation_id: int,
    mode: str,
    scheduled_for: datetime,
    location: str = "",
    video_link: str = "",
) -> Evaluation:
    """Take an unassigned request (or move one's own) and say when and where. In person keeps a
    location and no link; video keeps the link and no location."""
    evaluation = _locked(evaluation_id)
    if not evaluation.is_open:
        raise ValidationError(_(NOT_OPEN))
    if evaluation.evaluator_id not in (None, evaluator.pk):
        raise ValidationError(_(NOT_YOURS))
    _refuse_off_panel(evaluator=evaluator, evaluation=evaluation)
    _refuse_conflict(evaluator=evaluator, evaluation=evaluation)
    location, video_link = location.strip(), video_link.strip()
    if mode == Evaluation.Mode.IN_PERSON:
        if not location:
            raise ValidationError({"location": _(LOCATION_REQUIRED)})
        video_link = ""
    elif mode == Evaluation.Mode.VIDEO:
        if not video_link.startswith("https://"):
            raise ValidationError({"video_link": _(VIDEO_LINK_REQUIRED)})
        location = ""
    else:
        raise ValidationError({"mode": _(MODE_REQUIRED)})
    if scheduled_for < evaluation.requested_at:
        raise ValidationError({"scheduled_for": _(BEFORE_REQUEST)})
    if evaluation.second_rater_id == evaluator.pk:
        raise ValidationError(_(PRIMARY_CANNOT_SECOND))
    changed = evaluation.scheduled_for != scheduled_for or evaluation.mode != mode
    evaluation.evaluator = evaluator
    evaluation.status = Evaluation.Status.SCHEDULED
    evaluation.mode = mode
    evaluation.scheduled_for = scheduled_for
    evaluation.location = location
    evaluation.video_link = video_link
    evaluation.full_clean(
        exclude=["trainee", "instrument", "revision", "evaluator", "second_rater"]
    )
    evaluation.save()
    if changed:
        from .jobs import send_schedule_notice  # jobs import services' callers when they run

        jobs.enqueue(send_schedule_notice, evaluation.pk)
    return evaluation


@transaction.atomic
def second_rating_take(*, evaluator: User, evaluation_id: int) -> Evaluation:
    """An evaluator on the course's panel takes the sampled second rating."""
    evaluation = _locked(evaluation_id)
    if not evaluation.second_rating_wanted:
        raise ValidationError(_(SECOND_NOT_WANTED))
    if evaluation.status not in (Evaluation.Status.SCHEDULED, Evaluation.Status.COMPLETED):
        raise ValidationError(_(NOT_SCHEDULED))
    if evaluation.evaluator_id == evaluator.pk:
        raise ValidationError(_(PRIMARY_CANNOT_SECOND))
    if evaluation.second_rater_id == evaluator.pk:
        return evaluation
    if evaluation.second_rater_id is not None:
        raise ValidationError(_(SECOND_TAKEN))
    _refuse_off_panel(evaluator=evaluator, evaluation=evaluation)
    _refuse_conflict(evaluator=evaluator, evaluation=evaluation)
    evaluation.second_rater = evaluator
    evaluation.save(update_fields=["second_rater"])
    return evaluation


@transaction.atomic
def rating_submit(
    *,
    rater: User,
    evaluation_id: int,
    levels: Mapping[int, int],
    comment: str,
    notes: Mapping[int, str] | None = None,
    at: datetime | None = None,
) -> Rating:
    """One rater's scores, final once submitted. The evaluator of record's rating decides the
    result (and the trainee is e-mailed once); a second rater's is kept for calibration only.

    The evaluation row is locked first: a second submission waits, then finds the rating given
    and is refused, so two clicks (or two tabs) give one result."""
    at = at or timezone.now()
    notes = notes or {}
    evaluation = _locked(evaluation_id)
    if evaluation.evaluator_id == rater.pk:
        role = Rating.Role.PRIMARY
        if evaluation.status == Evaluation.Status.COMPLETED:
            raise ValidationError(_(ALREADY_FINAL))
        if evaluation.status != Evaluation.Status.SCHEDULED:
            raise ValidationError(_(NOT_SCHEDULED if evaluation.is_open else NOT_OPEN))
    elif evaluation.second_rater_id == rater.pk:
        role = Rating.Role.SECOND
        if evaluation.status not in (Evaluation.Status.SCHEDULED, Evaluation.Status.COMPLETED):
            raise ValidationError(_(NOT_OPEN))
    else:
        raise ValidationError(_(NOT_A_RATER))
    if evaluation.ratings.filter(role=role).exists():
        raise ValidationError(_(ALREADY_RATED))
    _refuse_conflict(evaluator=rater, evaluation=evaluation)
    if not comment.strip():
        raise ValidationError({"comment": _(COMMENT_REQUIRED)})

    instrument = evaluation.pinned_instrument()
    criteria = list(instrument.criteria.all())
    try:
        outcome = rules.grade(
            [rules.CriterionRule(id=c.pk, critical=c.critical) for c in criteria],
            levels,
            instrument.pass_rule(),
        )
    except rules.IncompleteRating as error:
        raise ValidationError(str(error)) from error
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                evaluation=evaluation,
                rater=rater,
                role=role,
                comment=comment.strip(),
                submitted_at=at,
            )
    except IntegrityError as error:  # a racing submission on a database without row locks
        raise ValidationError(_(ALREADY_RATED)) from error
    Score.objects.bulk_create(
        Score(
            rating=rating,
            criterion_id=criterion.pk,
            position=position,
            title=criterion.title,
            title_es=criterion.title_es.strip(),
            critical=criterion.critical,
            level=levels[criterion.pk],
            # Both languages' words for the level given, whatever the rater read: the trainee
            # reads the result in their own language.
            anchor=criterion.anchor(levels[criterion.pk], "en"),
            anchor_es=getattr(criterion, f"{ANCHOR_FIELDS[levels[criterion.pk]]}_es").strip(),
            note=(notes.get(criterion.pk) or "").strip()[:500],
        )
        for position, criterion in enumerate(criteria)
    )
    if role == Rating.Role.PRIMARY:
        evaluation.status = Evaluation.Status.COMPLETED
        evaluation.passed = outcome.passed
        evaluation.score_percent = outcome.percent
        evaluation.completed_at = at
        evaluation.save(update_fields=["status", "passed", "score_percent", "completed_at"])
        evaluation_completed.send(sender=Evaluation, evaluation=evaluation)
        from .jobs import send_result  # jobs import what they call when they run

        jobs.enqueue(send_result, evaluation.pk)
    return rating


# --- accounts --------------------------------------------------------------------------------


def account_closed_cleanup(*, user: User) -> None:
    """A closed account's open requests are withdrawn; what it was to evaluate goes back to the
    course's panel (second ratings not given are released too)."""
    Evaluation.objects.filter(trainee=user, status__in=Evaluation.OPEN).update(
        status=Evaluation.Status.WITHDRAWN
    )
    Evaluation.objects.filter(evaluator=user, status__in=Evaluation.OPEN).update(
        evaluator=None,
        status=Evaluation.Status.REQUESTED,
        mode="",
        scheduled_for=None,
        location="",
        video_link="",
    )
    Evaluation.objects.filter(second_rater=user).exclude(ratings__role=Rating.Role.SECOND).update(
        second_rater=None
    )
