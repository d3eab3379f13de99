"""'Download my data' (cms/my_data.py): everything PeerCert keeps about the signed-in person,
as JSON, and nobody else's."""

import json
from datetime import date

import pytest
from django.urls import reverse

from continuing_education.models import CEActivity
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, SupervisionEntryFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/accounts/profile/"


@pytest.fixture
def holder(client):
    person = UserFactory(first_name="Jordan", last_name="Okafor", email="jordan@example.org")
    certificate = CertificateFactory(holder=person)
    client.force_login(person)
    person.certificate = certificate
    return person


def test_my_data_holds_my_records_and_nobody_elses(client, holder):
    SupervisionEntryFactory(trainee=holder, minutes=95)
    CEActivity.objects.create(
        holder=holder,
        title="Trauma-informed peer support",
        provider="X",
        date=date(2026, 5, 1),
        hours=3,
        delivery_mode="live_online",
    )
    other = UserFactory(email="someone-else@example.org")
    CertificateFactory(holder=other, serial="PRS-2026-OTHER01")
    SupervisionEntryFactory(trainee=other, minutes=61)

    response = client.get(reverse("account_data"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "jordan" not in disposition.lower()
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "jordan@example.org"
    assert [c["serial"] for c in data["certificates"]] == [holder.certificate.serial]
    assert data["certificates"][0]["verification_code"] == holder.certificate.display_code
    assert [e["minutes"] for e in data["supervised_hours"]] == [95]
    assert data["continuing_education"][0]["title"] == "Trauma-informed peer support"
    text = response.content.decode()
    assert "someone-else" not in text and "PRS-2026-OTHER01" not in text
    assert "password" not in text


def test_my_data_needs_a_sign_in(client):
    response = client.get(reverse("account_data"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(ACCOUNT).status_code == 302
