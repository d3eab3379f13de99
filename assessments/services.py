"""Writes for assessments: the attempt engine, hand grading and regrading.

Keyword-only and atomic. Two row locks keep concurrent requests honest:
- starting an attempt locks the trainee's enrolment row, so parallel starts queue up and
  never exceed the attempt limit;
- saving, submitting and hand-grading lock the attempt row, so twenty parallel submits grade once
  and an autosave can never land after the attempt was graded.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from core.jobs import enqueue
from core.mail_language import language_of
from courses.models import CoursePage, Enrollment
from courses.selectors import course_state

from . import blueprint, grading, translation
from .jobs import send_result_email as send_result_email_job
from .models import (
    Accommodation,
    AssessmentPage,
    Attempt,
    AttemptQuestion,
    AttemptState,
    Question,
    Regrade,
    Response,
)
from .selectors import can_grade, start_refusal
from .signals import attempt_graded

if TYPE_CHECKING:
    from accounts.models import User

# Answers that arrive up to this long after the deadline still count: network latency and a
# last autosave in flight should not cost a trainee their final answer.
GRACE_SECONDS = 30

NOT_ENROLLED = "Enrol in the course before taking its assessments."
MODULE_LOCKED = "This assessment opens when the previous module is complete."
EXAM_LOCKED = (
    "This exam opens when every module of the course is complete: all its lessons done and its "
    "quiz passed."
)
NO_QUESTIONS = "This assessment has no published questions yet."
ATTEMPT_FINISHED = "This attempt has already been submitted, so these answers were not saved."
DEADLINE_PASSED = (
    "Time is up: this attempt was submitted with the answers saved before the deadline. "
    "Answers sent after the deadline were not accepted."
)
STALE_PAGE = (
    "This page is out of date: it sent answers for questions that are not part of this "
    "attempt. Reload the page and try again."
)
INVALID_ANSWER = "An answer does not fit its question. Reload the page and try again."
NOT_WAITING_FOR_GRADING = "This answer is not waiting for grading."


def deadline_for(*, assessment: AssessmentPage, started_at: datetime, extra_minutes: int = 0):
    deadline = None
    if assessment.time_limit_minutes:
        deadline = started_at + timedelta(minutes=assessment.time_limit_minutes + extra_minutes)
    if assessment.closes_at and (deadline is None or assessment.closes_at < deadline):
        deadline = assessment.closes_at
    return deadline


def is_overdue(attempt: Attempt, now: datetime) -> bool:
    """Past the deadline and its grace: nothing more may be saved."""
    return attempt.deadline is not None and now > attempt.deadline + timedelta(
        seconds=GRACE_SECONDS
    )


@transaction.atomic
def attempt_start(
    *,
    trainee: User,
    assessment: AssessmentPage,
    now: datetime | None = None,
    rng: random.Random | None = None,
    language: str | None = None,
) -> Attempt:
    """Start an attempt, or return the one in progress (resume). The draw is made here, once,
    and persisted with the live revision of every question.

    ``language`` is the trainee's language now (the page they started from; else their
    account's preferred language): the attempt shows each question's version in it, where one
    exists, for its whole length. The draw and the grading do not depend on it."""
    now = now or timezone.now()
    if language not in dict(settings.LANGUAGES):
        language = language_of(trainee)
    rng = rng or random.SystemRandom()
    course = CoursePage.objects.ancestor_of(assessment).get()
    enrollment = (
        Enrollment.objects.select_for_update()
        .active()
        .filter(trainee=trainee, course=course)
        .first()
    )
    if enrollment is None:
        raise PermissionDenied(_(NOT_ENROLLED))
    state = course_state(course=course, user=trainee)
    if state.is_locked(assessment):
        in_module = state.module_of(assessment) is not None
        raise PermissionDenied(_(MODULE_LOCKED) if in_module else _(EXAM_LOCKED))

    attempts = list(
        Attempt.objects.filter(trainee=trainee, assessment=assessment).order_by("number")
    )
    current = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    if current is not None:
        if not is_overdue(current, now):
            return current
        attempt_submit(attempt=current, now=now, auto=True)
        current.refresh_from_db()
    accommodation = Accommodation.objects.filter(trainee=trainee, assessment=assessment).first()
    refusal = start_refusal(
        assessment=assessment, attempts=attempts, accommodation=accommodation, now=now
    )
    if refusal:
        raise ValidationError(refusal)

    drawn = _draw(assessment=assessment, rng=rng, previous=attempts)
    if not drawn:
        raise ValidationError(_(NO_QUESTIONS))
    attempt = Attempt.objects.create(
        trainee=trainee,
        assessment=assessment,
        number=(attempts[-1].number + 1) if attempts else 1,
        started_at=now,
        language=language,
        deadline=deadline_for(
            assessment=assessment,
            started_at=now,
            extra_minutes=accommodation.extra_minutes if accommodation else 0,
        ),
    )
    rows = []
    for position, revision in enumerate(drawn):
        content = revision.content
        rows.append(
            AttemptQuestion(
                attempt=attempt,
                question_id=int(revision.object_id),
                revision=revision,
                qtype=content["type"],
                position=position,
                option_order=grading.display_order(
                    content["type"], content["data"], shuffle=assessment.shuffle_options, rng=rng
                ),
                max_points=Decimal(content["points"]),
            )
        )
    created = AttemptQuestion.objects.bulk_create(rows)
    Response.objects.bulk_create([Response(attempt_question=row) for row in created])
    attempt.max_score = sum((row.max_points for row in created), Decimal(0))
    attempt.save(update_fields=["max_score"])
    return attempt


def _draw(
    *, assessment: AssessmentPage, rng: random.Random, previous: list[Attempt] = ()
) -> list[Revision]:
    """Live revisions of the questions drawn, in the order they will be shown. Three queries
    (five for a blueprint exam: its weights and the pool's enemy pairs)."""
    rules = [
        grading.Rule(count=rule.count, category_id=rule.category_id, question_id=rule.question_id)
        for rule in assessment.pool_rules.all()
    ]
    categories = {rule.category_id for rule in rules if rule.category_id}
    fixed = {rule.question_id for rule in rules if rule.question_id}
    live = (
        Question.objects.filter(live=True, live_revision__isnull=False)
        .filter(Q(category_id__in=categories) | Q(pk__in=fixed))
        .order_by("pk")
        .values_list("pk", "category_id", "live_revision_id", "domain__name", "difficulty")
    )
    available: dict[int, list[int]] = {}
    revision_of: dict[int, int] = {}
    pool: list[blueprint.PoolItem] = []
    for pk, category_id, revision_id, domain, difficulty in live:
        available.setdefault(category_id, []).append(pk)
        revision_of[pk] = revision_id
        if category_id in categories and domain:
            pool.append(blueprint.PoolItem(id=pk, domain=domain, difficulty=difficulty))
    rules = [rule for rule in rules if rule.question_id is None or rule.question_id in revision_of]
    if assessment.blueprint_length:
        ids = _blueprint_form(assessment=assessment, pool=pool, previous=previous, rng=rng)
    else:
        ids = grading.draw_questions(rules, available, rng=rng)
    if assessment.shuffle_questions:
        rng.shuffle(ids)
    revisions = Revision.objects.in_bulk([revision_of[pk] for pk in ids])
    return [revisions[revision_of[pk]] for pk in ids]


def _blueprint_form(
    *,
    assessment: AssessmentPage,
    pool: list[blueprint.PoolItem],
    previous: list[Attempt],
    rng: random.Random,
) -> list[int]:
    """A blueprint exam's form: domain weights as published, enemies apart, and the items this
    trainee saw in a failed attempt kept back while the pool has others."""
    weights = {
        w.domain.name: w.weight for w in assessment.blueprint_weights.select_related("domain")
    }
    if not weights:
        return []
    ids = [item.id for item in pool]
    enemies: dict[int, set[int]] = {}
    for a, b in Question.enemies.through.objects.filter(
        from_question_id__in=ids, to_question_id__in=ids
    ).values_list("from_question_id", "to_question_id"):
        enemies.setdefault(a, set()).add(b)
    failed = [a.pk for a in previous if a.passed is False]
    seen = set(
        AttemptQuestion.objects.filter(attempt_id__in=failed).values_list("question_id", flat=True)
    )
    return blueprint.assemble(
        pool, weights, assessment.blueprint_length, enemies=enemies, avoid=seen, rng=rng
    )


@transaction.atomic
def attempt_save_answers(
    *,
    attempt: Attempt,
    answers: dict[int, object],
    flags: dict[int, bool] | None = None,
    now: datetime | None = None,
) -> Attempt:
    """Autosave: store the answers sent (keyed by attempt-question id, in display positions)
    and the "flag for review" marks of the questions the page showed (`flags`).

    Refuses answers for a finished attempt or for questions outside it. Past the deadline and its
    grace the attempt is submitted with what was saved before, and the new answers are refused.
    """
    now = now or timezone.now()
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.finished:
        raise ValidationError(_(ATTEMPT_FINISHED), code="finished")
    if is_overdue(locked, now):
        # attempt_save submits it outside this transaction, so the refusal cannot roll it back.
        raise _OverdueError(locked)
    questions = {
        aq.pk: aq
        for aq in AttemptQuestion.objects.filter(attempt=locked).select_related("response")
    }
    flags = flags or {}
    if (set(answers) | set(flags)) - set(questions):
        raise ValidationError(_(STALE_PAGE), code="stale")
    changed = []
    flag_changes = []
    for aq_id, flagged in flags.items():
        response = questions[aq_id].response
        if response.flagged != flagged:
            response.flagged = flagged
            flag_changes.append(response)
    if flag_changes:
        Response.objects.bulk_update(flag_changes, ["flagged"])
    for aq_id, raw in answers.items():
        aq = questions[aq_id]
        try:
            canonical = grading.to_canonical(aq.qtype, raw, aq.option_order)
        except grading.AnswerError:
            raise ValidationError(_(INVALID_ANSWER), code="invalid") from None
        response = aq.response
        response.answer = canonical
        response.saved_at = now
        changed.append(response)
    Response.objects.bulk_update(changed, ["answer", "saved_at"])
    return locked


class _OverdueError(Exception):
    def __init__(self, attempt):
        self.attempt = attempt


def attempt_save(
    *,
    attempt: Attempt,
    answers: dict[int, object],
    flags: dict[int, bool] | None = None,
    now: datetime | None = None,
):
    """attempt_save_answers, plus the auto-submit past the deadline (outside the refused save)."""
    now = now or timezone.now()
    try:
        return attempt_save_answers(attempt=attempt, answers=answers, flags=flags, now=now)
    except _OverdueError:
        attempt_submit(attempt=attempt, now=now, auto=True)
        raise ValidationError(_(DEADLINE_PASSED), code="deadline") from None


@transaction.atomic
def attempt_submit(*, attempt: Attempt, now: datetime | None = None, auto: bool = False) -> Attempt:
    """Submit and grade. Idempotent: a second (or twentieth, concurrent) submit returns the
    attempt as the first one left it."""
    now = now or timezone.now()
    locked = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("assessment")
        .get(pk=attempt.pk)
    )
    if locked.state != AttemptState.IN_PROGRESS:
        return locked
    locked.submitted_at = now
    locked.auto_submitted = auto or is_overdue(locked, now)
    grade_attempt(attempt=locked, now=now)
    _announce_if_graded(locked)
    return locked


def _announce_if_graded(attempt: Attempt, *, regrade: bool = False) -> None:
    if attempt.state == AttemptState.GRADED:
        attempt_graded.send(sender=Attempt, attempt=attempt, regrade=regrade)


def _question_dict(content: dict, language: str = translation.ORIGINAL_LANGUAGE) -> dict:
    """What grading reads of a revision: the original's data (a translation shares its indices),
    with a short answer's accepted answers in the attempt's language added."""
    return {
        "type": content["type"],
        "points": content["points"],
        "data": translation.graded_data(content, language),
    }


def grade_attempt(
    *,
    attempt: Attempt,
    now: datetime,
    contents: dict[int, dict] | None = None,
    save: bool = True,
    unmapped: list[dict] | None = None,
) -> list[Response]:
    """Score every response of a submitted attempt in a fixed number of queries. `contents`
    (question id → revision content) replaces the revisions shown, for a regrade: each answer is
    carried over to that content by grading.map_answer, and an answer that cannot be carried over
    keeps its score (and its question's maximum), with the reason appended to `unmapped`."""
    rows = list(
        AttemptQuestion.objects.filter(attempt=attempt).select_related("revision", "response")
    )
    responses, score, needs_hand = [], Decimal(0), False
    max_score = Decimal(0)
    language = attempt.language
    for aq in rows:
        shown = aq.revision.content
        question = shown_question = _question_dict(shown, language)
        response = aq.response
        answer, rubric_points = response.answer, response.rubric_points
        current = (contents or {}).get(aq.question_id)
        if current is not None:
            carried = _carry_over(question, _question_dict(current, language), response)
            if carried.ok:
                question = _question_dict(current, language)
                answer, rubric_points = carried.answer
            else:
                # Scored as before, against the revision shown (see assessment_regrade).
                if unmapped is not None:
                    unmapped.append(
                        {
                            "question": shown.get("key", str(aq.question_id)),
                            "position": aq.position + 1,
                            "reason": carried.problem,
                        }
                    )
                needs_hand = needs_hand or (aq.qtype == "essay" and response.graded_at is None)
                max_score += aq.max_points
                score += response.points or 0
                responses.append(response)
                continue
        if question["type"] == "essay":
            if response.graded_at is None:
                needs_hand = True
                response.points = None
            elif question != shown_question:
                response.points = grading.grade_essay(question, rubric_points)
        else:
            response.points = grading.grade(question, answer)
        aq.max_points = Decimal(question["points"])
        max_score += aq.max_points
        score += response.points or 0
        responses.append(response)
    _settle(attempt, score=score, max_score=max_score, needs_hand=needs_hand, now=now)
    if save:
        Response.objects.bulk_update(responses, ["points"])
        if contents is not None:
            AttemptQuestion.objects.bulk_update(rows, ["max_points"])
        attempt.save()
    return responses


def _settle(
    attempt: Attempt, *, score: Decimal, max_score: Decimal, needs_hand: bool, now: datetime
) -> None:
    attempt.score = score.quantize(grading.CENT)  # "0.00", as the database gives it back
    attempt.max_score = max_score
    if needs_hand:
        attempt.state = AttemptState.NEEDS_GRADING
        attempt.percent = attempt.passed = None
    else:
        attempt.state = AttemptState.GRADED
        attempt.percent = grading.percent(score, max_score)
        attempt.passed = attempt.percent >= attempt.assessment.pass_mark
        attempt.graded_at = attempt.graded_at or now


def _total_from_stored_points(*, attempt: Attempt, now: datetime) -> None:
    """Total an attempt from the points already recorded on its responses. Hand grading uses
    this rather than grade_attempt: re-scoring the other answers against the revisions shown
    would silently undo a regrade that had carried them over to a corrected question."""
    rows = AttemptQuestion.objects.filter(attempt=attempt).select_related("response")
    score, max_score, needs_hand = Decimal(0), Decimal(0), False
    for aq in rows:
        score += aq.response.points or 0
        max_score += aq.max_points
        needs_hand = needs_hand or (aq.qtype == "essay" and aq.response.graded_at is None)
    _settle(attempt, score=score, max_score=max_score, needs_hand=needs_hand, now=now)
    attempt.save()


def _carry_over(shown: dict, current: dict, response: Response) -> grading.MappedAnswer:
    """The response's (answer, rubric points) in the current revision's terms, or why not.
    Only the answer is re-expressed: the stored answer stays in the indices of the revision
    shown, which the attempt keeps pointing at."""
    mapped = grading.map_answer(shown, current, response.answer)
    if not mapped.ok:
        return mapped
    rubric_points = response.rubric_points
    if shown["type"] == "essay" and response.graded_at is not None:
        rubric = grading.map_rubric_points(shown["data"], current["data"], rubric_points)
        if not rubric.ok:
            return rubric
        rubric_points = rubric.answer
    return grading.MappedAnswer((mapped.answer, rubric_points))


def submit_overdue_attempts(*, now: datetime | None = None) -> int:
    """Submit every attempt left open past its deadline (a sweep for closed browser tabs)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=GRACE_SECONDS)
    overdue = Attempt.objects.filter(state=AttemptState.IN_PROGRESS, deadline__lt=cutoff)
    count = 0
    for attempt in overdue:
        attempt_submit(attempt=attempt, now=now, auto=True)
        count += 1
    return count


@transaction.atomic
def essay_grade(
    *,
    response: Response,
    grader: User,
    rubric_points: list,
    comment: str = "",
    now: datetime | None = None,
    notify: bool = True,
) -> Attempt:
    """Record a hand grade against the rubric. When the attempt's last essay is graded its result
    is final and the trainee is e-mailed (after commit)."""
    now = now or timezone.now()
    aq = AttemptQuestion.objects.select_related("revision", "attempt__assessment").get(
        pk=response.attempt_question_id
    )
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("assessment")
        .get(pk=aq.attempt_id)
    )
    if not can_grade(user=grader, assessment=attempt.assessment):
        raise PermissionDenied
    if attempt.state != AttemptState.NEEDS_GRADING or aq.qtype != "essay":
        raise ValidationError(_(NOT_WAITING_FOR_GRADING))
    try:
        points = grading.grade_essay(
            _question_dict(aq.revision.content, attempt.language), rubric_points
        )
    except (ValueError, ArithmeticError) as error:
        raise ValidationError(str(error)) from None
    response = Response.objects.get(pk=response.pk)
    response.points = points
    response.rubric_points = [str(Decimal(p)) for p in rubric_points]
    response.comment = comment
    response.graded_by = grader
    response.graded_at = now
    response.save()
    _total_from_stored_points(attempt=attempt, now=now)
    _announce_if_graded(attempt)
    if attempt.state == AttemptState.GRADED and notify:
        enqueue(send_result_email_job, attempt.pk)
    return attempt


@transaction.atomic
def assessment_regrade(
    *, assessment: AssessmentPage, performed_by: User | None, dry_run: bool
) -> Regrade:
    """Re-score every finished attempt against each question's *current live* revision (after an
    instructor fixed a key or the points). The revision shown stays recorded on the attempt.
    A dry run changes nothing but is audited too; the record lists every score that changes.

    Answers are carried over to the current revision by text (grading.map_answer), so
    reordering, inserting or removing options never moves an answer onto another option. An answer
    that cannot be carried over (the option chosen was removed, a correct option was added that the
    trainee never saw, …) keeps its score: this is what Moodle does when a question's new version
    is incompatible with an attempt (it regrades that attempt against the version it was shown),
    and it lets a genuine fix reach every other attempt instead of blocking the whole regrade on
    one edited option. Those answers are listed on the returned record as ``unmapped`` (the
    dry run shows them before anything is applied); they are not score changes, so they are not
    part of ``changes``.
    """
    now = timezone.now()
    attempts = list(
        Attempt.objects.filter(assessment=assessment)
        .exclude(state=AttemptState.IN_PROGRESS)
        .select_related("assessment", "trainee")
        .order_by("pk")
    )
    question_ids = set(
        AttemptQuestion.objects.filter(attempt__in=attempts).values_list("question_id", flat=True)
    )
    live = dict(
        Question.objects.filter(pk__in=question_ids, live_revision__isnull=False).values_list(
            "pk", "live_revision_id"
        )
    )
    revisions = Revision.objects.in_bulk(live.values())
    contents = {pk: revisions[rid].content for pk, rid in live.items()}
    changes, unmapped = [], []
    for attempt in attempts:
        before = (attempt.score, attempt.percent, attempt.passed, attempt.state)
        kept: list[dict] = []
        grade_attempt(attempt=attempt, now=now, contents=contents, save=not dry_run, unmapped=kept)
        after = (attempt.score, attempt.percent, attempt.passed, attempt.state)
        who = {"attempt": attempt.pk, "trainee": str(attempt.trainee), "number": attempt.number}
        unmapped.extend({**who, **row} for row in kept)
        if before != after:
            if not dry_run:
                _announce_if_graded(attempt, regrade=True)
            changes.append(
                {
                    **who,
                    "score": [_str(before[0]), _str(after[0])],
                    "percent": [_str(before[1]), _str(after[1])],
                    "passed": [before[2], after[2]],
                }
            )
    return Regrade.objects.create(
        assessment=assessment,
        performed_by=performed_by,
        performed_at=now,
        dry_run=dry_run,
        changes=changes,
        unmapped=unmapped,
    )


def _str(value) -> str | None:
    return None if value is None else str(value)


@transaction.atomic
def question_publish(*, question: Question, user: User | None = None) -> Question:
    """Validate, save and publish a question as a new live revision."""
    question.full_clean()
    question.save()
    question.save_revision(user=user).publish(user=user)
    question.refresh_from_db()
    return question
