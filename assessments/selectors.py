"""Reads for assessments. Each keeps a fixed number of queries however many questions an attempt
has: attempt questions come with their revision and response in one joined query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from core import generations
from courses.cache import CONTENT, get_or_build
from courses.models import CoursePage, Enrollment, ModuleDomainHours, ModulePage
from courses.outline import ItemState, OutlineItem
from courses.permissions import courses_taught_by
from courses.translation import default_locale_id, source_of

from . import bank_quality, blueprint, grading, statistics, translation
from .models import (
    Accommodation,
    AssessmentPage,
    Attempt,
    AttemptQuestion,
    AttemptState,
    Question,
    QuestionCategory,
    Response,
)


def modules_assessment_passed(*, user: User, modules) -> dict[int, bool]:
    """Module page pk → whether every live assessment in it is passed (per its grading method).
    Modules without an assessment are left out: their lessons alone complete them. One query: the
    assessments joined with this trainee's graded attempts."""
    if not modules or not user.is_authenticated:
        return {}
    paths = Q()
    for module in modules:
        paths |= Q(path__startswith=module.path)
    rows = (
        AssessmentPage.objects.live()
        .filter(paths, depth=modules[0].depth + 1)
        .annotate(
            mine=FilteredRelation(
                "attempts",
                condition=Q(attempts__trainee=user, attempts__state=AttemptState.GRADED),
            )
        )
        .order_by("pk", "mine__number")
        .values_list("pk", "path", "pass_mark", "grading_method", "mine__percent")
    )
    assessments: dict[int, tuple[str, int, str]] = {}
    percents: dict[int, list[Decimal]] = {}
    for pk, path, pass_mark, method, value in rows:
        assessments[pk] = (path, pass_mark, method)
        if value is not None:
            percents.setdefault(pk, []).append(value)
    result: dict[int, bool] = {}
    for module in modules:
        for pk, (path, pass_mark, method) in assessments.items():
            if path.startswith(module.path):
                passed = grading.overall_passed(method, percents.get(pk, []), pass_mark)
                result[module.pk] = result.get(module.pk, True) and passed
    return result


def assessments_passed(*, user: User, assessment_ids) -> set[int]:
    """Which of these assessments the trainee has passed, by each one's grading method. One query."""
    if not assessment_ids:
        return set()
    rows = (
        Attempt.objects.filter(
            trainee=user, assessment_id__in=assessment_ids, state=AttemptState.GRADED
        )
        .order_by("assessment_id", "number")
        .values_list(
            "assessment_id", "assessment__pass_mark", "assessment__grading_method", "percent"
        )
    )
    by_assessment: dict[int, tuple[int, str, list[Decimal]]] = {}
    for pk, pass_mark, method, value in rows:
        entry = by_assessment.setdefault(pk, (pass_mark, method, []))
        if value is not None:
            entry[2].append(value)
    return {
        pk
        for pk, (pass_mark, method, values) in by_assessment.items()
        if grading.overall_passed(method, values, pass_mark)
    }


def outline_items(*, user: User, course, modules) -> dict[int, list[OutlineItem]]:
    """The course outline's assessments (courses/outline.py): parent page pk (module or
    course) → each live assessment with this trainee's state in it. The course's assessments
    are cached until the next publish (courses/cache.py); the trainee's attempts and extra
    attempts on them are one query. Whether the course's
    gating locks one is for courses to say."""
    parents = {module.path: module.pk for module in modules}
    parents[course.path] = course.pk
    pages = get_or_build(
        "assessments",
        (course.pk,),
        lambda: list(
            AssessmentPage.objects.live()
            .descendant_of(course)
            .filter(depth__in=(course.depth + 1, course.depth + 2))
            .order_by("path")
        ),
    )
    pages = [page for page in pages if page.path[: -AssessmentPage.steplen] in parents]
    if not pages:
        return {}

    def read() -> tuple[dict[int, list[dict]], dict[int, int]]:
        attempts: dict[int, list[dict]] = {}
        extra_attempts: dict[int, int] = {}
        for row in (
            AssessmentPage.objects.filter(pk__in=[page.pk for page in pages])
            .annotate(
                mine=FilteredRelation("attempts", condition=Q(attempts__trainee=user)),
                extra=Subquery(
                    Accommodation.objects.filter(trainee=user, assessment=OuterRef("pk")).values(
                        "extra_attempts"
                    )[:1]
                ),
            )
            .order_by("pk", "mine__number")
            .values(
                "pk",
                "extra",
                "mine__state",
                "mine__percent",
                "mine__started_at",
                "mine__submitted_at",
            )
        ):
            extra_attempts[row["pk"]] = row["extra"] or 0
            if row["mine__state"] is not None:
                attempts.setdefault(row["pk"], []).append(
                    {
                        "state": row["mine__state"],
                        "percent": row["mine__percent"],
                        "started_at": row["mine__started_at"],
                        "submitted_at": row["mine__submitted_at"],
                    }
                )
        return attempts, extra_attempts

    # The rows, not the states: whether a cooldown is over or a window open is worked out
    # below, at each request's time. Cached under the trainee's generation, which each attempt
    # and accommodation of theirs moves on (cms/dashboard_state.py).
    attempts, extra_attempts = generations.cached(
        "outline-attempts",
        (CONTENT, generations.user_name(user.pk)),
        (course.pk, user.pk, ",".join(str(page.pk) for page in pages)),
        read,
    )
    now = timezone.now()
    items: dict[int, list[OutlineItem]] = {}
    for page in pages:
        parent = parents[page.path[: -AssessmentPage.steplen]]
        item = _outline_item(page, attempts.get(page.pk, []), extra_attempts.get(page.pk, 0), now)
        item.kind = _("Exam") if parent == course.pk else _("Quiz")
        items.setdefault(parent, []).append(item)
    return items


def _outline_item(page: AssessmentPage, rows: list[dict], extra_attempts: int, now) -> OutlineItem:
    percents = [r["percent"] for r in rows if r["state"] == AttemptState.GRADED]
    limit = page.max_attempts + extra_attempts if page.max_attempts else None
    item = OutlineItem(
        page=page,
        state=ItemState.AVAILABLE,
        percent=grading.overall_percent(page.grading_method, percents),
        attempts_left=None if limit is None else max(0, limit - len(rows)),
    )
    if grading.overall_passed(page.grading_method, percents, page.pass_mark):
        item.state = ItemState.PASSED
    elif any(r["state"] == AttemptState.IN_PROGRESS for r in rows):
        item.state = ItemState.IN_PROGRESS
    elif any(r["state"] == AttemptState.NEEDS_GRADING for r in rows):
        item.state = ItemState.WAITING
    elif page.opens_at and now < page.opens_at:
        item.state, item.available_at = ItemState.NOT_OPEN, page.opens_at
    elif page.closes_at and now >= page.closes_at:
        item.state = ItemState.CLOSED
    elif item.attempts_left == 0:
        item.state = ItemState.EXHAUSTED
    elif rows:
        item.state = ItemState.FAILED
        if page.cooldown_minutes:
            last_end = rows[-1]["submitted_at"] or rows[-1]["started_at"]
            ready_at = last_end + timedelta(minutes=page.cooldown_minutes)
            if ready_at > now:
                item.available_at = ready_at
    return item


# Why an attempt cannot start: read by the assessment page and enforced by attempt_start
# (services.py names them too, next to its other refusals).
NOT_OPEN_YET = "This assessment is not open yet."
CLOSED = "This assessment is closed."
NO_ATTEMPTS_LEFT = "You have used all your attempts for this assessment."
COOLDOWN = "You can start your next attempt after %(time)s."


def attempt_limit(assessment: AssessmentPage, accommodation: Accommodation | None) -> int | None:
    if not assessment.max_attempts:
        return None
    return assessment.max_attempts + (accommodation.extra_attempts if accommodation else 0)


def start_refusal(
    *, assessment: AssessmentPage, attempts: list[Attempt], accommodation, now: datetime
) -> str | None:
    """Why a new attempt cannot start now, or None. Shared by the page and attempt_start."""
    if any(a.state == AttemptState.IN_PROGRESS for a in attempts):
        return None
    if assessment.opens_at and now < assessment.opens_at:
        return _(NOT_OPEN_YET)
    if assessment.closes_at and now >= assessment.closes_at:
        return _(CLOSED)
    limit = attempt_limit(assessment, accommodation)
    if limit is not None and len(attempts) >= limit:
        return _(NO_ATTEMPTS_LEFT)
    if attempts and assessment.cooldown_minutes:
        last_end = attempts[-1].submitted_at or attempts[-1].started_at
        ready_at = last_end + timedelta(minutes=assessment.cooldown_minutes)
        if now < ready_at:
            return _(COOLDOWN) % {
                "time": date_format(timezone.localtime(ready_at), "DATETIME_FORMAT")
            }
    return None


@dataclass
class TraineeStanding:
    attempts: list[Attempt]
    accommodation: Accommodation | None
    limit: int | None
    overall_percent: Decimal | None
    passed: bool
    closed: bool

    @property
    def in_progress(self) -> Attempt | None:
        return next((a for a in self.attempts if a.state == AttemptState.IN_PROGRESS), None)

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - len(self.attempts))

    @property
    def no_attempts_left(self) -> bool:
        return self.remaining == 0 and self.in_progress is None


def trainee_standing(*, assessment: AssessmentPage, trainee: User, now: datetime | None = None):
    attempts = list(
        Attempt.objects.filter(trainee=trainee, assessment=assessment).order_by("number")
    )
    for attempt in attempts:
        attempt.assessment = assessment  # already loaded: no query per attempt listed
    accommodation = Accommodation.objects.filter(trainee=trainee, assessment=assessment).first()
    return _standing(assessment, attempts, accommodation, now or timezone.now())


def _standing(
    assessment: AssessmentPage,
    attempts: list[Attempt],
    accommodation: Accommodation | None,
    now: datetime,
) -> TraineeStanding:
    """A standing from rows already loaded: `attempts` are this assessment's, by number."""
    percents = [a.percent for a in attempts if a.state == AttemptState.GRADED]
    return TraineeStanding(
        attempts=attempts,
        accommodation=accommodation,
        limit=attempt_limit(assessment, accommodation),
        overall_percent=grading.overall_percent(assessment.grading_method, percents),
        passed=grading.overall_passed(assessment.grading_method, percents, assessment.pass_mark),
        closed=bool(assessment.closes_at and now >= assessment.closes_at),
    )


def review_items(*, attempt: Attempt, standing: TraineeStanding) -> set[str]:
    if not attempt.finished:
        return set()
    moment = grading.ReviewMoment(
        graded=attempt.state == AttemptState.GRADED,
        passed=standing.passed,
        no_attempts_left=standing.no_attempts_left,
        closed=standing.closed,
    )
    return grading.review_allowed(attempt.assessment.review_policy(), moment)


def assessment_page_context(*, assessment: AssessmentPage, request) -> dict:
    now = timezone.now()
    # A translated copy of the page shows (and starts) the attempts of its English source.
    assessment = source_of(assessment)
    if not request.user.is_authenticated:
        return {"rules": assessment}
    standing = trainee_standing(assessment=assessment, trainee=request.user, now=now)
    rows = [
        {"attempt": a, "review": review_items(attempt=a, standing=standing)}
        for a in standing.attempts
    ]
    return {
        # The rules the page states are the source's (a translation carries only the words).
        "rules": assessment,
        "standing": standing,
        "attempt_rows": rows,
        "question_count": assessment.blueprint_length
        or sum(rule.count if rule.category_id else 1 for rule in assessment.pool_rules.all()),
        "refusal": start_refusal(
            assessment=assessment,
            attempts=standing.attempts,
            accommodation=standing.accommodation,
            now=now,
        ),
        "extra_minutes": standing.accommodation.extra_minutes if standing.accommodation else 0,
    }


def attempt_for_viewer(*, attempt_id: int, user: User) -> tuple[Attempt, str]:
    """The attempt and who is looking ("trainee" or "instructor"); 404 for anyone else, so an
    attempt's existence is not revealed."""
    attempt = Attempt.objects.select_related("assessment", "trainee").filter(pk=attempt_id).first()
    if attempt is None or not user.is_authenticated:
        raise Http404
    if attempt.trainee_id == user.pk:
        return attempt, "trainee"
    if Attempt.objects.visible_to_instructor(user).filter(pk=attempt.pk).exists():
        return attempt, "instructor"
    raise Http404


def can_grade(*, user: User, assessment: AssessmentPage) -> bool:
    """Superusers, and members of the instructor group of the course the assessment is in."""
    return assessments_for_instructor(user=user).filter(pk=assessment.pk).exists()


def seconds_left(attempt: Attempt, now: datetime | None = None) -> int | None:
    if attempt.deadline is None:
        return None
    now = now or timezone.now()
    return max(0, int((attempt.deadline - now).total_seconds()))


def is_answered(answer) -> bool:
    """Whether a stored answer says anything: blank text, no choice or no rank is unanswered."""
    if isinstance(answer, str):
        return bool(answer.strip())
    return answer not in (None, [], {})


def attempt_questions(*, attempt: Attempt, reveal: set[str] = frozenset()) -> list[dict]:
    """What the attempt and review pages show, built from the revision each question showed.

    Only texts are copied out of the revision. Correct flags, feedback, accepted answers and
    rubrics are added solely for the review items in `reveal`, so nothing else can leak into a
    template or JSON by accident.
    """
    rows = (
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("revision", "response")
        .order_by("position")
    )
    questions = []
    for number, aq in enumerate(rows, start=1):
        # The words in the attempt's language where the question has a version in it; correct
        # flags, order and points are the original's either way.
        original = aq.revision.content
        content, shown_language = translation.shown_content(original, attempt.language)
        data = content["data"]
        qtype = aq.qtype
        order = aq.option_order
        response = aq.response
        shown = grading.to_display(qtype, response.answer, order)
        item = {
            "id": aq.pk,
            "number": number,
            "type": qtype,
            "text": content["text"],
            "points": aq.max_points,
            # Whole points are counted in words ("1 point", "2 points"); a regraded fraction
            # stays a number.
            "point_count": int(aq.max_points)
            if aq.max_points == int(aq.max_points)
            else aq.max_points,
            "field": f"q-{aq.pk}",
            "answered": is_answered(response.answer),
            "flagged": response.flagged,
            "language": shown_language,
        }
        question = {
            "type": qtype,
            "points": content["points"],
            "data": translation.graded_data(original, attempt.language),
        }
        if qtype in grading.CHOICE_TYPES:
            chosen = set(shown if isinstance(shown, list) else ([] if shown is None else [shown]))
            item["options"] = []
            for position, original in enumerate(order):
                option = {
                    "position": position,
                    "text": data["options"][original]["text"],
                    "selected": position in chosen,
                }
                if "correctness" in reveal and position in chosen:
                    option["correct"] = bool(data["options"][original].get("correct"))
                if "feedback" in reveal and position in chosen:
                    option["feedback"] = data["options"][original].get("feedback", "")
                if "answers" in reveal:
                    option["is_answer"] = bool(data["options"][original].get("correct"))
                item["options"].append(option)
        elif qtype == "ordering":
            ranks = shown or {}
            item["ranks"] = list(range(1, len(order) + 1))
            item["items"] = [
                {"position": p, "text": data["items"][original], "rank": ranks.get(p)}
                for p, original in enumerate(order)
            ]
            if "answers" in reveal:
                item["correct_order"] = list(data["items"])
        elif qtype == "matching":
            matches = shown or {}
            item["choices"] = [
                {"position": p, "text": data["pairs"][original][1]}
                for p, original in enumerate(order)
            ]
            item["rows"] = [
                {"index": i, "left": pair[0], "selected": matches.get(i)}
                for i, pair in enumerate(data["pairs"])
            ]
            if "answers" in reveal:
                item["correct_pairs"] = [list(pair) for pair in data["pairs"]]
        else:
            item["value"] = response.answer or ""
            if qtype == "essay":
                if "feedback" in reveal:
                    item["comment"] = response.comment
                if "answers" in reveal:
                    item["rubric"] = data["rubric"]
                if "score" in reveal and response.graded_at is not None:
                    # The grade criterion by criterion, as the instructor gave it.
                    item["rubric_scores"] = [
                        {"criterion": row["criterion"], "awarded": awarded, "points": row["points"]}
                        for row, awarded in zip(
                            data["rubric"], response.rubric_points, strict=False
                        )
                    ]
            elif "answers" in reveal:
                item["accepted_answers"] = list(data["accepted_answers"])
        if "score" in reveal:
            item["awarded"] = response.points
        if "correctness" in reveal:
            item["correct"] = grading.is_correct(question, response.answer)
        if "feedback" in reveal:
            item["general_feedback"] = content.get("general_feedback", "")
        questions.append(item)
    return questions


def paginate_questions(questions: list[dict], per_page: int) -> list[list[dict]]:
    """The attempt's questions in pages of `per_page` (0: one page holding them all)."""
    if not questions:
        return [[]]
    if per_page <= 0:
        return [questions]
    return [questions[i : i + per_page] for i in range(0, len(questions), per_page)]


def page_of_question(number: int, per_page: int) -> int:
    """The 1-based page that shows question `number` (1-based)."""
    return 1 if per_page <= 0 else (number - 1) // per_page + 1


def trainee_history(*, user: User) -> list[dict]:
    """Every attempt of one trainee, newest first, with what the review policy lets them see.
    The rows (the attempts, the accommodations: two queries however many assessments were
    taken) are cached under the content generation and the trainee's own, which each attempt
    and accommodation of theirs moves on (cms/dashboard_state.py); what depends on the time (a
    window closed, so the review opens) is worked out at each request."""

    def read() -> tuple[list[Attempt], dict[int, Accommodation]]:
        attempts = list(
            Attempt.objects.for_trainee(user).select_related("assessment").order_by("-started_at")
        )
        if not attempts:
            return [], {}
        return attempts, {a.assessment_id: a for a in Accommodation.objects.filter(trainee=user)}

    attempts, accommodations = generations.cached(
        "trainee-attempts", (CONTENT, generations.user_name(user.pk)), (user.pk,), read
    )
    if not attempts:
        return []
    by_assessment: dict[int, list[Attempt]] = {}
    for attempt in sorted(attempts, key=lambda a: a.number):
        by_assessment.setdefault(attempt.assessment_id, []).append(attempt)
    now = timezone.now()
    standings: dict[int, TraineeStanding] = {}
    rows = []
    for attempt in attempts:
        if attempt.assessment_id not in standings:
            standings[attempt.assessment_id] = _standing(
                attempt.assessment,
                by_assessment[attempt.assessment_id],
                accommodations.get(attempt.assessment_id),
                now,
            )
        rows.append(
            {
                "attempt": attempt,
                "review": review_items(attempt=attempt, standing=standings[attempt.assessment_id]),
            }
        )
    return rows


def grading_queue(*, user: User):
    """Attempts waiting for a hand grade in the courses this user teaches (all for superusers)."""
    return (
        Attempt.objects.visible_to_instructor(user)
        .filter(state=AttemptState.NEEDS_GRADING)
        .select_related("assessment", "trainee")
        .order_by("submitted_at")
    )


def results_since_count(*, user: User, since: datetime) -> int:
    """Attempts graded since ``since`` in the courses this user teaches (all for superusers):
    what is new in their results."""
    return (
        Attempt.objects.visible_to_instructor(user)
        .filter(state=AttemptState.GRADED, graded_at__gte=since)
        .count()
    )


def assessments_for_instructor(*, user: User):
    """The assessments whose results, grading and accommodations this user manages. A
    translated copy of an assessment page (its Spanish page) is not one more assessment: its
    attempts are its source's, so the admin lists and offers the source only."""
    qs = AssessmentPage.objects.filter(locale_id=default_locale_id()).order_by("path")
    if user.is_superuser:
        return qs
    paths = list(courses_taught_by(user).values_list("path", flat=True))
    if not paths:
        return qs.none()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return qs.filter(query)


# --- The question bank, per course ---------------------------------------------------------


def sees_whole_bank(user: User) -> bool:
    """Reviewers approve every course's questions, so they (and superusers) see all of them."""
    return user.is_superuser or user.has_perm("assessments.publish_question")


def categories_for_author(*, user: User):
    """Categories this user may see and use: those of the courses they teach, and the shared
    ones (no course). One query, however many courses."""
    categories = QuestionCategory.objects.all()
    if sees_whole_bank(user):
        return categories
    return categories.filter(Q(course__isnull=True) | Q(course__in=courses_taught_by(user)))


def questions_for_author(*, user: User):
    questions = Question.objects.all()
    if sees_whole_bank(user):
        return questions
    return questions.filter(category__in=categories_for_author(user=user))


def courses_for_new_categories(*, user: User):
    """Courses a user may file a category under; None stands for "every course" (shared),
    which only those who see the whole bank may choose."""
    # Categories belong to a course, never to one of its translations.
    courses = CoursePage.objects.filter(locale_id=default_locale_id())
    if sees_whole_bank(user):
        return courses.order_by("path")
    return courses.filter(pk__in=courses_taught_by(user).values("pk")).order_by("path")


def accommodations_for_instructor(*, user: User):
    """Accommodations on the assessments of the courses this user teaches (all for superusers).
    Reviewers approve content, not people's arrangements: they see none."""
    return Accommodation.objects.filter(
        assessment__in=assessments_for_instructor(user=user)
    ).select_related("trainee", "assessment")


def trainees_for_instructor(*, user: User):
    """Trainees currently enrolled in a course this user teaches (any course for superusers):
    the only people an instructor may give an accommodation to."""
    enrolments = Enrollment.objects.active()
    if not user.is_superuser:
        enrolments = enrolments.filter(course__in=courses_taught_by(user))
    return User.objects.filter(pk__in=enrolments.values("trainee"))


def hidden_bank_log_entries(*, user: User) -> Q | None:
    """Wagtail's site history lists every snippet's log entries, labelled with the snippet's
    text, to anyone with a permission on its model: this matches those of other courses' bank
    (labelled with the question's text) and accommodations (labelled with a trainee's name).
    None when the user may see them all."""
    if user.is_superuser:
        return None
    scoped = [(Accommodation, accommodations_for_instructor(user=user))]
    if not sees_whole_bank(user):
        scoped += [
            (Question, questions_for_author(user=user)),
            (QuestionCategory, categories_for_author(user=user)),
        ]
    hidden = Q()
    for model, visible in scoped:
        ids = visible.annotate(object_key=Cast("pk", CharField())).values("object_key")
        hidden |= Q(content_type=ContentType.objects.get_for_model(model)) & ~Q(object_id__in=ids)
    return hidden


def result_report(*, attempt: Attempt, reveal: set[str]) -> dict | None:
    """What a graded attempt's result says beyond the raw score, as the assessment's data asks:
    the scaled score (pass mark → cut score) and the per-domain profile with the modules that
    teach each domain to revisit. Two queries; nothing about individual questions."""
    assessment = attempt.assessment
    if "score" not in reveal or attempt.percent is None:
        return None
    report: dict = {}
    scale = assessment.scale()
    if scale is not None:
        report["scale"] = scale
        report["scaled"] = blueprint.scaled_score(
            attempt.percent, pass_mark=assessment.pass_mark, scale=scale
        )
    if assessment.show_domain_profile:
        rows = AttemptQuestion.objects.filter(attempt=attempt).values_list(
            "question__domain__name", "response__points", "max_points"
        )
        profile = blueprint.domain_profile(rows)
        course = CoursePage.objects.ancestor_of(assessment).first()
        teaching: dict[str, list[ModulePage]] = {}
        if course is not None:
            hours = (
                ModuleDomainHours.objects.filter(
                    module__in=ModulePage.objects.live().descendant_of(course),
                    domain__name__in=[line.domain for line in profile],
                    hours__gt=0,
                )
                .select_related("module", "domain")
                .order_by("-hours", "module__path")
            )
            for row in hours:
                teaching.setdefault(row.domain.name, []).append(row.module)
        report["profile"] = [
            {
                "domain": line.domain,
                "percent": line.percent,
                "band": line.band(pass_mark=assessment.pass_mark),
                "modules": teaching.get(line.domain, [])[:2],
            }
            for line in profile
        ]
    return report or None


def bank_quality_report(*, user: User, language: str = "en") -> bank_quality.BankReport:
    """The bank-quality report (assessments/bank_quality.py) over the live questions this user
    may see, with the items never drawn and those their statistics flag. A handful of queries,
    whatever the bank's size.

    In another language than English: the items' versions in it, measured with that language's
    cue words; the items without one are counted as untranslated, and "never drawn" and the
    statistics read the attempts taken in that language."""
    questions = list(
        questions_for_author(user=user)
        .filter(live=True)
        .select_related("category", "domain", "competency")
        .order_by("key")
    )
    items = [
        {
            "key": q.key,
            "category": q.category.name,
            "type": q.type,
            "text": q.text,
            "difficulty": q.difficulty,
            "domain": q.domain.name if q.domain else "",
            "competency": q.competency.number if q.competency else None,
            "cognitive_level": q.cognitive_level,
            # The type's own data (options, items, pairs…): the cue measures read the options,
            # and a translation is checked against its original's shape.
            **q.data,
            "translations": q.translations,
        }
        for q in questions
    ]
    untranslated = []
    if language != translation.ORIGINAL_LANGUAGE:
        shown = [(item, translation.as_item(item, language)) for item in items]
        untranslated = [item["key"] for item, version in shown if version is None]
        items = [version for _item, version in shown if version is not None]
        missing = set(untranslated)
        questions = [q for q in questions if q.key not in missing]
    ids = {q.pk: q.key for q in questions}
    drawn = set(
        AttemptQuestion.objects.filter(question_id__in=ids, attempt__language=language)
        .values_list("question_id", flat=True)
        .distinct()
    )
    records: dict[int, tuple[Decimal, list]] = {}
    for attempt_id, percent, question_id, max_points, points in Response.objects.filter(
        attempt_question__question_id__in=ids,
        attempt_question__attempt__state=AttemptState.GRADED,
        attempt_question__attempt__language=language,
    ).values_list(
        "attempt_question__attempt_id",
        "attempt_question__attempt__percent",
        "attempt_question__question_id",
        "attempt_question__max_points",
        "points",
    ):
        share = (points or Decimal(0)) / max_points if max_points else Decimal(0)
        records.setdefault(attempt_id, (percent, []))[1].append(
            statistics.ItemResponse(question_id, share)
        )
    stats = statistics.item_analysis(
        [statistics.AttemptRecord(p, responses) for p, responses in records.values()]
    )
    exam = (
        assessments_for_instructor(user=user)
        .filter(blueprint_length__isnull=False)
        .order_by("path")
        .first()
    )
    weights = (
        {w.domain.name: float(w.weight) for w in exam.blueprint_weights.select_related("domain")}
        if exam
        else {}
    )
    return bank_quality.bank_report(
        items,
        blueprint=weights,
        never_drawn=[key for pk, key in ids.items() if pk not in drawn],
        flagged=[ids[pk] for pk, item in stats.items() if item.flags and pk in ids],
        language=language,
        untranslated=untranslated,
    )
