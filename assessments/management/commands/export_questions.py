from django.core.management.base import BaseCommand

from assessments.importexport import export_bank


class Command(BaseCommand):
    help = "Write the question bank to stdout as JSON (default) or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, format, **options):
        self.stdout.write(export_bank(fmt=format), ending="")
