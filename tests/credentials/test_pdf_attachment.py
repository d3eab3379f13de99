"""The signed credential travels inside the certificate PDF, covered by the PDF signature."""

import json
from dataclasses import replace
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates import services
from certificates.keys import IssuerKeyError, clear_issuer_keys_cache
from certificates.models import Certificate
from certificates.signing import validate_pdf
from credentials.attachments import credential_attachment
from credentials.issuer import CredentialKeyUnavailable, signing_key
from tests.credentials import independent
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def embedded_files(pdf: bytes) -> dict[str, tuple[bytes, str]]:
    """Name -> (content, MIME subtype) of every file in the PDF's EmbeddedFiles name tree."""
    root = PdfFileReader(BytesIO(pdf)).root
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    files = {}
    for i in range(0, len(names), 2):
        name, spec = names[i], names[i + 1]  # indexing resolves indirect objects
        stream = spec["/EF"]["/F"]
        files[str(name)] = (stream.data, str(stream.get("/Subtype", "")))
    af = root["/AF"]
    associated = [str(af[i]["/F"]) for i in range(len(af))]
    assert sorted(associated) == sorted(files), "every attachment is an associated file"
    return files


def test_pdf_carries_the_signed_credential_and_its_signature_still_validates(
    client, certificate, issuer_keys, published_keys
):
    pdf = services.build_signed_pdf(certificate)
    files = embedded_files(pdf)
    assert set(files) == {"credential.json", "credential.jwt"}
    content, subtype = files["credential.json"]
    assert subtype == "/application/json"
    # The very bytes the public endpoint serves, and they verify on their own.
    assert content == client.get(f"/verify/{certificate.code}/credential.json").content
    assert independent.verify(json.loads(content), published_keys())
    assert (
        files["credential.jwt"][0]
        == client.get(f"/verify/{certificate.code}/credential.jwt").content
    )
    result = validate_pdf(pdf, issuer_keys.root_cert)
    assert result.ok, result.message


def test_issuance_puts_the_credential_in_the_stored_pdf(client, issuer_keys, published_keys):
    pending = CertificateFactory(holder=UserFactory(), status=Certificate.Status.PENDING)
    issued = services.certificate_issue(certificate_id=pending.pk)
    assert issued.status == Certificate.Status.VALID
    pdf = issued.pdf.open("rb").read()
    content, _ = embedded_files(pdf)["credential.json"]
    credential = json.loads(content)
    assert credential["id"] == issued.verification_url
    assert independent.verify(credential, published_keys())
    assert content == client.get(f"/verify/{issued.code}/credential.json").content
    assert validate_pdf(pdf, issuer_keys.root_cert).ok


def test_missing_keys_stop_the_attachment_with_a_clear_error(certificate, settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "not-initialised"
    clear_issuer_keys_cache()
    with pytest.raises(IssuerKeyError, match="issuer_keys init"):
        credential_attachment(certificate)


def test_a_credential_key_without_its_private_half_is_refused_clearly(issuer_keys):
    current = issuer_keys.current_credential_key
    public_only = replace(issuer_keys, credential_keys=(replace(current, private_key=None),))
    with pytest.raises(CredentialKeyUnavailable, match="no private key"):
        signing_key(public_only)
    no_current = replace(issuer_keys, current_credential_key_id="cred-missing")
    with pytest.raises(CredentialKeyUnavailable, match="issuer_keys init"):
        signing_key(no_current)
