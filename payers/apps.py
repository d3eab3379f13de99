from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayersConfig(AppConfig):
    name = "payers"
    verbose_name = _("Payers")

    def ready(self):
        from . import receivers  # noqa: F401
