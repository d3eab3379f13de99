"""A trainee's share link shows an employer more than the public page — certificates, course
completions, signed supervision hours — never e-mail or attempts; revoked or expired links are
gone; without a link an employer sees only public fields."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import SupervisionEntry
from employers.models import ShareLink
from employers.services.share_links import share_link_create
from tests.factories import EnrollmentFactory, TrainingDomainFactory, UserFactory
from tests.factories.certificates import SupervisionEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee_with_record(course_tree, certificate):
    trainee = certificate.holder
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    ethics = TrainingDomainFactory(name="Ethical Responsibility")
    SupervisionEntryFactory(
        trainee=trainee, domain=ethics, minutes=90, status=SupervisionEntry.Status.SIGNED
    )
    SupervisionEntryFactory(
        trainee=trainee, domain=ethics, minutes=600, status=SupervisionEntry.Status.PENDING
    )  # not signed: not counted
    trainee.course_title = course_tree.course.title
    return trainee


def shared_url(token: str) -> str:
    return reverse("employers:shared", args=[token])


def test_a_trainee_creates_a_link_by_post_redirect_get_and_a_reload_makes_no_other(
    client, trainee_with_record
):
    client.force_login(trainee_with_record)

    response = client.post(
        reverse("employers:share"), {"label": "Clinic job", "employer_email": "", "expires": "30"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("employers:share") + "#new-link"
    page = client.get(response["Location"])
    url = page.context["new_url"]
    assert url.startswith("http://testserver/shared/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 22  # ≥ 128 bits of URL-safe base64
    link = ShareLink.objects.get(holder=trainee_with_record)
    assert token not in link.token_sha256
    assert link.expires_at > timezone.now() + timedelta(days=29)
    html = page.content.decode()
    assert f'<code id="new-url">{url}</code>' in html  # the whole link, in plain sight
    assert 'data-copy="new-url"' in html and "cms/js/copy.js" in html
    assert "<script>" not in html  # the copy button is a script file: the CSP allows no other

    reloaded = client.get(reverse("employers:share"))

    assert ShareLink.objects.filter(holder=trainee_with_record).count() == 1
    assert reloaded.context["new_url"] == url


def test_a_new_link_is_shown_for_a_quarter_of_an_hour_only(client, trainee_with_record):
    client.force_login(trainee_with_record)
    client.post(reverse("employers:share"), {"label": "", "employer_email": "", "expires": "30"})
    url = client.get(reverse("employers:share")).context["new_url"]

    later = timezone.now() + timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = client.get(reverse("employers:share"))

    assert page.context["new_url"] is None
    assert url not in page.content.decode()


def test_revoking_the_new_link_stops_showing_it(client, trainee_with_record):
    client.force_login(trainee_with_record)
    client.post(reverse("employers:share"), {"label": "", "employer_email": "", "expires": "30"})
    link = ShareLink.objects.get(holder=trainee_with_record)

    client.post(reverse("employers:share_revoke", args=[link.pk]))

    assert client.get(reverse("employers:share")).context["new_url"] is None


def test_the_link_shows_certificates_courses_and_signed_hours_but_no_private_data(
    client, employer, trainee_with_record, certificate
):
    _link, token = share_link_create(holder=trainee_with_record)
    client.force_login(employer)

    response = client.get(shared_url(token))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Jordan Rivera" in html
    assert certificate.serial in html
    assert trainee_with_record.course_title in html
    assert 'data-total="practice">1.5' in html  # 90 signed minutes; the pending 600 do not count
    assert trainee_with_record.email not in html
    assert "attempt" not in html.lower() and "score" not in html.lower()
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_without_a_link_an_employer_sees_only_public_fields(
    client, employer, trainee_with_record, certificate
):
    client.force_login(employer)

    page = client.get(reverse("verify_detail", args=[certificate.code])).content.decode()
    api = client.get(f"/api/v1/verify/{certificate.code}").json()

    assert trainee_with_record.course_title not in page
    assert "Supervis" not in page
    assert set(api) == {
        "status",
        "holder_name",
        "credential",
        "issued_on",
        "expires_on",
        "issuer",
        "status_date",
        "public_reason",
        "stage",
        "endorsements",
        "public_actions",
        "billable_in",
    }


def test_a_revoked_link_is_gone(client, trainee_with_record):
    link, token = share_link_create(holder=trainee_with_record)
    client.force_login(trainee_with_record)
    client.post(reverse("employers:share_revoke", args=[link.pk]))
    client.logout()

    assert client.get(shared_url(token)).status_code == 410


def test_an_expired_link_is_gone(client, trainee_with_record):
    link, token = share_link_create(
        holder=trainee_with_record, expires_at=timezone.now() + timedelta(days=1)
    )
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(shared_url(token)).status_code == 410


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(shared_url("x" * 32)).status_code == 404


def test_a_link_for_one_employer_is_closed_to_everyone_else(
    client, employer, other_employer, trainee_with_record
):
    _link, token = share_link_create(
        holder=trainee_with_record, employer_email="HR@Clinic.example.org"
    )

    anonymous = client.get(shared_url(token))
    client.force_login(other_employer)
    other = client.get(shared_url(token))
    client.force_login(UserFactory(email="hr@clinic.example.net"))
    lookalike = client.get(shared_url(token))
    client.force_login(employer)
    allowed = client.get(shared_url(token))

    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert other.status_code == 404
    assert lookalike.status_code == 404
    assert allowed.status_code == 200


def test_a_trainee_cannot_revoke_someone_elses_link(client, trainee_with_record):
    link, _token = share_link_create(holder=trainee_with_record)
    client.force_login(UserFactory())
    assert client.post(reverse("employers:share_revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_views_are_counted_for_the_trainee(client, trainee_with_record):
    link, token = share_link_create(holder=trainee_with_record)
    client.get(shared_url(token))
    client.get(shared_url(token))
    link.refresh_from_db()
    assert link.view_count == 2
    assert link.last_viewed_at is not None


def test_the_dashboard_links_to_sharing(client, trainee_with_record):
    client.force_login(trainee_with_record)
    assert reverse("employers:share") in client.get(reverse("dashboard")).content.decode()
