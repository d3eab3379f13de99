"""Builds the demo curriculum from demo/curriculum/module-N.json (accurate teaching prose kept as
data; lesson bodies are in Wagtail's StreamField JSON form), and its Spanish translation from
demo/curriculum/es/module-N.json (the same structure, the same lessons in the same order).

The Spanish pages are Wagtail translations of the English ones (``copy_for_translation``: same
``translation_key``, in the ``es`` locale's tree under /es/), published the way the English
pages are. A module whose Spanish file is not there yet is left untranslated: Spanish readers
see it in English inside the Spanish course, and its editor says so (courses/models.py)."""

from __future__ import annotations

import json
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page

from .blocks import LessonStreamBlock
from .models import (
    Competency,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModuleDomainHours,
    ModulePage,
    TrainingDomain,
)

COURSE_SLUG = "peer-recovery-specialist-foundations"
COURSE_TITLE = "Peer Recovery Specialist Foundations"
MODULE_COUNT = 6

# IC&RC Peer Recovery domains with the floor of initial training hours each one asks for.
# (name, description, Spanish name, Spanish description). The Spanish follows the course's
# own wording (COURSE_INTRO_ES) and docs/glossary-es.md.
ICRC_DOMAINS = [
    (
        "Advocacy",
        "Speaking up for peers' rights and for recovery-oriented systems.",
        "Defensa de derechos",
        "Defender los derechos de los pares y promover sistemas orientados a la recuperación.",
    ),
    (
        "Mentoring/Education",
        "Sharing knowledge and skills, modelling recovery, teaching by example.",
        "Mentoría/Educación",
        "Compartir conocimientos y habilidades, ser un modelo de recuperación y enseñar con el "
        "ejemplo.",
    ),
    (
        "Recovery/Wellness Support",
        "Supporting recovery planning, wellness and crisis safety.",
        "Apoyo a la recuperación y al bienestar",
        "Apoyar la planificación de la recuperación, el bienestar y la seguridad en una crisis.",
    ),
    (
        "Ethical Responsibility",
        "Ethics, boundaries, confidentiality and the law.",
        "Responsabilidad ética",
        "Ética, límites, confidencialidad y la ley.",
    ),
]

# (English, Spanish). The Spanish keeps the list's form (a verb in the third person) and the
# words the Spanish lessons use for each competency (brinda apoyo, apoya la planificación…).
SAMHSA_COMPETENCIES = [
    (
        "Engages peers in collaborative and caring relationships",
        "Involucra a los pares en relaciones colaborativas y de cuidado",
    ),
    ("Provides support", "Brinda apoyo"),
    ("Shares lived experiences of recovery", "Comparte experiencias vividas de recuperación"),
    ("Personalizes peer support", "Personaliza el apoyo entre pares"),
    ("Supports recovery planning", "Apoya la planificación de la recuperación"),
    ("Links to resources, services, and supports", "Vincula con recursos, servicios y apoyos"),
    (
        "Provides information about skills related to health, wellness, and recovery",
        "Brinda información sobre habilidades relacionadas con la salud, el bienestar y la "
        "recuperación",
    ),
    ("Helps peers to manage crises", "Ayuda a los pares a manejar las crisis"),
    ("Values communication", "Valora la comunicación"),
    ("Supports collaboration and teamwork", "Apoya la colaboración y el trabajo en equipo"),
    ("Promotes leadership and advocacy", "Promueve el liderazgo y la defensa de derechos"),
    ("Promotes growth and development", "Promueve el crecimiento y el desarrollo"),
]

COURSE_INTRO = (
    "<p>This course prepares you for work as a peer recovery specialist: someone who uses their "
    "own lived experience of recovery, together with trained skills, to support others on their "
    "path. It covers the training domains that IC&amp;RC's Peer Recovery credential asks for — "
    "advocacy, mentoring and education, recovery and wellness support, and ethical "
    "responsibility — and maps every module to SAMHSA's Core Competencies for Peer Workers.</p>"
    "<p>Work through the modules in order. Each lesson ends with a reflection or a practice "
    "question; each module's quiz checks what you have learned before the next one opens.</p>"
)


SPANISH = "es"
COURSE_TITLE_ES = "Fundamentos del especialista en recuperación entre pares"
COURSE_SLUG_ES = "fundamentos-del-especialista-en-recuperacion-entre-pares"

COURSE_INTRO_ES = (
    "<p>Este curso lo prepara para trabajar como especialista en recuperación entre pares: una "
    "persona que usa su propia experiencia vivida de recuperación, junto con habilidades "
    "aprendidas, para apoyar a otras personas en su camino. Abarca los dominios de formación "
    "que pide la credencial Peer Recovery de IC&amp;RC —defensa de derechos, mentoría y "
    "educación, apoyo a la recuperación y al bienestar, y responsabilidad ética— y relaciona "
    "cada módulo con las "
    "competencias básicas de SAMHSA para el personal de apoyo entre pares (Core Competencies "
    "for Peer Workers).</p>"
    "<p>Avance por los módulos en orden. Cada lección termina con una reflexión o una pregunta "
    "de práctica; el cuestionario de cada módulo comprueba lo que aprendió antes de que se abra "
    "el siguiente.</p>"
)

INDEX_TEXT = {
    "en": (
        "Courses",
        "courses",
        "<p>Courses for people training as peer recovery specialists.</p>",
    ),
    "es": (
        "Cursos",
        "cursos",
        "<p>Cursos para personas que se forman como especialistas en recuperación entre pares.</p>",
    ),
}


def course_summary(*, hours: Decimal, modules: int, language: str = "en") -> str:
    if language == SPANISH:
        return (
            "La formación básica para especialistas en recuperación entre pares: "
            f"{hours.normalize():f} horas de contacto en {modules} módulos, alineadas con los "
            "dominios Peer Recovery de IC&RC."
        )
    return (
        "The core training for peer recovery specialists: "
        f"{hours.normalize():f} contact hours across {modules} modules, aligned with "
        "IC&RC's Peer Recovery domains."
    )


def curriculum_folder(language: str | None = None):
    folder = settings.BASE_DIR / "demo" / "curriculum"
    return folder / language if language else folder


def load_modules() -> list[dict]:
    folder = curriculum_folder()
    return [
        json.loads((folder / f"module-{number}.json").read_text(encoding="utf-8"))
        for number in range(1, MODULE_COUNT + 1)
    ]


def load_translations(language: str) -> dict[int, dict]:
    """Module number → its translation, for every module whose file is there (the Spanish
    files arrive module by module)."""
    folder = curriculum_folder(language)
    found = {}
    for number in range(1, MODULE_COUNT + 1):
        path = folder / f"module-{number}.json"
        if path.exists():
            found[number] = json.loads(path.read_text(encoding="utf-8"))
    return found


def seed_framework() -> dict[str, TrainingDomain]:
    domains = {}
    for order, (name, description, name_es, description_es) in enumerate(ICRC_DOMAINS):
        domains[name], _ = TrainingDomain.objects.update_or_create(
            name=name,
            defaults={
                "name_es": name_es,
                "framework": "IC&RC Peer Recovery",
                "description": description,
                "description_es": description_es,
                "sort_order": order,
            },
        )
    for number, (title, title_es) in enumerate(SAMHSA_COMPETENCIES, start=1):
        Competency.objects.update_or_create(
            framework="SAMHSA", number=number, defaults={"title": title, "title_es": title_es}
        )
    return domains


def _publish(page: Page) -> None:
    page.save_revision().publish()


@transaction.atomic
def seed_curriculum(*, home: Page) -> CoursePage:
    """The course tree under ``home`` (the site's home page, which cms/demo.py makes)."""
    domains = seed_framework()
    competencies = {c.number: c for c in Competency.objects.filter(framework="SAMHSA")}
    modules = load_modules()
    hours = sum(Decimal(data["contact_hours"]) for data in modules)
    index = CourseIndexPage.objects.filter(locale_id=home.locale_id).first()
    if index is None:
        title, slug, introduction = INDEX_TEXT["en"]
        index = CourseIndexPage(title=title, slug=slug, introduction=introduction)
        home.add_child(instance=index)
        _publish(index)
    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is None:
        course = CoursePage(
            title=COURSE_TITLE,
            slug=COURSE_SLUG,
            summary=course_summary(hours=hours, modules=len(modules)),
            introduction=COURSE_INTRO,
            sequential=True,
        )
        index.add_child(instance=course)
        _publish(course)
    for data in modules:
        _seed_module(course=course, data=data, domains=domains, competencies=competencies)
    return course


def translation_in(page: Page, locale: Locale):
    """``page``'s translation in ``locale`` (draft or live), or None."""
    return page.get_translation_or_none(locale)


def translate_page(page: Page, locale: Locale, **fields) -> tuple[Page, bool]:
    """``page`` translated into ``locale`` with Wagtail's translation API (its parent must be
    translated already) and published as the English pages are. Already translated: left as
    it is (the demo never overwrites an editor's work). Returns (translation, created).

    ``copy_for_translation`` copies the live page instance it is given, so the translated
    fields are set on a fresh, unsaved copy of the English page's row before it is called: the
    translation is written once (then revised and published) instead of copied in English and
    saved again in Spanish, which halves what the seed spends on Spanish pages. The copy's own
    revision (which copy_for_translation saves, holding those fields) is the one published: no
    second, identical revision is written first."""
    existing = translation_in(page, locale)
    if existing is not None:
        return existing.specific, False
    source = type(page).objects.get(pk=page.pk)
    if not source.live:
        raise ValueError(f"Publish {page.title!r} before translating it.")
    for name, value in fields.items():
        setattr(source, name, value)
    translated = source.copy_for_translation(locale)
    translated.latest_revision.publish()
    translated.refresh_from_db()  # live, as publishing made it
    return translated, True


@transaction.atomic
def seed_spanish_curriculum(*, course: CoursePage) -> list[str]:
    """The Spanish course index and course (under the Spanish home, which cms/demo.py makes),
    and every module whose Spanish file exists, with all its lessons. Returns a line for each
    module left in English."""
    spanish = Locale.objects.get(language_code=SPANISH)
    index = course.get_parent().specific
    title, slug, introduction = INDEX_TEXT[SPANISH]
    translate_page(index, spanish, title=title, slug=slug, introduction=introduction)
    modules = load_modules()
    hours = sum(Decimal(data["contact_hours"]) for data in modules)
    course_es, _ = translate_page(
        course,
        spanish,
        title=COURSE_TITLE_ES,
        slug=COURSE_SLUG_ES,
        summary=course_summary(hours=hours, modules=len(modules), language=SPANISH),
        introduction=COURSE_INTRO_ES,
    )
    translations = load_translations(SPANISH)
    left = []
    english_modules = list(ModulePage.objects.child_of(course).order_by("path"))
    for number, module in enumerate(english_modules, start=1):
        data = translations.get(number)
        problem = _translation_problem(module=module, data=data)
        if problem:
            left.append(f"Spanish curriculum: module {number} ({module.title}) {problem}")
            continue
        _translate_module(module=module, data=data, locale=spanish)
    return left


def _translation_problem(*, module: ModulePage, data: dict | None) -> str:
    if data is None:
        return "is not translated yet (no demo/curriculum/es file): shown in English"
    lessons = LessonPage.objects.child_of(module).count()
    if len(data.get("lessons", [])) != lessons:
        return (
            f"has {len(data.get('lessons', []))} Spanish lessons for {lessons} English ones: "
            "left in English"
        )
    return ""


def _spanish_slug(data: dict, english: Page) -> str:
    return slugify(data.get("slug") or "") or english.slug


def _translate_module(*, module: ModulePage, data: dict, locale: Locale) -> ModulePage:
    module_es, _ = translate_page(
        module,
        locale,
        title=data["title"],
        slug=_spanish_slug(data, module),
        introduction=data["intro"],
        learning_objectives=[("objective", text) for text in data["objectives"]],
    )
    lessons = LessonPage.objects.child_of(module).order_by("path")
    for lesson, lesson_data in zip(lessons, data["lessons"], strict=True):
        translate_page(
            lesson,
            locale,
            title=lesson_data["title"],
            slug=_spanish_slug(lesson_data, lesson),
            summary=lesson_data["summary"],
            estimated_minutes=lesson.estimated_minutes,
            body=LessonStreamBlock().to_python(lesson_data["body"]),
        )
    return module_es


def _seed_module(*, course: CoursePage, data: dict, domains, competencies) -> ModulePage:
    module = ModulePage.objects.child_of(course).filter(slug=data["slug"]).first()
    if module is None:
        module = ModulePage(
            title=data["title"],
            slug=data["slug"],
            introduction=data["intro"],
            contact_hours=Decimal(data["contact_hours"]),
            learning_objectives=[("objective", text) for text in data["objectives"]],
        )
        for name, hours in data["domain_hours"].items():
            module.domain_hours.add(ModuleDomainHours(domain=domains[name], hours=Decimal(hours)))
        module.competencies = [competencies[number] for number in data["competencies"]]
        course.add_child(instance=module)
        _publish(module)
    for lesson_data in data["lessons"]:
        if LessonPage.objects.child_of(module).filter(slug=lesson_data["slug"]).exists():
            continue
        lesson = LessonPage(
            title=lesson_data["title"],
            slug=lesson_data["slug"],
            summary=lesson_data["summary"],
            estimated_minutes=lesson_data.get("estimated_minutes", 30),
            body=LessonStreamBlock().to_python(lesson_data["body"]),
        )
        module.add_child(instance=lesson)
        _publish(lesson)
    return module
