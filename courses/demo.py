"""Builds the demo curriculum from demo/curriculum/module-N.json (accurate teaching prose kept as
data; lesson bodies are in Wagtail's StreamField JSON form)."""

from __future__ import annotations

import json
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

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
ICRC_DOMAINS = [
    ("Advocacy", "Speaking up for peers' rights and for recovery-oriented systems."),
    (
        "Mentoring/Education",
        "Sharing knowledge and skills, modelling recovery, teaching by example.",
    ),
    ("Recovery/Wellness Support", "Supporting recovery planning, wellness and crisis safety."),
    ("Ethical Responsibility", "Ethics, boundaries, confidentiality and the law."),
]

SAMHSA_COMPETENCIES = [
    "Engages peers in collaborative and caring relationships",
    "Provides support",
    "Shares lived experiences of recovery",
    "Personalizes peer support",
    "Supports recovery planning",
    "Links to resources, services, and supports",
    "Provides information about skills related to health, wellness, and recovery",
    "Helps peers to manage crises",
    "Values communication",
    "Supports collaboration and teamwork",
    "Promotes leadership and advocacy",
    "Promotes growth and development",
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


def load_modules() -> list[dict]:
    folder = settings.BASE_DIR / "demo" / "curriculum"
    return [
        json.loads((folder / f"module-{number}.json").read_text(encoding="utf-8"))
        for number in range(1, MODULE_COUNT + 1)
    ]


def seed_framework() -> dict[str, TrainingDomain]:
    domains = {}
    for order, (name, description) in enumerate(ICRC_DOMAINS):
        domains[name], _ = TrainingDomain.objects.update_or_create(
            name=name,
            defaults={
                "framework": "IC&RC Peer Recovery",
                "description": description,
                "sort_order": order,
            },
        )
    for number, title in enumerate(SAMHSA_COMPETENCIES, start=1):
        Competency.objects.update_or_create(
            framework="SAMHSA", number=number, defaults={"title": title}
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
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(
            title="Courses",
            slug="courses",
            introduction="<p>Courses for people training as peer recovery specialists.</p>",
        )
        home.add_child(instance=index)
        _publish(index)
    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is None:
        course = CoursePage(
            title=COURSE_TITLE,
            slug=COURSE_SLUG,
            summary=(
                "The core training for peer recovery specialists: "
                f"{hours.normalize():f} contact hours across {len(modules)} modules, aligned with "
                "IC&RC's Peer Recovery domains."
            ),
            introduction=COURSE_INTRO,
            sequential=True,
        )
        index.add_child(instance=course)
        _publish(course)
    for data in modules:
        _seed_module(course=course, data=data, domains=domains, competencies=competencies)
    return course


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
