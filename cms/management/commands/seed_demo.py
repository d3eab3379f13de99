import logging
import os
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from cms.demo import seed_all


class Command(BaseCommand):
    help = "Build the demo curriculum, programs and accounts. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never on a live site with real trainees).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password; it refuses to run with "
                "DEBUG off. Pass --force if this really is a demo or test database."
            )
        password = os.environ.get("DEMO_PASSWORD", "peer-demo-pass")
        # Demo people have example.org addresses: nothing the seed triggers is worth sending,
        # and console e-mails would bury the login lines.
        quiet_mail = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        )
        with quiet_mail, quiet_logs(), transaction.atomic():
            lines = seed_all(password=password)
        for line in lines:
            self.stdout.write(line)


@contextmanager
def quiet_logs():
    """Seeding creates and publishes hundreds of pages and snippets, and Wagtail logs each at
    INFO: the summary lines say what was made. Warnings and errors still show."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
