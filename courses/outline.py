"""The course outline a trainee follows: modules → lessons → the module's assessments, then the
course's own assessments (the final exam), each with its state and where to go next.

Courses does not know what an assessment is. Apps whose pages sit in a course describe them
through OUTLINE_ITEMS_HOOK (assessments registers one): a function taking (user=, course=,
modules=) and returning {parent page pk: [OutlineItem, …]}, the parent being a module or the
course itself. Courses then decides what is locked, and why, and which step comes next.

The step arithmetic at the bottom is pure: plain rows in, plain answers out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

OUTLINE_ITEMS_HOOK = "course_outline_items"


class ItemState:
    """What a trainee can do with an outline item now. Plain strings: templates compare them."""

    LOCKED = "locked"  # the course's gating keeps it closed (set by courses, never by the hook)
    NOT_OPEN = "not_open"  # its own dates: opens later
    CLOSED = "closed"  # its own dates: closed for good
    AVAILABLE = "available"  # never attempted, may start
    IN_PROGRESS = "in_progress"  # an attempt is open: resume it
    WAITING = "waiting"  # submitted, an instructor still grades part of it
    FAILED = "failed"  # not passed, attempts left (maybe after a cooldown)
    EXHAUSTED = "exhausted"  # not passed, no attempts left
    PASSED = "passed"

    # The states in which a trainee may open the item and act on it.
    ACTIONABLE = frozenset({AVAILABLE, IN_PROGRESS, FAILED})


@dataclass
class OutlineItem:
    """One assessment (or other non-lesson step) of a module or of the course."""

    page: object  # the page, for its title and URL
    state: str
    kind: str = ""  # what it is, for people: "Quiz", "Final exam"
    required: bool = True  # counts towards the module's completion
    percent: Decimal | None = None  # the result that counts, when there is one
    attempts_left: int | None = None  # None: unlimited
    available_at: datetime | None = None  # a cooldown's end or an opening date
    locked_reason: str = ""
    locked_link: object = None  # the page that unlocks it

    @property
    def done(self) -> bool:
        return self.state == ItemState.PASSED

    @property
    def may_open(self) -> bool:
        return self.state != ItemState.LOCKED


@dataclass(frozen=True)
class Step:
    """One place in the trainee's path: a lesson or an outline item, by page id."""

    page_id: int
    done: bool
    locked: bool
    # An item that is there but cannot be acted on (waiting for a grade, no attempts left,
    # not open yet): the path does not send the trainee to it.
    blocked: bool = False

    @property
    def actionable(self) -> bool:
        return not (self.done or self.locked or self.blocked)


def next_step(steps: Sequence[Step], *, after: int | None = None) -> Step | None:
    """The first step still to do that the trainee may act on, looking after the page `after`
    first (so "continue" moves forward) and then from the start (an earlier lesson left
    undone)."""
    start = 0
    if after is not None:
        start = next((i + 1 for i, step in enumerate(steps) if step.page_id == after), 0)
    for step in (*steps[start:], *steps[:start]):
        if step.actionable:
            return step
    return None


def resume_step(steps: Sequence[Step], *, last_visited: int | None) -> Step | None:
    """Where "Resume where you left off" goes: the lesson last opened while it is still to do,
    otherwise the next step after it, so the dashboard's "Next" and "Resume" never disagree."""
    if last_visited is not None:
        here = next((step for step in steps if step.page_id == last_visited), None)
        if here is not None and here.actionable:
            return here
    return next_step(steps, after=last_visited)


def following(steps: Sequence[Step], *, after: int) -> Step | None:
    """The step right after `after` in the path, whatever its state (the pager's "next")."""
    for index, step in enumerate(steps):
        if step.page_id == after:
            return steps[index + 1] if index + 1 < len(steps) else None
    return None


__all__ = [
    "OUTLINE_ITEMS_HOOK",
    "ItemState",
    "OutlineItem",
    "Step",
    "following",
    "next_step",
    "resume_step",
]
