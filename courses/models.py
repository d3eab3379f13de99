from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import LessonStreamBlock
from .cache import CachedPrivacyMixin
from .framework import forget_domain_names, localized
from .routing import route_below
from .translation import cached_url, localize_url_parts


class ReaderLanguageUrlMixin:
    """An English course page linked for a Spanish reader (a module not translated yet) keeps
    the reader's /es/ prefix (courses/translation.py)."""

    localizes_own_urls = True

    def get_url_parts(self, request=None):
        return cached_url(
            "url-parts",
            self,
            request,
            lambda: localize_url_parts(
                self, super(ReaderLanguageUrlMixin, self).get_url_parts(request=request)
            ),
        )


class TranslationStatusPanel(HelpPanel):
    """Says in the editor which languages a course page is translated into, or what it is a
    translation of: a module nobody has translated yet is read in English by Spanish readers."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = translation_status_html(self.instance)


def translation_status_html(page) -> str:
    from django.conf import settings
    from wagtail.coreutils import get_content_languages

    if page is None or page.pk is None or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return ""
    names = get_content_languages()
    others = {
        row.locale.language_code: row
        for row in page.get_translations().select_related("locale").only("id", "live", "locale")
    }
    from .translation import is_source

    if not is_source(page):
        source = next((row for code, row in others.items() if is_source(row)), None)
        if source is None:
            return ""
        return format_html(
            '<p class="help-block help-info">{}</p>',
            _(
                "This page is the %(language)s translation of an English page. Trainees' "
                "progress, hours and quiz results are recorded on the English page, so they "
                "are the same whichever language a trainee reads."
            )
            % {"language": names.get(page.locale.language_code, page.locale.language_code)},
        )
    rows = []
    for code, name in names.items():
        if code == page.locale.language_code:
            continue
        translated = others.get(code)
        if translated is None:
            text = _(
                "%(language)s: not translated yet. %(language)s readers see this page in "
                "English; use “Translate” in the page's actions menu to start a translation."
            ) % {"language": name}
        elif not translated.live:
            text = _(
                "%(language)s: translation in draft. %(language)s readers see this page in "
                "English until the translation is published."
            ) % {"language": name}
        else:
            text = _("%(language)s: translated and published.") % {"language": name}
        rows.append((text,))
    if not rows:
        return ""
    return format_html(
        '<ul class="help-block help-info">{}</ul>', format_html_join("", "<li>{}</li>", rows)
    )


class TrainingDomain(models.Model):
    """A board's training domain (e.g. IC&RC "Ethical Responsibility"). Data, not an enum:
    boards differ and change their domain lists. The Spanish columns are what a Spanish reader
    sees (courses/framework.py); left empty, the English shows."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=120,
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English name."),
    )
    framework = models.CharField(
        _("framework"), max_length=120, help_text=_("e.g. IC&RC Peer Recovery")
    )
    description = models.TextField(_("description"), blank=True)
    description_es = models.TextField(
        _("description in Spanish"),
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English description."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_es")]),
        FieldPanel("framework"),
        FieldRowPanel([FieldPanel("description"), FieldPanel("description_es")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("training domain")
        verbose_name_plural = _("training domains")

    def __str__(self) -> str:
        return self.localized_name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Pages that know a domain only by its English name look the translation up by it.
        transaction.on_commit(forget_domain_names)
        forget_domain_names()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_domain_names()
        return result

    @property
    def localized_name(self) -> str:
        """The name in the reader's language (the English when no translation is entered)."""
        return localized(self, "name")

    @property
    def localized_description(self) -> str:
        return localized(self, "description")


class Competency(models.Model):
    """One of SAMHSA's Core Competencies for Peer Workers (or another framework's)."""

    framework = models.CharField(_("framework"), max_length=120, default="SAMHSA")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    title_es = models.CharField(
        _("title in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English title."),
    )

    panels = [
        FieldPanel("framework"),
        FieldPanel("number"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_es")]),
    ]

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_competency")
        ]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return f"{self.number}. {self.localized_title}"

    @property
    def localized_title(self) -> str:
        """The title in the reader's language (the English when no translation is entered)."""
        return localized(self, "title")


class CourseIndexPage(ReaderLanguageUrlMixin, Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [
        TranslationStatusPanel(heading=_("Translations")),
        FieldPanel("introduction"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course index")

    def route(self, request, path_components):
        """Course, module and lesson URLs resolved in one query (courses/routing.py)."""
        return route_below(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public().order_by("path")
        return context


class CoursePage(ReaderLanguageUrlMixin, CachedPrivacyMixin, Page):
    summary = models.CharField(_("summary"), max_length=300)
    introduction = RichTextField(_("introduction"), features=["bold", "italic", "ol", "ul", "link"])
    sequential = models.BooleanField(
        _("sequential modules"),
        default=False,
        help_text=_("Module N opens only when module N−1 is complete."),
    )
    final_requires_modules = models.BooleanField(
        _("final exam waits for every module"),
        default=True,
        help_text=_(
            "The course's own assessments (the final exam) open only when every module is "
            "complete: its lessons done and its quizzes passed."
        ),
    )
    instructor_group = models.OneToOneField(
        Group,
        verbose_name=_("instructor group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taught_course",
        help_text=_("Members may edit this course and submit it for review."),
    )
    media_collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Where this course's images and documents are uploaded; only its "
            "instructors (and reviewers) see them."
        ),
    )

    content_panels = Page.content_panels + [
        TranslationStatusPanel(heading=_("Translations")),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("sequential"),
        FieldPanel("final_requires_modules"),
    ]
    # Who teaches a course, and where its media go, is not content: the group and the
    # collection are made with the course (courses/wagtail_hooks.py) and people join the group
    # under Settings → Users, so both are kept out of the editor and of revisions
    # (see with_content_json).
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "assessments.AssessmentPage"]
    # A copy (a translation included) is taught by the source's instructors (courses/
    # permissions.py), and a course has one group of its own: the group is never copied.
    exclude_fields_in_copy = ["instructor_group"]

    def with_content_json(self, content):
        # Publishing or reverting to a revision saved before the course had its instructors
        # must not take their rights away: the group always comes from the row.
        page = super().with_content_json(content)
        page.instructor_group_id = self.instructor_group_id
        page.media_collection_id = self.media_collection_id
        return page

    class Meta:
        verbose_name = _("course")

    def live_modules(self):
        return ModulePage.objects.child_of(self).live().order_by("path")

    def live_lessons(self):
        return LessonPage.objects.descendant_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_overview  # selectors import these models

        context = super().get_context(request, *args, **kwargs)
        context.update(course_overview(course=self, request=request))
        return context


class ModuleDomainHours(Orderable):
    module = ParentalKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="domain_hours"
    )
    domain = models.ForeignKey(TrainingDomain, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    panels = [FieldPanel("domain"), FieldPanel("hours")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["module", "domain"], name="unique_module_domain")
        ]
        verbose_name = _("domain hours")


class ModulePage(ReaderLanguageUrlMixin, CachedPrivacyMixin, Page):
    introduction = RichTextField(_("introduction"), features=["bold", "italic", "ol", "ul", "link"])
    contact_hours = models.DecimalField(
        _("contact hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
        help_text=_("1 contact hour = 60 minutes of instruction."),
    )
    learning_objectives = StreamField(
        # 400, not 300: the same objective runs a quarter longer in Spanish.
        [("objective", blocks.CharBlock(max_length=400, label=_("Objective")))],
        blank=True,
        verbose_name=_("learning objectives"),
    )
    competencies = ParentalManyToManyField(
        Competency, blank=True, related_name="modules", verbose_name=_("competencies")
    )

    content_panels = Page.content_panels + [
        TranslationStatusPanel(heading=_("Translations")),
        FieldPanel("introduction"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [FieldPanel("contact_hours"), InlinePanel("domain_hours", label=_("Domain hours"))],
            heading=_("Hours"),
        ),
        FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "assessments.AssessmentPage"]

    class Meta:
        verbose_name = _("module")

    def clean(self):
        super().clean()
        allocated = sum(
            (row.hours for row in self.domain_hours.all() if row.hours is not None), Decimal("0")
        )
        if self.contact_hours is not None and allocated > self.contact_hours:
            raise ValidationError(
                {
                    "contact_hours": _("Domain hours (%(allocated)s) exceed the contact hours.")
                    % {"allocated": allocated}
                }
            )

    @property
    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def serve(self, request, *args, **kwargs):
        from .gating import guard_course_content  # gating imports these models

        refusal = guard_course_content(request, self)
        return refusal or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import module_context  # selectors import these models

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context(module=self, request=request))
        return context


class LessonPage(ReaderLanguageUrlMixin, CachedPrivacyMixin, Page):
    # 400, not 300: a summary runs a quarter longer in Spanish.
    summary = models.CharField(_("summary"), max_length=400)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        TranslationStatusPanel(heading=_("Translations")),
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        from .gating import guard_course_content  # gating imports these models

        refusal = guard_course_content(request, self)
        return refusal or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import lesson_context  # selectors import these models

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, request=request))
        return context


class EnrollmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(trainee=user)

    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Enrollment(models.Model):
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrollments")
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    last_lesson = models.ForeignKey(
        LessonPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trainee", "course"], name="unique_enrollment")
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.trainee} — {self.course}"


class LessonCompletion(models.Model):
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trainee", "lesson"], name="unique_lesson_completion")
        ]
        verbose_name = _("lesson completion")

    def __str__(self) -> str:
        return f"{self.trainee} completed {self.lesson}"
