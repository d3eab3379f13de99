"""Small steps the journey tests share: signing in, reading mail, axe-core, status lists."""

from __future__ import annotations

import base64
import gzip
import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

PASSWORD = "correct-horse-battery"  # UserFactory's
SERIOUS = ("serious", "critical")
PASSWORD_LABEL = re.compile(r"^Password:?$")


def sign_in(page: Page, base: str, email: str, password: str = PASSWORD, *, next_url: str = ""):
    page.goto(f"{base}/accounts/login/{'?next=' + next_url if next_url else ''}")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def admin_sign_in(page: Page, base: str, email: str, password: str = PASSWORD):
    page.goto(f"{base}/admin/login/")
    page.locator("input[name=username]").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/admin/")


def wait_for(predicate, *, timeout: float, interval: float = 0.25, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class PostsSettle:
    """Wagtail 8 autosaves an editor half a second after each change; the first autosave of a
    new page creates it and moves the form to the edit address. Pressing a save button while
    that first autosave is still in flight posts the add form a second time (a duplicate slug
    or key). `settle()` waits until no POST from the page is in flight and none has started
    for a while, which is what a person sees as the "Saved" indicator coming to rest."""

    def __init__(self, page: Page):
        self.page = page
        self.in_flight: set = set()
        self.last_activity = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request):
        if request.method == "POST":
            self.in_flight.add(request)
            self.last_activity = time.monotonic()

    def _ended(self, request):
        if request in self.in_flight:
            self.in_flight.discard(request)
            self.last_activity = time.monotonic()

    def settle(self, *, quiet: float = 2.0, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(100)  # lets Playwright deliver the request events
            if not self.in_flight and time.monotonic() - self.last_activity >= quiet:
                return
        raise AssertionError(f"the editor kept saving for {timeout:.0f} s")


# --- mail -------------------------------------------------------------------------------------

URL = re.compile(r"https?://[^\s<>\"']+")


def mail_bodies(mail_dir: Path | None) -> list[str]:
    """Every message sent so far: Django's in-memory outbox (mail sent in this process, the
    live server included) and the files the rqworker subprocess wrote."""
    from django.core import mail

    bodies = [
        f"To: {', '.join(m.to)}\nSubject: {m.subject}\n\n{m.body}"
        for m in getattr(mail, "outbox", [])
    ]
    if mail_dir is not None:
        bodies += [path.read_text(errors="replace") for path in sorted(mail_dir.glob("*"))]
    return bodies


def link_in_mail(mail_dir: Path | None, *, to: str, contains: str, timeout: float = 30) -> str:
    """The first link containing `contains` in a message to `to`, waiting for the message."""

    def find():
        for body in mail_bodies(mail_dir):
            if to.lower() not in body.lower():
                continue
            # The file backend writes quoted-printable bodies when lines are long.
            text = body.replace("=\n", "").replace("=3D", "=")
            for url in URL.findall(text):
                if contains in url:
                    return url.rstrip(".,)")
        return None

    return wait_for(find, timeout=timeout, what=f"an e-mail to {to} with a {contains} link")


# --- axe-core ---------------------------------------------------------------------------------

_axe = None


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now."""
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS]


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {node['target']} {node['html'][:160]!r} — {summary[:300]}")
    return "\n".join(lines)


class AxeAudit:
    """Collects violations page by page so one assertion reports every page at once."""

    def __init__(self):
        self.pages: list[str] = []
        self.failures: list[str] = []

    def check(self, page: Page, label: str | None = None) -> None:
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        name = label or page.url
        self.pages.append(name)
        if violations:
            self.failures.append(describe_violations(name, violations))

    def assert_clean(self) -> None:
        assert not self.failures, (
            f"serious/critical axe-core violations on {len(self.failures)} of "
            f"{len(self.pages)} pages:\n" + "\n".join(self.failures)
        )


# --- Bitstring Status List --------------------------------------------------------------------


def status_bit(encoded_list: str, index: int) -> bool:
    """Bit `index` of a W3C Bitstring Status List `encodedList` (multibase base64url of the
    GZIP-compressed bits; index 0 is the left-most bit of the first byte)."""
    assert encoded_list.startswith("u"), "encodedList must be multibase base64url ('u' prefix)"
    payload = encoded_list[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


# --- keyboard ---------------------------------------------------------------------------------


def active_element(page: Page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; if (!e) return {};
        const s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '',
                id: e.id || '', value: e.value || '', text: (e.innerText || '').trim(),
                focusVisible: e.matches(':focus-visible'), outlineStyle: s.outlineStyle,
                outlineWidth: parseFloat(s.outlineWidth) || 0, boxShadow: s.boxShadow}; }"""
    )


def tab_to(page: Page, matches, *, backwards: bool = False, limit: int = 80) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies `matches(info)`."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = active_element(page)
        if matches(info):
            return info
        seen.append(
            f"{info.get('tag')}#{info.get('id')}[{info.get('name')}] {info.get('text')[:30]!r}"
        )
    raise AssertionError(f"{key} never reached the element; focus went through: {seen[-20:]}")


def assert_focus_visible(info: dict, what: str) -> None:
    assert info["focusVisible"], f"{what}: keyboard focus does not match :focus-visible"
    assert (info["outlineStyle"] not in ("none", "") and info["outlineWidth"] >= 2) or (
        info["boxShadow"] not in ("none", "")
    ), (
        f"{what}: no visible focus indicator (outline {info['outlineStyle']} "
        f"{info['outlineWidth']}px, box-shadow {info['boxShadow']})"
    )
