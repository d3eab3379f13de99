"""Every public URL answers anything with a 2xx, 3xx or 4xx — never a 5xx. Hypothesis fills each
public route's path parameters (read off the URL configuration, tests/security/routes.py PUBLIC)
and its query string with anything: unicode, NUL and control characters, very long strings,
path traversal, percent signs, codes that normalise to nothing (/verify/-/ once redirected to a
URL that cannot exist and answered 500)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.security.routes import PUBLIC, walk

pytestmark = pytest.mark.django_db

# A service that is down is what /healthz exists to report with 503.
NOT_FUZZED = {"healthz"}
ROUTES = sorted(
    (route for route in walk() if route.key in PUBLIC and route.key not in NOT_FUZZED),
    key=lambda route: route.key,
)

NASTY = [
    "-",
    " ",
    "...",
    "..",
    "\x00",
    "%00",
    "%",
    "%ZZ",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "\u202e\u200b",
    "😀",
    "ǅ",
    "ß",
    "٣٣٣٣",
    "\r\nSet-Cookie: x=1",
    "<script>alert(1)</script>",
    "a" * 5000,
    "K7QF-3M9D-0000-0000-0000",
    "k7qf 3m9d oooo iiii llll",
]
segments = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60),
    st.text(alphabet="-./%0123456789abcdefOIL \t", max_size=40),
    st.text(min_size=1000, max_size=3000, alphabet="abcdefXYZ0129-%/."),
)


def _replace_groups(pattern: str, value: str) -> str:
    """Each top-level regex group (…) becomes ``value``."""
    out, depth, escaped = [], 0, False
    for char in pattern:
        if escaped:
            escaped = False
            if depth == 0:
                out.append(char)
            continue
        if char == "\\":
            escaped = True
            if depth == 0:
                out.append(char)
            continue
        if char == "(":
            if depth == 0:
                out.append(value)
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def path_for(pattern: str, value: str) -> str:
    """The route's path with every parameter (a converter or a regex group) set to ``value``."""
    path = re.sub(r"<(?:\w+:)?\w+>", lambda _m: value, pattern)
    path = _replace_groups(path, value)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + path


@pytest.fixture
def issuer_keys(settings, tmp_path):
    """Keys present, so the issuer's public files answer (without them they say 503)."""
    from certificates.keys import clear_issuer_keys_cache, init_issuer_keys

    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    clear_issuer_keys_cache()
    yield init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    clear_issuer_keys_cache()


def test_the_fuzzed_routes_are_the_public_ones():
    assert {route.key for route in ROUTES} == set(PUBLIC) - NOT_FUZZED


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.key)
def test_no_public_url_answers_5xx_to_any_input(route, home, issuer_keys):
    client = Client(raise_request_exception=True)

    @settings(
        max_examples=25,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(value=segments, raw=st.booleans())
    @example(value="-", raw=False)
    @example(value=" ", raw=False)
    @example(value="...", raw=False)
    @example(value="\x00", raw=False)
    @example(value="../../etc/passwd", raw=True)
    def check(value: str, raw: bool):
        # Percent-encoded (a "/" stays inside the parameter), or raw (a "/" splits it).
        segment = quote(value, safe="/." if raw else "")
        path = path_for(route.pattern, segment)
        for url in (path, f"{path}?{urlencode({'code': value, value[:50]: value})}"):
            response = client.get(url)
            assert response.status_code < 500, f"{url!r}: {response.status_code}"

    check()


@pytest.mark.parametrize(
    "path",
    ["/verify/-/", "/verify/%20/", "/verify/.../", "/verify/%00/", "/verify/%D9%A3%D9%A3/"],
)
def test_a_code_that_normalises_to_nothing_is_not_found(path):
    """These redirected to a /verify/ URL that cannot exist and answered 500."""
    assert Client(raise_request_exception=True).get(path).status_code == 404
