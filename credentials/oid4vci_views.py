"""HTTP side of "Add to wallet" (OpenID4VCI 1.0): the holder's offer page and the endpoints a
wallet calls. Protocol decisions live in credentials/oid4vci.py; this module parses requests,
rate-limits them and turns every refusal into the spec's error JSON."""

from __future__ import annotations

import json
import logging
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certificates.models import Certificate
from core.http import no_store
from core.ratelimit import hit

from . import oid4vci

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


def _json(document: dict[str, Any], *, status: int = 200, cache: bool = False) -> JsonResponse:
    response = JsonResponse(document, status=status)
    if cache:
        response["Cache-Control"] = "public, max-age=300"
    else:
        no_store(response)
    # Browser-based wallets read the metadata from another origin.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(error: oid4vci.Oid4vciError) -> JsonResponse:
    response = _json(error.body(), status=error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = f'Bearer error="{error.error}"'
    return response


def _limited(request: HttpRequest, scope: str) -> JsonResponse | None:
    result = hit(request, scope=scope, rate=getattr(settings, "RATELIMIT_OID4VCI", None))
    if not result.limited:
        return None
    response = _json(
        {"error": "invalid_request", "error_description": "too many requests"}, status=429
    )
    response["Retry-After"] = str(result.retry_after)
    return response


# --------------------------------------------------------------------------- metadata


@require_GET
def credential_issuer_metadata(request: HttpRequest) -> HttpResponse:
    return _json(oid4vci.issuer_metadata(), cache=True)


@require_GET
def authorization_server_metadata(request: HttpRequest) -> HttpResponse:
    return _json(oid4vci.authorization_server_metadata(), cache=True)


# --------------------------------------------------------------------------- wallet endpoints


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> HttpResponse:
    """Token endpoint (§ 6): form-encoded, pre-authorized code grant only."""
    if limited := _limited(request, "oid4vci-token"):
        return limited
    grant = request.POST.get("grant_type", "")
    try:
        if grant != oid4vci.PRE_AUTHORIZED_GRANT:
            raise oid4vci.Oid4vciError(
                "unsupported_grant_type", "only the pre-authorized code grant is supported"
            )
        if request.POST.get("tx_code"):
            raise oid4vci.Oid4vciError("invalid_request", "these offers have no tx_code")
        return _json(oid4vci.redeem_code(request.POST.get("pre-authorized_code", "")))
    except oid4vci.Oid4vciError as error:
        return _error(error)


@csrf_exempt
@require_POST
def nonce(request: HttpRequest) -> HttpResponse:
    """Nonce endpoint (§ 7)."""
    if limited := _limited(request, "oid4vci-nonce"):
        return limited
    return _json(oid4vci.new_nonce())


@csrf_exempt
@require_POST
def credential(request: HttpRequest) -> HttpResponse:
    """Credential endpoint (§ 8): JSON body, Bearer access token."""
    if limited := _limited(request, "oid4vci-credential"):
        return limited
    scheme, _sep, access_token = request.headers.get("Authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise oid4vci.Oid4vciError("invalid_token", "a Bearer access token is required")
        if len(request.body) > MAX_BODY_BYTES:
            raise oid4vci.Oid4vciError("invalid_credential_request", "the request is too large")
        try:
            body = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError) as error:
            raise oid4vci.Oid4vciError(
                "invalid_credential_request", "the body is not JSON"
            ) from error
        return _json(oid4vci.issue(access_token=access_token.strip(), request=body))
    except oid4vci.Oid4vciError as error:
        return _error(error)


# --------------------------------------------------------------------------- the holder's page


@login_required
@require_http_methods(["GET", "POST"])
def add_to_wallet(request: HttpRequest, code: str) -> HttpResponse:
    """GET: what adding to a wallet means; POST: a fresh offer as a QR code and a link."""
    certificate = (
        Certificate.objects.select_related("version__program")
        .filter(code=code, holder=request.user)
        .first()
    )
    if certificate is None:
        raise Http404(_("No such certificate."))
    context: dict[str, Any] = {"certificate": certificate}
    if request.method == "POST":
        if certificate.status != Certificate.Status.VALID:
            context["refused"] = _("Only a valid certificate can be added to a wallet.")
        elif hit(
            request,
            scope="oid4vci-offer",
            rate=getattr(settings, "RATELIMIT_OID4VCI_OFFER", None),
            key=f"user:{request.user.pk}",
        ).limited:
            context["refused"] = _("Too many offers just now. Try again in an hour.")
        else:
            offer, document = oid4vci.create_offer(certificate=certificate, holder=request.user)
            link = oid4vci.offer_link(document)
            context.update(
                offer=offer,
                link=link,
                qr_svg=segno.make(link, error="m").svg_inline(scale=4, dark="#111"),
            )
    response = render(request, "credentials/add_to_wallet.html", context)
    no_store(response)
    return response
