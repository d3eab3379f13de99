"""GET /api/v1/verify/{code} and POST /api/v1/verify: the CONTRACT.md fields, JSON errors,
a fixed number of queries for a batch, API keys and rate limits."""

import functools
import logging
import secrets
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from certificates.models import CODE_ALPHABET, Certificate, CertificateEvent, group_code
from certificates.services import certificate_set_status
from employers.models import ApiKey
from employers.services.api_keys import api_key_authenticate, api_key_create, api_key_revoke
from tests.factories.certificates import CertificateFactory
from verification.api import API_KEY_HOOK

pytestmark = pytest.mark.django_db

FIELDS = {
    "status",
    "holder_name",
    "credential",
    "issued_on",
    "expires_on",
    "issuer",
    "status_date",
    "public_reason",
    "billable_in",
    "stage",
    "endorsements",
    "public_actions",
}


def random_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(20))


def test_a_valid_certificate_reads_valid_with_exactly_the_public_fields(
    client, certificate, settings
):
    response = client.get(f"/api/v1/verify/{certificate.code}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert set(body) == FIELDS
    assert body == {
        "status": "valid",
        "holder_name": "Jordan Rivera",
        "credential": "Peer Recovery Specialist",
        "issued_on": "2026-01-15",
        "expires_on": "2028-01-15",
        "issuer": settings.PEERCERT_ISSUER_NAME,
        "status_date": None,
        "public_reason": None,
        "billable_in": [],
        "stage": "full",
        "endorsements": [],
        "public_actions": [],
    }
    assert "jordan.rivera@example.org" not in response.content.decode()


@pytest.mark.parametrize("to_status", ["suspended", "revoked"])
def test_a_suspension_or_revocation_carries_its_date_and_public_reason(
    client, certificate, django_user_model, to_status
):
    admin = django_user_model.objects.create_superuser(email="boss@example.org", password="x")
    certificate_set_status(
        certificate_id=certificate.pk,
        to_status=to_status,
        actor=admin,
        reason="Practising outside the scope of the credential",
        reason_public=True,
    )
    CertificateEvent.objects.filter(certificate=certificate, to_status=to_status).update(
        at=timezone.make_aware(datetime(2026, 3, 2, 15, 30))
    )

    one = client.get(f"/api/v1/verify/{certificate.code}").json()
    batch = client.post(
        "/api/v1/verify", {"codes": [certificate.code]}, content_type="application/json"
    ).json()["results"][0]

    for body in (one, batch):
        assert body["status"] == to_status
        assert body["status_date"] == "2026-03-02"
        assert body["public_reason"] == "Practising outside the scope of the credential"


def test_a_private_reason_is_never_shown_nor_an_older_public_one(
    client, certificate, django_user_model
):
    admin = django_user_model.objects.create_superuser(email="boss@example.org", password="x")
    change = functools.partial(certificate_set_status, certificate_id=certificate.pk, actor=admin)
    change(to_status="suspended", reason="Complaint under review", reason_public=True)
    change(to_status="valid", reason="Complaint dismissed", reason_public=True)
    change(to_status="suspended", reason="Internal: unpaid fee", reason_public=False)

    body = client.get(f"/api/v1/verify/{certificate.code}").json()

    assert body["status"] == "suspended"
    assert body["status_date"] == timezone.localdate().isoformat()
    assert body["public_reason"] is None
    assert "unpaid" not in str(body) and "Complaint" not in str(body)


def test_a_reinstated_certificate_has_no_status_date(client, certificate, django_user_model):
    admin = django_user_model.objects.create_superuser(email="boss@example.org", password="x")
    change = functools.partial(certificate_set_status, certificate_id=certificate.pk, actor=admin)
    change(to_status="suspended", reason="Complaint under review", reason_public=True)
    change(to_status="valid", reason="Complaint dismissed", reason_public=True)

    body = client.get(f"/api/v1/verify/{certificate.code}").json()

    assert (body["status"], body["status_date"], body["public_reason"]) == ("valid", None, None)


def test_the_schema_documents_status_date_and_public_reason(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("VerifyOut", "BatchItemOut"):
        properties = schema[name]["properties"]
        assert {"status_date", "public_reason"} <= set(properties)
        assert {"status_date", "public_reason"} <= set(schema[name]["required"])
        assert "suspended or revoked" in properties["status_date"]["description"]


def test_codes_are_read_like_people_type_them(client, certificate):
    typed = f" {group_code(certificate.code).lower()} "
    assert client.get(f"/api/v1/verify/{typed}").json()["status"] == "valid"


@pytest.mark.parametrize("status", ["suspended", "revoked", "superseded", "expired"])
def test_stored_statuses_are_reported_as_is(client, status):
    certificate = CertificateFactory(status=status)
    assert client.get(f"/api/v1/verify/{certificate.code}").json()["status"] == status


def test_a_valid_certificate_past_its_expiry_date_reads_expired(client):
    certificate = CertificateFactory(
        status=Certificate.Status.VALID, expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert client.get(f"/api/v1/verify/{certificate.code}").json()["status"] == "expired"


# Parameters are fixed values: pytest-xdist requires every worker to collect the same tests.
WELL_FORMED_UNKNOWN = "7K3M9QWZ2HX4ND8RT6VB"  # CODE_ALPHABET, 20 characters, issued to nobody


@pytest.mark.parametrize("code", ["unknown", WELL_FORMED_UNKNOWN, "A" * 64, "%00", "ÄÖÜ" * 7])
def test_unknown_codes_are_404_json_with_a_message(client, code):
    response = client.get(f"/api/v1/verify/{code}")

    assert response.status_code == 404
    assert response.json()["message"] == "No certificate has this code."


def test_a_pending_certificate_is_not_found(client):
    certificate = CertificateFactory(status=Certificate.Status.PENDING)
    assert client.get(f"/api/v1/verify/{certificate.code}").status_code == 404


def test_batch_answers_one_result_per_code_in_order(client, certificate):
    revoked = CertificateFactory(status=Certificate.Status.REVOKED)
    unknown = random_code()
    codes = [unknown, group_code(certificate.code), revoked.code, "", certificate.code]

    response = client.post("/api/v1/verify", {"codes": codes}, content_type="application/json")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["code"] for r in results] == codes
    assert [r["status"] for r in results] == ["not_found", "valid", "revoked", "not_found", "valid"]
    assert set(results[1]) == FIELDS | {"code"}
    assert results[1]["holder_name"] == "Jordan Rivera"
    assert results[0]["holder_name"] is None


@pytest.mark.parametrize("count", [1, 50, 500])
def test_batch_takes_one_query_whatever_its_size(client, count, django_assert_max_num_queries):
    known = [c.code for c in CertificateFactory.create_batch(5)]
    codes = (known + [random_code() for _ in range(count)])[:count]

    with django_assert_max_num_queries(2):
        response = client.post("/api/v1/verify", {"codes": codes}, content_type="application/json")

    assert response.status_code == 200
    assert len(response.json()["results"]) == count


def test_more_than_500_codes_is_refused_with_a_message(client):
    response = client.post(
        "/api/v1/verify",
        {"codes": [random_code() for _ in range(501)]},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["message"] == "Send at most 500 codes per request."


@pytest.mark.parametrize(
    "body", ['{"codes": "ABC"}', "{}", '{"codes": [1, 2]}', '{"codes": ["' + "A" * 65 + '"]}']
)
def test_malformed_batches_are_422_json(client, body):
    response = client.post("/api/v1/verify", body, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["message"]


def test_a_body_that_is_not_json_is_400_json(client):
    response = client.post("/api/v1/verify", "not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["message"]


def test_an_empty_batch_is_an_empty_answer(client):
    response = client.post("/api/v1/verify", {"codes": []}, content_type="application/json")
    assert response.json() == {"results": []}


def test_a_single_verification_takes_one_query(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get(f"/api/v1/verify/{certificate.code}").status_code == 200


def test_unknown_api_paths_answer_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["message"]


def test_server_errors_are_json_too(client, certificate, monkeypatch):
    def broken(code):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("verification.api.public_record", broken)
    response = client.get(f"/api/v1/verify/{certificate.code}")

    assert response.status_code == 500
    assert response.json()["message"].startswith("Something went wrong")
    assert "fire" not in response.content.decode()


def test_schema_is_served_and_marks_keys_optional(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["info"]["title"] == "PeerCert verification API"
    assert "/api/v1/verify/{code}" in schema["paths"]
    assert "/api/v1/verify" in schema["paths"]
    security = schema["paths"]["/api/v1/verify/{code}"]["get"]["security"]
    assert {} in security
    assert {"BearerApiKey": []} in security


# --- API keys ---------------------------------------------------------------------------------


def test_a_bearer_key_authenticates_and_records_its_use(client, employer, certificate):
    key, secret = api_key_create(employer=employer, name="HR system")

    response = client.get(
        f"/api/v1/verify/{certificate.code}", headers={"Authorization": f"Bearer {secret}"}
    )

    assert response.status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_an_x_api_key_header_works_too(client, employer, certificate):
    _key, secret = api_key_create(employer=employer, name="HR system")
    response = client.get(f"/api/v1/verify/{certificate.code}", headers={"X-API-Key": secret})
    assert response.status_code == 200


def test_keyed_verification_stays_within_two_queries(
    client, employer, certificate, django_assert_max_num_queries
):
    _key, secret = api_key_create(employer=employer, name="HR system")
    client.get(f"/api/v1/verify/{certificate.code}", headers={"X-API-Key": secret})
    with django_assert_max_num_queries(2):
        client.get(f"/api/v1/verify/{certificate.code}", headers={"X-API-Key": secret})


def test_the_employers_app_checks_the_api_keys():
    assert api_key_authenticate in hooks.get_hooks(API_KEY_HOOK)


def test_a_key_no_app_can_check_is_a_server_error_never_anonymous(
    client, employer, certificate, monkeypatch
):
    """Keys are the employers app's (registered on the verification_api_key hook): with nobody
    answering, a keyed call must neither pass as anonymous nor blame the caller's key."""
    _key, secret = api_key_create(employer=employer, name="HR system")
    hooks.get_hooks(API_KEY_HOOK)  # every app's wagtail_hooks loaded
    monkeypatch.setitem(hooks._hooks, API_KEY_HOOK, [])

    response = client.get(f"/api/v1/verify/{certificate.code}", headers={"X-API-Key": secret})

    assert response.status_code == 500
    assert response.json()["message"].startswith("Something went wrong")
    assert client.get(f"/api/v1/verify/{certificate.code}").status_code == 200  # anonymous


@pytest.mark.parametrize(
    "header",
    [
        {"Authorization": "Bearer pck_nope"},
        {"Authorization": "Bearer " + "x" * 60},
        {"X-API-Key": "pck_abcdefgh_" + "y" * 43},
    ],
)
def test_an_unknown_key_is_401_json(client, certificate, header):
    response = client.get(f"/api/v1/verify/{certificate.code}", headers=header)

    assert response.status_code == 401
    assert response.json()["message"] == "The API key is not valid or has been revoked."
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_is_401(client, employer, certificate):
    key, secret = api_key_create(employer=employer, name="HR system")
    api_key_revoke(employer=employer, key_id=key.pk)

    response = client.post(
        "/api/v1/verify",
        {"codes": [certificate.code]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert response.status_code == 401


def test_a_key_stops_working_when_its_owner_is_no_longer_an_employer(
    client, employer, employers_group, certificate
):
    _key, secret = api_key_create(employer=employer, name="HR system")
    employer.groups.remove(employers_group)

    response = client.get(f"/api/v1/verify/{certificate.code}", headers={"X-API-Key": secret})

    assert response.status_code == 401


def test_other_authorization_schemes_are_ignored(client, certificate):
    response = client.get(
        f"/api/v1/verify/{certificate.code}", headers={"Authorization": "Basic dXNlcjpwYXNz"}
    )
    assert response.status_code == 200


def test_keys_are_stored_hashed(employer):
    key, secret = api_key_create(employer=employer, name="HR system")
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert secret not in str(stored)
    assert secret.startswith(f"pck_{key.prefix}_")
    assert len(secret) > 40


# --- rate limits ------------------------------------------------------------------------------


def test_anonymous_callers_get_429_with_retry_after_past_their_limit(client, settings, certificate):
    settings.RATELIMIT_VERIFY_API_ANON = "3/h"
    statuses = [client.get(f"/api/v1/verify/{certificate.code}").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get(f"/api/v1/verify/{certificate.code}")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert response.json()["message"].startswith("Too many requests")


def test_a_key_has_its_own_higher_limit(client, settings, employer, certificate):
    settings.RATELIMIT_VERIFY_API_ANON = "2/h"
    settings.RATELIMIT_VERIFY_API_KEY = "5/h"
    _key, secret = api_key_create(employer=employer, name="HR system")
    for _ in range(3):
        client.get(f"/api/v1/verify/{certificate.code}")
    keyed = [
        client.get(f"/api/v1/verify/{certificate.code}", headers={"X-API-Key": secret}).status_code
        for _ in range(6)
    ]

    assert keyed == [200] * 5 + [429]


def test_clients_are_limited_separately(client, settings, certificate):
    settings.RATELIMIT_VERIFY_API_ANON = "1/h"
    url = f"/api/v1/verify/{certificate.code}"
    assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_ten_thousand_random_guesses_find_nothing_and_get_throttled(client, settings, caplog):
    """The issue's abuse test: no hit, no server error, 429s once over the limit."""
    caplog.set_level(logging.ERROR, logger="django.request")
    CertificateFactory.create_batch(20)
    limit = 200
    settings.RATELIMIT_VERIFY_API_ANON = f"{limit}/d"
    counts = {200: 0, 404: 0, 429: 0}
    first_429 = None
    for attempt in range(10_000):
        status = client.get(f"/api/v1/verify/{random_code()}").status_code
        assert status in (404, 429), status
        counts[status] += 1
        if status == 429 and first_429 is None:
            first_429 = attempt
    assert counts[200] == 0
    # A day window can roll over mid-test at most once: allow one extra window's worth.
    assert limit <= counts[404] <= 2 * limit
    assert first_429 == limit or counts[404] > limit
    assert counts[429] == 10_000 - counts[404]


def test_ten_thousand_guesses_in_batches_find_nothing(client, django_assert_max_num_queries):
    CertificateFactory.create_batch(20)
    with django_assert_max_num_queries(20):
        for _ in range(20):
            response = client.post(
                "/api/v1/verify",
                {"codes": [random_code() for _ in range(500)]},
                content_type="application/json",
            )
            assert response.status_code == 200
            assert {r["status"] for r in response.json()["results"]} == {"not_found"}


def test_dates_are_iso_8601(client):
    certificate = CertificateFactory(issued_on=date(2025, 3, 9), expires_on=None)
    body = client.get(f"/api/v1/verify/{certificate.code}").json()
    assert body["issued_on"] == "2025-03-09"
    assert body["expires_on"] is None
