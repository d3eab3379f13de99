"""axe-core on every public and trainee page the whole journey visits: no serious or critical
violations. Each test builds the same small world as the journey and walks its pages in a real
browser, in the states a person meets them (empty forms, forms with errors, results), and
reports every failing page at once."""

import re
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect

from certificates import services as certificates
from certificates.models import Certificate, SupervisionEntry
from courses.services import lesson_mark_complete
from tests.factories import UserFactory

from .helpers import PASSWORD_LABEL, AxeAudit, link_in_mail, sign_in
from .world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def world(course_index, issuer_keys, live_server, settings):
    settings.SITE_URL = live_server.url  # jobs run in-process here (no REDIS_URL)
    return build_world(course_index, lessons=2, question_types=("single", "multiple", "short"))


def in_thread(function):
    """Run `function` in a thread of its own: pyHanko signs with asyncio.run(), which refuses to
    run inside the event loop Playwright's sync API keeps in the test thread."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - re-raised in the test thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def issue_certificate(world, holder) -> Certificate:
    """A valid, signed certificate for `holder` (issued in-process after commit)."""
    certificate = in_thread(
        lambda: certificates.certificate_request(trainee=holder, version=world.version)
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID, certificate.last_error
    return certificate


def test_public_pages_have_no_serious_or_critical_violations(
    world, new_page, live_server, tmp_path
):
    base = live_server.url
    holder = UserFactory(email="sam.okafor@example.org", first_name="Sam", last_name="Okafor")
    certificate = issue_certificate(world, holder)
    pdf_path = tmp_path / "certificate.pdf"
    pdf_path.write_bytes(certificate.pdf.open("rb").read())
    audit = AxeAudit()
    page = new_page()

    for path in [
        "/",
        "/courses/",
        world.course.url,
        certificate.verification_path,
        "/issuer/",
        "/accounts/password/reset/",
        "/verify/",
    ]:
        page.goto(f"{base}{path}")
        audit.check(page)

    # The forms are used on the page just checked empty (one load each, not two).
    page.get_by_label("Verification code").fill("NOT-A-REAL-CODE")
    page.locator("main form").get_by_role("button", name="Verify").click()
    expect(page.locator("main [role=alert]")).to_contain_text("Not found.")
    audit.check(page, "/verify/ (unknown code)")

    page.goto(f"{base}/verify/pdf/")
    audit.check(page)
    page.locator("main input[type=file]").set_input_files(str(pdf_path))
    page.get_by_role("button", name="Check the PDF").click()
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "genuine")
    audit.check(page, "/verify/pdf/ (result: genuine)")
    page.locator("main input[type=file]").set_input_files(
        {
            "name": "not-a-certificate.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n% not ours\n%%EOF\n",
        }
    )
    page.get_by_role("button", name="Check the PDF").click()
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "not_ours")
    audit.check(page, "/verify/pdf/ (result: not ours)")

    page.goto(f"{base}/accounts/login/")
    audit.check(page)
    page.get_by_label("E-mail address").fill("nobody@example.org")
    page.get_by_label(PASSWORD_LABEL).fill("wrong password")
    page.locator("main form").get_by_role("button", name="Sign in").click()
    expect(page.locator("main [role=alert]")).to_be_visible()
    audit.check(page, "/accounts/login/ (wrong password)")

    page.goto(f"{base}/accounts/signup/")
    audit.check(page)
    page.locator("main form").get_by_role("button", name="Sign up").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    audit.check(page, "/accounts/signup/ (empty form: errors)")
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Rivera")
    page.get_by_label("E-mail address").fill("jordan.rivera@example.org")
    page.get_by_label(PASSWORD_LABEL).fill("a-long-journey-2026!")
    page.get_by_label("Password confirmation").fill("a-long-journey-2026!")
    page.locator("main form").get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name=re.compile("Check your e-mail"))).to_be_visible()
    audit.check(page, "sign-up answer")
    # Jobs run in-process here: the message was sent before that answer.
    page.goto(link_in_mail(None, to="jordan.rivera@example.org", contains="confirm"))
    audit.check(page, "sign-up confirmation link")
    mail.outbox.clear()

    audit.assert_clean()


def test_trainee_and_supervisor_pages_have_no_serious_or_critical_violations(
    world, new_page, live_server
):
    base = live_server.url
    trainee = UserFactory(
        email="jordan.rivera@example.org", first_name="Jordan", last_name="Rivera"
    )
    supervisor = world.people["supervisor"]
    audit = AxeAudit()
    page = new_page()
    sign_in(page, base, trainee.email)

    page.wait_for_url(f"{base}/dashboard/")  # where signing in leads
    audit.check(page, "/dashboard/ (new trainee)")
    page.goto(f"{base}{world.course.url}")
    audit.check(page, "course page (not enrolled)")
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.locator(".messages")).to_contain_text("You are enrolled in")
    audit.check(page, "first lesson (just enrolled)")
    page.get_by_role("button", name="Mark complete", exact=True).click()
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()
    audit.check(page, "lesson (completed)")
    for path, label in [
        (world.course.url, "course page (enrolled)"),
        (world.module.url, "module page"),
        (world.quiz.url, "assessment page (before the first attempt)"),
    ]:
        page.goto(f"{base}{path}")
        audit.check(page, label)

    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("#attempt-form")).to_be_visible()
    audit.check(page, "attempt page")
    page.get_by_label("Call 988 together").check()
    page.get_by_label("Open questions").check()
    page.locator("main input[type=text]").fill("min necessary")
    page.get_by_role("button", name="Finish attempt…").first.click()
    expect(page.locator("#summary-form")).to_be_visible()
    audit.check(page, "attempt summary")
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.locator("#attempt-state")).to_be_visible()
    audit.check(page, "attempt review")
    page.goto(f"{base}{world.quiz.url}")
    audit.check(page, "assessment page (after an attempt)")
    page.goto(f"{base}/assessments/history/")
    audit.check(page)

    page.goto(f"{base}/accounts/profile/")
    audit.check(page, "/accounts/profile/")
    page.get_by_label("First name").fill("")
    page.get_by_role("button", name="Save name").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    audit.check(page, "/accounts/profile/ (form errors)")

    page.goto(f"{base}/employer/access/")
    audit.check(page, "/employer/access/")

    page.goto(f"{base}/certification/")
    audit.check(page, "/certification/ (requirements open, attestation form)")
    page.goto(f"{base}/certification/supervision/")
    audit.check(page, "/certification/supervision/ (empty)")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    audit.check(page, "/certification/supervision/ (form errors)")
    page.get_by_label("What was it?").select_option(label="Supervised practice")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label(re.compile(r"^Hours:?$")).fill("1")
    page.get_by_label("Domain").select_option(label=world.domain.name)
    page.get_by_label("Format").select_option(label="Individual")
    page.get_by_label("Supervisor").select_option(label=supervisor.get_full_name())
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".messages")).to_contain_text("Entry saved")
    audit.check(page, "/certification/supervision/ (an entry waiting)")

    reviewer = new_page()
    sign_in(reviewer, base, supervisor.email)
    reviewer.wait_for_url(f"{base}/dashboard/")  # where signing in leads
    audit.check(reviewer, "/dashboard/ (supervisor)")
    reviewer.goto(f"{base}/certification/supervision/review/")
    audit.check(reviewer, "/certification/supervision/review/ (supervisor)")

    # The rest of the requirements through services, the attestation last, in the browser: the
    # certificate is then issued in-process by the live server after that request commits.
    for lesson in world.lessons:
        lesson_mark_complete(trainee=trainee, lesson=lesson)
    entry = SupervisionEntry.objects.get(trainee=trainee)
    certificates.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    page.goto(f"{base}/certification/")
    attest = page.locator("form", has=page.get_by_role("button", name="Attest"))
    attest.get_by_label("I have read this code of ethics").check()
    attest.get_by_role("button", name="Attest").click()
    expect(page.locator(".messages")).to_contain_text("attestation is recorded")
    audit.check(page, "/certification/ (attested)")
    certificate = Certificate.objects.get(holder=trainee)
    assert certificate.status == Certificate.Status.VALID, certificate.last_error
    assert certificate.hours_total == Decimal("8")

    page.goto(f"{base}/dashboard/")
    audit.check(page, "/dashboard/ (certified)")
    page.goto(f"{base}/certification/")
    audit.check(page, "/certification/ (certified)")
    page.goto(f"{base}{certificate.verification_path}")
    audit.check(page, "verification page (signed in)")

    audit.assert_clean()
