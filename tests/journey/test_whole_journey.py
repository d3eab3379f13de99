"""The whole journey, every role, one real browser, one real `rqworker`.

An instructor writes a lesson and a question in the Wagtail admin and submits them; a reviewer
approves and publishes both; a new trainee signs up, enrols, completes the lessons (the
instructor's among them), passes the quiz (which draws the instructor's question), logs
supervised practice that a supervisor signs off, and attests the code of ethics. The
certificate is issued by the worker subprocess; the trainee downloads the PDF; an employer
checks the QR address, the PDF and the API; an admin revokes; the employer sees it revoked on
the page, in the API and in the signed revocation status list.

The world (course, module, one lesson, the quiz, the question bank, the program and the staff)
is built by factories; everything a person does is done in the browser.
"""

import hashlib
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.models import User
from assessments.models import Question
from certificates.models import Certificate, SupervisionEntry
from courses.models import LessonPage

from .conftest import worker_log
from .helpers import (
    PASSWORD_LABEL,
    admin_sign_in,
    link_in_mail,
    mail_bodies,
    sign_in,
    status_bit,
)
from .world import BANK, COURSE_TITLE, build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

LESSON_TITLE = "Warm hand-offs"
LESSON_HEADING = "Staying with the person"
LESSON_TEXT = "You stay with the person until the next helper has them."
QUESTION_KEY = "journey-no-diagnosis"
QUESTION_TEXT = "A peer recovery specialist may diagnose a substance use disorder."
TRAINEE = {
    "first": "Jordan",
    "last": "Rivera",
    "email": "jordan.rivera@example.org",
    "password": "a-long-journey-2026!",
}
ISSUANCE_TIMEOUT = 60


def settle(worker, *, timeout: float, what: str) -> None:
    """Wait until every job the worker has been given so far has succeeded."""
    try:
        worker.jobs.settle(timeout=timeout, what=what)
    except AssertionError as error:
        raise AssertionError(
            f"{error}\nunfinished jobs:\n{worker.jobs.describe()}\n"
            f"worker log:\n{worker_log(worker)}"
        ) from None


def test_every_role_from_authoring_to_revocation(
    new_page, live_server, course_index, rq_worker, mail_dir, screenshot, tmp_path
):
    world = build_world(course_index, lessons=1, question_types=("single",), quiz_draw=2)
    base = live_server.url
    module = world.module

    # --- Instructor: a lesson (StreamField heading + paragraph) and a question ----------------
    instructor = new_page()
    admin_sign_in(instructor, base, "instructor@example.org", next_url=f"/admin/pages/{module.pk}/")
    instructor.get_by_role("link", name="Add child page").first.click()
    instructor.locator("main").get_by_role("link", name="Lesson", exact=True).click()
    instructor.get_by_role("textbox", name="Title*").fill(LESSON_TITLE)
    instructor.get_by_role("textbox", name="Summary*").fill(
        "Connecting someone to crisis care without letting go of them."
    )
    instructor.get_by_role("spinbutton", name="Estimated minutes*").fill("15")
    instructor.get_by_title("Insert a block").click()
    instructor.get_by_role("option", name="Heading").click()
    instructor.get_by_role("textbox", name="Heading*").fill(LESSON_HEADING)
    instructor.get_by_title("Insert a block").last.click()
    instructor.get_by_role("option", name="Paragraph").click()
    instructor.locator(".Draftail-Editor [contenteditable=true]").first.click()
    instructor.keyboard.type(LESSON_TEXT)
    # Draftail writes the rich text into its hidden input a moment after typing.
    expect(instructor.locator("input[name='body-1-value']")).to_have_value(
        re.compile("until the next helper")
    )
    screenshot(instructor, "instructor-lesson-editor.png")
    instructor.get_by_role("button", name="More actions").click()
    instructor.get_by_role("button", name="Submit to Curriculum review").click()
    expect(instructor.locator(".messages")).to_contain_text("submitted for moderation")

    instructor.get_by_role("button", name="Question bank").click()
    instructor.get_by_role("link", name="Questions", exact=True).click()
    instructor.locator("main").get_by_role("link", name="Add question").first.click()
    instructor.get_by_role("textbox", name="Key*").fill(QUESTION_KEY)
    instructor.get_by_role("button", name="Choose question category").click()
    instructor.get_by_role("dialog").get_by_role("link", name=BANK).click()
    expect(instructor.get_by_role("dialog")).to_be_hidden()
    instructor.get_by_label("Type*").select_option(label="True / false")
    instructor.get_by_role("textbox", name="Question text*").fill(QUESTION_TEXT)
    # The structured answer editor: one row per option, "Correct" ticked on the right one.
    options = instructor.locator("#panel-options-section")
    options.get_by_label("Option text").nth(0).fill("True")
    options.get_by_label("Feedback").nth(0).fill("Diagnosis is a clinician's role.")
    options.get_by_label("Option text").nth(1).fill("False")
    options.get_by_label("Correct").nth(1).check()
    options.get_by_label("Feedback").nth(1).fill("Right: peers support, not diagnose.")
    # Instructors have no publish right on questions: saving keeps it a draft for review.
    expect(instructor.get_by_role("button", name="More actions")).to_have_count(0)
    instructor.get_by_role("button", name="Save draft").click()
    expect(instructor.locator(".messages")).to_contain_text(re.compile("created|updated"))
    # Done with the admin: an open Wagtail admin page keeps Chromium busy (about 0.15 CPU-s a
    # second, measured), so each admin tab is closed as soon as its person has finished.
    instructor.context.close()

    lesson = LessonPage.objects.get(title=LESSON_TITLE)
    question = Question.objects.get(key=QUESTION_KEY)
    assert not lesson.live and lesson.get_parent().pk == module.pk
    assert lesson.current_workflow_state is not None
    assert not question.live
    assert [(o["text"], bool(o.get("correct"))) for o in question.data["options"]] == [
        ("True", False),
        ("False", True),
    ]

    # --- Reviewer: approve and publish both --------------------------------------------------
    reviewer = new_page()
    admin_sign_in(reviewer, base, "reviewer@example.org")
    awaiting = reviewer.locator("main").get_by_role("link", name=LESSON_TITLE)
    expect(awaiting).to_be_visible()
    screenshot(reviewer, "reviewer-awaiting-review.png")
    awaiting.click()
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("updated")

    reviewer.goto(f"{base}/admin/snippets/assessments/question/?live=false")
    reviewer.locator("main").get_by_role("link", name=QUESTION_KEY).click()
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Publish", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("published")
    reviewer.context.close()

    lesson.refresh_from_db()
    question.refresh_from_db()
    assert lesson.live and not lesson.has_unpublished_changes
    assert [block.block_type for block in lesson.body] == ["heading", "paragraph"]
    assert question.live and question.type == "true_false"

    # --- A new trainee signs up --------------------------------------------------------------
    trainee = new_page()
    trainee.goto(f"{base}/")
    trainee.locator("header").get_by_role("link", name="Sign up").click()
    trainee.get_by_label("First name").fill(TRAINEE["first"])
    trainee.get_by_label("Last name").fill(TRAINEE["last"])
    trainee.get_by_label("E-mail address").fill(TRAINEE["email"])
    trainee.get_by_label(PASSWORD_LABEL).fill(TRAINEE["password"])
    trainee.get_by_label("Password confirmation").fill(TRAINEE["password"])
    trainee.locator("main form").get_by_role("button", name="Sign up").click()
    # Sign-up by e-mail confirmation: the worker sends the message; open the link in it.
    expect(trainee.get_by_role("heading", name=re.compile("Check your e-mail"))).to_be_visible()
    settle(rq_worker, timeout=30, what="the sign-up e-mail")
    confirm = link_in_mail(mail_dir, to=TRAINEE["email"], contains="confirm")
    assert confirm.startswith(base), confirm
    trainee.goto(confirm)
    # The link shows a button (mail scanners that open links must not confirm).
    trainee.locator("main form").get_by_role("button", name=re.compile("confirm", re.I)).click()
    expect(trainee.get_by_role("button", name="Sign out")).to_be_visible()
    holder = User.objects.get(email=TRAINEE["email"])
    assert holder.is_active

    # Enrol and complete both lessons: the fixture's and the instructor's.
    trainee.locator("header").get_by_role("link", name="Courses").click()
    trainee.locator("main").get_by_role("link", name=COURSE_TITLE).click()
    trainee.get_by_role("button", name="Enrol in this course").click()  # opens the first lesson
    expect(trainee.locator(".messages")).to_contain_text(f"You are enrolled in {COURSE_TITLE}")
    expect(trainee.get_by_role("heading", level=1)).to_have_text(world.lessons[0].title)
    trainee.get_by_role("button", name="Mark complete and continue").click()
    expect(trainee.get_by_role("heading", level=1)).to_have_text(LESSON_TITLE)
    expect(trainee.get_by_role("heading", name=LESSON_HEADING)).to_be_visible()
    expect(trainee.locator("main")).to_contain_text(LESSON_TEXT)
    trainee.get_by_role("button", name="Mark complete", exact=True).click()
    expect(trainee.get_by_text("You have completed this lesson.")).to_be_visible()

    # The quiz draws two questions: the fixture's and the one the reviewer just published.
    trainee.goto(f"{base}{world.quiz.url}")
    trainee.get_by_role("button", name="Start the assessment").click()
    expect(trainee.locator("fieldset.question")).to_have_count(2)
    expect(trainee.locator("main")).to_contain_text(QUESTION_TEXT)
    trainee.get_by_label("Call 988 together").check()
    trainee.locator("fieldset.question", has_text=QUESTION_TEXT).get_by_label(
        "False", exact=True
    ).check()
    trainee.get_by_role("button", name="Finish attempt…").first.click()
    trainee.get_by_role("button", name="Submit all and finish").click()
    expect(trainee.locator("#attempt-score")).to_contain_text("passed")
    expect(trainee.locator("#attempt-score")).to_contain_text("100")

    # Supervised practice, logged by the trainee...
    trainee.goto(f"{base}/dashboard/")
    trainee.get_by_role("link", name="Log supervised hours").first.click()
    trainee.get_by_label("What was it?").select_option(label="Supervised practice")
    trainee.get_by_label("Date").fill(date.today().isoformat())
    trainee.get_by_label(re.compile(r"^Hours:?$")).fill("1")
    trainee.get_by_label("Domain").select_option(label=world.domain.name)
    trainee.get_by_label("Format").select_option(label="Individual")
    trainee.get_by_label("Supervisor").select_option(label="Taylor Brooks")
    trainee.get_by_role("button", name="Save entry").click()
    expect(trainee.locator(".messages")).to_contain_text("Entry saved")

    # ...signed off by the supervisor.
    supervisor = new_page()
    sign_in(supervisor, base, "supervisor@example.org")
    supervisor.wait_for_url(f"{base}/dashboard/")  # where signing in leads
    supervisor.get_by_role("link", name="Open the sign-off queue").click()
    row = supervisor.get_by_role("row", name=re.compile(f"{TRAINEE['first']} {TRAINEE['last']}"))
    expect(row).to_be_visible()
    screenshot(supervisor, "supervisor-sign-off.png")
    row.get_by_role("button", name="Sign off").click()
    expect(supervisor.locator(".messages")).to_contain_text("Entry updated")
    assert SupervisionEntry.objects.get(trainee=holder).status == SupervisionEntry.Status.SIGNED

    # The code of ethics: the last requirement. Meeting it enqueues the issuance job.
    trainee.locator("header").get_by_role("link", name="Certification").click()
    attest = trainee.locator("form", has=trainee.get_by_role("button", name="Attest"))
    attest.get_by_label("I have read this code of ethics").check()
    attest.get_by_role("button", name="Attest").click()
    expect(trainee.locator(".messages")).to_contain_text("attestation is recorded")

    # --- The rqworker issues the certificate -------------------------------------------------
    settle(
        rq_worker, timeout=ISSUANCE_TIMEOUT, what="the worker to issue and e-mail the certificate"
    )
    [certificate] = Certificate.objects.filter(holder=holder)
    assert certificate.status == Certificate.Status.VALID, (
        certificate.status,
        certificate.last_error,
    )
    assert certificate.holder_name == f"{TRAINEE['first']} {TRAINEE['last']}"
    assert certificate.email_sent_at is not None, "the certificate e-mail was not sent"
    assert any(
        TRAINEE["email"] in body and certificate.verification_url in body.replace("=\n", "")
        for body in mail_bodies(mail_dir)
    ), "the holder got no e-mail with the verification link"

    # --- The trainee downloads the PDF from the dashboard -----------------------------------
    trainee.goto(f"{base}/dashboard/")
    card = trainee.locator("li.card", has_text="Peer Recovery Specialist")
    expect(card).to_contain_text("Valid")
    screenshot(trainee, "trainee-dashboard.png")
    with trainee.expect_download() as download_info:
        card.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    pdf_path = tmp_path / "certificate.pdf"
    download.save_as(pdf_path)
    pdf_bytes = pdf_path.read_bytes()
    assert pdf_bytes.startswith(b"%PDF")
    assert hashlib.sha256(pdf_bytes).hexdigest() == certificate.pdf_sha256

    # --- An employer: the QR address, the PDF, the API ---------------------------------------
    qr_url = certificate.verification_url  # what the QR code on the PDF encodes
    assert qr_url.startswith(base)
    employer = new_page()
    employer.goto(qr_url)
    banner = employer.locator("#status-banner")
    expect(banner).to_contain_text("Valid")
    expect(employer.locator("[data-claim=holder_name]")).to_have_text(certificate.holder_name)
    screenshot(employer, "employer-verification.png")

    employer.goto(f"{base}/verify/pdf/")
    employer.locator("main input[type=file]").set_input_files(str(pdf_path))
    employer.get_by_role("button", name="Check the PDF").click()
    expect(employer.locator("#verdict")).to_have_attribute("data-verdict", "genuine")
    expect(employer.locator("#verdict")).to_contain_text("Genuine")
    expect(employer.locator("#live-status")).to_have_attribute("data-status", "valid")

    api_url = f"{base}/api/v1/verify/{certificate.code}"
    answer = employer.request.get(api_url)
    assert answer.status == 200, answer.text()
    assert answer.json()["status"] == "valid"
    assert answer.json()["holder_name"] == certificate.holder_name

    credential = employer.request.get(f"{base}/verify/{certificate.code}/credential.json").json()
    # One status entry: a two-bit value (0 valid, 1 suspended, 2 revoked) in a message list.
    entry = credential["credentialStatus"]
    assert (entry["statusPurpose"], entry["statusSize"]) == ("message", 2)
    list_url, index = entry["statusListCredential"], int(entry["statusListIndex"])
    assert list_url == f"{base}/issuer/status/message", list_url

    def revoked_bit() -> bool:
        status_list = employer.request.get(list_url)
        assert status_list.ok, status_list.text()
        subject = status_list.json()["credentialSubject"]
        assert subject["statusPurpose"] == "message"
        # The value's high bit, at 2 x index, is set only for "revoked".
        return status_bit(subject["encodedList"], 2 * index)

    assert revoked_bit() is False

    # --- An admin revokes --------------------------------------------------------------------
    admin = new_page()
    admin_sign_in(
        admin, base, "admin@example.org", next_url=f"/admin/certificates/{certificate.pk}/"
    )
    expect(admin.locator("main")).to_contain_text(certificate.serial)
    status_form = admin.locator("#status-form")
    status_form.get_by_label("Revoke", exact=True).check()
    status_form.get_by_label(re.compile(r"^Reason:?$")).fill(
        "Issued in error during the journey drill."
    )
    status_form.get_by_label("Show the reason on the public verification page").check()
    status_form.get_by_role("button", name="Continue").click()
    # Nothing changes before the confirmation, which names the certificate and the new status.
    expect(admin.locator("#confirm-status")).to_contain_text(certificate.serial)
    expect(admin.locator("#new-status")).to_have_text("Revoked")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    admin.locator("#confirm-button").click()
    expect(admin.locator(".messages")).to_contain_text("is now revoked")
    expect(admin.locator("main dl")).to_contain_text("Revoked")
    screenshot(admin, "admin-certificate.png")
    admin.context.close()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED

    # --- The employer sees it everywhere -----------------------------------------------------
    employer.goto(qr_url)
    expect(employer.locator("#status-banner")).to_contain_text("Revoked")
    expect(employer.locator("#status-banner")).to_have_attribute("data-status", "revoked")
    expect(employer.locator("main")).to_contain_text("Issued in error during the journey drill.")
    # The same file is still genuine (unaltered), but its live status is revoked.
    employer.goto(f"{base}/verify/pdf/")
    employer.locator("main input[type=file]").set_input_files(str(pdf_path))
    employer.get_by_role("button", name="Check the PDF").click()
    expect(employer.locator("#verdict")).to_have_attribute("data-verdict", "genuine")
    expect(employer.locator("#live-status")).to_have_attribute("data-status", "revoked")
    answer = employer.request.get(api_url)
    assert answer.status == 200 and answer.json()["status"] == "revoked", answer.text()
    assert revoked_bit() is True
    assert rq_worker.poll() is None, worker_log(rq_worker)
