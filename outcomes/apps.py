from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    """Program outcome dashboards and funder reports: aggregates only, small cells hidden."""

    name = "outcomes"
    verbose_name = "Program outcomes"

    def ready(self):
        # Receivers connect once the models are loaded, as Django's signal docs advise.
        from . import receivers  # noqa: F401
