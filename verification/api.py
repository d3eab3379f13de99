"""The JSON verification API under /api/v1/ (django-ninja), schema at /api/v1/openapi.json.

Access: anonymous use is allowed, limited per client IP (``RATELIMIT_VERIFY_API_ANON``); an
employer's API key — ``Authorization: Bearer <key>`` or ``X-API-Key: <key>`` — gets a higher
limit per key (``RATELIMIT_VERIFY_API_KEY``). A key that is presented but unknown or revoked is
refused with 401 rather than silently treated as anonymous, so a broken integration notices.
A batch counts as one request: codes carry 100 random bits, so the limit protects capacity,
not the codes.

Errors are always JSON: ``{"message": <plain words>, "detail": <message or field errors>}``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyHeader, HttpBearer
from pydantic import StringConstraints
from wagtail import hooks

from core import ratelimit
from core.http import no_store

from .selectors import MAX_BATCH_CODES, public_record, verify_many

logger = logging.getLogger(__name__)

NOT_FOUND_MESSAGE = "No certificate has this code."
BAD_KEY_MESSAGE = "The API key is not valid or has been revoked."

# Keys are issued by an app above this one (employers, on their account page). A function
# registered under this name takes the key as presented and returns the active key it matches
# (anything with a ``pk``: the per-key rate limit counts on it) or None.
API_KEY_HOOK = "verification_api_key"
NO_API_KEY_CHECK = (
    "No app answers the 'verification_api_key' hook, so no API key can be checked. "
    "employers/wagtail_hooks.py registers it; is the employers app installed?"
)

StatusWord = Literal[
    "valid", "expired", "suspended", "revoked", "superseded", "inactive", "relinquished"
]
StageWord = Literal["provisional", "full"]


# --- who is calling ---------------------------------------------------------------------------


class IssuedKey(Protocol):
    pk: int


@dataclass(frozen=True, slots=True)
class ApiClient:
    key: IssuedKey | None = None

    @property
    def is_keyed(self) -> bool:
        return self.key is not None


def _client_for(token: str) -> ApiClient:
    checks = hooks.get_hooks(API_KEY_HOOK)
    if not checks:
        # A refused key is an answer the caller trusts; a site that cannot check keys at all
        # is misconfigured, and says so in its logs (500) rather than with a false 401.
        raise ImproperlyConfigured(NO_API_KEY_CHECK)
    key = next((key for check in checks if (key := check(token)) is not None), None)
    if key is None:
        raise AuthenticationError(401, BAD_KEY_MESSAGE)
    return ApiClient(key=key)


class BearerApiKey(HttpBearer):
    """``Authorization: Bearer <key>``. Other schemes (e.g. Basic from a proxy) are ignored."""

    def __call__(self, request: HttpRequest) -> ApiClient | None:
        # META, not request.headers: building the headers mapping costs more than the lookup.
        scheme, _, token = (request.META.get("HTTP_AUTHORIZATION") or "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient:
        return _client_for(token)


class HeaderApiKey(APIKeyHeader):
    """``X-API-Key: <key>``."""

    param_name = "X-API-Key"

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.META.get("HTTP_X_API_KEY")

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiClient | None:
        if not key:
            return None
        return _client_for(key)


def anonymous(request: HttpRequest) -> ApiClient:
    return ApiClient()


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def enforce_rate_limit(request: HttpRequest) -> None:
    client: ApiClient = request.auth  # type: ignore[attr-defined]
    if client.is_keyed:
        result = ratelimit.hit(
            request,
            scope="verify-api",
            key=f"key:{client.key.pk}",
            rate=settings.RATELIMIT_VERIFY_API_KEY,
        )
    else:
        result = ratelimit.hit(request, scope="verify-api", rate=settings.RATELIMIT_VERIFY_API_ANON)
    if result.limited:
        raise RateLimited(result.retry_after)


# --- the API ----------------------------------------------------------------------------------


class PeerCertApi(NinjaAPI):
    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        # A revocation must show on the very next call: nothing may cache an answer.
        no_store(response)
        if response.status_code in (404, 429):
            # Unknown codes and throttled floods are the normal traffic of a public lookup;
            # django.request would log each with its URL, i.e. the code tried.
            response._has_been_logged = True
        return response

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        # Keys are optional: the empty requirement says "or no authentication at all".
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if isinstance(operation, dict) and operation.get("security"):
                    operation["security"].append({})
        return schema


api = PeerCertApi(
    title="PeerCert verification API",
    version="1.0.0",
    description=(
        "Check PeerCert certificates by verification code. Anonymous use is rate-limited per "
        "client; employers get a higher limit with an API key from their account page, sent "
        "as `Authorization: Bearer <key>` or `X-API-Key: <key>`."
    ),
    urls_namespace="api_v1",
    docs_url=None,
    auth=[BearerApiKey(), HeaderApiKey(), anonymous],
)


class ErrorOut(Schema):
    message: str
    detail: Any = None


class RateLimitedOut(ErrorOut):
    retry_after: int


STATUS_DATE_DESCRIPTION = (
    "The day the certificate was suspended or revoked; null for any other status."
)
PUBLIC_REASON_DESCRIPTION = (
    "Why it was suspended or revoked, when the issuer made the reason public; otherwise null."
)


BILLABLE_IN_DESCRIPTION = (
    "Payers that recognise this credential for billing peer support (e.g. a state's Medicaid "
    "program), each with its source and the day the rule was last checked ('as_of'); empty "
    "unless the certificate is valid. 'demo' marks illustrative rules on a demo site."
)


class BillableOut(Schema):
    jurisdiction: str
    payer: str
    service: str
    source: str
    source_url: str
    citation: str
    as_of: date
    demo: bool


STAGE_DESCRIPTION = "provisional or full: a stage of the credential, not a status."
ENDORSEMENTS_DESCRIPTION = "Endorsements the certificate carries (code and name)."
PUBLIC_ACTIONS_DESCRIPTION = (
    "Disciplinary actions the board has made public: type (reprimand, conditions, probation, "
    "suspension, revocation, surrender), date, the day it ends where it ends (probation), the "
    "day it ended once it has (ended_on; null while in force), and the board's public summary. "
    "Nothing else of a complaint is ever published."
)


class EndorsementOut(Schema):
    code: str
    name: str


class PublicActionOut(Schema):
    type: Literal["reprimand", "conditions", "probation", "suspension", "revocation", "surrender"]
    date: date
    ends_on: date | None
    ended_on: date | None = None
    summary: str


class VerifyOut(Schema):
    status: StatusWord
    holder_name: str
    credential: str
    issued_on: date | None
    expires_on: date | None
    issuer: str
    status_date: date | None = Field(..., description=STATUS_DATE_DESCRIPTION)
    public_reason: str | None = Field(..., description=PUBLIC_REASON_DESCRIPTION)
    billable_in: list[BillableOut] = Field(..., description=BILLABLE_IN_DESCRIPTION)
    stage: StageWord = Field(..., description=STAGE_DESCRIPTION)
    endorsements: list[EndorsementOut] = Field(..., description=ENDORSEMENTS_DESCRIPTION)
    public_actions: list[PublicActionOut] = Field(..., description=PUBLIC_ACTIONS_DESCRIPTION)


class BatchIn(Schema):
    codes: list[Annotated[str, StringConstraints(max_length=64)]] = Field(
        ...,
        max_length=MAX_BATCH_CODES,
        description=f"Up to {MAX_BATCH_CODES} verification codes (case, spaces, dashes ignored).",
    )


class BatchItemOut(Schema):
    code: str = Field(..., description="The code as sent.")
    status: StatusWord | Literal["not_found"]
    holder_name: str | None
    credential: str | None
    issued_on: date | None
    expires_on: date | None
    issuer: str | None
    status_date: date | None = Field(..., description=STATUS_DATE_DESCRIPTION)
    public_reason: str | None = Field(..., description=PUBLIC_REASON_DESCRIPTION)
    billable_in: list[BillableOut] = Field(..., description=BILLABLE_IN_DESCRIPTION)
    stage: StageWord | None = Field(..., description=STAGE_DESCRIPTION)
    endorsements: list[EndorsementOut] = Field(..., description=ENDORSEMENTS_DESCRIPTION)
    public_actions: list[PublicActionOut] = Field(..., description=PUBLIC_ACTIONS_DESCRIPTION)


class BatchOut(Schema):
    results: list[BatchItemOut]


ERRORS = {400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: RateLimitedOut, 500: ErrorOut}


@api.get(
    "/verify/{path:code}",
    response={200: VerifyOut, 404: ErrorOut, **ERRORS},
    summary="Verify one certificate",
    operation_id="verify_code",
)
def verify_code(request, code: str):
    """The live public record of the certificate with this code; 404 if there is none."""
    enforce_rate_limit(request)
    record = public_record(code)
    # Rendered directly rather than through the response schema: the data is built from
    # plain columns already in the schema's shape, and this is the hottest path of the API
    # (schemathesis checks the output against the schema in the test suite).
    if record is None:
        return api.create_response(
            request, {"message": NOT_FOUND_MESSAGE, "detail": NOT_FOUND_MESSAGE}, status=404
        )
    return api.create_response(request, record.as_api(), status=200)


@api.post(
    "/verify",
    response={200: BatchOut, **ERRORS},
    summary="Verify many certificates",
    operation_id="verify_batch",
)
def verify_batch(request, payload: BatchIn):
    """One result per code, in the order sent; unknown codes have status ``not_found``."""
    enforce_rate_limit(request)
    return Status(200, {"results": verify_many(payload.codes)})


# --- errors: always JSON with a message -------------------------------------------------------


def _error(request, status: int, message: str, detail: Any = None, **extra):
    return api.create_response(
        request,
        {"message": message, "detail": message if detail is None else detail, **extra},
        status=status,
    )


@api.exception_handler(RateLimited)
def _rate_limited(request, exc: RateLimited):
    message = ratelimit.RATE_LIMITED_MESSAGE.format(seconds=exc.retry_after)
    response = _error(request, 429, message, retry_after=exc.retry_after)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    response = _error(request, 401, BAD_KEY_MESSAGE)
    response["WWW-Authenticate"] = 'Bearer realm="PeerCert API"'
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    too_many = any(
        error.get("type") == "too_long" and "codes" in error.get("loc", ()) for error in exc.errors
    )
    message = (
        f"Send at most {MAX_BATCH_CODES} codes per request."
        if too_many
        else "The request is not valid; see detail."
    )
    return _error(request, 422, message, detail=exc.errors)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "Not found.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc) or "Request refused.")


@api.exception_handler(Exception)
def _server_error(request, exc):
    logger.exception("API error on %s", request.path)
    return _error(request, 500, "Something went wrong on our side. Try again later.")
