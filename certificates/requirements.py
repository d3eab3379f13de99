"""Requirement evaluation for a certification program version. Pure: plain data in, a checklist
out, no ORM. The service gathers the facts; the trainee's page and the issuance trigger both
read the same checklist, so what a trainee sees is exactly what decides issuance.

Labels are written in the active language (gettext needs no database); domain and topic names,
which are data, come translated in ``Rules.display_names`` while the rules stay keyed by the
English names the facts use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cohorts import rules as live

ZERO = Decimal("0")


@dataclass(frozen=True)
class Rules:
    """What a program version asks for. Every number is data from the admin."""

    min_total_hours: Decimal = ZERO
    min_hours_by_domain: Mapping[str, Decimal] = field(default_factory=dict)
    required_courses: Sequence[tuple[int, str]] = ()  # (course id, title)
    required_assessments: Sequence[tuple[int, str]] = ()  # (assessment page id, title)
    practice_hours: Decimal = ZERO
    supervision_hours: Decimal = ZERO
    # (id, title, acceptable SHA-256s) of each statement to attest, in order: the hashes of
    # its current words in each language it is written in (a single hash string is one
    # language's words)
    attestations: Sequence[tuple[int, str, frozenset[str] | str]] = ()
    # Training counts only when completed within this many months (Florida: 40 h within 5
    # years); None: no limit.
    training_window_months: int | None = None
    # (instrument id, skill, passed within this many months or None) of each practical
    # evaluation to pass
    required_evaluations: Sequence[tuple[int, str, int | None]] = ()
    # At least this share of the training hours taught live (NAADAC: half face to face);
    # None: no share. `live_modes` says what counts as live for this version.
    min_synchronous_percent: int | None = None
    live_modes: frozenset[str] = live.SYNCHRONOUS
    # Hours each required topic must have, whatever the domain (NAADAC: 6 h ethics)
    min_hours_by_topic: Mapping[str, Decimal] = field(default_factory=dict)
    # English domain or topic name → the name to show the reader (absent: the English)
    display_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Facts:
    """What one trainee has done, as plain values."""

    training_hours_by_domain: Mapping[str, Decimal] = field(default_factory=dict)
    training_hours_total: Decimal = ZERO
    completed_course_ids: frozenset[int] = frozenset()
    passed_assessment_ids: frozenset[int] = frozenset()
    signed_practice_hours: Decimal = ZERO
    signed_supervision_hours: Decimal = ZERO
    attested_sha256s: frozenset[str] = frozenset()
    # Practical evaluations passed recently enough to count (see evaluations_counted)
    passed_evaluation_ids: frozenset[int] = frozenset()
    # Of training_hours_total, the hours taught live (in Rules.live_modes), and hours per topic
    synchronous_hours: Decimal = ZERO
    training_hours_by_topic: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    met: bool
    have: Decimal | None = None
    need: Decimal | None = None

    @property
    def kind(self) -> str:
        """What sort of requirement: "course", "assessment", "hours", "evaluation", …"""
        return self.key.split(":", 1)[0]

    @property
    def percent(self) -> int:
        if self.need is None or self.have is None:
            return 100 if self.met else 0
        if self.need <= 0:
            return 100
        return int(min(Decimal(100), self.have * 100 / self.need))


@dataclass(frozen=True)
class Checklist:
    items: tuple[Item, ...]

    @property
    def met(self) -> bool:
        return all(item.met for item in self.items)

    @property
    def unmet(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.met)

    @property
    def percent(self) -> int:
        if not self.items:
            return 100
        return sum(item.percent for item in self.items) // len(self.items)


@dataclass(frozen=True)
class ModuleCredit:
    """One completed module's training hours and the day it was completed."""

    completed_on: date
    contact_hours: Decimal
    hours_by_domain: Mapping[str, Decimal] = field(default_factory=dict)


def training_window_start(today: date, window_months: int | None) -> date | None:
    return None if window_months is None else today - relativedelta(months=window_months)


def training_hours(
    credits: Sequence[ModuleCredit], *, today: date, window_months: int | None = None
) -> tuple[dict[str, Decimal], Decimal]:
    """Hours per domain and in total from the modules completed inside the look-back window
    (on or after its first day; no window counts everything)."""
    start = training_window_start(today, window_months)
    by_domain: dict[str, Decimal] = {}
    total = ZERO
    for credit in credits:
        if start is not None and credit.completed_on < start:
            continue
        total += credit.contact_hours
        for domain, hours in credit.hours_by_domain.items():
            by_domain[domain] = by_domain.get(domain, ZERO) + hours
    return by_domain, total


def training_totals(
    modules: Sequence[ModuleCredit],
    live_credits: Sequence[live.Credit] = (),
    *,
    today: date,
    window_months: int | None = None,
    live_modes: frozenset[str] = live.SYNCHRONOUS,
) -> live.Totals:
    """Self-paced modules and live training (attended sessions, approved outside training)
    together, inside the look-back window: hours per domain, in all, taught live, per topic."""
    credits = [
        live.Credit(
            on=m.completed_on,
            delivery=live.SELF_PACED,
            hours_by_domain=m.hours_by_domain,
            hours=m.contact_hours,
        )
        for m in modules
    ] + list(live_credits)
    return live.totals(
        credits, since=training_window_start(today, window_months), synchronous_modes=live_modes
    )


def evaluations_counted(
    required: Sequence[tuple[int, str, int | None]],
    passed_on: Mapping[int, date],
    *,
    today: date,
) -> frozenset[int]:
    """The required evaluations whose latest pass is recent enough: on or after the first day
    of the requirement's window (none: any pass counts)."""
    counted = set()
    for instrument_id, _skill, within_months in required:
        day = passed_on.get(instrument_id)
        if day is None:
            continue
        start = training_window_start(today, within_months)
        if start is None or day >= start:
            counted.add(instrument_id)
    return frozenset(counted)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _hours_item(key: str, label: str, have: Decimal, need: Decimal) -> Item:
    return Item(key=key, label=label, met=have >= need, have=have, need=need)


def evaluate(rules: Rules, facts: Facts) -> Checklist:
    items: list[Item] = []
    for course_id, title in rules.required_courses:
        items.append(
            Item(
                key=f"course:{course_id}",
                label=_("Complete the course “%(title)s”") % {"title": title},
                met=course_id in facts.completed_course_ids,
            )
        )
    for assessment_id, title in rules.required_assessments:
        items.append(
            Item(
                key=f"assessment:{assessment_id}",
                label=_("Pass “%(title)s”") % {"title": title},
                met=assessment_id in facts.passed_assessment_ids,
            )
        )
    for instrument_id, skill, within_months in rules.required_evaluations:
        if within_months:
            label = ngettext(
                "Pass the practical evaluation “%(skill)s” (passed in the last month)",
                "Pass the practical evaluation “%(skill)s” (passed in the last %(months)s months)",
                within_months,
            ) % {"skill": skill, "months": within_months}
        else:
            label = _("Pass the practical evaluation “%(skill)s”") % {"skill": skill}
        items.append(
            Item(
                key=f"evaluation:{instrument_id}",
                label=label,
                met=instrument_id in facts.passed_evaluation_ids,
            )
        )
    window = (
        " "
        + ngettext(
            "(completed in the last month)",
            "(completed in the last %(months)s months)",
            rules.training_window_months,
        )
        % {"months": rules.training_window_months}
        if rules.training_window_months
        else ""
    )
    names = rules.display_names
    if rules.min_total_hours > 0:
        items.append(
            _hours_item(
                "hours:total",
                _("Training hours in total") + window,
                facts.training_hours_total,
                rules.min_total_hours,
            )
        )
    for domain, need in rules.min_hours_by_domain.items():
        if need > 0:
            have = facts.training_hours_by_domain.get(domain, ZERO)
            items.append(
                _hours_item(
                    f"hours:{domain}",
                    _("Training hours: %(domain)s") % {"domain": names.get(domain, domain)}
                    + window,
                    have,
                    need,
                )
            )
    if rules.min_synchronous_percent:
        need = live.synchronous_hours_needed(
            share_percent=rules.min_synchronous_percent,
            required_total=rules.min_total_hours,
            counted_total=facts.training_hours_total,
        )
        virtual = live.LIVE_VIRTUAL in rules.live_modes
        values = {
            "percent": rules.min_synchronous_percent,
            "hours": _number(rules.min_total_hours),
        }
        if rules.min_total_hours > 0:
            label = (
                _(
                    "Live training (in person or by real-time video): at least %(percent)s %% "
                    "of the %(hours)s training hours"
                )
                if virtual
                else _(
                    "Live training (face to face, in person): at least %(percent)s %% of the "
                    "%(hours)s training hours"
                )
            )
        else:
            label = (
                _(
                    "Live training (in person or by real-time video): at least %(percent)s %% "
                    "of training hours"
                )
                if virtual
                else _(
                    "Live training (face to face, in person): at least %(percent)s %% of "
                    "training hours"
                )
            )
        items.append(
            _hours_item(
                "synchronous",
                label % values + window,
                facts.synchronous_hours,
                need,
            )
        )
    for topic, need in rules.min_hours_by_topic.items():
        if need > 0:
            have = facts.training_hours_by_topic.get(topic, ZERO)
            items.append(
                _hours_item(
                    f"topic:{topic}",
                    _("Training hours on %(topic)s") % {"topic": names.get(topic, topic)} + window,
                    have,
                    need,
                )
            )
    if rules.practice_hours > 0:
        items.append(
            _hours_item(
                "practice",
                _("Supervised practice hours (signed off)"),
                facts.signed_practice_hours,
                rules.practice_hours,
            )
        )
    if rules.supervision_hours > 0:
        items.append(
            _hours_item(
                "supervision",
                _("Hours of supervision received (signed off)"),
                facts.signed_supervision_hours,
                rules.supervision_hours,
            )
        )
    for attestation_id, title, sha256s in rules.attestations:
        # Only the current words count, in any language the statement is written in: a trainee
        # attests the words they read, so changed words ask again exactly those who attested
        # the old ones, while those who read the other, unchanged language still agreed to
        # what it says now.
        acceptable = frozenset({sha256s}) if isinstance(sha256s, str) else sha256s
        items.append(
            Item(
                key=f"attestation:{attestation_id}",
                label=title,
                met=not acceptable.isdisjoint(facts.attested_sha256s),
            )
        )
    return Checklist(items=tuple(items))
