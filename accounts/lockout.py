"""django-axes hooks.

`AXES_USERNAME_CALLABLE = "accounts.lockout.axes_username"` makes every login form (ours and
the Wagtail admin's) count failures against one normalised address, whatever its case.
"""

from __future__ import annotations

from django.conf import settings

from .forms import normalize_login_email


def axes_username(request, credentials: dict | None = None) -> str | None:
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return normalize_login_email(value) if isinstance(value, str) else value
