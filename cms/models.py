from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from courses.models import CoursePage


class HomePage(Page):
    """The site root: what PeerCert is, and the way into the courses and verification."""

    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = RichTextField(_("hero text"), features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The courses of this home's language: the Spanish home lists the Spanish translations.
        context["courses"] = (
            CoursePage.objects.live().public().filter(locale_id=self.locale_id).order_by("path")
        )
        return context


class StandardPage(Page):
    """About, privacy, accessibility and similar pages."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class StaffDigest(models.Model):
    """One row per staff member and day a "what waits for you" e-mail went out: claimed before
    sending (so the daily run twice sends once) and the time the next digest counts "new" from."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_staff_digest_per_day")
        ]

    def __str__(self) -> str:
        return f"staff digest {self.day} for user {self.user_id}"
