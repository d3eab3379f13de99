from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # Receivers connect once the models are loaded, as Django's signal docs advise.
        from . import cache, receivers  # noqa: F401

        cache.connect()
