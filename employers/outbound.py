"""Sending a webhook without being turned against our own network (SSRF guard).

- Only the registered address: the request goes to the host the employer registered, at the
  IP address we resolved and checked ourselves (no second lookup a DNS rebind could change).
- HTTPS only, certificate checked against the host name; plain HTTP and loopback addresses
  only where ``WEBHOOKS_ALLOW_LOCAL`` is on (DEBUG, and the tests).
- Never a private, loopback, link-local, multicast, reserved or unspecified address (IPv4-
  mapped IPv6 included) unless local delivery is allowed, and then loopback only.
- Short timeouts; redirects are never followed (http.client does not follow them): a 3xx is a
  failed attempt.
- At most ``MAX_RESPONSE_BYTES`` of the answer are read.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10
MAX_RESPONSE_BYTES = 2048

NOT_HTTPS = "Use an https:// address."
NO_HOST = "The address has no host name."
NOT_PUBLIC = "The address is not on the public internet."
NO_CREDENTIALS = "The address may not contain a user name or password."
UNRESOLVED = "The host name does not resolve."
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


class UnsafeAddress(ValueError):
    pass


def allow_local() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_LOCAL", settings.DEBUG))


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
    )


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an address we may send to, or UnsafeAddress. No lookup here:
    the form checks the shape, ``resolve`` checks the address at every send."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise UnsafeAddress(NO_CREDENTIALS)
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeAddress(NO_HOST)
    local = allow_local() and host in LOCAL_NAMES
    if parts.scheme != "https" and not (local and parts.scheme == "http"):
        raise UnsafeAddress(NOT_HTTPS)
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None and not _public(literal) and not (local and literal.is_loopback):
        raise UnsafeAddress(NOT_PUBLIC)
    if host == "localhost" and not local:
        raise UnsafeAddress(NOT_PUBLIC)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeAddress(NO_HOST) from error
    return parts.scheme, host, port


def resolve(host: str, port: int) -> str:
    """One IP address of ``host`` that we may connect to. Every address the name has must be
    acceptable: a name with one private address among public ones is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeAddress(UNRESOLVED) from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise UnsafeAddress(UNRESOLVED)
    local = allow_local() and host in LOCAL_NAMES
    for ip in addresses:
        if not (_public(ip) or (local and ip.is_loopback)):
            raise UnsafeAddress(NOT_PUBLIC)
    return str(addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, ip: str, **kwargs):
        super().__init__(host, port, **kwargs)
        self._ip = ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), timeout=CONNECT_TIMEOUT)
        self.sock.settimeout(READ_TIMEOUT)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, ip: str, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._ip = ip

    def connect(self):
        raw = socket.create_connection((self._ip, self.port), timeout=CONNECT_TIMEOUT)
        raw.settimeout(READ_TIMEOUT)
        # SNI and the certificate check use the registered host name, not the IP.
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(url: str, *, body: str, headers: dict[str, str]) -> Outcome:
    """POST ``body`` to ``url`` under the rules above. Never raises for network trouble: the
    outcome says what happened."""
    started = time.monotonic()

    def done(status_code=None, error=""):
        return Outcome(status_code, error[:300], int((time.monotonic() - started) * 1000))

    try:
        scheme, host, port = check_url(url)
        ip = resolve(host, port)
    except UnsafeAddress as error:
        return done(error=f"Refused: {error}")
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = cls(host, port, ip=ip, timeout=READ_TIMEOUT)
    try:
        connection.request("POST", target, body=body.encode("utf-8"), headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        if 300 <= response.status < 400:
            return done(response.status, "Redirects are not followed.")
        return done(response.status)
    except (OSError, http.client.HTTPException, ssl.SSLError) as error:
        return done(error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()
