"""Demo question bank, quizzes, final exam and attempt history (idempotent).

The bank is data: demo/bank/*.json in the bank's own import format, loaded through
`import_bank` like any instructor's file. Practice pools (module-N.json, items carrying their
module number 1..6 = the course's live modules in order) feed each module's quiz of 8 questions
(modules with a scenario essay always include it). The final exam draws from its own, disjoint
pools (final-*.json, one category per IC&RC domain) by blueprint: 50 items in proportion to the
domain weights below, reported on IC&RC's 200–800 scale, with a per-domain profile and no
per-question feedback, so nothing a trainee reviews gives away a certifying item.
"""

from __future__ import annotations

import json
import logging
import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from courses.demo import SPANISH, translate_page
from courses.demo_people import CERTIFIED_FINAL_DAYS_AGO, certified_quiz_days_ago
from courses.models import TrainingDomain

from . import services
from .blueprint import allocate
from .importexport import import_bank
from .models import (
    AssessmentPage,
    Attempt,
    AttemptQuestion,
    BlueprintWeight,
    PoolRule,
    Question,
    QuestionCategory,
)

QUIZ_SIZE = 8
logger = logging.getLogger(__name__)

FINAL_EXAM_SLUG = "final-exam"
FINAL_EXAM_LENGTH = 50
BANK_DIR = settings.BASE_DIR / "demo" / "bank"
# Demo blueprint: the IC&RC Peer Recovery examination's four performance domains with the
# weights its candidate guide (2013 Peer Recovery job analysis) publishes. A board using this
# program checks them against the current guide; they are data on the exam page.
FINAL_EXAM_WEIGHTS = {
    "Advocacy": 24,
    "Mentoring/Education": 24,
    "Recovery/Wellness Support": 31,
    "Ethical Responsibility": 21,
}
FINAL_EXAM_SOURCE = (
    "IC&RC Peer Recovery Examination candidate guide (2013 Peer Recovery job analysis): "
    "domain weights"
)


def _page(parent, *, slug: str, **fields) -> AssessmentPage:
    page = AssessmentPage.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page
    rules = fields.pop("rules")
    weights = fields.pop("weights", {})
    page = AssessmentPage(slug=slug, **fields)
    parent.add_child(instance=page)
    for index, (category, count, question) in enumerate(rules):
        PoolRule.objects.create(
            assessment=page, sort_order=index, category=category, count=count, question=question
        )
    for index, (domain, weight) in enumerate(weights.items()):
        BlueprintWeight.objects.create(
            assessment=page, sort_order=index, domain=domain, weight=weight
        )
    page.refresh_from_db()
    page.save_revision().publish()
    return page


def bank_items() -> dict[str, list[dict]]:
    """The demo bank's files by name (module-1 … module-6, final-…)."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))["questions"]
        for path in sorted(BANK_DIR.glob("*.json"))
    }


def seed_translations(language: str = "es") -> dict[str, list[str]]:
    """Import the bank's versions in ``language`` (demo/bank/es/*.json, the same format, each
    item keyed by its English original), file by file: whatever files exist, each all or
    nothing. A file that does not import is left out and its problems are returned (file name →
    problems) and logged, so the demo still seeds while translations are being written; the
    items it would have translated are shown in English (the bank report counts them)."""
    problems: dict[str, list[str]] = {}
    for path in sorted((BANK_DIR / language).glob("*.json")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems[path.name] = [str(error)]
            continue
        report = import_bank(text, fmt="json", language=language)
        if report.errors:
            problems[path.name] = report.errors
            logger.warning(
                "demo bank %s/%s not imported: %s",
                language,
                path.name,
                "; ".join(report.errors[:5]),
            )
    return problems


def seed_bank(course) -> tuple[dict[int, QuestionCategory], list[QuestionCategory]]:
    """Module number → its practice category, and the final exam's categories. The Spanish
    versions follow the English bank."""
    files = bank_items()
    everything = [item for items in files.values() for item in items]
    report = import_bank(json.dumps({"questions": everything}), fmt="json", course=course)
    if report.errors:
        raise RuntimeError("demo questions do not import: " + "; ".join(report.errors[:10]))
    seed_translations("es")
    names = {item["module"]: item["category"] for item in everything if "module" in item}
    final_names = sorted(
        {
            item["category"]
            for name, items in files.items()
            if name.startswith("final")
            for item in items
        }
    )
    categories = {
        c.name: c for c in QuestionCategory.objects.filter(name__in=[*names.values(), *final_names])
    }
    return (
        {module: categories[name] for module, name in names.items()},
        [categories[name] for name in final_names],
    )


def seed_pages(course) -> tuple[list[AssessmentPage], AssessmentPage]:
    categories, final_categories = seed_bank(course)
    essays = {
        item["module"]: item["key"]
        for items in bank_items().values()
        for item in items
        if item["type"] == "essay" and "module" in item
    }
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
                introduction="<p>Eight practice questions on this module. You need 70 % to pass "
                "and open the next module. Your best attempt counts, and once you pass, the "
                "review explains every answer.</p>",
                pass_mark=70,
                max_attempts=3,
                cooldown_minutes=10,
                time_limit_minutes=20,
                grading_method="highest",
                rules=rules,
            )
        )
    domains = {d.name: d for d in TrainingDomain.objects.filter(name__in=FINAL_EXAM_WEIGHTS)}
    share = allocate(FINAL_EXAM_WEIGHTS, FINAL_EXAM_LENGTH)
    final = _page(
        course,
        slug=FINAL_EXAM_SLUG,
        title="Final exam",
        introduction="<p>Fifty questions, none of them from the module quizzes, drawn for you "
        "in proportion to the IC&amp;RC Peer Recovery exam's four domains. You need 80 % to "
        "pass; you have three attempts, 90 minutes for each and a day between them. Results "
        "show your score on the 200–800 scale (500 passes) and how you did in each domain, "
        "with the modules to revisit; the questions themselves stay confidential, as on a "
        "board exam.</p>",
        pass_mark=80,
        max_attempts=3,
        cooldown_minutes=24 * 60,
        time_limit_minutes=90,
        grading_method="highest",
        blueprint_length=FINAL_EXAM_LENGTH,
        blueprint_source=FINAL_EXAM_SOURCE,
        # Fifty questions read better ten at a time; answers are saved on every page turn.
        questions_per_page=10,
        scale_low=200,
        scale_high=800,
        scale_cut=500,
        show_domain_profile=True,
        review_questions=False,
        **{
            f"review_{moment}_{what}": what == "score"
            for moment in ("submit", "pass", "last", "close")
            for what in ("score", "correctness", "feedback", "answers")
        },
        rules=[
            (category, share.get(_domain_of(category), 0), None) for category in final_categories
        ],
        weights={domains[name]: weight for name, weight in FINAL_EXAM_WEIGHTS.items()},
    )
    for line in seed_spanish_pages(quizzes, final):
        logger.warning(line)
    return quizzes, final


# The assessment pages in Spanish (the glossary's terms: cuestionario, examen final,
# calificación para aprobar, intento). Only the words are the translator's: the rules (pass
# mark, attempts, time, cooldown, scale, pool) are copied from the English page, and the
# attempts, best result and cooldown stay on it (courses/translation.py).
QUIZ_TITLE_ES = "Cuestionario del módulo {number}"
QUIZ_SLUG_ES = "cuestionario-del-modulo-{number}"
QUIZ_INTRO_ES = (
    "<p>Ocho preguntas de práctica sobre este módulo. Necesita un 70 % para aprobar y abrir el "
    "módulo siguiente. Cuenta su mejor intento y, una vez que apruebe, la revisión explica cada "
    "respuesta.</p>"
)
FINAL_TITLE_ES = "Examen final"
FINAL_SLUG_ES = "examen-final"
FINAL_INTRO_ES = (
    "<p>Cincuenta preguntas, ninguna de los cuestionarios de los módulos, elegidas para usted "
    "en proporción a los cuatro dominios del examen de Recuperación entre Pares de IC&amp;RC. "
    "Necesita un 80 % para aprobar; tiene tres intentos, 90 minutos para cada uno y un día "
    "entre uno y otro. Los resultados muestran su puntuación en la escala de 200 a 800 (se "
    "aprueba con 500) y cómo le fue en cada dominio, con los módulos que conviene repasar; las "
    "preguntas mismas se mantienen confidenciales, como en un examen de la junta.</p>"
)


def seed_spanish_pages(quizzes: list[AssessmentPage], final: AssessmentPage) -> list[str]:
    """Each quiz and the final exam translated into Spanish with Wagtail's translation API
    (courses.demo.translate_page: copy_for_translation, the same translation_key, published)
    under its Spanish module or course. A page whose parent has no Spanish translation yet (a
    module not translated) stays English only, and a line says so; an existing translation is
    left as an editor made it."""
    spanish = Locale.objects.filter(language_code=SPANISH).first()
    if spanish is None:
        return ["Spanish assessments: no Spanish locale; quizzes and exam in English only"]
    left = []
    pages = [
        (quiz, QUIZ_TITLE_ES.format(number=n), QUIZ_SLUG_ES.format(number=n), QUIZ_INTRO_ES)
        for n, quiz in enumerate(quizzes, start=1)
    ]
    pages.append((final, FINAL_TITLE_ES, FINAL_SLUG_ES, FINAL_INTRO_ES))
    for page, title, slug, introduction in pages:
        if page.get_parent().get_translation_or_none(spanish) is None:
            left.append(
                f"Spanish assessments: {page.title} is shown in English (its parent "
                "has no Spanish page)"
            )
            continue
        translate_page(page, spanish, title=title, slug=slug, introduction=introduction)
    return left


def _domain_of(category: QuestionCategory) -> str | None:
    return Question.objects.filter(category=category).values_list("domain__name", flat=True).first()


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
        # Before their certificate was issued (courses.demo_people's timeline).
        for number, quiz in enumerate(quizzes):
            take(
                trainee=certified,
                assessment=quiz,
                right=True,
                grader=instructor,
                when=now - timedelta(days=certified_quiz_days_ago(number)),
                rng=rng,
            )
        take(
            trainee=certified,
            assessment=final,
            right=True,
            grader=instructor,
            when=now - timedelta(days=CERTIFIED_FINAL_DAYS_AGO),
            rng=rng,
        )
        # A practice retake of the crisis quiz since: its scenario essay waits in the grading
        # queue. Initial certification training, so it earns no CE.
        take(
            trainee=certified,
            assessment=quizzes[3],
            right=True,
            when=now - timedelta(days=1),
            rng=rng,
        )
