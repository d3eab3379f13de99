from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.importexport import import_bank
from courses.models import CoursePage
from courses.translation import default_locale_id


class Command(BaseCommand):
    help = (
        "Import a question bank from a .json or .csv file (all or nothing). With --language es "
        '(or a "language": "es" key in the file) the file holds Spanish versions of questions '
        "already in the bank, matched by key."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check only; import nothing.")
        parser.add_argument(
            "--course",
            metavar="SLUG",
            help="File new categories under this course (default: shared by every course).",
        )
        parser.add_argument(
            "--language",
            metavar="CODE",
            help="The file's language (default: the file's own language key, else English).",
        )

    def handle(self, *args, path, dry_run, course=None, language=None, **options):
        file = Path(path)
        fmt = "csv" if file.suffix.lower() == ".csv" else "json"
        course_page = None
        if course:
            # The course itself, not a translation that may share its slug.
            course_page = CoursePage.objects.filter(
                slug=course, locale_id=default_locale_id()
            ).first()
            if course_page is None:
                raise CommandError(f"no course with the slug {course!r}")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read it ({error})") from None
        report = import_bank(text, fmt=fmt, dry_run=dry_run, course=course_page, language=language)
        if report.errors:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(report.errors)} problems; nothing was imported.")
        if report.language != "en":
            self.stdout.write(
                f"{report.rows} {report.language} translations checked"
                + (
                    ""
                    if dry_run
                    else f": {report.created} added, {report.updated} updated, "
                    f"{report.unchanged} unchanged"
                )
            )
            return
        self.stdout.write(
            f"{report.rows} rows checked"
            + (
                ""
                if dry_run
                else f": {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged"
            )
        )
