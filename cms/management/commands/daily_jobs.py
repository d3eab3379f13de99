from datetime import date

from django.core.management.base import BaseCommand, CommandError

from cms.daily import run_daily


class Command(BaseCommand):
    help = (
        "Run the daily jobs once: certificate status sweep (valid → expired), lapses after the "
        "grace period, renewal reminders (90/30/7 days), employer roster notifications and "
        "re-enqueueing stuck certificates. Safe to run twice on one day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were YYYY-MM-DD (default: today).")

    def handle(self, *args, date: str | None = None, **options):
        try:
            day = _parse(date)
        except ValueError as error:
            raise CommandError("--date must be YYYY-MM-DD") from error
        report = run_daily(today=day)
        self.stdout.write(f"Daily jobs for {report.day.isoformat()}:")
        for line in report.lines():
            self.stdout.write(f"  {line}")


def _parse(value: str | None):
    return date.fromisoformat(value) if value else None
