from django.conf import settings
from django.core.management.base import BaseCommand

from assessments.importexport import export_bank


class Command(BaseCommand):
    help = (
        "Write the question bank to stdout as JSON (default) or CSV; with --language es, the "
        "questions that have a Spanish version, in Spanish (the file import_questions reads back)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="en",
        )

    def handle(self, *args, format, language="en", **options):
        self.stdout.write(export_bank(fmt=format, language=language), ending="")
