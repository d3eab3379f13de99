"""/apply/ as people use it: the applicant's page, the referee's link, the board's queue, review
and import — bad input answered with a clear message and nothing half-saved."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from applications import services, tokens
from applications.models import Application, ApplicationDocument, ExamResult, Referee
from tests.applications.conftest import pdf, ready_draft

pytestmark = pytest.mark.django_db


def link_of(referee: Referee) -> str:
    referee.refresh_from_db()
    return reverse(
        "applications:letter", args=[tokens.make(referee_id=referee.pk, nonce=referee.nonce)]
    )


@pytest.fixture
def submitted(applicant, policy, private_media, django_capture_on_commit_callbacks):
    application = ready_draft(applicant, policy)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application_id=application.pk, applicant=applicant)
    return application


def test_an_applicant_starts_from_apply_and_lands_on_their_application(client, applicant, policy):
    client.force_login(applicant)
    page = client.get(reverse("applications:home"))
    assert page.status_code == 200
    start = reverse("applications:start", args=[policy.version.pk])
    assert start in page.content.decode()
    response = client.post(start)
    application = Application.objects.get(applicant=applicant)
    assert response["Location"] == reverse("applications:detail", args=[application.pk])
    page = client.get(response["Location"])
    assert "Identity document" in page.content.decode()
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]


def test_a_wrong_type_upload_is_a_clear_error_and_saves_nothing(
    client, applicant, policy, private_media
):
    application = services.application_start(applicant=applicant, version=policy.version)
    client.force_login(applicant)
    response = client.post(
        reverse("applications:detail", args=[application.pk]),
        {
            "action": "upload",
            "kind": "identity",
            "file": SimpleUploadedFile("id.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 400
    assert "Only PDF, PNG or JPEG files are accepted." in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_an_oversized_upload_is_a_clear_error(client, applicant, policy, private_media):
    application = services.application_start(applicant=applicant, version=policy.version)
    client.force_login(applicant)
    big = pdf(data=b"%PDF-1.4\n" + b"0" * (services.MAX_DOCUMENT_BYTES + 10))
    response = client.post(
        reverse("applications:detail", args=[application.pk]),
        {"action": "upload", "kind": "diploma", "file": big},
    )
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_another_persons_application_and_documents_are_not_found(
    client, applicant, policy, board, private_media
):
    application = ready_draft(applicant, policy)
    document = application.documents.first()
    other = services.application_start(applicant=board, version=policy.version)
    client.force_login(board)
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
    assert client.get(reverse("applications:detail", args=[other.pk])).status_code == 200
    # A board reviewer may open documents (to decide), but not review their own application.
    assert client.get(reverse("applications:document", args=[document.pk])).status_code == 200
    assert client.get(reverse("applications:review", args=[other.pk])).status_code == 404
    client.force_login(applicant)
    assert client.get(reverse("applications:queue")).status_code == 404


def test_the_referee_link_opens_the_letter_form_once(client, submitted, applicant):
    referee = submitted.referees.get()
    url = link_of(referee)
    page = client.get(url)
    assert page.status_code == 200
    assert "Alex Moreno" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    response = client.post(url, {"text": "Alex is a steady presence in our peer group."})
    assert response.status_code == 200
    assert "your letter has been sent" in response.content.decode()
    again = client.get(url)
    assert again.status_code == 410
    assert "already been sent" in again.content.decode()
    again = client.post(url, {"text": "Changed my mind"})
    assert again.status_code == 410
    assert Referee.objects.get(pk=referee.pk).letter_text.startswith("Alex is a steady")


def test_the_applicant_sees_that_the_letter_arrived_never_what_it_says(
    client, submitted, applicant
):
    referee = submitted.referees.get()
    client.post(link_of(referee), {"text": "CONFIDENTIAL-LETTER-WORDS"})
    client.force_login(applicant)
    page = client.get(reverse("applications:detail", args=[submitted.pk])).content.decode()
    assert "letter received" in page
    assert "CONFIDENTIAL-LETTER-WORDS" not in page


def test_an_expired_or_garbled_link_gets_a_page_that_says_so(client, submitted):
    referee = submitted.referees.get()
    url = link_of(referee)
    Referee.objects.filter(pk=referee.pk).update(link_expires_at=timezone.now() - timedelta(1))
    response = client.get(url)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    for bad in ("nonsense", "x" * 300, "WzEsIjAwIl0:forged"):
        response = client.get(reverse("applications:letter", args=[bad]))
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()


def test_the_board_asks_for_more_the_applicant_answers_the_board_approves(
    client, submitted, applicant, board, django_capture_on_commit_callbacks
):
    client.post(link_of(submitted.referees.get()), {"text": "Recommended."})
    client.force_login(board)
    queue = client.get(reverse("applications:queue")).content.decode()
    review_url = reverse("applications:review", args=[submitted.pk])
    assert review_url in queue
    response = client.post(
        review_url, {"action": "decide", "decision": "info", "text": "Send your GED transcript."}
    )
    assert response.status_code == 302
    client.force_login(applicant)
    detail = reverse("applications:detail", args=[submitted.pk])
    page = client.get(detail).content.decode()
    assert "Send your GED transcript." in page and "clock is stopped" in page
    client.post(detail, {"action": "answer", "text": "Attached.", "file": pdf()})
    assert Application.objects.get(pk=submitted.pk).status == Application.Status.UNDER_REVIEW
    client.force_login(board)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url, {"action": "decide", "decision": "approve", "text": ""})
    assert Application.objects.get(pk=submitted.pk).status == Application.Status.APPROVED


def test_a_late_appeal_is_a_clear_error(client, submitted, applicant, board, policy):
    client.post(link_of(submitted.referees.get()), {"text": "Recommended."})
    services.application_decide(
        application_id=submitted.pk,
        reviewer=board,
        approve=False,
        reason_ids=[policy.reasons[0].pk],
    )
    Application.objects.filter(pk=submitted.pk).update(
        decided_at=timezone.now() - timedelta(days=policy.appeal_days + 2)
    )
    client.force_login(applicant)
    detail = reverse("applications:detail", args=[submitted.pk])
    page = client.get(detail).content.decode()
    assert "The appeal window closed on" in page
    response = client.post(detail, {"action": "appeal", "grounds": "Please look again."})
    assert response.status_code == 400
    assert "an appeal can no longer be filed" in response.content.decode()


def test_an_import_with_a_broken_row_lists_it_and_saves_nothing(client, submitted, board, policy):
    policy.external_exam_name = "IC&RC Peer Recovery exam"
    policy.save()
    client.post(link_of(submitted.referees.get()), {"text": "Recommended."})
    services.exam_approve(application_id=submitted.pk, reviewer=board, candidate_id="TX-1001")
    client.force_login(board)
    text = "candidate_id,date,scaled_score,result\nTX-1001,2026-05-02,612,pass\nTX-1001,2026-13-40,1,pass\n"
    response = client.post(
        reverse("applications:exam_import"),
        {"file": SimpleUploadedFile("results.csv", text.encode())},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body and "Line 3" in body
    assert not ExamResult.objects.exists()
    response = client.post(
        reverse("applications:exam_import"),
        {"file": SimpleUploadedFile("results.csv", b"\xff\xfe\x00bad")},
    )
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode()
