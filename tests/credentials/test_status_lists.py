"""Status: one credentialStatus object, a two-bit entry in a "message" list (0 valid,
1 suspended, 2 revoked), signed, large enough to hide who is checked, changed at once by
revocation, suspension and reinstatement, and read right by single-bit checkers too."""

import json

import pytest

from certificates import services
from credentials.models import STATUS_LIST_SIZE, StatusEntry, StatusList
from credentials.status import assign_status_entry
from tests.credentials import independent
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def _credential(client, certificate) -> dict:
    return json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)


def _fetch(client, url: str) -> dict:
    # The credential names absolute URLs on SITE_URL; the test client serves the path.
    from django.conf import settings

    assert url.startswith(f"{settings.SITE_URL}/issuer/status/")
    response = client.get(url.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


def _value(client, credential: dict) -> int:
    """What a reader that honours statusSize sees."""
    entry = credential["credentialStatus"]
    status_list = _fetch(client, entry["statusListCredential"])
    assert status_list["credentialSubject"]["statusPurpose"] == entry["statusPurpose"]
    return independent.status_value(status_list, int(entry["statusListIndex"]), entry["statusSize"])


def _single_bit(client, credential: dict) -> int:
    """What Digital Bazaar's and DCC's checkers read: one bit at statusListIndex."""
    entry = credential["credentialStatus"]
    status_list = _fetch(client, entry["statusListCredential"])
    return independent.status_bit(status_list, int(entry["statusListIndex"]))


def _set_status(certificate, to_status):
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status=to_status, actor=None, reason="Board decision"
    )


def test_credential_has_one_status_object_with_its_messages(client, certificate):
    entry = _credential(client, certificate)["credentialStatus"]
    assert isinstance(entry, dict)
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "message"
    assert entry["statusSize"] == 2
    assert entry["statusMessage"] == [
        {"status": "0x0", "message": "valid"},
        {"status": "0x1", "message": "suspended"},
        {"status": "0x2", "message": "revoked"},
        {"status": "0x3", "message": "invalid"},
    ]
    assert entry["statusListCredential"].endswith("/issuer/status/message")
    assert entry["id"] == f"{entry['statusListCredential']}#{entry['statusListIndex']}"
    # Only the upper half of the list: see test_single_bit_readers_see_not_valid.
    assert STATUS_LIST_SIZE // 2 <= int(entry["statusListIndex"]) < STATUS_LIST_SIZE


def test_status_list_is_signed_by_the_credentials_issuer_and_verifies(
    client, certificate, published_keys
):
    credential = _credential(client, certificate)
    status_list = _fetch(client, credential["credentialStatus"]["statusListCredential"])
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status_list["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert status_list["issuer"] == credential["issuer"]["id"]
    assert status_list["proof"]["verificationMethod"].startswith(credential["issuer"]["id"] + "#")
    assert status_list["credentialSubject"]["type"] == "BitstringStatusList"
    assert independent.verify(status_list, published_keys())
    status_list["credentialSubject"]["encodedList"] = "u" + "A" * 40
    assert not independent.verify(status_list, published_keys())


def test_status_list_has_131072_two_bit_entries(client, issuer_keys):
    status_list = json.loads(client.get("/issuer/status/message").content)
    assert independent.status_list_length(status_list) == 2 * 131_072


def test_valid_certificate_reads_valid(client, certificate):
    credential = _credential(client, certificate)
    assert _value(client, credential) == 0
    assert _single_bit(client, credential) == 0


def test_revocation_shows_in_the_list_fetched_right_after(client, certificate):
    credential = _credential(client, certificate)
    assert _value(client, credential) == 0  # and the list is now cached
    _set_status(certificate, "revoked")
    assert _value(client, credential) == 2


def test_suspension_shows_and_reinstatement_clears_it(client, certificate):
    credential = _credential(client, certificate)
    _set_status(certificate, "suspended")
    assert _value(client, credential) == 1
    _set_status(certificate, "valid")
    assert _value(client, credential) == 0


@pytest.mark.parametrize("to_status", ["suspended", "revoked"])
def test_single_bit_readers_see_not_valid(client, certificate, to_status):
    """Checkers that ignore statusSize read bit statusListIndex, which lies in the list's
    never-allocated lower half and is set whenever the entry is not valid."""
    credential = _credential(client, certificate)
    _set_status(certificate, to_status)
    assert _single_bit(client, credential) == 1


def test_one_certificate_does_not_change_anothers_status(client, certificate):
    other = CertificateFactory(holder=UserFactory())
    mine, theirs = _credential(client, certificate), _credential(client, other)
    _set_status(other, "revoked")
    assert _value(client, theirs) == 2
    assert _value(client, mine) == 0
    assert _single_bit(client, mine) == 0


def test_positions_are_random_not_sequential(issuer_keys):
    indices = sorted(
        assign_status_entry(certificate=CertificateFactory(holder=UserFactory())).index
        for _ in range(12)
    )
    assert indices != list(range(indices[0], indices[0] + 12))
    assert indices[-1] - indices[0] > 1000  # 12 draws within 1,000 of each other: ~1 in 10^17


def test_positions_are_kept_and_unique(issuer_keys, certificate):
    first = assign_status_entry(certificate=certificate)
    assert assign_status_entry(certificate=certificate) == first
    assert StatusEntry.objects.filter(certificate=certificate).count() == 1


def test_a_taken_position_is_skipped(issuer_keys, certificate, monkeypatch):
    other = CertificateFactory(holder=UserFactory())
    message = StatusList.objects.create(purpose="message", number=1, slug="message", status_size=2)
    half = message.size // 2
    StatusEntry.objects.create(
        status_list=message, certificate=other, purpose="message", index=half + 42
    )
    draws = iter([42, 42, 77])
    monkeypatch.setattr("credentials.status.secrets.randbelow", lambda n: next(draws))
    assert assign_status_entry(certificate=certificate).index == half + 77


def test_a_full_list_rolls_over_to_a_new_one(issuer_keys, certificate, monkeypatch):
    from credentials import status

    full = StatusList.objects.create(purpose="message", number=1, slug="message", status_size=2)
    real_insert = status._try_insert
    # Every position of the first list reads as taken (filling 65,536 rows would be slow).
    monkeypatch.setattr(
        status, "_taken", lambda lst: set(range(lst.size)) if lst.pk == full.pk else set()
    )
    monkeypatch.setattr(
        status,
        "_try_insert",
        lambda owner, lst, index: None if lst.pk == full.pk else real_insert(owner, lst, index),
    )
    entry = assign_status_entry(certificate=certificate)
    assert entry.status_list.slug == "message-2"
    assert (entry.status_list.number, entry.status_list.status_size) == (2, 2)


def test_older_credentials_two_one_bit_lists_are_still_served(
    client, certificate, published_keys, settings
):
    """Credentials issued before the single entry point at a revocation and a suspension list
    and name the https issuer; those lists keep answering, signed under that identifier."""
    revocation = StatusList.objects.create(purpose="revocation", number=1, slug="revocation")
    StatusEntry.objects.create(
        status_list=revocation, certificate=certificate, purpose="revocation", index=9
    )
    _set_status(certificate, "revoked")
    status_list = json.loads(client.get("/issuer/status/revocation").content)
    assert status_list["issuer"] == f"{settings.SITE_URL}/issuer/"
    assert status_list["credentialSubject"]["statusPurpose"] == "revocation"
    assert independent.status_bit(status_list, 9) == 1
    assert independent.status_list_length(status_list) == 131_072
    assert independent.verify(status_list, published_keys())


def test_unknown_list_is_404(client, issuer_keys):
    assert client.get("/issuer/status/nonsense").status_code == 404
