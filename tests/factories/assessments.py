import factory

from assessments.models import (
    Accommodation,
    AssessmentPage,
    PoolRule,
    Question,
    QuestionCategory,
)

from .pages import PageFactory, without_indexing

# One valid question of every type; option 1 / the listed order / the first pair are correct.
SAMPLE_DATA = {
    "single": {
        "options": [
            {"text": "Call 911 and stay", "correct": False, "feedback": "SECRET-FB-single-0"},
            {"text": "Call 988 together", "correct": True, "feedback": "SECRET-FB-single-1"},
            {"text": "Wait and see", "correct": False, "feedback": "SECRET-FB-single-2"},
        ]
    },
    "true_false": {
        "options": [
            {"text": "True", "correct": False, "feedback": "SECRET-FB-tf-0"},
            {"text": "False", "correct": True, "feedback": "SECRET-FB-tf-1"},
        ]
    },
    "multiple": {
        "options": [
            {"text": "Open questions", "correct": True, "feedback": "SECRET-FB-multi-0"},
            {"text": "Affirmations", "correct": True, "feedback": "SECRET-FB-multi-1"},
            {"text": "Diagnoses", "correct": False, "feedback": "SECRET-FB-multi-2"},
            {"text": "Reflections", "correct": True, "feedback": "SECRET-FB-multi-3"},
        ]
    },
    "short": {"accepted_answers": ["SECRET-ANSWER minimum necessary", "min necessary"]},
    "ordering": {
        "items": [
            "Call 911",
            "Check for signs",
            "Support breathing",
            "Give naloxone",
            "Stay and monitor",
        ]
    },
    "matching": {
        "pairs": [
            ["Health", "Primary care visits"],
            ["Home", "A safe lease"],
            ["Purpose", "Volunteering"],
            ["Community", "Softball league"],
        ]
    },
    "essay": {
        "rubric": [
            {"criterion": "SECRET-RUBRIC responds promptly", "points": 2},
            {"criterion": "SECRET-RUBRIC uses the safety plan", "points": 2},
        ]
    },
}


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Category {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A published question (a live revision), like an instructor's after "Publish"."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"question-{n}")
    category = factory.SubFactory(QuestionCategoryFactory)
    type = "single"
    text = factory.Sequence(lambda n: f"Question {n}: what does a peer do first?")
    points = 1
    difficulty = "medium"
    general_feedback = "SECRET-GENERAL-FEEDBACK"
    data = factory.LazyAttribute(lambda o: SAMPLE_DATA[o.type])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Not indexed for search or references unless the test asks (tests/factories/pages.py).
        with without_indexing(model_class):
            return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if create and extracted is not False:
            with without_indexing(type(self)):
                self.save_revision().publish()
            self.refresh_from_db()


class AssessmentPageFactory(PageFactory):
    class Meta:
        model = AssessmentPage

    title = factory.Sequence(lambda n: f"Quiz {n}")
    introduction = "<p>Check what you learned.</p>"
    pass_mark = 70
    max_attempts = 3
    shuffle_questions = False
    shuffle_options = False


class PoolRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoolRule

    assessment = factory.SubFactory(AssessmentPageFactory)
    count = 1


class AccommodationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accommodation

    trainee = factory.SubFactory("tests.factories.accounts.UserFactory")
    assessment = factory.SubFactory(AssessmentPageFactory)
