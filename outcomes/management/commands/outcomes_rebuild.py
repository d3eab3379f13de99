from django.core.management.base import BaseCommand

from outcomes.services import outcomes_rebuild, outcomes_refresh_stale


class Command(BaseCommand):
    help = (
        "Recompute every pre-aggregated outcome figure (each program version, cohort and year, "
        "and all of them) from the live tables, and what each view hides. The daily run does "
        "the same; run it after loading rows in bulk (seed_scale) to see them at once. With "
        "--stale, only the views a change has made stale (for cron, where no job queue runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale", action="store_true", help="Recompute only the views marked stale."
        )

    def handle(self, *args, **options):
        if options["stale"]:
            scopes = outcomes_refresh_stale()
            self.stdout.write(f"{scopes} stale outcome views recomputed.")
            return
        scopes = outcomes_rebuild()
        self.stdout.write(f"{scopes} outcome views recomputed.")
