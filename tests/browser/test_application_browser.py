"""An application for certification in a real browser: the applicant applies with uploads, the
referee writes a letter through the link in their e-mail, the board asks for more
information, the applicant answers, the board approves and the certificate is issued."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from accounts import roles
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import Certificate
from core.demo_pdf import one_page_pdf
from tests.browser.helpers import signed_in
from tests.factories import UserFactory
from tests.factories.applications import ApplicationPolicyFactory, DenialReasonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A real one-page PDF: every upload is parsed and refused if a reader would run anything in it.
PDF = one_page_pdf("Scanned document", "Uploaded in the browser test")
REFEREE = "lena.ortiz@example.org"


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Browser")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


def upload(page, kind: str, name: str) -> None:
    form = page.locator("#upload-form")
    form.get_by_label("Which document").select_option(label=kind)
    form.get_by_label("File (PDF, PNG or JPEG, at most 5 MB)").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": PDF}
    )
    form.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Document uploaded.")).to_be_visible()


def test_apply_referee_letter_more_information_answer_approval_certificate(
    browser, live_server, issuer_keys, private_media, screenshot
):
    policy = ApplicationPolicyFactory(
        version__program__name="Recovery Support Peer Specialist — state board"
    )
    DenialReasonFactory(policy=policy, text="A required document is missing or unreadable")
    applicant = UserFactory(
        email="keisha.brown@example.org", first_name="Keisha", last_name="Brown"
    )
    group, _ = Group.objects.get_or_create(name=roles.BOARD_REVIEWERS)
    board = UserFactory(
        email="harper.quinn@example.org", first_name="Harper", last_name="Quinn", groups=[group]
    )
    base = live_server.url
    people = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    people.set_default_timeout(15_000)
    referee_context = browser.new_context(viewport={"width": 1280, "height": 900})
    referee_context.set_default_timeout(15_000)
    board_context = browser.new_context(viewport={"width": 1280, "height": 900})
    board_context.set_default_timeout(15_000)
    try:
        # The applicant starts from /apply/, uploads, attests, names a referee and submits.
        page = people.new_page()
        signed_in(page, base, applicant.email)
        page.goto(f"{base}/apply/")
        page.get_by_role("button", name="Start an application").click()
        expect(page.get_by_role("heading", name=re.compile("^Application:"))).to_be_visible()
        upload(page, "Identity document", "passport.pdf")
        upload(page, "High-school diploma or GED", "ged.pdf")
        page.get_by_label("Do you have lived experience of recovery?").select_option("yes")
        page.get_by_label("For how many months?").fill("30")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Saved.")).to_be_visible()
        referee_form = page.locator("#referee-form")
        referee_form.get_by_label("Referee's name").fill("Lena Ortiz")
        referee_form.get_by_label("Referee's e-mail address").fill(REFEREE)
        referee_form.get_by_label("This referee is my supervisor").check()
        referee_form.get_by_role("button", name="Add referee").click()
        expect(page.get_by_text("Referee added.")).to_be_visible()
        page.get_by_role("button", name="Submit the application").click()
        expect(page.get_by_text("Application submitted.")).to_be_visible()
        expect(page.locator("#application-status")).to_have_text("Waiting for referees")

        # The referee opens the link from their e-mail and writes the letter, once.
        [invitation] = [m for m in mail.outbox if m.to == [REFEREE]]
        # The e-mail links to SITE_URL; the path is what the referee's browser opens here.
        link = base + re.search(r"/apply/letter/\S+/", invitation.body).group(0)
        letter = referee_context.new_page()
        letter.goto(link)
        letter.get_by_label("Your letter of recommendation").fill(
            "Keisha has co-facilitated our recovery group for a year with steady judgement."
        )
        letter.get_by_role("button", name="Send the letter").click()
        expect(letter.locator("#letter-sent")).to_be_visible()
        letter.goto(link)
        expect(letter.locator("#link-problem")).to_contain_text("already been sent")

        # The board finds it from its home and asks for more information.
        review = board_context.new_page()
        signed_in(review, base, board.email)
        review.goto(f"{base}/dashboard/")
        review.get_by_role("link", name="Open the board's queue").click()
        review.get_by_role("link", name="Keisha Brown").click()
        expect(review.locator("#letters")).to_contain_text("co-facilitated our recovery group")
        review.get_by_label("Ask for more information (the clock stops)").check()
        review.get_by_label("Text for the applicant").fill("Please upload the GED's second page.")
        review.get_by_role("button", name="Record the decision").click()
        expect(review.locator(".messages")).to_contain_text("More information requested")
        expect(review.locator("#application-status")).to_have_text("More information requested")

        # The applicant sees the request (never the letter) and answers.
        page.reload()
        expect(page.locator("#application-status")).to_have_text("More information requested")
        expect(page.locator("#history")).to_contain_text("Please upload the GED's second page.")
        assert "co-facilitated" not in page.content()
        page.get_by_label("Your answer to the board").fill("Second page attached.")
        page.get_by_label(re.compile("^Attach a document")).set_input_files(
            {"name": "ged-page-2.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        page.get_by_role("button", name="Send your answer").click()
        expect(page.get_by_text("Answer sent.")).to_be_visible()

        # The board approves: the certificate is issued.
        review.reload()
        expect(review.locator("#application-status")).to_have_text("Under review")
        review.get_by_label("Approve", exact=True).check()
        review.get_by_role("button", name="Record the decision").click()
        expect(review.locator(".messages")).to_contain_text("Approved.")
        page.reload()
        expect(page.locator("#application-status")).to_have_text("Approved")
        expect(page.locator("#application-certificate")).to_contain_text(
            "Your certificate has been issued"
        )
        screenshot(page, "application-approved.png")
    finally:
        people.close()
        referee_context.close()
        board_context.close()
    certificate = Certificate.objects.get(holder=applicant, version=policy.version)
    assert certificate.status == Certificate.Status.VALID
    decisions = [m for m in mail.outbox if m.to == [applicant.email]]
    assert len(decisions) == 3  # more information, approved, the certificate
