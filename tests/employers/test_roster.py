"""The roster: follow certificates by code, see their live status, stop following."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from certificates import services as certificate_services
from certificates.models import Certificate, group_code
from employers.models import RosterEntry
from employers.services.roster import ALREADY_ON_ROSTER, CODE_NOT_FOUND, roster_add
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def test_an_employer_adds_a_certificate_by_its_printed_code(employer_client, employer, certificate):
    response = employer_client.post(
        reverse("employers:roster_add"),
        {"code": group_code(certificate.code).lower(), "label": "Staff 042"},
    )

    assert response.status_code == 302
    entry = RosterEntry.objects.get(employer=employer)
    assert entry.certificate == certificate
    assert entry.last_notified_status == "valid"
    page = employer_client.get(reverse("employers:home")).content.decode()
    assert "Jordan Rivera" in page and "Staff 042" in page
    assert 'data-status="valid"' in page


def test_an_unknown_code_is_refused_with_a_message(employer_client):
    response = employer_client.post(reverse("employers:roster_add"), {"code": "NOPE-NOPE"})
    assert response.status_code == 400
    assert CODE_NOT_FOUND in response.content.decode()


def test_a_pending_certificate_cannot_be_followed(employer):
    pending = CertificateFactory(status=Certificate.Status.PENDING)
    with pytest.raises(ValidationError):
        roster_add(employer=employer, code=pending.code)


def test_adding_twice_says_it_is_already_there(employer_client, employer, certificate):
    roster_add(employer=employer, code=certificate.code)
    response = employer_client.post(reverse("employers:roster_add"), {"code": certificate.code})
    assert ALREADY_ON_ROSTER in response.content.decode()
    assert RosterEntry.objects.filter(employer=employer).count() == 1


def test_the_roster_shows_the_live_status(employer_client, employer, certificate):
    roster_add(employer=employer, code=certificate.code)
    certificate_services.certificate_set_status(
        certificate_id=certificate.pk, to_status="suspended", actor=None, reason="Under review"
    )

    page = employer_client.get(reverse("employers:home")).content.decode()

    assert 'data-status="suspended"' in page


def test_an_employer_removes_an_entry(employer_client, employer, certificate):
    entry = roster_add(employer=employer, code=certificate.code)
    response = employer_client.post(reverse("employers:roster_remove", args=[entry.pk]))
    assert response.status_code == 302
    assert not RosterEntry.objects.filter(pk=entry.pk).exists()


def test_the_roster_page_takes_a_fixed_number_of_queries(
    employer_client, employer, django_assert_max_num_queries
):
    for certificate in CertificateFactory.create_batch(15):
        roster_add(employer=employer, code=certificate.code)
    with django_assert_max_num_queries(8):
        employer_client.get(reverse("employers:home"))
