from django.core.management.base import BaseCommand

from outcomes.services import outcomes_rebuild


class Command(BaseCommand):
    help = (
        "Recompute every pre-aggregated outcome figure (each program version, cohort and year, "
        "and all of them) from the live tables, and what each view hides. The daily run does "
        "the same; run it after loading rows in bulk (seed_scale) to see them at once."
    )

    def handle(self, *args, **options):
        scopes = outcomes_rebuild()
        self.stdout.write(f"{scopes} outcome views recomputed.")
