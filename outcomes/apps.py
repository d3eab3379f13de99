from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    """Program outcome dashboards and funder reports: aggregates only, small cells hidden."""

    name = "outcomes"
    verbose_name = "Program outcomes"
