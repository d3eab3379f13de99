"""Background jobs of the outcome figures: ids in, call the service, safe to run twice.
Enqueued through core.jobs after the change that asks for them commits."""

from __future__ import annotations

from core import jobs


def trainees_changed(trainee_ids: list[int], certificate_ids: list[int] = ()) -> int:
    """A trainee's record changed (enrolled, completed a lesson, an attempt graded, an
    evaluation passed, a certificate issued or its status changed, hours credited, a CE cycle
    closed): their views are stale; recompute them. ``certificate_ids``: their holders too.
    Returns the scopes marked."""
    from outcomes.services import outcomes_mark_stale  # jobs import what they call (cycle)

    marked = outcomes_mark_stale(trainee_ids=trainee_ids, certificate_ids=certificate_ids)
    if marked:
        jobs.enqueue(refresh_outcomes)
    return marked


def versions_changed(version_ids: list[int]) -> int:
    """A program version's requirements changed: its views (and the all-versions ones)."""
    from outcomes.services import outcomes_mark_stale

    marked = outcomes_mark_stale(version_ids=version_ids)
    if marked:
        jobs.enqueue(refresh_outcomes)
    return marked


def refresh_outcomes() -> int:
    """Recompute whatever is stale. Many changes in a row make one refresh do the work and
    the others find nothing left."""
    from outcomes.services import outcomes_refresh_stale

    return outcomes_refresh_stale()
