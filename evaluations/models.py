"""Practical (observed) skills evaluations.

An **instrument** is the data an evaluator scores with: the skill, a fictional role-play for the
evaluator and the actor, criteria with behavioural anchors for each level of one rating scale,
which criteria are critical, the pass rule, who may ask (prerequisites), the retake rule, the
share of evaluations a second rater also scores, and what to practise after a fail. Instruments
are snippets with revisions, like questions: an evaluation points at the instrument and at the
exact revision the trainee asked for, so an edit never changes what an evaluation was scored on.

What a trainee or an evaluator reads (the skill, the summary, the role-play briefs, each
criterion and its anchors, what to practise) has a Spanish column beside the English, as the
framework's domains and competencies do (courses/framework.py): a Spanish reader sees the
Spanish, or the English where none is entered. The revision carries both, so an evaluation
pinned to it reads in either language; the rules (levels, critical, pass mark) are one.

An **evaluation** is one trainee's request, its schedule and, once the evaluator submits, its
final result. A **rating** is one rater's scores for it: the primary rater's decides the result;
a sampled second rater's only measures agreement (calibration).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from courses.framework import localized

from . import rules

# The scale's level names as readers see them, in their language (rules.LEVEL_NAMES, pure, keeps
# the English).
LEVEL_LABELS = {
    rules.NOT_OBSERVED: _("Not observed"),
    rules.PARTLY: _("Partly"),
    rules.MET: _("Met"),
    rules.EXEMPLARY: _("Exemplary"),
}
LEVEL_CHOICES = list(LEVEL_LABELS.items())
# A criterion's anchor columns, level 0 to 3 (each with an ``_es`` column beside it).
ANCHOR_FIELDS = ("anchor_not_observed", "anchor_partly", "anchor_met", "anchor_exemplary")


class Instrument(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier; never reused."),
    )
    skill = models.CharField(_("skill"), max_length=200)
    skill_es = models.CharField(
        _("skill in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English."),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="evaluation_instruments",
        verbose_name=_("course"),
        help_text=_(
            "Trainees enrolled in this course may ask for the evaluation, and its evaluator "
            "panel scores it."
        ),
    )
    summary = models.TextField(
        _("what the trainee shows"),
        help_text=_("Shown to trainees before they ask: what the evaluator will watch for."),
    )
    summary_es = models.TextField(
        _("what the trainee shows, in Spanish"),
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English."),
    )
    evaluator_brief = models.TextField(
        _("role-play: evaluator's brief"),
        help_text=_(
            "Fictional scenario and how to run it. Never a real person or case. Not shown to "
            "trainees."
        ),
    )
    evaluator_brief_es = models.TextField(
        _("evaluator's brief in Spanish"),
        blank=True,
        help_text=_("For evaluators who read the site in Spanish. Empty: they see the English."),
    )
    actor_brief = models.TextField(
        _("role-play: actor's brief"),
        help_text=_(
            "Who the actor plays, what they say and when to change course. Not shown to trainees."
        ),
    )
    actor_brief_es = models.TextField(
        _("actor's brief in Spanish"),
        blank=True,
        help_text=_(
            "For a role-play held in Spanish: the actor speaks these words. Empty: the English "
            "is shown."
        ),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("length of the role-play (minutes)"),
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    pass_percent = models.PositiveSmallIntegerField(
        _("pass mark (% of the highest total)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    critical_min_level = models.PositiveSmallIntegerField(
        _("critical criteria must reach"),
        choices=LEVEL_CHOICES,
        default=rules.MET,
        help_text=_(
            "A critical criterion rated below this fails the evaluation, whatever the total."
        ),
    )
    second_rater_percent = models.PositiveSmallIntegerField(
        _("second rater for (% of evaluations)"),
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_("A random sample an independent second evaluator also scores (calibration)."),
    )
    kappa_threshold = models.DecimalField(
        _("drift below kappa"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.60"),
        validators=[MinValueValidator(-1), MaxValueValidator(1)],
        help_text=_(
            "The calibration report flags a criterion or an evaluator whose agreement with "
            "second raters (Cohen's kappa) falls below this."
        ),
    )
    min_pairs = models.PositiveSmallIntegerField(
        _("judge drift from (paired ratings)"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Fewer paired ratings than this are reported as too few to judge."),
    )
    retake_cooldown_days = models.PositiveSmallIntegerField(
        _("days between a fail and the next request"), default=14
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, validators=[MinValueValidator(1)]
    )
    remediation = models.TextField(
        _("what to practise after a fail"),
        help_text=_("Shown with every result that is not a pass."),
    )
    remediation_es = models.TextField(
        _("what to practise after a fail, in Spanish"),
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English."),
    )
    instructors_may_evaluate = models.BooleanField(
        _("instructors may evaluate their own trainees"),
        default=False,
        help_text=_(
            "Off: an evaluator who teaches a course the trainee is enrolled in never scores them. "
            "Supervisors never score their own supervisees."
        ),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="instrument")

    panels = [
        FieldPanel("key"),
        FieldRowPanel([FieldPanel("skill"), FieldPanel("skill_es")]),
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("summary"), FieldPanel("summary_es")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("evaluator_brief"), FieldPanel("evaluator_brief_es")]),
                FieldRowPanel([FieldPanel("actor_brief"), FieldPanel("actor_brief_es")]),
                FieldPanel("duration_minutes"),
            ],
            heading=_("Role-play (fictional)"),
        ),
        InlinePanel("criteria", label=_("Criteria"), min_num=1),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("pass_percent"), FieldPanel("critical_min_level")])],
            heading=_("Pass rule"),
        ),
        InlinePanel("prerequisites", label=_("Complete first")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("retake_cooldown_days"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("remediation"), FieldPanel("remediation_es")]),
            ],
            heading=_("Retakes"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("second_rater_percent"),
                        FieldPanel("kappa_threshold"),
                        FieldPanel("min_pairs"),
                    ]
                ),
                FieldPanel("instructors_may_evaluate"),
            ],
            heading=_("Evaluators and calibration"),
        ),
    ]
    search_fields = [
        index.SearchField("skill"),
        index.SearchField("skill_es"),
        index.SearchField("key"),
        index.AutocompleteField("skill"),
        index.FilterField("course"),
    ]

    class Meta:
        ordering = ["skill"]
        verbose_name = _("evaluation instrument")
        verbose_name_plural = _("evaluation instruments")

    def __str__(self) -> str:
        return self.skill

    @property
    def revisions(self):
        return self._revisions

    def pass_rule(self) -> rules.PassRule:
        return rules.PassRule(
            pass_percent=self.pass_percent, critical_min_level=self.critical_min_level
        )

    def retake_rule(self) -> rules.RetakeRule:
        return rules.RetakeRule(
            cooldown_days=self.retake_cooldown_days, max_attempts=self.max_attempts
        )

    # What the reader reads, in their language (the English where no translation is entered).
    @property
    def localized_skill(self) -> str:
        return localized(self, "skill")

    @property
    def localized_summary(self) -> str:
        return localized(self, "summary")

    @property
    def localized_evaluator_brief(self) -> str:
        return localized(self, "evaluator_brief")

    @property
    def localized_actor_brief(self) -> str:
        return localized(self, "actor_brief")

    @property
    def localized_remediation(self) -> str:
        return localized(self, "remediation")


class Criterion(Orderable):
    """One observable behaviour, with what each level of the scale looks like."""

    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("criterion"), max_length=200)
    title_es = models.CharField(
        _("criterion in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English."),
    )
    anchor_not_observed = models.TextField(_("0 — not observed"))
    anchor_not_observed_es = models.TextField(_("0 — not observed, in Spanish"), blank=True)
    anchor_partly = models.TextField(_("1 — partly"))
    anchor_partly_es = models.TextField(_("1 — partly, in Spanish"), blank=True)
    anchor_met = models.TextField(_("2 — met"))
    anchor_met_es = models.TextField(_("2 — met, in Spanish"), blank=True)
    anchor_exemplary = models.TextField(_("3 — exemplary"))
    anchor_exemplary_es = models.TextField(_("3 — exemplary, in Spanish"), blank=True)
    critical = models.BooleanField(
        _("critical"),
        default=False,
        help_text=_("Must reach the instrument's minimum level, whatever the total."),
    )
    domain = models.ForeignKey(
        "courses.TrainingDomain",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("training domain"),
    )
    competency = models.ForeignKey(
        "courses.Competency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SAMHSA competency"),
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_es")]),
        FieldPanel("critical"),
        FieldRowPanel([FieldPanel("anchor_not_observed"), FieldPanel("anchor_not_observed_es")]),
        FieldRowPanel([FieldPanel("anchor_partly"), FieldPanel("anchor_partly_es")]),
        FieldRowPanel([FieldPanel("anchor_met"), FieldPanel("anchor_met_es")]),
        FieldRowPanel([FieldPanel("anchor_exemplary"), FieldPanel("anchor_exemplary_es")]),
        FieldRowPanel([FieldPanel("domain"), FieldPanel("competency")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.title

    @property
    def localized_title(self) -> str:
        return localized(self, "title")

    def anchors(self, language: str | None = None) -> list[tuple[int, str, str]]:
        """(level, level name, what it looks like) from 0 to 3, in ``language`` (default: the
        reader's; each anchor in English where its translation is empty)."""
        return [
            (level, LEVEL_LABELS[level], localized(self, field, language))
            for level, field in zip(rules.LEVELS, ANCHOR_FIELDS, strict=True)
        ]

    def anchor(self, level: int, language: str | None = None) -> str:
        return self.anchors(language)[level][2]


class Prerequisite(Orderable):
    """A module to pass (its lessons done and quizzes passed) or a lesson to complete before a
    trainee may ask for the evaluation."""

    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="prerequisites")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("module or lesson"),
    )

    panels = [PageChooserPanel("page", page_type=["courses.ModulePage", "courses.LessonPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("prerequisite")

    def __str__(self) -> str:
        return str(self.page)

    def clean(self):
        if self.page_id and self.page.specific_class.__name__ not in ("ModulePage", "LessonPage"):
            raise ValidationError({"page": _("Choose a module or a lesson.")})


class CourseEvaluator(models.Model):
    """Who may score the evaluations of a course's trainees: the course's evaluator panel.
    Membership of the Evaluators group is the role; this is the scope."""

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="evaluator_panels",
        verbose_name=_("evaluator"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="evaluator_panel",
        verbose_name=_("course"),
    )

    panels = [FieldPanel("evaluator"), FieldPanel("course")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluator", "course"], name="unique_course_evaluator")
        ]
        verbose_name = _("course evaluator")
        verbose_name_plural = _("course evaluators")

    def __str__(self) -> str:
        return f"{self.evaluator} — {self.course}"


class Evaluation(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for an evaluator")
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Result final")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("Video call")

    OPEN = (Status.REQUESTED, Status.SCHEDULED)

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluations"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="evaluations")
    # The exact instrument the trainee asked for: criteria, anchors and pass rule are read from
    # this revision, never from later edits.
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(default=timezone.now)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations_to_rate",
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True)
    # Private: shown only to the trainee and the evaluators of this evaluation, on pages for
    # them; never in a public page, a listing, an e-mail subject or a log.
    video_link = models.URLField(max_length=500, blank=True)
    # Sampled when requested, so the second rater can join the session they score.
    second_rating_wanted = models.BooleanField(default=False)
    second_rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_ratings_to_give",
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    # Claimed before the result e-mail goes out (core.decisions.send_once): sent once.
    result_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The schedule the trainee was last told about: a job run twice for one schedule sends once.
    schedule_noticed_for = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One open request per trainee and instrument, whatever two tabs submit at once.
            models.UniqueConstraint(
                fields=["trainee", "instrument"],
                condition=Q(status__in=["requested", "scheduled"]),
                name="one_open_evaluation_per_instrument",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(passed__isnull=False),
                name="completed_evaluation_has_result",
            ),
        ]
        indexes = [models.Index(fields=["instrument", "status"], name="evaluation_queue_idx")]

    def __str__(self) -> str:
        return f"{self.instrument} — {self.trainee} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def pinned_instrument(self) -> Instrument:
        """The instrument as it was when requested (criteria included)."""
        return self.revision.as_object()


class Rating(models.Model):
    class Role(models.TextChoices):
        PRIMARY = "primary", _("Evaluator")
        SECOND = "second", _("Second rater")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=Role.choices)
    comment = models.TextField(_("feedback"))
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # The database's own guarantee that a rating is given once, whatever two
            # submissions race: the loser's insert fails and nothing of it is kept.
            models.UniqueConstraint(fields=["evaluation", "role"], name="one_rating_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} rating of {self.evaluation_id}"


class Score(models.Model):
    """One criterion's level in one rating, with what the trainee reads about it copied from
    the pinned revision (so the result page never depends on the instrument's later edits)."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="scores")
    criterion_id = models.PositiveIntegerField()  # Criterion pk in the pinned revision
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    title_es = models.CharField(max_length=200, blank=True)  # empty: no Spanish was entered
    critical = models.BooleanField(default=False)
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    anchor = models.TextField()  # what the level given looks like, as the evaluator read it
    anchor_es = models.TextField(blank=True)  # the same in Spanish, for a Spanish reader
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["rating", "criterion_id"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(condition=Q(level__lte=rules.MAX_LEVEL), name="score_on_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.level}"

    @property
    def level_name(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def localized_title(self) -> str:
        return localized(self, "title")

    @property
    def localized_anchor(self) -> str:
        return localized(self, "anchor")
