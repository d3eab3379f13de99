"""Every role lands on its own work, in Chromium, on the demo: each demo account signs in from
the home page and lands on /dashboard/ showing its own sections, whose counts are what the
selectors count and whose links open; on a 390 px phone nothing on those homes is wider than
the screen. Screenshots of each home at both widths go to the screenshot folder."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from cms.homes import sections_for
from tests.browser.test_trainee_by_clicking import PASSWORD, demo, in_a_plain_thread  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("demo")]

# Each demo login and the sections its home must show.
HOMES = {
    "supervisor@example.org": {"supervisor"},
    "instructor@example.org": {"instructor"},
    "reviewer@example.org": {"reviewer"},
    "employer@example.org": {"employer"},
    "evaluator@example.org": {"evaluator"},
    "admin@example.org": {
        "oversight",
        "instructor",
        "reviewer",
        "certificate_manager",
        "user_manager",
    },
    "trainee@example.org": set(),
    "certified@example.org": set(),
    "renewal@example.org": set(),
}


def home_of(*, email: str):
    return sections_for(User.objects.get(email=email))


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/")
    page.locator("header").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


def widest_overflow(page) -> int:
    """How far the page is wider than the viewport (0: nothing sticks out)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_each_role_signs_in_to_its_own_home_with_counts_and_links_that_open(
    live_server, browser, screenshot
):
    base = live_server.url
    for email, expected in HOMES.items():
        slug = email.split("@")[0]
        for width, height, suffix in ((1280, 900, "desktop"), (390, 844, "phone")):
            # Read again each time: opening the roster clears "changed since your last visit".
            sections = in_a_plain_thread(home_of, email=email)
            assert {section.key for section in sections} == expected, email
            context = browser.new_context(viewport={"width": width, "height": height})
            context.set_default_timeout(15_000)
            page = context.new_page()
            sign_in(page, base, email)
            main = page.locator("main")
            expect(main.locator("h1")).to_contain_text("Welcome")
            for section in sections:
                box = page.locator(f"#home-{section.key}")
                expect(box).to_be_visible()
                for item in section.items:
                    expect(box.locator(f"#home-{section.key}-{item.key}")).to_have_attribute(
                        "data-count", str(item.count)
                    )
            if not expected:
                expect(main.locator("#courses-heading")).to_be_visible()
                expect(main.locator("#role-homes")).to_have_count(0)
            assert widest_overflow(page) <= 0, (email, suffix)
            screenshot(page, f"home-{slug}-{suffix}.png")

            if suffix == "desktop":
                # Every link on the home opens (no error page, no refusal), as this person.
                hrefs = page.locator("#role-homes a").evaluate_all(
                    "links => links.map(a => a.getAttribute('href'))"
                )
                for href in dict.fromkeys(hrefs):
                    response = page.request.get(f"{base}{href}")
                    assert response.status == 200, (email, href, response.status)
                # And clicking the first count goes where the work is.
                if sections:
                    first = sections[0].items[0]
                    if first.url:
                        page.locator(f"#home-{sections[0].key}-{first.key} > a").click()
                        page.wait_for_load_state()
                        assert page.url.split("?")[0].endswith(first.url.split("?")[0])
            context.close()


def test_the_admin_dashboard_shows_the_same_counts(live_server, browser):
    base = live_server.url
    for email in ("reviewer@example.org", "instructor@example.org"):
        sections = in_a_plain_thread(home_of, email=email)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, base, email)
        page.goto(f"{base}/admin/")
        for section in sections:
            for item in section.items:
                expect(page.locator(f"#admin-home-{section.key}-{item.key}")).to_have_attribute(
                    "data-count", str(item.count)
                )
        context.close()
