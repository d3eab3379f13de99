"""Status lists: signed, large enough to hide who is checked, and changed at once by
revocation, suspension and reinstatement."""

import json

import pytest

from certificates import services
from credentials.models import STATUS_LIST_SIZE, StatusEntry, StatusList
from credentials.status import assign_status_entries
from tests.credentials import independent
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def _credential(client, certificate) -> dict:
    return json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)


def _entry(credential: dict, purpose: str) -> dict:
    return next(e for e in credential["credentialStatus"] if e["statusPurpose"] == purpose)


def _fetch(client, url: str) -> dict:
    # The credential names absolute URLs on SITE_URL; the test client serves the path.
    from django.conf import settings

    assert url.startswith(f"{settings.SITE_URL}/issuer/status/")
    response = client.get(url.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


def _bit(client, credential: dict, purpose: str) -> int:
    entry = _entry(credential, purpose)
    status_list = _fetch(client, entry["statusListCredential"])
    assert status_list["credentialSubject"]["statusPurpose"] == purpose
    return independent.status_bit(status_list, int(entry["statusListIndex"]))


def _set_status(certificate, to_status):
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status=to_status, actor=None, reason="Board decision"
    )


def test_credential_points_at_a_revocation_and_a_suspension_list(client, certificate):
    credential = _credential(client, certificate)
    entries = credential["credentialStatus"]
    assert [e["statusPurpose"] for e in entries] == ["revocation", "suspension"]
    for entry in entries:
        assert entry["type"] == "BitstringStatusListEntry"
        assert entry["statusListCredential"].endswith(f"/issuer/status/{entry['statusPurpose']}")
        assert 0 <= int(entry["statusListIndex"]) < STATUS_LIST_SIZE


def test_status_list_is_signed_and_verifies(client, certificate, published_keys):
    credential = _credential(client, certificate)
    for purpose in ("revocation", "suspension"):
        status_list = _fetch(client, _entry(credential, purpose)["statusListCredential"])
        assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        assert status_list["@context"][0] == "https://www.w3.org/ns/credentials/v2"
        assert status_list["issuer"] == credential["issuer"]["id"]
        assert status_list["credentialSubject"]["type"] == "BitstringStatusList"
        assert independent.verify(status_list, published_keys())
        status_list["credentialSubject"]["encodedList"] = "u" + "A" * 40
        assert not independent.verify(status_list, published_keys())


def test_status_list_has_at_least_131072_entries(client, issuer_keys):
    for purpose in ("revocation", "suspension"):
        status_list = json.loads(client.get(f"/issuer/status/{purpose}").content)
        assert independent.status_list_length(status_list) >= 131_072


def test_valid_certificate_has_no_bit_set(client, certificate):
    credential = _credential(client, certificate)
    assert _bit(client, credential, "revocation") == 0
    assert _bit(client, credential, "suspension") == 0


def test_revocation_sets_the_bit_in_the_list_fetched_right_after(client, certificate):
    credential = _credential(client, certificate)
    assert _bit(client, credential, "revocation") == 0  # and the list is now cached
    _set_status(certificate, "revoked")
    assert _bit(client, credential, "revocation") == 1
    assert _bit(client, credential, "suspension") == 0


def test_suspension_sets_its_bit_and_reinstatement_clears_it(client, certificate):
    credential = _credential(client, certificate)
    _set_status(certificate, "suspended")
    assert _bit(client, credential, "suspension") == 1
    assert _bit(client, credential, "revocation") == 0
    _set_status(certificate, "valid")
    assert _bit(client, credential, "suspension") == 0


def test_one_certificate_does_not_change_anothers_bit(client, certificate):
    other = CertificateFactory(holder=UserFactory())
    mine, theirs = _credential(client, certificate), _credential(client, other)
    _set_status(other, "revoked")
    assert _bit(client, theirs, "revocation") == 1
    assert _bit(client, mine, "revocation") == 0


def test_positions_are_random_not_sequential(issuer_keys):
    indices = sorted(
        assign_status_entries(CertificateFactory(holder=UserFactory()))["revocation"].index
        for _ in range(12)
    )
    assert indices != list(range(indices[0], indices[0] + 12))
    assert indices[-1] > 1000  # 12 draws from 131,072 all below 1,000: about 1 in 10^25


def test_positions_are_kept_and_unique(issuer_keys, certificate):
    first = assign_status_entries(certificate)
    assert assign_status_entries(certificate) == first
    assert StatusEntry.objects.filter(certificate=certificate).count() == 2


def test_a_taken_position_is_skipped(issuer_keys, certificate, monkeypatch):
    other = CertificateFactory(holder=UserFactory())
    revocation = StatusList.objects.get_or_create(
        purpose="revocation", number=1, defaults={"slug": "revocation"}
    )[0]
    StatusEntry.objects.create(
        status_list=revocation, certificate=other, purpose="revocation", index=42
    )
    draws = iter([42, 42, 77, 5])
    monkeypatch.setattr("credentials.status.secrets.randbelow", lambda n: next(draws))
    entries = assign_status_entries(certificate)
    assert entries["revocation"].index == 77
    assert entries["suspension"].index == 5


def test_a_full_list_rolls_over_to_a_new_one(issuer_keys, certificate, monkeypatch):
    from credentials import status

    full = StatusList.objects.create(purpose="suspension", number=1, slug="suspension")
    real_insert = status._try_insert
    # Every position of the first list reads as taken (filling 131,072 rows would be slow).
    monkeypatch.setattr(
        status, "_taken", lambda lst: set(range(lst.size)) if lst.pk == full.pk else set()
    )
    monkeypatch.setattr(
        status,
        "_try_insert",
        lambda cert, lst, purpose, index: (
            None if lst.pk == full.pk else real_insert(cert, lst, purpose, index)
        ),
    )
    entry = assign_status_entries(certificate)["suspension"]
    assert entry.status_list.slug == "suspension-2"
    assert entry.status_list.number == 2


def test_unknown_list_is_404(client, issuer_keys):
    assert client.get("/issuer/status/nonsense").status_code == 404
