"""Reads for practical evaluations: what a trainee may ask for, an evaluator's queue, who may
see which evaluation, results, the calibration report, and the passes certification counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop
from wagtail import hooks

from accounts import roles
from accounts.models import User
from courses.framework import localized, reader_language
from courses.models import Enrollment, LessonCompletion, LessonPage, ModulePage
from courses.permissions import courses_taught_by
from courses.selectors import course_state
from courses.translation import translated_pages

from . import rules
from .models import CourseEvaluator, Evaluation, Instrument, Rating, Score

# Who an evaluator may never score comes partly from apps above this one (certification knows
# supervisors). A function registered under this name takes (evaluator=) and returns the ids of
# the trainees that evaluator may never evaluate; certificates registers "their supervisees".
CONFLICTS_HOOK = "evaluation_conflicts"
NO_CONFLICTS_HOOK = (
    "No app answers the 'evaluation_conflicts' hook: evaluators could score their own "
    "supervisees. certificates/wagtail_hooks.py registers it; is the certificates app installed?"
)

# Why the service refuses an evaluator; the queue hides the same evaluations.
SELF_EVALUATION = gettext_noop("Nobody evaluates themselves.")
OWN_SUPERVISEE = gettext_noop("You supervise this trainee: another evaluator must score them.")
OWN_TRAINEE = gettext_noop(
    "You teach this trainee and this evaluation asks for an evaluator who does not: another "
    "evaluator must score them."
)


# --- evaluators ----------------------------------------------------------------------------------


def is_evaluator(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active) and roles.has_role(user, roles.EVALUATORS)


def panel_course_ids(evaluator: User) -> list[int]:
    """The courses whose trainees this evaluator scores (none unless they hold the role)."""
    if not is_evaluator(evaluator):
        return []
    return list(
        CourseEvaluator.objects.filter(evaluator=evaluator).values_list("course_id", flat=True)
    )


def evaluators_of(course_id: int) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        groups__name=roles.EVALUATORS,
        evaluator_panels__course_id=course_id,
    ).distinct()


@dataclass(frozen=True)
class Conflicts:
    """The trainees one evaluator may not score: never (themselves, their supervisees), and
    those they teach unless the instrument allows it."""

    evaluator_id: int
    never: frozenset[int]
    taught: frozenset[int]

    def reason(self, *, trainee_id: int, instrument: Instrument) -> str | None:
        if trainee_id == self.evaluator_id:
            return SELF_EVALUATION
        if trainee_id in self.never:
            return OWN_SUPERVISEE
        if trainee_id in self.taught and not instrument.instructors_may_evaluate:
            return OWN_TRAINEE
        return None

    def q(self) -> Q:
        """The evaluations this evaluator may score."""
        return ~Q(trainee_id__in=self.never) & ~(
            Q(trainee_id__in=self.taught) & Q(instrument__instructors_may_evaluate=False)
        )


def conflicts_of(evaluator: User) -> Conflicts:
    answers = hooks.get_hooks(CONFLICTS_HOOK)
    if not answers:
        raise ImproperlyConfigured(NO_CONFLICTS_HOOK)
    never = {evaluator.pk}
    for answer in answers:
        never.update(answer(evaluator=evaluator))
    taught = Enrollment.objects.filter(course__in=courses_taught_by(evaluator)).values_list(
        "trainee_id", flat=True
    )
    return Conflicts(evaluator_id=evaluator.pk, never=frozenset(never), taught=frozenset(taught))


_SECOND_GIVEN = Rating.objects.filter(evaluation=OuterRef("pk"), role=Rating.Role.SECOND)


def _with_people(queryset: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    return queryset.select_related("trainee", "instrument", "evaluator", "second_rater")


@dataclass
class Queue:
    assigned: list[Evaluation] = field(default_factory=list)  # mine to schedule and score
    unassigned: list[Evaluation] = field(default_factory=list)  # waiting in my courses
    second: list[Evaluation] = field(default_factory=list)  # second ratings I give or may take

    @property
    def empty(self) -> bool:
        return not (self.assigned or self.unassigned or self.second)


def waiting_for_an_evaluator_count() -> int:
    """Across the site: requests no evaluator has taken yet (an administrator's overview)."""
    return Evaluation.objects.filter(
        status=Evaluation.Status.REQUESTED, evaluator__isnull=True
    ).count()


def queue_for(evaluator: User) -> Queue:
    """An evaluator's work: open evaluations assigned to them, unassigned requests in their
    courses and second ratings wanted there — never a trainee they may not score."""
    courses = panel_course_ids(evaluator)
    if (
        not courses
        and not Evaluation.objects.filter(
            Q(evaluator=evaluator) | Q(second_rater=evaluator)
        ).exists()
    ):
        return Queue()
    conflicts = conflicts_of(evaluator)
    allowed = Evaluation.objects.filter(conflicts.q())
    assigned = _with_people(
        allowed.filter(evaluator=evaluator, status__in=Evaluation.OPEN).order_by(
            "scheduled_for", "requested_at"
        )
    )
    unassigned = _with_people(
        allowed.filter(
            evaluator__isnull=True,
            status=Evaluation.Status.REQUESTED,
            instrument__course_id__in=courses,
        ).order_by("requested_at")
    )
    second = _with_people(
        allowed.filter(
            Q(second_rater=evaluator)
            | Q(second_rater__isnull=True, instrument__course_id__in=courses),
            second_rating_wanted=True,
            status__in=[Evaluation.Status.SCHEDULED, Evaluation.Status.COMPLETED],
        )
        .exclude(evaluator=evaluator)
        .exclude(Exists(_SECOND_GIVEN))
        .order_by("scheduled_for")
    )
    return Queue(assigned=list(assigned), unassigned=list(unassigned), second=list(second))


# Who is looking at an evaluation, and as what.
TRAINEE = "trainee"
EVALUATOR = "evaluator"  # the assigned (primary) evaluator
CANDIDATE = "candidate"  # an evaluator on the course's panel; nobody is assigned yet
SECOND_RATER = "second"  # the assigned second rater
SECOND_CANDIDATE = "second_candidate"  # may take the wanted second rating


def viewer_role(*, user: User, evaluation: Evaluation) -> str | None:
    """None: this person may not see the evaluation at all (the views answer 404)."""
    if not user.is_authenticated:
        return None
    if evaluation.trainee_id == user.pk:
        return TRAINEE
    if not is_evaluator(user):
        return None
    if evaluation.evaluator_id == user.pk:
        return EVALUATOR
    if evaluation.second_rater_id == user.pk:
        return SECOND_RATER
    if evaluation.instrument.course_id not in panel_course_ids(user):
        return None
    if conflicts_of(user).reason(
        trainee_id=evaluation.trainee_id, instrument=evaluation.instrument
    ):
        return None
    if evaluation.evaluator_id is None and evaluation.status == Evaluation.Status.REQUESTED:
        return CANDIDATE
    if (
        evaluation.second_rating_wanted
        and evaluation.second_rater_id is None
        and evaluation.status in (Evaluation.Status.SCHEDULED, Evaluation.Status.COMPLETED)
        and not evaluation.ratings.filter(role=Rating.Role.SECOND).exists()
    ):
        return SECOND_CANDIDATE
    return None


def evaluation_for(*, user: User, evaluation_id: int) -> tuple[Evaluation, str]:
    """The evaluation and the viewer's role; Evaluation.DoesNotExist when it is not theirs to
    see (the same answer as for an id that does not exist)."""
    evaluation = _with_people(Evaluation.objects.all()).get(pk=evaluation_id)
    role = viewer_role(user=user, evaluation=evaluation)
    if role is None:
        raise Evaluation.DoesNotExist
    return evaluation, role


# --- trainees --------------------------------------------------------------------------------


def _prerequisites_met(*, trainee: User, instruments: list[Instrument]) -> dict[int, bool]:
    """Page pk → met, for every prerequisite of these instruments: a module when its lessons are
    done and its quizzes passed, a lesson when completed. One course state per course."""
    pages = {p.page_id for i in instruments for p in i.prerequisites.all()}
    if not pages:
        return {}
    met: dict[int, bool] = {}
    modules = set(ModulePage.objects.filter(pk__in=pages).values_list("pk", flat=True))
    lessons = set(LessonPage.objects.filter(pk__in=pages).values_list("pk", flat=True))
    done_lessons = set(
        LessonCompletion.objects.filter(trainee=trainee, lesson_id__in=lessons).values_list(
            "lesson_id", flat=True
        )
    )
    for pk in lessons:
        met[pk] = pk in done_lessons
    if modules:
        for course in {i.course for i in instruments}:
            state = course_state(course=course, user=trainee)
            for progress in state.progress.modules:
                if progress.module_id in modules:
                    met[progress.module_id] = progress.complete
    for pk in pages:
        met.setdefault(pk, False)  # a page outside the trainee's courses, or not live
    return met


def history_of(evaluations: list[Evaluation]) -> rules.History:
    """One trainee's evaluations on one instrument, as the eligibility rule reads them."""
    completed = [e for e in evaluations if e.status == Evaluation.Status.COMPLETED]
    passes = [timezone.localdate(e.completed_at) for e in completed if e.passed]
    fails = [timezone.localdate(e.completed_at) for e in completed if not e.passed]
    return rules.History(
        attempts=len(completed),
        passed_on=max(passes) if passes else None,
        last_failed_on=max(fails) if fails else None,
        open_request=any(e.is_open for e in evaluations),
    )


@dataclass
class InstrumentRow:
    instrument: Instrument
    eligibility: rules.Eligibility
    evaluations: list[Evaluation]  # this trainee's, newest first
    prerequisites: list[tuple[str, bool]]  # titles in the reader's language
    course_title: str = ""  # in the reader's language

    @property
    def open_evaluation(self) -> Evaluation | None:
        return next((e for e in self.evaluations if e.is_open), None)


def instruments_for_trainee(*, trainee: User, today: date | None = None) -> list[InstrumentRow]:
    """The live instruments of the courses the trainee is enrolled in, each with whether they
    may ask for it today and why not."""
    today = today or timezone.localdate()
    instruments = list(
        Instrument.objects.filter(
            live=True,
            course__enrollments__trainee=trainee,
            course__enrollments__withdrawn_at__isnull=True,
        )
        .select_related("course")
        .prefetch_related("prerequisites__page")
        .distinct()
        .order_by("skill")
    )
    if not instruments:
        return []
    met = _prerequisites_met(trainee=trainee, instruments=instruments)
    # Courses, modules and lessons are named as the reader reads them: by their live
    # translations where they have one (progress stays keyed by the English pages).
    shown = translated_pages(
        [i.course for i in instruments]
        + [p.page for i in instruments for p in i.prerequisites.all()],
        reader_language(),
    )
    by_instrument: dict[int, list[Evaluation]] = defaultdict(list)
    for evaluation in Evaluation.objects.filter(
        trainee=trainee, instrument__in=instruments
    ).select_related("evaluator"):
        by_instrument[evaluation.instrument_id].append(evaluation)
    rows = []
    for instrument in instruments:
        prerequisites = [
            (shown.get(p.page_id, p.page).title, met.get(p.page_id, False))
            for p in instrument.prerequisites.all()
        ]
        mine = by_instrument[instrument.pk]
        rows.append(
            InstrumentRow(
                instrument=instrument,
                eligibility=rules.eligibility(
                    prerequisites=prerequisites,
                    history=history_of(mine),
                    retake=instrument.retake_rule(),
                    today=today,
                ),
                evaluations=mine,
                prerequisites=prerequisites,
                course_title=shown.get(instrument.course_id, instrument.course).title,
            )
        )
    return rows


def trainee_instrument_state(
    *, trainee: User, instrument: Instrument, today: date | None = None
) -> rules.Eligibility:
    """Whether this trainee may ask for this instrument today (the request service's check)."""
    enrolled = Enrollment.objects.active().filter(trainee=trainee, course=instrument.course)
    if not instrument.live or not enrolled.exists():
        course = translated_pages([instrument.course], reader_language())
        title = course.get(instrument.course_id, instrument.course).title
        return rules.Eligibility(rules.PREREQUISITES, missing=(title,))
    today = today or timezone.localdate()
    met = _prerequisites_met(trainee=trainee, instruments=[instrument])
    # Titles as the reader reads them: the refusal names what to complete in their language.
    required = list(instrument.prerequisites.select_related("page"))
    shown = translated_pages([p.page for p in required], reader_language())
    return rules.eligibility(
        prerequisites=[
            (shown.get(p.page_id, p.page).title, met.get(p.page_id, False)) for p in required
        ],
        history=history_of(list(Evaluation.objects.filter(trainee=trainee, instrument=instrument))),
        retake=instrument.retake_rule(),
        today=today,
    )


def primary_rating(evaluation: Evaluation) -> Rating | None:
    return (
        evaluation.ratings.filter(role=Rating.Role.PRIMARY)
        .prefetch_related("scores")
        .select_related("rater")
        .first()
    )


def has_rated(*, evaluation: Evaluation, role: str) -> bool:
    return evaluation.ratings.filter(role=role).exists()


# --- certification -------------------------------------------------------------------------------


def latest_passes(*, trainee: User, instrument_ids: list[int]) -> dict[int, date]:
    """Instrument id → the day of the trainee's latest pass on it. One query."""
    if not instrument_ids:
        return {}
    passes: dict[int, date] = {}
    for instrument_id, completed_at in Evaluation.objects.filter(
        trainee=trainee,
        instrument_id__in=instrument_ids,
        status=Evaluation.Status.COMPLETED,
        passed=True,
    ).values_list("instrument_id", "completed_at"):
        day = timezone.localdate(completed_at)
        passes[instrument_id] = max(passes.get(instrument_id, day), day)
    return passes


@dataclass(frozen=True)
class PassedSkill:
    skill: str  # the instrument's title, as the trainee saw it
    course: str
    passed_on: date
    mode: str  # how it was observed, as words


def passed_skills(*, trainee: User) -> list[PassedSkill]:
    """The practical evaluations the trainee passed, latest pass per instrument, for their
    transcript (what they choose to share). One query."""
    latest: dict[int, PassedSkill] = {}
    for evaluation in (
        Evaluation.objects.filter(trainee=trainee, status=Evaluation.Status.COMPLETED, passed=True)
        .select_related("instrument__course")
        .order_by("completed_at")
    ):
        latest[evaluation.instrument_id] = PassedSkill(
            skill=evaluation.instrument.skill,
            course=evaluation.instrument.course.title,
            passed_on=timezone.localdate(evaluation.completed_at),
            mode=str(evaluation.get_mode_display()),
        )
    return sorted(latest.values(), key=lambda row: (row.passed_on, row.skill))


# --- calibration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalibrationRow:
    instrument: Instrument
    label: str  # a criterion's title or an evaluator's name
    result: rules.Agreement
    flag: str


@dataclass
class CalibrationReport:
    by_criterion: list[CalibrationRow]
    by_evaluator: list[CalibrationRow]
    evaluations_paired: int

    @property
    def drifting(self) -> list[CalibrationRow]:
        return [row for row in self.by_criterion + self.by_evaluator if row.flag == rules.DRIFT]


def calibration_report() -> CalibrationReport:
    """Agreement between the primary and the second rater of every doubly rated evaluation:
    per instrument and criterion, and per instrument and evaluator (each evaluator's levels
    against the other rater's on the same criteria). Three queries."""
    paired = Evaluation.objects.filter(
        Exists(Rating.objects.filter(evaluation=OuterRef("pk"), role=Rating.Role.PRIMARY)),
        Exists(Rating.objects.filter(evaluation=OuterRef("pk"), role=Rating.Role.SECOND)),
    ).values("pk")
    rows = (
        Score.objects.filter(rating__evaluation_id__in=paired)
        .order_by("rating__evaluation_id", "position")
        .values_list(
            "rating__evaluation_id",
            "rating__evaluation__instrument_id",
            "rating__role",
            "rating__rater_id",
            "criterion_id",
            "title",
            "title_es",
            "level",
        )
    )
    by_evaluation: dict[int, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    instrument_of: dict[int, int] = {}
    rater_of: dict[tuple[int, str], int] = {}
    titles: dict[tuple[int, int], str] = {}
    language = reader_language()
    for evaluation_id, instrument_id, role, rater_id, criterion_id, title, title_es, level in rows:
        by_evaluation[evaluation_id][role][criterion_id] = level
        instrument_of[evaluation_id] = instrument_id
        rater_of[(evaluation_id, role)] = rater_id
        if (instrument_id, criterion_id) not in titles:  # the title as the reviewer reads it
            shown = Score(title=title, title_es=title_es)
            titles[(instrument_id, criterion_id)] = localized(shown, "title", language)
    criterion_pairs: dict[tuple[int, int], list[rules.Pair]] = defaultdict(list)
    evaluator_pairs: dict[tuple[int, int], list[rules.Pair]] = defaultdict(list)
    for evaluation_id, ratings in by_evaluation.items():
        primary, second = ratings.get(Rating.Role.PRIMARY, {}), ratings.get(Rating.Role.SECOND, {})
        instrument_id = instrument_of[evaluation_id]
        for criterion_id in primary.keys() & second.keys():
            pair = (primary[criterion_id], second[criterion_id])
            criterion_pairs[(instrument_id, criterion_id)].append(pair)
            for role, oriented in (
                (Rating.Role.PRIMARY, pair),
                (Rating.Role.SECOND, (pair[1], pair[0])),
            ):
                rater = rater_of[(evaluation_id, role)]
                evaluator_pairs[(instrument_id, rater)].append(oriented)
    instruments = Instrument.objects.in_bulk(set(instrument_of.values()))
    people = User.objects.in_bulk({rater for (_i, rater) in evaluator_pairs})

    def row(instrument_id: int, label: str, pairs: list[rules.Pair]) -> CalibrationRow:
        instrument = instruments[instrument_id]
        result = rules.agreement(pairs)
        return CalibrationRow(
            instrument=instrument,
            label=label,
            result=result,
            flag=rules.drift_flag(
                result,
                kappa_threshold=float(instrument.kappa_threshold),
                min_pairs=instrument.min_pairs,
            ),
        )

    by_criterion = [
        row(instrument_id, titles[(instrument_id, criterion_id)], pairs)
        for (instrument_id, criterion_id), pairs in criterion_pairs.items()
    ]
    by_evaluator = [
        row(instrument_id, people[rater].display_name, pairs)
        for (instrument_id, rater), pairs in evaluator_pairs.items()
    ]
    order = lambda r: (r.instrument.localized_skill, r.label)  # noqa: E731
    return CalibrationReport(
        by_criterion=sorted(by_criterion, key=order),
        by_evaluator=sorted(by_evaluator, key=order),
        evaluations_paired=len(by_evaluation),
    )


# --- "Download my data" ------------------------------------------------------------------------


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(*, trainee: User) -> list[dict]:
    """The person's own evaluations as plain JSON: what they asked for, when and how it was held,
    and the result they read on the site. A sampled second rating measures the raters, not the
    trainee, and is never shown to them, so it stays out as it does on the result page. Three
    queries."""
    primary = Rating.objects.filter(role=Rating.Role.PRIMARY).prefetch_related("scores")
    evaluations = (
        Evaluation.objects.filter(trainee=trainee)
        .select_related("instrument")
        .prefetch_related(Prefetch("ratings", queryset=primary, to_attr="primary"))
        .order_by("requested_at")
    )
    rows = []
    for evaluation in evaluations:
        rating = evaluation.primary[0] if evaluation.primary else None
        rows.append(
            {
                "skill": evaluation.instrument.localized_skill,
                "requested": _when(evaluation.requested_at),
                "status": evaluation.get_status_display(),
                "scheduled_for": _when(evaluation.scheduled_for),
                "mode": evaluation.get_mode_display() if evaluation.mode else None,
                "location": evaluation.location,
                "video_link": evaluation.video_link,
                "completed": _when(evaluation.completed_at),
                "passed": evaluation.passed,
                "percent": evaluation.score_percent,
                "feedback": rating.comment if rating else None,
                "criteria": [
                    {
                        "criterion": score.localized_title,
                        "critical": score.critical,
                        "level": score.level,
                        "level_name": score.level_name,
                        "what_the_evaluator_saw": score.localized_anchor,
                        "note": score.note,
                    }
                    for score in (rating.scores.all() if rating else ())
                ],
            }
        )
    return rows
