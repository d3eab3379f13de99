"""A course and its Spanish translation, made the way the demo seed and the admin's "Translate"
make one: Wagtail's copy_for_translation (same translation_key, the es locale's tree under
/es/), then published."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import blocks as wagtail_blocks
from wagtail.models import Locale

from courses.demo import translate_page
from tests.conftest import CourseTree, build_course

SPANISH_LESSONS = [
    (
        "Escucha activa",
        "escucha-activa",
        "<p>Escuchar de forma activa es prestar toda su atención a la persona: sin "
        "interrumpir, sin preparar la respuesta mientras habla y comprobando que entendió "
        "bien lo que quiso decir.</p>",
    ),
    (
        "Preguntas abiertas",
        "preguntas-abiertas",
        "<p>Una pregunta abierta invita a la persona a contar su historia con sus propias "
        "palabras: «¿Qué le ayudó la última vez?» abre más que «¿Le ayudó?».</p>",
    ),
    (
        "Autorrevelación estratégica",
        "autorrevelacion-estrategica",
        "<p>Compartir su experiencia vivida sirve a la persona cuando es breve, tiene un "
        "propósito claro y devuelve la conversación a ella.</p>",
    ),
    (
        "Lenguaje centrado en la persona",
        "lenguaje-centrado-en-la-persona",
        "<p>Diga «una persona con un trastorno por consumo de sustancias», no «un adicto»: "
        "las palabras pueden reducir el estigma o reforzarlo.</p>",
    ),
]


@dataclass
class SpanishTree:
    english: CourseTree
    home: object
    index: object
    course: object
    modules: list
    lessons: list  # per module, in order

    @property
    def all_lessons(self):
        return [lesson for module_lessons in self.lessons for lesson in module_lessons]


def spanish_body(text: str):
    return [
        (
            "heading",
            wagtail_blocks.StructValue(None, [("text", "Por qué importa"), ("size", "h2")]),
        ),
        ("paragraph", text),
    ]


def translate_course(
    home,
    course_index,
    tree: CourseTree,
    *,
    modules: int | None = None,
    slug: str = "curso-de-apoyo-entre-pares",
) -> SpanishTree:
    """The Spanish home, index and course, and the first `modules` modules (all by default)
    with every lesson; the rest stay English only."""
    spanish = Locale.objects.get(language_code="es")
    home_es, _ = translate_page(home, spanish, hero_heading="Formación para especialistas")
    index_es, _ = translate_page(course_index, spanish, title="Cursos", slug="cursos")
    course_es, _ = translate_page(
        tree.course,
        spanish,
        title="Curso de apoyo entre pares",
        slug=slug,
        summary="La formación básica del apoyo entre pares.",
        introduction="<p>Seis módulos sobre las habilidades del apoyo entre pares.</p>",
    )
    module_pages, lesson_pages = [], []
    # Each lesson its own text (and slug: numbered once the four texts come round again).
    texts = iter(
        (title, slug if n < len(SPANISH_LESSONS) else f"{slug}-{n}", text)
        for n, (title, slug, text) in enumerate(SPANISH_LESSONS * 20)
    )
    for number, module in enumerate(tree.modules[:modules], start=1):
        module_es, _ = translate_page(
            module,
            spanish,
            title=f"Módulo {number}: comunicación",
            slug=f"modulo-{number}",
            introduction="<p>Lo que abarca este módulo.</p>",
        )
        module_pages.append(module_es)
        row = []
        for english_lesson in tree.lessons[number - 1]:
            title, lesson_slug, text = next(texts)
            lesson_es, _ = translate_page(
                english_lesson,
                spanish,
                title=title,
                slug=lesson_slug,
                summary="Una lección.",
                body=spanish_body(text),
            )
            row.append(lesson_es)
        lesson_pages.append(row)
    return SpanishTree(
        english=tree,
        home=home_es,
        index=index_es,
        course=course_es,
        modules=module_pages,
        lessons=lesson_pages,
    )


def english_and_spanish(home, course_index, **kwargs) -> SpanishTree:
    translated = kwargs.pop("translated_modules", None)
    slug = kwargs.pop("spanish_slug", "curso-de-apoyo-entre-pares")
    tree = build_course(course_index, **kwargs)
    return translate_course(home, course_index, tree, modules=translated, slug=slug)
