"""Public endpoints: a certificate's credential (JSON-LD with its proof, and VC-JWT), the status
lists, the issuer's profile (a page for people, its controller document for machines), its DID
document and its keys. No account, no cookies needed; CORS is open on the machine-readable ones
because wallets and verifiers fetch them from other origins."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from certificates.keys import IssuerKeyError
from certificates.models import Certificate, normalise_code
from core.ratelimit import ratelimit

from .issuer import (
    controller_document,
    did_document,
    issuer_id,
    issuer_keys,
    jwk_document,
    jwks_document,
)
from .jwt import MEDIA_TYPE as JWT_MEDIA_TYPE
from .models import StatusList, StatusPurpose
from .openbadges import EDITION_LANGUAGES, achievement_edition, version_of_achievement
from .services import issue_credential
from .status import current_list, signed_status_list

# The VC 2.0 Recommendation registers application/vc for credentials secured in place.
VC_MEDIA_TYPE = "application/vc"
NOT_FOUND = "No certificate has this code."
SIGNING_UNAVAILABLE = "Credential signing is not available right now."


def _public(response: HttpResponse, *, cache: str = "no-store") -> HttpResponse:
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _error(message: str, status: int) -> HttpResponse:
    return _public(JsonResponse({"detail": message}, status=status))


def _issued_certificate(code: str) -> Certificate | None:
    # One query: the certificate and its stored credential together.
    return (
        Certificate.objects.select_related("issued_credential")
        .exclude(status=Certificate.Status.PENDING)
        .filter(code=normalise_code(code))
        .first()
    )


def _signed_record(code: str):
    certificate = _issued_certificate(code)
    if certificate is None:
        return None, _error(NOT_FOUND, 404)
    record = getattr(certificate, "issued_credential", None)
    if record is None or not record.is_signed:
        # Certificates issued before credentials existed get theirs on first request.
        try:
            record = issue_credential(
                Certificate.objects.select_related("holder", "version__program").get(
                    pk=certificate.pk
                )
            )
        except IssuerKeyError:
            return None, _error(SIGNING_UNAVAILABLE, 503)
    return record, None


# The same budget per client as the verification page they belong to (RATELIMIT_VERIFY_PAGE),
# counted separately so that opening a page and its credential is not twice the cost.
@ratelimit("verify-credential", rate_setting="RATELIMIT_VERIFY_PAGE")
@require_safe
def credential_json(request, code: str):
    record, error = _signed_record(code)
    if error:
        return error
    response = HttpResponse(record.credential_json.encode("utf-8"), content_type=VC_MEDIA_TYPE)
    response["Content-Disposition"] = 'inline; filename="credential.json"'
    return _public(response)


@ratelimit("verify-credential", rate_setting="RATELIMIT_VERIFY_PAGE")
@require_safe
def credential_jwt(request, code: str):
    record, error = _signed_record(code)
    if error:
        return error
    response = HttpResponse(record.credential_jwt.encode("ascii"), content_type=JWT_MEDIA_TYPE)
    response["Content-Disposition"] = 'inline; filename="credential.jwt"'
    return _public(response)


@require_safe
def status_list(request, slug: str):
    status_list = StatusList.objects.filter(slug=slug).first()
    if status_list is None and slug in StatusPurpose.values:
        # The first list of each purpose is published even before any credential uses it.
        status_list = current_list(slug)
    if status_list is None:
        return _error("No status list has this name.", 404)
    try:
        payload = signed_status_list(status_list)
    except IssuerKeyError:
        return _error(SIGNING_UNAVAILABLE, 503)
    # Verifiers must see a revocation on their next fetch: nothing may keep a copy.
    return _public(HttpResponse(payload, content_type=VC_MEDIA_TYPE))


def _keys_or_error():
    try:
        return issuer_keys(), None
    except IssuerKeyError:
        return None, _error("The issuer has no keys yet.", 404)


@require_safe
def jwks(request):
    keys, error = _keys_or_error()
    if error:
        return error
    body = json.dumps(jwks_document(keys), indent=2).encode("utf-8")
    return _public(HttpResponse(body, content_type="application/jwk-set+json"), cache="no-cache")


def _json(document: dict, content_type: str) -> HttpResponse:
    body = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    return _public(HttpResponse(body, content_type=content_type), cache="no-cache")


@require_safe
def achievement_edition_json(request, key: str, language: str):
    """A credential's achievement in another language: the address its ``related`` names."""
    version = version_of_achievement(key) if language in EDITION_LANGUAGES else None
    if version is None:
        return _error("No achievement has this address.", 404)
    return _json(achievement_edition(version, language), "application/ld+json")


@require_safe
def issuer_profile_json(request):
    keys, error = _keys_or_error()
    if error:
        return error
    return _json(controller_document(keys), "application/ld+json")


# What /issuer/ can answer, in order of preference when the client does not mind (*/*): people
# get the page, machines that ask for JSON get the controller document of the https key URLs
# older credentials name (``…/issuer/#<key id>``), which must dereference to JSON, not HTML.
_PROFILE_TYPES = ["text/html", "application/ld+json", "application/json"]


@require_safe
def issuer_profile(request):
    preferred = request.get_preferred_type(_PROFILE_TYPES) or "text/html"
    links = [
        f'<{reverse("issuer_profile_json")}>; rel="alternate"; type="application/ld+json"',
        f'<{reverse("issuer_did_document")}>; rel="alternate"; type="application/did+json"',
    ]
    if preferred == "text/html":
        response = render(
            request,
            "credentials/issuer.html",
            {
                "issuer_name": settings.PEERCERT_ISSUER_NAME,
                "issuer_did": issuer_id(),
                "site_url": settings.SITE_URL,
            },
        )
    else:
        keys, error = _keys_or_error()
        if error:
            return error
        response = _json(controller_document(keys), preferred)
        links[0] = f'<{reverse("issuer_profile")}>; rel="alternate"; type="text/html"'
    # The same URL gives different bodies: caches must key on Accept.
    patch_vary_headers(response, ["Accept"])
    response["Link"] = ", ".join(links)
    return response


@require_safe
def issuer_did_document(request):
    keys, error = _keys_or_error()
    if error:
        return error
    return _json(did_document(keys), "application/did+json")


@require_safe
def jwk(request, key_id: str):
    """What a VC-JWT's ``kid`` dereferences to: that one public key."""
    keys, error = _keys_or_error()
    if error:
        return error
    document = jwk_document(keys, key_id)
    if document is None:
        return _error("No key has this id.", 404)
    return _json(document, "application/jwk+json")
