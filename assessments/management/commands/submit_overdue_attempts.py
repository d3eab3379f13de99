from django.core.management.base import BaseCommand

from assessments.services import submit_overdue_attempts


class Command(BaseCommand):
    help = "Submit attempts left open past their deadline and grace (run every minute or so)."

    def handle(self, *args, **options):
        self.stdout.write(f"{submit_overdue_attempts()} overdue attempts submitted")
