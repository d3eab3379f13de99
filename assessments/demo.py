"""Demo question bank, quizzes, final exam and attempt history (idempotent).

Questions come from demo_content/questions.py (module numbers 1..6 are the course's live modules
in order). Each module gets a quiz of 8 questions from its category (modules with a scenario essay
always include it), and the course a final exam of 50 drawn from every category.
"""

from __future__ import annotations

import json
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import services
from .demo_content.questions import QUESTIONS
from .importexport import import_bank
from .models import AssessmentPage, Attempt, AttemptQuestion, PoolRule, Question, QuestionCategory

QUIZ_SIZE = 8
FINAL_EXAM_SLUG = "final-exam"
# 50 questions from the six module categories.
FINAL_EXAM_DRAW = [9, 8, 8, 9, 8, 8]


def _page(parent, *, slug: str, **fields) -> AssessmentPage:
    page = AssessmentPage.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page
    rules = fields.pop("rules")
    page = AssessmentPage(slug=slug, **fields)
    parent.add_child(instance=page)
    for index, (category, count, question) in enumerate(rules):
        PoolRule.objects.create(
            assessment=page, sort_order=index, category=category, count=count, question=question
        )
    page.refresh_from_db()
    page.save_revision().publish()
    return page


def seed_bank(course) -> dict[int, QuestionCategory]:
    report = import_bank(json.dumps({"questions": QUESTIONS}), fmt="json", course=course)
    if report.errors:
        raise RuntimeError("demo questions do not import: " + "; ".join(report.errors))
    names = {q["module"]: q["category"] for q in QUESTIONS}
    categories = {c.name: c for c in QuestionCategory.objects.filter(name__in=names.values())}
    return {module: categories[name] for module, name in names.items()}


def seed_pages(course) -> tuple[list[AssessmentPage], AssessmentPage]:
    categories = seed_bank(course)
    essays = {q["module"]: q["key"] for q in QUESTIONS if q["type"] == "essay"}
    quizzes = []
    for number, module in enumerate(course.live_modules()[:6], start=1):
        rules = []
        if number in essays:
            essay = Question.objects.get(key=essays[number])
            rules = [(None, 1, essay), (categories[number], QUIZ_SIZE - 1, None)]
        else:
            rules = [(categories[number], QUIZ_SIZE, None)]
        quizzes.append(
            _page(
                module,
                slug=f"module-{number}-quiz",
                title=f"Module {number} quiz",
                introduction="<p>Eight questions on this module. You need 70 % to pass and open the "
                "next module. Your best attempt counts.</p>",
                pass_mark=70,
                max_attempts=3,
                cooldown_minutes=10,
                time_limit_minutes=20,
                grading_method="highest",
                rules=rules,
            )
        )
    final = _page(
        course,
        slug=FINAL_EXAM_SLUG,
        title="Final exam",
        introduction="<p>Fifty questions from every module. You need 80 % to pass; you have three "
        "attempts and 90 minutes for each. Correct answers are shown only after "
        "your last attempt.</p>",
        pass_mark=80,
        max_attempts=3,
        cooldown_minutes=24 * 60,
        time_limit_minutes=90,
        grading_method="highest",
        review_pass_answers=False,
        review_last_answers=True,
        review_close_answers=True,
        rules=[(categories[n], count, None) for n, count in enumerate(FINAL_EXAM_DRAW, start=1)],
    )
    return quizzes, final


def answers_for(attempt: Attempt, *, right: bool, rng: random.Random) -> dict[int, object]:
    """Form answers (display positions) that are right, or mostly wrong, for every question."""
    answers = {}
    for aq in AttemptQuestion.objects.filter(attempt=attempt).select_related("revision"):
        data, order = aq.revision.content["data"], aq.option_order
        if aq.qtype in ("single", "true_false", "multiple"):
            flags = [data["options"][i].get("correct", False) for i in order]
            chosen = [str(p) for p, flag in enumerate(flags) if flag == right]
            answers[aq.pk] = chosen if aq.qtype == "multiple" else chosen[:1]
        elif aq.qtype == "short":
            answers[aq.pk] = [data["accepted_answers"][0] if right else "not sure"]
        elif aq.qtype == "ordering":
            answers[aq.pk] = {
                str(p): str(original + 1 if right else len(order) - original)
                for p, original in enumerate(order)
            }
        elif aq.qtype == "matching":
            answers[aq.pk] = {
                str(i): str(order.index(i if right else (i + 1) % len(order)))
                for i in range(len(order))
            }
        else:
            answers[aq.pk] = [
                "I would stay calm, ask directly about safety, use 911 for immediate danger and "
                "988 for crisis support, work from the safety plan, and tell my supervisor."
            ]
    return answers


def take(*, trainee, assessment, right: bool, when, rng, grader=None, submit=True) -> Attempt:
    attempt = services.attempt_start(trainee=trainee, assessment=assessment, now=when, rng=rng)
    services.attempt_save(
        attempt=attempt,
        answers=answers_for(attempt, right=right, rng=rng),
        now=when + timedelta(minutes=5),
    )
    if not submit:
        return attempt
    attempt = services.attempt_submit(attempt=attempt, now=when + timedelta(minutes=12))
    if grader is not None:
        for aq in AttemptQuestion.objects.filter(attempt=attempt, qtype="essay").select_related(
            "revision", "response"
        ):
            rubric = aq.revision.content["data"]["rubric"]
            attempt = services.essay_grade(
                response=aq.response,
                grader=grader,
                rubric_points=[r["points"] for r in rubric],
                comment="A safe, well-ordered response within the peer role.",
                now=when + timedelta(days=1),
                notify=False,
            )
    return attempt


@transaction.atomic
def seed_assessments(*, course, users: dict) -> None:
    quizzes, final = seed_pages(course)
    instructor = users["instructor@example.org"]
    rng = random.Random(2024)
    now = timezone.now()

    trainee = users["trainee@example.org"]
    if not Attempt.objects.filter(trainee=trainee).exists():
        # Module 1: failed first, passed on the second try; module 2 is open.
        take(
            trainee=trainee,
            assessment=quizzes[0],
            right=False,
            when=now - timedelta(days=9),
            rng=rng,
        )
        take(
            trainee=trainee,
            assessment=quizzes[0],
            right=True,
            when=now - timedelta(days=8),
            rng=rng,
        )

    certified = users["certified@example.org"]
    if not Attempt.objects.filter(trainee=certified).exists():
        for number, quiz in enumerate(quizzes):
            take(
                trainee=certified,
                assessment=quiz,
                right=True,
                grader=instructor,
                when=now - timedelta(days=60 - number * 5),
                rng=rng,
            )
        take(
            trainee=certified,
            assessment=final,
            right=True,
            grader=instructor,
            when=now - timedelta(days=25),
            rng=rng,
        )
        # A practice retake of the crisis quiz: its scenario essay waits in the grading queue.
        take(
            trainee=certified,
            assessment=quizzes[3],
            right=True,
            when=now - timedelta(days=1),
            rng=rng,
        )
