from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "PeerCert core"

    def ready(self) -> None:
        # Generation counters read once per request (core/generations.py).
        from . import generations

        generations.connect()
