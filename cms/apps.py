from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        # The header's role answers are cached until a person, group or permission changes.
        from . import application_home, navigation

        navigation.connect()
        # Whether a trainee's home shows their applications, likewise (application_home.py).
        application_home.connect()
