import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from assessments.bank_quality import bank_report
from assessments.selectors import bank_quality_report


class Command(BaseCommand):
    help = (
        "How much the question bank can be passed without knowing the content: key-longest "
        "rate, key/distractor length, absolute words, all/none of the above, stem-word clang, "
        "application share, domain and competency coverage, items never drawn and items their "
        "statistics flag — per category and overall, against stated thresholds. Without files "
        "it reports on the live bank; with JSON files (the import format) on those files, "
        "before they are imported. --strict exits 1 when a threshold is broken. --language es "
        "measures the Spanish versions (with Spanish cue words) and counts the items without one."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Bank files (JSON import format).")
        parser.add_argument("--strict", action="store_true")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="en",
            help="The bank's language: the files' language, or the live bank's versions in it.",
        )

    def handle(self, *args, files, strict, language="en", **options):
        if files:
            items = []
            for name in files:
                try:
                    items += json.loads(Path(name).read_text(encoding="utf-8"))["questions"]
                except (OSError, ValueError, KeyError, TypeError) as error:
                    raise CommandError(f"{name}: cannot read it as a bank file ({error})") from None
            report = bank_report(items, language=language)
        else:
            # The whole bank, as a reviewer sees it.
            report = bank_quality_report(user=User(is_superuser=True), language=language)
        for line in report.lines():
            self.stdout.write(line)
        if strict and report.problems():
            raise CommandError(f"{len(report.problems())} threshold(s) broken")
