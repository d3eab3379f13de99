"""The signed credential, as files to attach inside the certificate PDF.

``certificates.services.build_signed_pdf`` asks for these through its
``certificate_pdf_attachments`` hook (registered in wagtail_hooks.py) and attaches them in the
signed revision (PDF/A-3 style associated files, relationship ``Data``), so the PDF carries its
own machine-verifiable copy and the PDF signature covers it. A missing credential key raises
:class:`credentials.issuer.CredentialKeyUnavailable` with what to run, rather than issuing a
PDF without its credential: a signed PDF cannot be amended afterwards.
"""

from __future__ import annotations

from certificates.models import Certificate

from .jwt import MEDIA_TYPE as JWT_MEDIA_TYPE
from .services import issue_credential

__all__ = ["CREDENTIAL_JSON_NAME", "CREDENTIAL_JWT_NAME", "credential_attachment"]

CREDENTIAL_JSON_NAME = "credential.json"
CREDENTIAL_JWT_NAME = "credential.jwt"


def credential_attachment(certificate: Certificate) -> list[tuple[str, bytes, str]]:
    record = issue_credential(certificate)
    return [
        (CREDENTIAL_JSON_NAME, record.credential_json.encode("utf-8"), "application/json"),
        (CREDENTIAL_JWT_NAME, record.credential_jwt.encode("ascii"), JWT_MEDIA_TYPE),
    ]
