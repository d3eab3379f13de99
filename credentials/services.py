"""Writes for credentials: sign a certificate's Open Badge once and keep it."""

from __future__ import annotations

import json

from django.utils import timezone

from certificates.models import Certificate

from .issuer import issuer_keys, jwk_url, jwt_signing_key, signing_key, verification_method
from .jwt import encode_vc_jwt
from .models import IssuedCredential
from .openbadges import build_credential, credential_record
from .proofs import MAX_CREDENTIAL_BYTES, sign_credential

__all__ = ["CredentialTooLarge", "issue_credential"]


class CredentialTooLarge(Exception):
    """The signed credential would exceed what verifiers (ours included) accept."""


def issue_credential(certificate: Certificate) -> IssuedCredential:
    """The certificate's signed credential (JSON with an embedded proof, and VC-JWT).

    Signed on first call and stored: every later call, the PDF attachment and both downloads
    return the same bytes. Two concurrent first calls may both sign; only the first write is
    kept and both return it.
    """
    record = credential_record(certificate)
    if record.is_signed:
        return record
    keys = issuer_keys()
    key = signing_key(keys)
    jwt_key = jwt_signing_key(keys)
    credential = build_credential(certificate)
    now = timezone.now()
    signed = sign_credential(
        credential, key, verification_method=verification_method(key.key_id), created=now
    )
    credential_json = json.dumps(signed, indent=2, ensure_ascii=False)
    if len(credential_json.encode("utf-8")) > MAX_CREDENTIAL_BYTES:
        raise CredentialTooLarge(
            f"the credential of certificate {certificate.pk} is over {MAX_CREDENTIAL_BYTES} bytes"
        )
    IssuedCredential.objects.filter(pk=record.pk, credential_json="").update(
        credential_json=credential_json,
        credential_jwt=encode_vc_jwt(signed, jwt_key, kid=jwk_url(jwt_key.key_id)),
        key_id=key.key_id,
        signed_at=now,
    )
    record.refresh_from_db()
    return record
