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


def test_my_data_says_which_language_i_chose_read_and_attested_in(client, holder, course_tree):
    from assessments.models import Attempt, AttemptState
    from certificates.models import Attestation, CertificatePdf
    from tests.assessments.conftest import make_assessment

    holder.preferred_language = "es"
    holder.save(update_fields=["preferred_language"])
    quiz, _ = make_assessment(course_tree.modules[0])
    Attempt.objects.create(
        assessment=quiz, trainee=holder, number=1, state=AttemptState.GRADED, language="es"
    )
    version = holder.certificate.version
    Attestation.objects.create(trainee=holder, version=version, text_sha256="a" * 64, language="es")
    # Made before statements had Spanish words: no language kept, so the English was attested.
    Attestation.objects.create(trainee=holder, version=version, text_sha256="b" * 64)
    CertificatePdf.objects.create(
        certificate=holder.certificate, language="es", pdf="certificates/x.pdf", sha256="c" * 64
    )

    data = json.loads(client.get(reverse("account_data")).content)

    assert data["account"]["language"] == "es"
    assert [a["language"] for a in data["assessment_attempts"]] == ["es"]
    assert sorted(a["language"] for a in data["attestations"]) == ["en", "es"]
    assert data["certificates"][0]["pdf_language"] == "en"
    assert data["certificates"][0]["pdfs_in_other_languages"] == ["es"]


def test_my_data_has_no_language_before_i_choose_one(client, holder):
    data = json.loads(client.get(reverse("account_data")).content)

    assert data["account"]["language"] is None
    assert data["certificates"][0]["pdfs_in_other_languages"] == []
