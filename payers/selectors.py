"""Reads: which payers recognise a certificate for billing, for the verification page, the
API, the Open Badges credential and the verification report.

Only a valid certificate is billable: for any other status the answer is empty, whatever the
rules say.

The rules are a handful of rows read on the hottest public paths (every QR scan and API call,
each promised one query), so each process keeps them in memory: reloaded when a rule or a
program is saved or deleted in this process (``receivers``) and at most ``CACHE_SECONDS``
after a change made by another process."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .models import BillingRule

VALID = "valid"
CACHE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Billable:
    jurisdiction: str
    payer: str
    service: str
    source_title: str
    source_url: str
    citation: str
    as_of: date
    is_demo: bool

    def as_api(self) -> dict:
        return {
            "jurisdiction": self.jurisdiction,
            "payer": self.payer,
            "service": self.service,
            "source": self.source_title,
            "source_url": self.source_url,
            "citation": self.citation,
            "as_of": self.as_of.isoformat(),
            "demo": self.is_demo,
        }


@dataclass(frozen=True, slots=True)
class _Rule:
    program_name: str
    stage: str
    endorsement: str
    billable: Billable


_lock = threading.Lock()
_state: dict = {"rules": None, "loaded_at": 0.0}


def clear_cache() -> None:
    with _lock:
        _state["rules"] = None


def _rules() -> tuple[_Rule, ...]:
    with _lock:
        rules, loaded_at = _state["rules"], _state["loaded_at"]
    if rules is not None and time.monotonic() - loaded_at < CACHE_SECONDS:
        return rules
    rules = tuple(
        _Rule(
            program_name=rule.program.name,
            stage=rule.stage,
            endorsement=rule.endorsement,
            billable=Billable(
                jurisdiction=rule.jurisdiction,
                payer=rule.payer,
                service=rule.service,
                source_title=rule.source_title,
                source_url=rule.source_url,
                citation=rule.citation,
                as_of=rule.as_of,
                is_demo=rule.is_demo,
            ),
        )
        for rule in BillingRule.objects.in_force().select_related("program")
    )
    with _lock:
        _state["rules"], _state["loaded_at"] = rules, time.monotonic()
    return rules


def _applies(rule: _Rule, *, stage: str, endorsements: Iterable[str]) -> bool:
    if rule.stage and rule.stage != stage:
        return False
    return not (rule.endorsement and rule.endorsement not in set(endorsements))


def billable_for(
    *,
    status: str,
    program_name: str | None,
    stage: str = "",
    endorsements: Iterable[str] = (),
) -> list[Billable]:
    """The payers that recognise a program's credential (by the program's unique name) for a
    certificate whose public status is ``status``; none unless it is valid. Sorted by state."""
    if status != VALID or not program_name:
        return []
    endorsements = list(endorsements)
    found = [
        rule.billable
        for rule in _rules()
        if rule.program_name == program_name
        and _applies(rule, stage=stage, endorsements=endorsements)
    ]
    return sorted(found, key=lambda item: (item.jurisdiction, item.payer))


def summary(billable: Iterable[Billable]) -> str:
    """ "Florida, Texas": the states in one line, for the report and the credential."""
    return ", ".join(sorted({item.jurisdiction for item in billable}))


def latest_as_of(billable: Iterable[Billable]) -> date | None:
    return max((item.as_of for item in billable), default=None)
