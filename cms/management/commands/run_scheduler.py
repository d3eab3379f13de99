from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.scheduler import (
    DEFAULT_RECONCILE_SECONDS,
    LocalScheduler,
    build_rq_scheduler,
    parse_daily_at,
)


class Command(BaseCommand):
    help = (
        "Run PeerCert's schedule: the daily jobs (status sweep, lapses, reminders, roster "
        "notifications; see `manage.py daily_jobs`) once a day and re-enqueueing stuck "
        "certificates every few minutes. With REDIS_URL set it runs rq's cron scheduler, which "
        "enqueues onto the 'default' queue for `manage.py rqworker default`; without Redis it "
        "runs the jobs itself. Run exactly one scheduler per site (a second one is harmless: "
        "every job is idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--daily-at",
            default="02:30",
            help="Time of the daily run, HH:MM (UTC with Redis; local "
            "time without). Default 02:30.",
        )
        parser.add_argument(
            "--reconcile-every",
            type=int,
            default=DEFAULT_RECONCILE_SECONDS,
            help="Seconds between reconciliation runs (default 300).",
        )
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="Run the jobs in this process even when REDIS_URL is set.",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run every job once now, in this process, and exit (e.g. from "
            "cron instead of a long-running scheduler).",
        )

    def handle(
        self, *args, daily_at: str, reconcile_every: int, in_process: bool, once: bool, **options
    ):
        try:
            at = parse_daily_at(daily_at)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if settings.REDIS_URL and not in_process and not once:
            import django_rq  # only with REDIS_URL set: without it the local loop runs

            scheduler = build_rq_scheduler(
                django_rq.get_connection("default"), daily_at=at, reconcile_every=reconcile_every
            )
            self.stdout.write(
                f"rq cron scheduler: daily jobs at {at:%H:%M} UTC, "
                f"reconciliation every {reconcile_every} s."
            )
            scheduler.start()
            return
        scheduler = LocalScheduler(daily_at=at, reconcile_every=reconcile_every)
        if once:
            scheduler.next_daily = scheduler.clock()
            for name in scheduler.run_due():
                self.stdout.write(f"ran {name}")
            return
        self.stdout.write(
            f"In-process scheduler: daily jobs at {at:%H:%M}, reconciliation "
            f"every {reconcile_every} s. Ctrl-C stops it."
        )
        try:
            scheduler.run_forever()
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
