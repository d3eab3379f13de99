"""Question bank, assessment pages and the attempt record.

Questions are snippets with revisions: an attempt points at the question (stable identity) and at
the exact revision it showed, so editing a question later never changes a finished attempt.
Type-specific data lives in one JSON document per question, validated per type by
`assessments.grading.validate_question_data` (the same pure module that grades it).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index

from courses.gating import guard_course_content
from courses.models import CoursePage
from courses.permissions import courses_taught_by

from . import bank_forms, grading, question_editor
from .blueprint import ScaledScale


class QuestionCategory(models.Model):
    """A bank of questions on one topic; pool rules draw from it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Exam items are only as good as their secrecy: an instructor sees the questions of the
    # courses they teach, and a category without a course is the bank every course may use.
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="question_categories",
        verbose_name=_("course"),
        help_text=_(
            "Only this course's instructors (and reviewers) see and use these questions. "
            "Leave empty for a bank shared by every course; only reviewers can."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("course"), FieldPanel("description")]
    base_form_class = bank_forms.QuestionCategoryForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")

    def __str__(self) -> str:
        return self.name


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple response")
    TRUE_FALSE = "true_false", _("True / false")
    SHORT = "short", _("Short answer")
    ORDERING = "ordering", _("Ordering")
    MATCHING = "matching", _("Matching")
    ESSAY = "essay", _("Essay / scenario (graded by hand)")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


DATA_HELP = _(
    'Type-specific data as JSON. Choice types: {"options": [{"text": …, "correct": true, '
    '"feedback": …}]}. Short answer: {"accepted_answers": ["…"]}. Ordering: {"items": [… in '
    'the correct order]}. Matching: {"pairs": [["left", "right"], …]}. Essay: {"rubric": '
    '[{"criterion": …, "points": 1}]}.'
)


TRANSLATIONS_HELP = _(
    "The Spanish version a trainee reading Spanish sees, with the same options, correct answers "
    "and points as the English. To change it, import the translated bank file "
    "(manage.py import_questions --language es)."
)


class CognitiveLevel(models.TextChoices):
    RECALL = "recall", _("Recall")
    APPLICATION = "application", _("Application (scenario)")


class Question(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_("Stable identifier used by import/export; never reused."),
    )
    category = models.ForeignKey(
        QuestionCategory,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("category"),
    )
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    text = models.TextField(_("question text"))
    points = models.PositiveSmallIntegerField(
        _("points"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    domain = models.ForeignKey(
        "courses.TrainingDomain",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("training domain"),
    )
    competency = models.ForeignKey(
        "courses.Competency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("SAMHSA competency"),
    )
    cognitive_level = models.CharField(
        _("cognitive level"),
        max_length=12,
        choices=CognitiveLevel.choices,
        default=CognitiveLevel.RECALL,
        help_text=_(
            "Application items put the trainee in a scenario and ask what the peer does next; "
            "item-writing guides want most certifying-exam items to be application items."
        ),
    )
    # Items that cue or answer each other ("enemy items") never appear on the same form.
    # Kept outside the question's revisions: it describes the bank, not one question's text,
    # and changes take effect for the next form drawn. Edited through import/export.
    enemies = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        verbose_name=_("enemy items"),
        help_text=_("Questions that give this one away, or that it gives away."),
    )
    general_feedback = models.TextField(_("general feedback"), blank=True)
    data = models.JSONField(_("answer data"), default=dict, blank=True, help_text=DATA_HELP)
    # The question's versions in other languages, by language code (assessments/translation.py):
    # words only, in this question's structure, so they are part of each revision and an
    # attempt's answers grade the same whichever language showed them. Written by importing a
    # translation file (import_questions --language es).
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_(
            "This question in other languages, by language code. Import a translated bank "
            "file to change it."
        ),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="question")

    # The answers are edited through structured, per-type editors (question_editor.py) that read
    # and write `data`; the stored JSON itself is only shown, read-only, in a collapsed panel.
    panels = [
        FieldPanel("key"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("type")]),
        FieldPanel("text"),
        FieldRowPanel(
            [FieldPanel("points"), FieldPanel("difficulty"), FieldPanel("cognitive_level")]
        ),
        FieldRowPanel([FieldPanel("domain"), FieldPanel("competency")]),
        *question_editor.answer_panels(),
        FieldPanel("general_feedback"),
        MultiFieldPanel(
            [question_editor.StoredDataPanel("data")],
            heading=_("Stored answer data (JSON, read only)"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [question_editor.StoredDataPanel("translations", help_text=TRANSLATIONS_HELP)],
            heading=_("Translations (JSON, read only)"),
            classname="collapsed",
        ),
    ]
    edit_handler = ObjectList(panels, attrs=question_editor.TYPE_SWITCH_ATTRS)
    base_form_class = question_editor.QuestionEditorForm
    search_fields = [
        index.SearchField("text"),
        index.SearchField("key"),
        # The chooser searches as the instructor types: "nalox" must find naloxone questions.
        index.AutocompleteField("text"),
        index.AutocompleteField("key"),
        index.FilterField("category"),
        index.FilterField("type"),
    ]

    class Meta:
        ordering = ["category__name", "key"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"{self.key}: {text}"

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        errors = grading.validate_question_data(self.type, self.data, points=self.points)
        if errors:
            raise ValidationError({"data": errors})


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    FIRST = "first", _("First attempt")
    AVERAGE = "average", _("Average of attempts")


def _review_field(label: str, default: bool) -> models.BooleanField:
    return models.BooleanField(label, default=default)


class AssessmentPage(Page):
    """A quiz (child of a module) or a final exam (child of a course)."""

    base_form_class = bank_forms.AssessmentPageForm
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=3, help_text=_("0 means unlimited.")
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("cooldown between attempts (minutes)"), default=0
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty means untimed.")
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"),
        default=0,
        help_text=_(
            "0 shows every question on one page. Answers are saved as the trainee moves "
            "between pages, and the time limit runs across them."
        ),
    )

    # Blueprint: a certifying exam is assembled per attempt from the categories of its question
    # pool, items per domain in proportion to the published weights below (assessments/
    # blueprint.py). Empty length: the pool rules' counts apply as they stand.
    blueprint_length = models.PositiveSmallIntegerField(
        _("form length (blueprint)"),
        null=True,
        blank=True,
        help_text=_(
            "Set it to assemble each attempt from the blueprint weights below: items per "
            "training domain in proportion to the weights, the pool's difficulty mix kept, no "
            "two enemy items together, and items seen in a failed attempt avoided where the "
            "pool allows. The pool rules then only name the categories drawn from."
        ),
    )
    blueprint_source = models.CharField(
        _("source of the weights"),
        max_length=300,
        blank=True,
        help_text=_(
            'Where the domain weights come from, e.g. "IC&RC Peer Recovery candidate guide '
            '(2013 job analysis)".'
        ),
    )
    # Scaled score, the way boards report (IC&RC: 200–800, pass at 500). The pass mark maps
    # onto the cut score.
    scale_low = models.PositiveSmallIntegerField(_("lowest scaled score"), null=True, blank=True)
    scale_high = models.PositiveSmallIntegerField(_("highest scaled score"), null=True, blank=True)
    scale_cut = models.PositiveSmallIntegerField(
        _("scaled cut score"),
        null=True,
        blank=True,
        help_text=_("The scaled score that the pass mark maps onto, e.g. 500 on 200–800."),
    )
    review_questions = models.BooleanField(
        _("reviews show the questions"),
        default=True,
        help_text=_(
            "Off for a certifying exam drawn from a confidential pool: trainees then see their "
            "score (and the domain profile) but never the items, so the pool stays secure for "
            "the next candidate."
        ),
    )
    show_domain_profile = models.BooleanField(
        _("show the per-domain score profile"),
        default=False,
        help_text=_(
            "Results show each training domain's score with what to revisit. Certifying exams "
            "show this instead of per-question feedback."
        ),
    )

    # Review policy: for each moment, what the trainee may see of a finished attempt.
    review_submit_score = _review_field(_("score"), True)
    review_submit_correctness = _review_field(_("correctness"), False)
    review_submit_feedback = _review_field(_("feedback"), False)
    review_submit_answers = _review_field(_("correct answers"), False)
    review_pass_score = _review_field(_("score"), True)
    review_pass_correctness = _review_field(_("correctness"), True)
    review_pass_feedback = _review_field(_("feedback"), True)
    review_pass_answers = _review_field(_("correct answers"), False)
    review_last_score = _review_field(_("score"), True)
    review_last_correctness = _review_field(_("correctness"), True)
    review_last_feedback = _review_field(_("feedback"), True)
    review_last_answers = _review_field(_("correct answers"), False)
    review_close_score = _review_field(_("score"), True)
    review_close_correctness = _review_field(_("correctness"), True)
    review_close_feedback = _review_field(_("feedback"), True)
    review_close_answers = _review_field(_("correct answers"), True)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("introduction"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("grading_method")]),
                    FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("cooldown_minutes")]),
                    FieldPanel("time_limit_minutes"),
                    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                    FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                    FieldPanel("questions_per_page"),
                ],
                heading=_("Rules"),
            ),
            InlinePanel("pool_rules", label=_("Question pool"), min_num=1),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("blueprint_length"), FieldPanel("blueprint_source")]),
                    InlinePanel("blueprint_weights", label=_("Domain weight")),
                    FieldRowPanel(
                        [FieldPanel("scale_low"), FieldPanel("scale_cut"), FieldPanel("scale_high")]
                    ),
                    FieldRowPanel(
                        [FieldPanel("show_domain_profile"), FieldPanel("review_questions")]
                    ),
                ],
                heading=_("Exam blueprint and score reporting"),
                classname="collapsed",
            ),
        ]
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel(f"review_{moment}_{what}") for what in grading.REVIEW_ITEMS]
                    )
                ],
                heading=heading,
            )
            for moment, heading in [
                ("submit", _("Review right after submitting")),
                ("pass", _("Review once passed")),
                ("last", _("Review after the last attempt")),
                ("close", _("Review after the assessment closes")),
            ]
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["courses.ModulePage", "courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("assessment")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The assessment must close after it opens.")})

    def scale(self):
        """The scaled-score scale, when all three numbers are set."""
        if None in (self.scale_low, self.scale_high, self.scale_cut):
            return None
        return ScaledScale(low=self.scale_low, high=self.scale_high, cut=self.scale_cut)

    def review_policy(self) -> dict[str, set[str]]:
        return {
            moment: {
                what for what in grading.REVIEW_ITEMS if getattr(self, f"review_{moment}_{what}")
            }
            for moment in grading.REVIEW_MOMENTS
        }

    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.opens_at is None or now >= self.opens_at) and (
            self.closes_at is None or now < self.closes_at
        )

    def serve(self, request, *args, **kwargs):
        refusal = guard_course_content(request, self)
        if refusal:
            return refusal
        response = super().serve(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response

    def get_context(self, request, *args, **kwargs):
        from .selectors import assessment_page_context  # selectors import these models

        context = super().get_context(request, *args, **kwargs)
        context.update(assessment_page_context(assessment=self, request=request))
        return context


class PoolRule(Orderable):
    """ "Draw N from a category", or "always include this question"."""

    assessment = ParentalKey(AssessmentPage, on_delete=models.CASCADE, related_name="pool_rules")
    category = models.ForeignKey(
        QuestionCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("category"),
    )
    count = models.PositiveSmallIntegerField(_("questions to draw"), default=1)
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fixed question"),
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("count")]), FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("pool rule")

    def clean(self):
        super().clean()
        if bool(self.category_id) == bool(self.question_id):
            raise ValidationError(_("Choose either a category to draw from or one fixed question."))


class BlueprintWeight(Orderable):
    """One training domain's share of an exam form (e.g. IC&RC Peer Recovery: Recovery/Wellness
    Support 31 %)."""

    assessment = ParentalKey(
        AssessmentPage, on_delete=models.CASCADE, related_name="blueprint_weights"
    )
    domain = models.ForeignKey(
        "courses.TrainingDomain",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("training domain"),
    )
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    panels = [FieldRowPanel([FieldPanel("domain"), FieldPanel("weight")])]

    class Meta(Orderable.Meta):
        verbose_name = _("domain weight")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="one_weight_per_domain_per_assessment"
            )
        ]


class Accommodation(models.Model):
    """Extra time or attempts for one trainee on one assessment. No reason is stored: it could
    be health information, which this system never holds."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accommodations",
        verbose_name=_("trainee"),
    )
    assessment = models.ForeignKey(
        AssessmentPage,
        on_delete=models.CASCADE,
        related_name="accommodations",
        verbose_name=_("assessment"),
    )
    extra_minutes = models.PositiveIntegerField(_("extra minutes"), default=0)
    extra_attempts = models.PositiveSmallIntegerField(_("extra attempts"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("trainee"),
        FieldPanel("assessment"),
        FieldPanel("extra_minutes"),
        FieldPanel("extra_attempts"),
    ]
    base_form_class = bank_forms.AccommodationForm

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trainee", "assessment"], name="unique_accommodation")
        ]
        verbose_name = _("accommodation")

    def __str__(self) -> str:
        return f"{self.trainee} — {self.assessment}"


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    NEEDS_GRADING = "needs_grading", _("Waiting for grading")
    GRADED = "graded", _("Graded")


class AttemptQuerySet(models.QuerySet):
    def for_trainee(self, user):
        return self.filter(trainee=user)

    def finished(self):
        return self.exclude(state=AttemptState.IN_PROGRESS)

    def graded(self):
        return self.filter(state=AttemptState.GRADED)

    def visible_to_instructor(self, user):
        if user.is_superuser:
            return self
        paths = list(courses_taught_by(user).values_list("path", flat=True))
        if not paths:
            return self.none()
        query = models.Q()
        for path in paths:
            query |= models.Q(assessment__path__startswith=path)
        return self.filter(query)


class Attempt(models.Model):
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    assessment = models.ForeignKey(
        AssessmentPage, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("submitted at the deadline"), default=False)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=7, decimal_places=2, default=0)
    percent = models.DecimalField(
        _("percent"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # The language the questions were shown in, chosen when the attempt starts (the trainee's
    # language then) and kept for the whole attempt, its review and the item statistics. An
    # item without a version in that language was shown in English.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["assessment_id", "trainee_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "assessment", "number"], name="unique_attempt_number"
            )
        ]
        indexes = [
            models.Index(fields=["assessment", "state"]),
            # The grading queue: a handful of attempts among hundreds of thousands.
            models.Index(
                fields=["submitted_at"],
                name="attempt_needs_grading",
                condition=models.Q(state="needs_grading"),
            ),
        ]
        verbose_name = _("attempt")

    def __str__(self) -> str:
        return f"{self.assessment} — attempt {self.number}"

    @property
    def finished(self) -> bool:
        return self.state != AttemptState.IN_PROGRESS


class AttemptQuestion(models.Model):
    """One question as drawn for one attempt: the revision shown and the display order."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The exact revision the trainee saw."),
    )
    qtype = models.CharField(max_length=20, choices=QuestionType.choices)
    position = models.PositiveSmallIntegerField()
    option_order = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Display order as original indices (options, ordering items or matches)."),
    )
    max_points = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="unique_attempt_position"),
            models.UniqueConstraint(fields=["attempt", "question"], name="unique_attempt_question"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} — question {self.position + 1}"

    @property
    def content(self) -> dict:
        """The question as it was at the revision shown (plain data)."""
        return self.revision.content


class Response(models.Model):
    attempt_question = models.OneToOneField(
        AttemptQuestion, on_delete=models.CASCADE, related_name="response"
    )
    answer = models.JSONField(null=True, blank=True, help_text=_("In original indices."))
    saved_at = models.DateTimeField(null=True, blank=True)
    # "Flag for review": the trainee's own reminder to come back, saved with the answers so it
    # survives a reload and shows on the summary before submitting. Never graded.
    flagged = models.BooleanField(_("flagged for review"), default=False)
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    rubric_points = models.JSONField(default=list, blank=True)
    comment = models.TextField(_("grader's comment"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Response to {self.attempt_question}"


class Regrade(models.Model):
    """Audit record: who regraded which assessment, when, and what changed."""

    assessment = models.ForeignKey(
        AssessmentPage, on_delete=models.CASCADE, related_name="regrades"
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    performed_at = models.DateTimeField(default=timezone.now)
    dry_run = models.BooleanField(default=False)
    changes = models.JSONField(default=list)
    # Answers that could not be carried over to the corrected question and kept their score.
    unmapped = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-performed_at"]
        verbose_name = _("regrade")

    def __str__(self) -> str:
        return f"Regrade of {self.assessment} at {self.performed_at:%Y-%m-%d %H:%M}"
