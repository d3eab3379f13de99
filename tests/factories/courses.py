from decimal import Decimal

import factory
from wagtail import blocks as wagtail_blocks

from cms.models import HomePage
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    ModuleDomainHours,
    ModulePage,
    TrainingDomain,
)

from .pages import PageFactory


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "PeerCert"
    hero_heading = "Training for peer recovery specialists"
    hero_text = "<p>Learn, practise and get certified.</p>"


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "Core training for peer recovery specialists."
    introduction = "<p>Six modules on the skills of peer support.</p>"
    sequential = False


class ModulePageFactory(PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    introduction = "<p>What this module covers.</p>"
    contact_hours = Decimal("8.00")


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    summary = "A lesson."
    estimated_minutes = 30
    body = factory.LazyFunction(
        lambda: [
            (
                "heading",
                wagtail_blocks.StructValue(None, [("text", "Why it matters"), ("size", "h2")]),
            ),
            ("paragraph", "<p>Peer support rests on mutuality and shared experience.</p>"),
        ]
    )


class TrainingDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingDomain
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Domain {n}")
    framework = "IC&RC Peer Recovery"


class ModuleDomainHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleDomainHours

    module = factory.SubFactory(ModulePageFactory)
    domain = factory.SubFactory(TrainingDomainFactory)
    hours = Decimal("4.00")


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    trainee = factory.SubFactory("tests.factories.accounts.UserFactory")
    course = factory.SubFactory(CoursePageFactory)


class LessonCompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonCompletion

    trainee = factory.SubFactory("tests.factories.accounts.UserFactory")
    lesson = factory.SubFactory(LessonPageFactory)
