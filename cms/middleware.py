"""Response headers Django 5.2 does not set by itself."""

from django.conf import settings

# The public site ships no inline script or style and loads nothing from elsewhere. The Wagtail
# admin needs inline scripts and styles of its own; it still talks to and posts to this site only
# (with Wagtail's update check off, nothing in it calls out).
SITE_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
ADMIN_CSP = "; ".join(
    [
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = getattr(settings, "PEERCERT_ADMIN_PREFIX", "/admin/")

    def __call__(self, request):
        response = self.get_response(request)
        in_admin = request.path.startswith(self.admin_prefix)
        response.setdefault("Content-Security-Policy", ADMIN_CSP if in_admin else SITE_CSP)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        # Pages built for a signed-in person must never land in a shared cache or the
        # back/forward cache of a shared computer.
        if user is not None and user.is_authenticated:
            cache_control = response.get("Cache-Control", "")
            if "no-store" not in cache_control:
                response["Cache-Control"] = "no-store, private"
        return response
