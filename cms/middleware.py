"""Response headers Django 5.2 does not set by itself."""

import base64
import hashlib
import html
import re

from django.conf import settings

# The public site ships no inline script or style and loads nothing from elsewhere. The Wagtail
# admin (ADMIN_CSP below) likewise runs scripts from this site only, and talks and posts to this
# site only (with Wagtail's update check off, nothing in it calls out).
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
# The strictest policy Wagtail 8's admin works with (tests/browser/test_admin_csp_browser.py edits
# a page under it and fails on any report). Scripts come from this site only: no inline script,
# no eval; Wagtail's few inline starters (date pickers, chooser widgets, inline panels) are
# started by cms/static/cms/js/admin-start.js from markers (cms/templates/wagtailadmin/,
# cms/wagtail_hooks.py). Draftail, the
# rich-text editor, writes its block styles into <style> elements at run time, so those may be
# inline; style attributes may not.
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src-elem 'self' 'unsafe-inline'",
        "style-src-attr 'none'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Django's own DEBUG pages (the technical 404 and 500) carry their styles and scripts inline.
# Under DEBUG, and for those pages only, their exact blocks are allowed by hash, so a developer
# sees them styled and the policy stays free of 'unsafe-inline'. Django marks both pages with
# this robots tag; our own templates never use it.
DJANGO_DEBUG_PAGE = b'<meta name="robots" content="NONE,NOARCHIVE">'
_INLINE = {
    "style-src": re.compile(rb"<style[^>]*>(.*?)</style>", re.S),
    "script-src": re.compile(rb"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S),
}


_HANDLER = re.compile(rb'\son[a-z]+="([^"]*)"')


def _digest(block: bytes) -> str:
    return base64.b64encode(hashlib.sha256(block).digest()).decode()


def debug_page_csp(content: bytes) -> str:
    """SITE_CSP with the inline blocks of one of Django's DEBUG pages allowed by their hashes."""
    directives = []
    for directive in SITE_CSP.split("; "):
        name = directive.split(" ", 1)[0]
        pattern = _INLINE.get(name)
        if pattern is not None:
            blocks = pattern.findall(content)
            if name == "script-src":
                # The 500 page's frame toggles are onclick attributes: allowed by hash too.
                handlers = [html.unescape(v.decode()).encode() for v in _HANDLER.findall(content)]
                blocks += handlers
                if handlers:
                    directive += " 'unsafe-hashes'"
            hashes = {f"'sha256-{_digest(block)}'" for block in blocks}
            directive = " ".join([directive, *sorted(hashes)])
        directives.append(directive)
    return "; ".join(directives)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = getattr(settings, "PEERCERT_ADMIN_PREFIX", "/admin/")

    def __call__(self, request):
        response = self.get_response(request)
        in_admin = request.path.startswith(self.admin_prefix)
        policy = ADMIN_CSP if in_admin else SITE_CSP
        if (
            settings.DEBUG
            and not in_admin
            and response.status_code >= 400
            and not getattr(response, "streaming", False)
            and DJANGO_DEBUG_PAGE in response.content
        ):
            policy = debug_page_csp(response.content)
        response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        # Pages built for a signed-in person must never land in a shared cache or the
        # back/forward cache of a shared computer.
        if user is not None and user.is_authenticated:
            cache_control = response.get("Cache-Control", "")
            if "no-store" not in cache_control:
                response["Cache-Control"] = "no-store, private"
        return response
