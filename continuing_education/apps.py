from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContinuingEducationConfig(AppConfig):
    name = "continuing_education"
    verbose_name = _("Continuing education")

    def ready(self):
        # Receivers connect once the models are loaded, as Django's signal docs advise.
        from . import receivers  # noqa: F401
