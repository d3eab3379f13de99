from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.importexport import import_bank
from courses.models import CoursePage


class Command(BaseCommand):
    help = "Import a question bank from a .json or .csv file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check only; import nothing.")
        parser.add_argument(
            "--course",
            metavar="SLUG",
            help="File new categories under this course (default: shared by every course).",
        )

    def handle(self, *args, path, dry_run, course=None, **options):
        file = Path(path)
        fmt = "csv" if file.suffix.lower() == ".csv" else "json"
        course_page = None
        if course:
            course_page = CoursePage.objects.filter(slug=course).first()
            if course_page is None:
                raise CommandError(f"no course with the slug {course!r}")
        report = import_bank(
            file.read_text(encoding="utf-8-sig"), fmt=fmt, dry_run=dry_run, course=course_page
        )
        if report.errors:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(report.errors)} problems; nothing was imported.")
        self.stdout.write(
            f"{report.rows} rows checked"
            + (
                ""
                if dry_run
                else f": {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged"
            )
        )
