from datetime import timedelta

from django.core.management.base import BaseCommand

from certificates.services import reconcile_pending


class Command(BaseCommand):
    help = (
        "Re-enqueue certificates stuck pending (run every few minutes from cron or the scheduler)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=10,
            help="Only certificates pending for longer than this (default 10).",
        )

    def handle(self, *args, older_than_minutes: int, **options):
        count = reconcile_pending(older_than=timedelta(minutes=older_than_minutes))
        self.stdout.write(f"Re-enqueued {count} job(s): pending certificates and unsent e-mails.")
