"""Background jobs of the outcome figures: ids in, call the service, safe to run twice.
Enqueued through core.jobs after the change that asks for them commits.

With Redis the recompute runs on a worker. Without it (core.jobs runs a job inside the
request that asked for it) the request pays only for marking the views a change touches
stale — a few indexed queries about those trainees — and for the recompute only while the
data set is small (INLINE_REFRESH_MAX_ENROLMENTS: the set-based recompute of every view takes
well under a second there). Above that, the stale views wait for `manage.py outcomes_rebuild
--stale` (run it from cron every few minutes) or the daily rebuild; the dashboard says its
figures are being updated meanwhile."""

from __future__ import annotations

import logging

from core import jobs

logger = logging.getLogger(__name__)

INLINE_REFRESH_MAX_ENROLMENTS = 5_000


def _refresh_soon() -> None:
    if jobs.queue_enabled() or not _large():
        jobs.enqueue(refresh_outcomes)
    else:
        logger.info("outcome views marked stale; no queue: left for outcomes_rebuild --stale")


def _large() -> bool:
    """More enrolments than a request may recompute (one query reading at most one row)."""
    from courses.models import Enrollment

    limit = INLINE_REFRESH_MAX_ENROLMENTS
    return bool(Enrollment.objects.order_by().values_list("pk", flat=True)[limit : limit + 1])


def trainees_changed(trainee_ids: list[int], certificate_ids: list[int] = ()) -> int:
    """A trainee's record changed (enrolled, completed a lesson, an attempt graded, an
    evaluation passed, a certificate issued or its status changed, hours credited, a CE cycle
    closed): their views are stale; recompute them. ``certificate_ids``: their holders too.
    Returns the scopes marked."""
    from outcomes.services import outcomes_mark_stale  # jobs import what they call (cycle)

    marked = outcomes_mark_stale(trainee_ids=trainee_ids, certificate_ids=certificate_ids)
    if marked:
        _refresh_soon()
    return marked


def versions_changed(version_ids: list[int]) -> int:
    """A program version's requirements changed: its views (and the all-versions ones)."""
    from outcomes.services import outcomes_mark_stale

    marked = outcomes_mark_stale(version_ids=version_ids)
    if marked:
        _refresh_soon()
    return marked


def refresh_outcomes() -> int:
    """Recompute whatever is stale. Many changes in a row make one refresh do the work and
    the others find nothing left."""
    from outcomes.services import outcomes_refresh_stale

    return outcomes_refresh_stale()
