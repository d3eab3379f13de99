"""Provisional stages decided by the board, by clicking: the holder asks for the one extension
from "My certificates" with a reason; a board reviewer finds it on their home, approves or
declines it with a reason (the holder is e-mailed once, in their language); and converts a
provisional certificate whose holder now meets the rest into the full credential, a new
certificate that supersedes the provisional one."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from certificates import provisional, services
from certificates.models import Certificate, ProvisionalExtensionRequest
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory

pytestmark = pytest.mark.django_db

REASON = "My placement closed for two months; a new one starts on the 1st."


@pytest.fixture
def version(db):
    return ProgramVersionFactory(
        provisional_validity_months=6, provisional_extensions_allowed=1, validity_months=24
    )


@pytest.fixture
def holder(db):
    return UserFactory(email="marisol@example.org", first_name="Marisol", last_name="Vega")


@pytest.fixture
def certificate(version, holder):
    return CertificateFactory(
        holder=holder,
        holder_name="Marisol Vega",
        version=version,
        stage="provisional",
        issued_on=timezone.localdate() - timedelta(days=150),
        expires_on=timezone.localdate() + timedelta(days=30),
    )


@pytest.fixture
def board(db):
    group, _ = Group.objects.get_or_create(name=roles.BOARD_REVIEWERS)
    return UserFactory(email="board1@example.org", groups=[group])


def _link(page: str, href: str) -> bool:
    return f'href="{href}"' in page


def test_the_holder_asks_for_the_extension_from_my_certificates(client, holder, certificate):
    client.force_login(holder)
    url = reverse("certificates:extension_request", args=[certificate.pk])
    assert _link(client.get(reverse("certificates:overview")).content.decode(), url)
    assert "Send my request to the board" in client.get(url).content.decode()

    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Give the reason for the extension." in empty.content.decode()
    assert not ProvisionalExtensionRequest.objects.exists()

    response = client.post(url, {"reason": REASON}, follow=True)
    assert "Your request is with the board." in response.content.decode()
    request = ProvisionalExtensionRequest.objects.get()
    assert (request.certificate, request.holder_reason, request.status) == (
        certificate,
        REASON,
        "pending",
    )
    # One at a time: the page says it waits, and a second post is refused.
    assert 'id="extension-waiting"' in client.get(url).content.decode()
    again = client.post(url, {"reason": "Another reason"})
    assert again.status_code == 400
    assert ProvisionalExtensionRequest.objects.count() == 1


def test_no_request_once_the_extension_is_used(client, holder, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(extensions=1)
    client.force_login(holder)
    url = reverse("certificates:extension_request", args=[certificate.pk])
    page = client.get(url).content.decode()
    assert "used every extension" in page
    assert client.post(url, {"reason": REASON}).status_code == 400
    assert not ProvisionalExtensionRequest.objects.exists()


def test_someone_elses_certificate_is_not_found(client, certificate):
    client.force_login(UserFactory())
    url = reverse("certificates:extension_request", args=[certificate.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": REASON}).status_code == 404


def test_the_board_finds_the_request_on_its_home_and_approves_it(
    client, board, holder, certificate, mailoutbox, django_capture_on_commit_callbacks
):
    request = provisional.extension_request(
        certificate_id=certificate.pk, holder=holder, reason=REASON
    )
    client.force_login(board)
    home = client.get(reverse("dashboard")).content.decode()
    queue_url = reverse("certificates:provisional_queue")
    assert _link(home, queue_url)
    assert "Provisional extension requests to decide" in home
    queue = client.get(queue_url).content.decode()
    decide_url = reverse("certificates:extension_decide", args=[request.pk])
    assert _link(queue, decide_url)
    page = client.get(decide_url).content.decode()
    assert REASON in page
    new_expiry = certificate.expires_on
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.extensions == 1
    assert certificate.expires_on > new_expiry
    assert REASON in certificate.events.latest("at").reason
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", board)
    [mail] = mailoutbox
    assert mail.to == [holder.email]
    assert "approved" in mail.body and certificate.serial in mail.body
    assert "Vega" not in mail.subject
    # Sent once: the daily re-send finds nothing lost.
    from certificates.notifications import send_extension_decision

    assert send_extension_decision(request_id=request.pk) is False


def test_declining_needs_a_reason_the_holder_then_reads(
    client, board, holder, certificate, mailoutbox, django_capture_on_commit_callbacks
):
    request = provisional.extension_request(
        certificate_id=certificate.pk, holder=holder, reason=REASON
    )
    client.force_login(board)
    url = reverse("certificates:extension_decide", args=[request.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert response.status_code == 400
    assert "Say why the extension is declined" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"

    why = "Your supervised hours can be completed before the current expiry."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "decline", "reason": why})
    certificate.refresh_from_db()
    assert certificate.extensions == 0
    [mail] = mailoutbox
    assert why in mail.body
    client.force_login(holder)
    page = client.get(reverse("certificates:extension_request", args=[certificate.pk]))
    assert why in page.content.decode()


def test_the_holder_is_told_in_their_own_language(
    board, holder, certificate, mailoutbox, django_capture_on_commit_callbacks
):
    holder.preferred_language = "es"
    holder.save()
    request = provisional.extension_request(
        certificate_id=certificate.pk, holder=holder, reason=REASON
    )
    with django_capture_on_commit_callbacks(execute=True):
        provisional.extension_decide(request_id=request.pk, reviewer=board, approve=True)
    [mail] = mailoutbox
    assert "La junta" in mail.body or "junta" in mail.subject.lower()


def test_the_board_converts_a_ready_provisional_certificate_to_the_full_credential(
    client, board, certificate
):
    client.force_login(board)
    queue = client.get(reverse("certificates:provisional_queue")).content.decode()
    convert_url = reverse("certificates:provisional_convert", args=[certificate.pk])
    assert 'id="ready-to-convert"' in queue and _link(queue, convert_url)
    response = client.post(convert_url, follow=True)
    full = Certificate.objects.get(supersedes=certificate)
    assert (full.stage, full.holder_id) == ("full", certificate.holder_id)
    assert full.serial in response.content.decode()
    assert full.expires_on > certificate.expires_on
    # Once issued, it supersedes the provisional one.
    services._mark_issued(certificate=full, name="x.pdf", digest="0" * 64)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUPERSEDED
    # A second click asks for nothing more.
    assert client.post(convert_url).status_code in (400, 404)
    assert Certificate.objects.filter(supersedes=certificate).count() == 1


def test_a_provisional_certificate_with_requirements_missing_cannot_be_converted(
    client, board, version, certificate
):
    version.practice_hours = 250
    version.save()
    client.force_login(board)
    queue = client.get(reverse("certificates:provisional_queue")).content.decode()
    assert 'id="provisional-in-progress"' in queue and 'id="ready-to-convert"' not in queue
    url = reverse("certificates:provisional_convert", args=[certificate.pk])
    assert 'id="not-ready"' in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 400
    assert "not all met" in response.content.decode()
    assert not Certificate.objects.filter(supersedes=certificate).exists()


def test_only_board_reviewers_open_the_board_pages_and_never_for_their_own_certificate(
    client, board, holder, certificate
):
    request = provisional.extension_request(
        certificate_id=certificate.pk, holder=holder, reason=REASON
    )
    urls = [
        reverse("certificates:provisional_queue"),
        reverse("certificates:extension_decide", args=[request.pk]),
        reverse("certificates:provisional_convert", args=[certificate.pk]),
    ]
    for user in (holder, UserFactory(is_staff=True)):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"decision": "approve"}).status_code == 404, url
    # A board reviewer who holds the certificate does not decide on it.
    holder.groups.add(Group.objects.get(name=roles.BOARD_REVIEWERS))
    client.force_login(holder)
    assert client.get(urls[1]).status_code == 404
    assert client.post(urls[2]).status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"
    assert not Certificate.objects.filter(supersedes=certificate).exists()


def test_the_boards_home_counts_cost_two_queries_whatever_the_queues_hold(version):
    for _ in range(3):
        cert = CertificateFactory(
            version=version,
            stage="provisional",
            expires_on=timezone.localdate() + timedelta(days=40),
        )
        ProvisionalExtensionRequest.objects.create(certificate=cert, holder_reason=REASON)
    with CaptureQueriesContext(connection) as queries:
        counts = provisional.board_counts()
    assert (counts.extension_requests, counts.provisional) == (3, 3)
    assert len(queries) == 2
