from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        # The header's role answers are cached until a person, group or permission changes.
        from . import navigation

        navigation.connect()
