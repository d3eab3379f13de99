"""Every role lands on its own work, in Chromium, on the demo: each demo account signs in from
the home page and lands on /dashboard/ showing its own sections, whose counts are what the
selectors count and whose links open; on a 390 px phone nothing on those homes is wider than
the screen. Screenshots of each home at both widths go to the screenshot folder."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from cms.homes import sections_for
from tests.browser.test_trainee_by_clicking import PASSWORD, demo  # noqa: F401
from tests.threads import in_a_plain_thread

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


def check_home(page, email: str, expected: set[str], shot: str, screenshot) -> list:
    """The home on screen shows this person's sections with the selectors' counts, nothing
    sticks out sideways, and a screenshot is taken. Returns the sections it checked."""
    # Read again each time: opening the roster clears "changed since your last visit".
    sections = in_a_plain_thread(home_of, email=email)
    assert {section.key for section in sections} == expected, email
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
    assert widest_overflow(page) <= 0, (email, shot)
    screenshot(page, shot)
    return sections


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


# Three tests of about equal length instead of one: one long test was often the last to finish
# under xdist. Not one per person: each test pays for its own browser and its own copy of the
# demo (about 3 s, measured), more than signing a person in costs.
GROUPS = {
    "course-staff": ["instructor@example.org", "reviewer@example.org", "supervisor@example.org"],
    "admin-employer-evaluator": [
        "admin@example.org",
        "employer@example.org",
        "evaluator@example.org",
    ],
    "learners": ["trainee@example.org", "certified@example.org", "renewal@example.org"],
}
assert sorted(sum(GROUPS.values(), [])) == sorted(HOMES)


@pytest.mark.parametrize("group", list(GROUPS))
def test_each_role_signs_in_to_its_own_home_with_counts_and_links_that_open(
    group, live_server, browser, screenshot
):
    for email in GROUPS[group]:
        check_person(browser, live_server.url, email, screenshot)


def check_person(browser, base: str, email: str, screenshot) -> None:
    expected = HOMES[email]
    slug = email.split("@")[0]
    # Reduced motion: the Wagtail admin's sidebar badge animates without end otherwise, which
    # keeps Chromium repainting (about 0.13 CPU-s a second per open admin page, measured).
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, base, email)
    check_home(page, email, expected, f"home-{slug}-desktop.png", screenshot)

    # The same person on a phone: signed in once, the page loaded again at the phone's width
    # (not only resized, so whatever runs on load sees the narrow screen).
    page.set_viewport_size(PHONE)
    page.reload()
    sections = check_home(page, email, expected, f"home-{slug}-phone.png", screenshot)
    page.set_viewport_size(DESKTOP)

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
            target = first.url.split("?")[0]
            page.locator(f"#home-{sections[0].key}-{first.key} > a").click()
            # The navigation itself, not the load state of the page the click left.
            page.wait_for_url(lambda url: url.split("?")[0].endswith(target))
    context.close()


def test_the_admin_dashboard_shows_the_same_counts(live_server, browser):
    base = live_server.url
    for email in ("reviewer@example.org", "instructor@example.org"):
        sections = in_a_plain_thread(home_of, email=email)
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
        )
        page = context.new_page()
        # Straight to the admin's dashboard from the login form (signing in from the home page,
        # and the home it leads to, are the test above's).
        page.goto(f"{base}/accounts/login/?next=/admin/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
        page.locator("main form").get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/admin/")
        for section in sections:
            for item in section.items:
                expect(page.locator(f"#admin-home-{section.key}-{item.key}")).to_have_attribute(
                    "data-count", str(item.count)
                )
        context.close()
