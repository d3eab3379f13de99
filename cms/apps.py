from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        # Whether a trainee's home shows their applications is cached until a program changes
        # (application_home.py); what is cached of one person, until a row of theirs changes
        # (dashboard_state.py). Both under core/generations.py.
        from . import application_home, dashboard_state

        application_home.connect()
        dashboard_state.connect()
