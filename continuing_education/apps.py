from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContinuingEducationConfig(AppConfig):
    name = "continuing_education"
    verbose_name = _("Continuing education")

    def ready(self):
        from . import receivers  # noqa: F401  (connects signal handlers)
