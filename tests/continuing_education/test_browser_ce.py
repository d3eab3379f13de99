"""In a real browser: the trainee submits external CE, a reviewer approves it in the Wagtail
admin, and the trainee's ethics bar fills."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from continuing_education.models import CEActivity
from courses.permissions import REVIEWERS_GROUP
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, screenshot  # noqa: F401
from tests.conftest import require
from tests.factories import UserFactory
from tests.factories.continuing_education import (
    PDF_BYTES,
    CECategoryFactory,
    CECategoryMinimumFactory,
    CERulesFactory,
)

from .conftest import make_certificate

PASSWORD = "correct-horse-battery"  # UserFactory's

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def chromium():
    """Started and stopped within the test: Playwright's sync API keeps an event loop running
    in the test thread while it is open, which later asyncio.run() callers (pyHanko) refuse."""
    import os

    require(os.path.exists(CHROMIUM), "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def ethics_percent(tab) -> int:
    return int(tab.locator('progress[data-category="Ethics"]').get_attribute("value"))


def sign_in(tab, url: str, email: str) -> None:
    tab.goto(f"{url}/accounts/login/?next=/dashboard/")
    tab.get_by_label("E-mail address").fill(email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.locator("main form").get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/dashboard/")


def test_trainee_submits_ce_reviewer_approves_and_the_ethics_bar_fills(
    chromium,
    live_server,
    home,
    screenshot,  # noqa: F811
    settings,
    tmp_path,
):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    ethics = CECategoryFactory(name="Ethics")
    rules = CERulesFactory()
    CECategoryMinimumFactory(rules=rules, category=ethics)
    trainee = UserFactory(email="certified@example.org", first_name="Sam", last_name="Okafor")
    make_certificate(
        holder=trainee, version=rules.version, issued_on=timezone.localdate() - timedelta(days=200)
    )
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    UserFactory(email="reviewer@example.org", first_name="Avery", last_name="Chen", groups=[group])

    # Reduced motion: the Wagtail admin's sidebar badge animates without end otherwise, which
    # keeps Chromium repainting (about 0.13 CPU-s a second per open admin page, measured).
    trainee_context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    trainee_page = trainee_context.new_page()
    sign_in(trainee_page, live_server.url, "certified@example.org")
    assert ethics_percent(trainee_page) == 0

    trainee_page.get_by_role("link", name="Add external CE").first.click()
    trainee_page.get_by_label("Title of the activity").fill("Ethics in digital peer support")
    trainee_page.locator("#id_provider").fill("Recovery Ethics Institute")
    trainee_page.get_by_label("Date completed").fill(
        (timezone.localdate() - timedelta(days=3)).isoformat()
    )
    trainee_page.get_by_label("Contact hours").fill("6")
    trainee_page.get_by_label("How was it delivered?").select_option("live_online")
    trainee_page.get_by_label("Ethics").fill("6")
    trainee_page.get_by_label("Proof of completion").set_input_files(
        {"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    trainee_page.get_by_role("button", name="Submit for review").click()
    trainee_page.get_by_text("Waiting for review").first.wait_for()
    assert CEActivity.objects.get().status == "submitted"

    reviewer_context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    admin = reviewer_context.new_page()
    admin.goto(f"{live_server.url}/admin/login/?next=/admin/ce/review/")
    admin.locator("input[name=username]").fill("reviewer@example.org")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url("**/admin/ce/review/")
    admin.get_by_role("link", name="Ethics in digital peer support").click()
    admin.get_by_label("Approve").check()
    admin.get_by_role("button", name="Record decision").click()
    admin.wait_for_url("**/admin/ce/review/")
    screenshot(admin, "ce-review-queue.png")
    reviewer_context.close()  # the reviewer is done

    trainee_page.goto(f"{live_server.url}/dashboard/")
    assert ethics_percent(trainee_page) == 100
    screenshot(trainee_page, "ce-dashboard.png")
    trainee_context.close()
