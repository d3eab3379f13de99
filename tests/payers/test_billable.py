"""Billable status: which payers recognise a credential is data with its source and date,
shown on the verification page, in the API (billable_in) and in the Open Badges credential —
and never for a certificate that is not valid."""

import json
from datetime import date

import pytest

from certificates.models import Certificate
from payers.demo import seed_billing_rules
from payers.models import BillingRule
from tests.factories.certificates import BillingRuleFactory, CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return CertificateFactory(holder_name="Jordan Rivera")


@pytest.fixture
def florida(certificate):
    return BillingRuleFactory(program=certificate.version.program)


def _api(client, certificate):
    return json.loads(client.get(f"/api/v1/verify/{certificate.code}").content)


def test_verification_page_names_the_states_the_source_and_the_date(client, certificate, florida):
    BillingRuleFactory(
        program=certificate.version.program,
        jurisdiction="Texas",
        payer="Texas Medicaid",
        source_title="Texas HHSC peer specialist services",
        source_url="https://www.hhs.texas.gov/",
        as_of=date(2026, 10, 1),
    )
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert (
        "Recognised for Medicaid peer support billing in: Florida, Texas, as of 1 November 2026."
        in html
    )
    assert 'href="https://www.hhs.texas.gov/"' in html
    assert "Florida Medicaid coverage policy" in html


@pytest.mark.parametrize(
    "status",
    [Certificate.Status.SUSPENDED, Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED],
)
def test_nothing_is_billable_for_a_certificate_that_is_not_valid(
    client, certificate, florida, status
):
    Certificate.objects.filter(pk=certificate.pk).update(status=status)
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "Recognised for Medicaid" not in html
    assert _api(client, certificate)["billable_in"] == []


def test_an_expired_certificate_past_its_date_is_not_billable(client, florida):
    expired = CertificateFactory(
        version__program=florida.program, issued_on=date(2020, 1, 1), expires_on=date(2022, 1, 1)
    )
    assert _api(client, expired)["status"] == "expired"
    assert _api(client, expired)["billable_in"] == []


def test_api_lists_each_payer_with_its_source_and_as_of_date(client, certificate, florida):
    assert _api(client, certificate)["billable_in"] == [
        {
            "jurisdiction": "Florida",
            "payer": "Florida Medicaid",
            "service": "peer support services",
            "source": "Florida Medicaid coverage policy",
            "source_url": "https://ahca.myflorida.com/medicaid",
            "citation": "Community behavioral health services coverage policy",
            "as_of": "2026-11-01",
            "demo": False,
        }
    ]


def test_batch_results_carry_billable_in_too(client, certificate, florida):
    response = client.post(
        "/api/v1/verify",
        {"codes": [certificate.code, "NOPE"]},
        content_type="application/json",
    )
    found, missing = response.json()["results"]
    assert [item["jurisdiction"] for item in found["billable_in"]] == ["Florida"]
    assert missing["billable_in"] == []


def test_another_programs_rule_does_not_apply(client, certificate):
    BillingRuleFactory()  # its own program
    assert _api(client, certificate)["billable_in"] == []


def test_a_rule_taken_out_of_force_disappears_at_once(client, certificate, florida):
    assert _api(client, certificate)["billable_in"]
    florida.active = False
    florida.save()
    assert _api(client, certificate)["billable_in"] == []


def test_a_rule_for_one_endorsement_does_not_apply_without_it(client, certificate):
    BillingRuleFactory(program=certificate.version.program, endorsement="V")
    assert _api(client, certificate)["billable_in"] == []


def test_billable_status_costs_the_api_no_extra_query(
    client, certificate, florida, django_assert_max_num_queries
):
    _api(client, certificate)  # rules loaded into this process's memory
    with django_assert_max_num_queries(1):
        assert _api(client, certificate)["billable_in"]


def test_rules_keep_their_revisions(certificate, florida, admin_user):
    florida.save_revision(user=admin_user)
    florida.as_of = date(2026, 12, 1)
    florida.save_revision(user=admin_user)
    assert florida.revisions.count() == 2


def test_credential_aligns_the_achievement_with_each_payer(
    client, certificate, florida, issuer_keys
):
    credential = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    (alignment,) = credential["credentialSubject"]["achievement"]["alignment"]
    assert alignment["type"] == ["Alignment"]
    assert alignment["targetType"] == "ext:BillingRecognition"
    assert alignment["targetUrl"] == "https://ahca.myflorida.com/medicaid"
    assert "as of 2026-11-01" in alignment["targetDescription"]
    from tests.credentials.test_schemas import achievement_credential_errors

    errors = [e for e in achievement_credential_errors(credential) if "proof" not in e]
    assert errors == []


def test_a_suspended_certificates_credential_has_no_billing_alignment(
    client, certificate, florida, issuer_keys
):
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.SUSPENDED)
    from credentials.openbadges import build_credential

    certificate.refresh_from_db()
    assert "alignment" not in build_credential(certificate)["credentialSubject"]["achievement"]


def test_demo_rules_are_marked_demo_everywhere(client, certificate):
    assert seed_billing_rules(program=certificate.version.program) == 2
    assert seed_billing_rules(program=certificate.version.program) == 2  # idempotent
    assert BillingRule.objects.filter(is_demo=True).count() == 2
    assert all(item["demo"] for item in _api(client, certificate)["billable_in"])
    assert (
        "demo rule, for illustration only"
        in client.get(f"/verify/{certificate.code}/").content.decode()
    )


def test_a_rule_for_the_full_stage_applies_to_a_full_certificate_only(client, certificate):
    BillingRuleFactory(program=certificate.version.program, stage="full")
    assert [item["jurisdiction"] for item in _api(client, certificate)["billable_in"]] == [
        "Florida"
    ]
    Certificate.objects.filter(pk=certificate.pk).update(stage="provisional")
    assert _api(client, certificate)["billable_in"] == []
    assert (
        "Recognised for Medicaid" not in client.get(f"/verify/{certificate.code}/").content.decode()
    )
