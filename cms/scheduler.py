"""What runs when, for `manage.py run_scheduler`.

With REDIS_URL set, rq's own cron scheduler (rq ≥ 2.5, `rq.cron.CronScheduler`) enqueues the
jobs on the "default" queue and `manage.py rqworker default` runs them. Without Redis
(`make demo`, a laptop) a small loop in the same process runs them directly. Either way each
job is idempotent, so two schedulers running by mistake change and send nothing twice.

Every few minutes (the "tick"): stuck certificates are re-enqueued, and employers' webhook
deliveries whose next try is due are sent. With Redis, rq's own retries send most of those
and the tick only catches what a lost job left behind; without Redis nothing else retries a
failed delivery, so the tick is what gives an employer's endpoint its backoff retries.
"""

from __future__ import annotations

import logging
import time as time_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from certificates import jobs as certificate_jobs
from employers import jobs as employer_jobs

from . import jobs

logger = logging.getLogger(__name__)

DEFAULT_DAILY_AT = time(2, 30)
DEFAULT_RECONCILE_SECONDS = 5 * 60


def parse_daily_at(value: str) -> time:
    try:
        hours, minutes = (int(part) for part in value.split(":"))
        return time(hours, minutes)
    except ValueError as error:
        raise ValueError("Use HH:MM, e.g. 02:30.") from error


def next_daily_run(now: datetime, at: time) -> datetime:
    """The next time of day ``at`` strictly after ``now`` (same tzinfo)."""
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


def build_rq_scheduler(
    connection,
    *,
    daily_at: time = DEFAULT_DAILY_AT,
    reconcile_every: int = DEFAULT_RECONCILE_SECONDS,
    queue: str = "default",
):
    """rq's cron scheduler with PeerCert's jobs registered. Cron times are UTC in rq."""
    from rq.cron import CronScheduler  # only with Redis: the local scheduler needs no rq

    scheduler = CronScheduler(connection=connection)
    scheduler.register(
        jobs.daily_jobs,
        queue,
        cron=f"{daily_at.minute} {daily_at.hour} * * *",
        name="peercert.daily_jobs",
        job_timeout=3600,
    )
    scheduler.register(
        certificate_jobs.reconcile_certificates,
        queue,
        interval=reconcile_every,
        name="peercert.reconcile_certificates",
    )
    scheduler.register(
        employer_jobs.retry_due_webhooks,
        queue,
        interval=reconcile_every,
        name="peercert.retry_due_webhooks",
    )
    return scheduler


def tick_jobs() -> tuple[tuple[str, Callable], ...]:
    """What runs every few minutes, in order: looked up when it runs (tests replace them)."""
    return (
        ("reconcile_certificates", certificate_jobs.reconcile_certificates),
        ("retry_due_webhooks", employer_jobs.retry_due_webhooks),
    )


@dataclass
class LocalScheduler:
    """The same schedule without Redis: runs the jobs in this process."""

    daily_at: time = DEFAULT_DAILY_AT
    reconcile_every: int = DEFAULT_RECONCILE_SECONDS
    clock: Callable[[], datetime] = datetime.now
    sleep: Callable[[float], None] = time_module.sleep
    next_daily: datetime | None = None
    next_reconcile: datetime | None = None
    ran: list[str] = field(default_factory=list)

    def run_due(self) -> list[str]:
        """Run whatever is due now; returns the names run."""
        now = self.clock()
        if self.next_daily is None:
            self.next_daily = next_daily_run(now, self.daily_at)
        if self.next_reconcile is None:
            self.next_reconcile = now
        done = []
        if now >= self.next_reconcile:
            for name, func in tick_jobs():
                self._run(name, func)
                done.append(name)
            self.next_reconcile = now + timedelta(seconds=self.reconcile_every)
        if now >= self.next_daily:
            self._run("daily_jobs", jobs.daily_jobs)
            self.next_daily = next_daily_run(now, self.daily_at)
            done.append("daily_jobs")
        self.ran += done
        return done

    def _run(self, name: str, func: Callable) -> None:
        try:
            result = func()
            logger.info("%s: %s", name, result)
        except Exception:
            # One failing run must not stop the schedule; the next run catches up.
            logger.exception("scheduled job %s failed", name)

    def seconds_until_next(self) -> float:
        now = self.clock()
        upcoming = [t for t in (self.next_daily, self.next_reconcile) if t is not None]
        if not upcoming:
            return 0
        return max(0.0, min(60.0, (min(upcoming) - now).total_seconds()))

    def run_forever(self, *, stop: Callable[[], bool] = lambda: False) -> None:
        while not stop():
            self.run_due()
            self.sleep(self.seconds_until_next())
