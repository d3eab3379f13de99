"""Which payers recognise a credential for billing: data an administrator keeps, never code.

Whether Medicaid reimburses peer support delivered by a holder of a credential is state
policy, and it changes. Each rule says who recognises which program's credential (optionally
only at one stage or with one endorsement), where that is written (source title, address,
citation) and the day it was last checked against the source (``as_of``). Rules are Wagtail
snippets with revisions, so every change is kept with who made it and when.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import RevisionMixin


class BillingRuleQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(active=True)


class BillingRule(RevisionMixin, models.Model):
    program = models.ForeignKey(
        "certificates.CertificationProgram",
        on_delete=models.PROTECT,
        related_name="billing_rules",
        verbose_name=_("credential (program)"),
    )
    # Optional narrowing, by the words the certificate records (e.g. "full", an endorsement's
    # code); blank means every certificate of the program.
    stage = models.CharField(
        _("only at stage"),
        max_length=40,
        blank=True,
        help_text=_("Leave blank unless the payer recognises only one stage, e.g. full."),
    )
    endorsement = models.CharField(
        _("only with endorsement"),
        max_length=40,
        blank=True,
        help_text=_("Leave blank unless the payer requires an endorsement."),
    )
    jurisdiction = models.CharField(
        _("state or jurisdiction"), max_length=100, help_text=_("e.g. Florida")
    )
    payer = models.CharField(_("payer"), max_length=200, help_text=_("e.g. Florida Medicaid"))
    service = models.CharField(_("service billed"), max_length=200, default="peer support services")
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500)
    citation = models.CharField(
        _("citation"), max_length=300, blank=True, help_text=_("Rule or manual section.")
    )
    as_of = models.DateField(
        _("as of"), help_text=_("The day this rule was last checked against its source.")
    )
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(
        _("demo rule"),
        default=False,
        help_text=_("Illustrative data for the demo site; shown as such wherever it appears."),
    )
    active = models.BooleanField(_("in force"), default=True)

    objects = BillingRuleQuerySet.as_manager()

    panels = [
        FieldPanel("program"),
        MultiFieldPanel(
            [FieldPanel("stage"), FieldPanel("endorsement")], heading=_("Narrowing (optional)")
        ),
        FieldPanel("jurisdiction"),
        FieldPanel("payer"),
        FieldPanel("service"),
        MultiFieldPanel(
            [
                FieldPanel("source_title"),
                FieldPanel("source_url"),
                FieldPanel("citation"),
                FieldPanel("as_of"),
            ],
            heading=_("Source"),
        ),
        FieldPanel("note"),
        FieldPanel("is_demo"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("billing recognition rule")
        ordering = ["jurisdiction", "payer"]

    def __str__(self) -> str:
        return f"{self.payer} ({self.jurisdiction}): {self.program}"
