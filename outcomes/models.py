"""The outcome dashboards' pre-aggregated figures: what the pages, the CSV files and the funder
report read, so that opening them costs the same whatever the number of trainees.

One OutcomeScope per combination of the dashboard's filters (a program version or all, a
cohort or all, a calendar year or all time) holds that view's raw figures as OutcomeFact rows:
counts of people per funnel step, per domain and score band, per number of days to the first
certificate, per certification cycle and outcome, per cohort, and training hours by mode.
They are the numbers outcomes/selectors.py computes live for the same filters, stored as they
are (raw, unsuppressed: outcomes/tables.py hides the small cells when it reads them); the
rows name nobody.

Why a row per filter combination and not per month: the figures count people, and a person
counted in two months or two cohorts would be counted twice by adding rows up. Each view's
distinct counts are computed once, for that view, and read as they are.

Written only by outcomes/services.py: a full rebuild (daily, and `manage.py outcomes_rebuild`)
and, between rebuilds, a refresh of the scopes a trainee's change made stale.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeScope(models.Model):
    """One set of filters; null means "all" (every version, every trainee, all time)."""

    version = models.ForeignKey(
        "certificates.ProgramVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program version"),
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cohort"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # Raised each time a change makes the figures out of date; a refresh that started before
    # the latest change leaves the scope stale (it compares the generation it read).
    generation = models.PositiveIntegerField(default=1)
    stale = models.BooleanField(default=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    # The keys of the figures this view must not show (outcomes/tables.py, `suppress_cube`):
    # decided over every view at once, so whichever pages a reader opens and subtracts, they
    # agree on what is hidden. Written in the same transaction as the figures.
    hidden = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("outcome scope")
        indexes = [
            models.Index(fields=["version", "cohort", "year"], name="outcomes_scope_filters"),
            models.Index(fields=["stale"], name="outcomes_scope_stale"),
        ]

    def __str__(self) -> str:
        return f"version={self.version_id} cohort={self.cohort_id} year={self.year}"


class OutcomeFact(models.Model):
    """One raw figure of one scope."""

    class Figure(models.TextChoices):
        FUNNEL = "funnel", _("funnel step")  # measure: the step (or nocohort_<step>)
        DOMAIN = "domain", _("exam domain")  # group: the domain; measure: tested, band0…
        DAYS = "days", _("days to certificate")  # group: the number of days
        CE = "ce", _("certification cycle")  # group: the cycle; measure: ended, renewed…
        COHORT = "cohort", _("cohort row")  # group: the cohort; measure: enrolled, exam…
        HOURS = "hours", _("training hours")  # measure: the mode; amount: minutes or hours

    scope = models.ForeignKey(OutcomeScope, on_delete=models.CASCADE, related_name="facts")
    figure = models.CharField(max_length=8, choices=Figure.choices)
    group = models.IntegerField(default=0)
    measure = models.CharField(max_length=24, blank=True)
    count = models.PositiveIntegerField(default=0)
    # Training hours only: minutes for lessons and live sessions, hours for outside training
    # (each as the live figure sums it, so the stored figure converts back exactly).
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("outcome figure")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "figure", "group", "measure"], name="outcomes_fact_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.group} {self.measure}: {self.count}"
