from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Instructor-led training")

    def ready(self):
        # Receivers connect once the models are loaded, as Django's signal docs advise.
        from . import receivers  # noqa: F401
