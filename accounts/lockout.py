"""django-axes hooks.

`AXES_USERNAME_CALLABLE = "accounts.lockout.axes_username"` makes every login form (ours and
the Wagtail admin's) count failures against one normalised address, whatever its case.
"""

from __future__ import annotations

from django.conf import settings

from core.ratelimit import client_ip

from .forms import normalize_login_email


def axes_username(request, credentials: dict | None = None) -> str | None:
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return normalize_login_email(value) if isinstance(value, str) else value


def axes_client_ip(request) -> str | None:
    """The client address the lockout is keyed on (`AXES_CLIENT_IP_CALLABLE`): the same one
    the rate limits use, so behind RATELIMIT_PROXY_COUNT trusted proxies it is the visitor's,
    not the proxy's (which would turn "this address from this client" into "this address")."""
    address = client_ip(request)
    # No address (a programmatic login such as a test client's force_login): None, because
    # axes stores it in an inet column that refuses the rate limiter's "unknown".
    return None if address == "unknown" else address
