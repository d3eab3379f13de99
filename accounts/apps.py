from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The role homes' cached group names move on when anyone's groups change (roles.py).
        from . import roles

        roles.connect()
