"""Small steps the journey tests share: signing in, reading mail, axe-core, status lists."""

from __future__ import annotations

import base64
import gzip
import re
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


def admin_sign_in(
    page: Page, base: str, email: str, password: str = PASSWORD, *, next_url: str = "/admin/"
):
    """Sign in on the Wagtail admin's login form. It lands on `next_url` (the admin's dashboard
    unless told otherwise): asking for the page a test opens first saves loading the dashboard
    only to leave it."""
    page.goto(f"{base}/admin/login/{'?next=' + next_url if next_url != '/admin/' else ''}")
    page.locator("input[name=username]").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}{next_url}")


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


def link_in_mail(mail_dir: Path | None, *, to: str, contains: str) -> str:
    """The first link containing `contains` in a message to `to`. The message must have been
    sent already: in-process jobs run before the response that asked for them, and a worker's
    jobs are waited for first (tests/rq_results.py)."""
    bodies = mail_bodies(mail_dir)
    for body in bodies:
        if to.lower() not in body.lower():
            continue
        # The file backend writes quoted-printable bodies when lines are long.
        text = body.replace("=\n", "").replace("=3D", "=")
        for url in URL.findall(text):
            if contains in url:
                return url.rstrip(".,)")
    raise AssertionError(
        f"no e-mail to {to} with a {contains} link among {len(bodies)} messages:\n"
        + "\n---\n".join(body[:400] for body in bodies)
    )


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


def expect_autofocus(page: Page, name: str) -> None:
    """The field named `name` has the focus once the page is shown. Chromium gives an autofocus
    field the focus at its next rendering step, which on a busy machine can come after the load
    event `goto` waits for: this waits for the focus to arrive (as expect() does), rather than
    reading document.activeElement at once."""
    expect(page.locator(f"[name='{name}']")).to_be_focused()


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
