"""Writes for webhooks: register, remove and re-enable an endpoint; fan a certificate's status
changes out to the endpoints of the employers who follow it; send one delivery (at least once,
with retries and backoff); replay one; re-send what a lost job or a killed worker left.

Sending happens in a job (employers.jobs.deliver_webhook), never in a request. Under rq a
failed attempt raises, so rq retries it after core.jobs.RETRY_INTERVALS; without Redis the
reconciler (``retry_due``, from the daily run and the tests) picks up what is due."""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateEvent
from core import jobs
from core.jobs import RETRY_INTERVALS

from .. import outbound, webhooks
from ..jobs import deliver_webhook as deliver_webhook_job
from ..jobs import send_endpoint_disabled as send_endpoint_disabled_job
from ..models import RosterEntry, WebhookAttempt, WebhookDelivery, WebhookEndpoint

MAX_ENDPOINTS = 5
# Failed attempts in a row (every retry counts) after which an endpoint is switched off and its
# owner e-mailed: three deliveries with all their retries, about an hour of failure.
DISABLE_AFTER_FAILURES = 3 * (len(RETRY_INTERVALS) + 1)
LEASE = timedelta(seconds=outbound.CONNECT_TIMEOUT + outbound.READ_TIMEOUT + 30)

TOO_MANY_ENDPOINTS = "You have registered the most endpoints allowed; remove one first."
UNKNOWN_EVENT = "Choose events from the list."


class DeliveryFailed(Exception):
    """Raised by the job after a failed attempt that will be retried, so rq retries it."""


# --- endpoints ---------------------------------------------------------------------------------


@transaction.atomic
def endpoint_create(
    *, employer, url: str, description: str = "", events: list[str] | None = None
) -> WebhookEndpoint:
    """Register an endpoint; its secret is on the returned object (show it once)."""
    try:
        outbound.check_url(url)
    except outbound.UnsafeAddress as error:
        raise ValidationError({"url": str(error)}) from error
    events = list(events or [])
    if any(event not in webhooks.EVENT_TYPES for event in events):
        raise ValidationError({"events": _(UNKNOWN_EVENT)})
    if WebhookEndpoint.objects.live().filter(employer=employer).count() >= MAX_ENDPOINTS:
        raise ValidationError(_(TOO_MANY_ENDPOINTS))
    endpoint = WebhookEndpoint(
        employer=employer,
        url=url,
        description=description.strip(),
        events=events,
        secret=webhooks.new_secret(),
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint


def _own_endpoint(*, employer, endpoint_id: int) -> WebhookEndpoint:
    return WebhookEndpoint.objects.live().get(pk=endpoint_id, employer=employer)


@transaction.atomic
def endpoint_remove(*, employer, endpoint_id: int) -> None:
    """Stop sending; pending deliveries are dropped. The log stays readable for the record."""
    endpoint = _own_endpoint(employer=employer, endpoint_id=endpoint_id)
    endpoint.removed_at = timezone.now()
    endpoint.save(update_fields=["removed_at"])
    endpoint.deliveries.filter(state=WebhookDelivery.State.PENDING).update(
        state=WebhookDelivery.State.FAILED, next_attempt_at=None
    )


@transaction.atomic
def endpoint_enable(*, employer, endpoint_id: int) -> WebhookEndpoint:
    """Switch a disabled endpoint back on (the employer fixed their receiver)."""
    endpoint = _own_endpoint(employer=employer, endpoint_id=endpoint_id)
    endpoint.disabled_at = None
    endpoint.disabled_reason = ""
    endpoint.disabled_emailed_at = None
    endpoint.consecutive_failures = 0
    endpoint.save(
        update_fields=[
            "disabled_at",
            "disabled_reason",
            "disabled_emailed_at",
            "consecutive_failures",
        ]
    )
    return endpoint


# --- fanning events out ------------------------------------------------------------------------


def _event_data(certificate: Certificate, event: CertificateEvent, label: str) -> dict:
    newer = getattr(certificate, "superseded_by", None)
    return {
        "certificate": {
            "code": certificate.code,
            "serial": certificate.serial,
            "holder_name": certificate.holder_name,
            "credential": certificate.version.program.credential_name,
            "status": certificate.public_status,
            "issued_on": certificate.issued_on,
            "expires_on": certificate.expires_on,
            "verification_url": certificate.verification_url,
        },
        "change": {
            "from": event.from_status,
            "to": event.to_status,
            "at": event.at,
            # Only a reason the issuer made public, like the verification page.
            "reason": event.reason if event.reason_public else None,
        },
        "replaced_by": (
            {"code": newer.code, "verification_url": newer.verification_url}
            if newer is not None and newer.status != Certificate.Status.PENDING
            else None
        ),
        "your_reference": label,
    }


def fan_out(*, certificate_id: int) -> int:
    """Deliveries for the status changes of this certificate (and the issue of the one that
    replaces it, a renewal) to every sending endpoint of every employer following it, for
    changes after the endpoint was registered and the certificate added to the roster. Safe to
    run twice: one delivery per endpoint and change (a unique constraint). Returns how many
    were created."""
    certificate = (
        Certificate.objects.select_related("version__program", "superseded_by__version__program")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        return 0
    followed = [certificate]
    newer = getattr(certificate, "superseded_by", None)
    entries = list(
        RosterEntry.objects.filter(certificate=certificate)
        .filter(employer__webhook_endpoints__removed_at__isnull=True)
        .filter(employer__webhook_endpoints__disabled_at__isnull=True)
        .select_related("employer")
        .distinct()
    )
    if not entries:
        return 0
    events = [(certificate, event) for event in certificate.events.all()]
    if newer is not None:
        # The renewal (or reissue) that replaced it: the employer hears it was issued.
        followed.append(newer)
        events += [
            (newer, event) for event in newer.events.filter(from_status=Certificate.Status.PENDING)
        ]
    created = 0
    for entry in entries:
        endpoints = WebhookEndpoint.objects.sending().filter(employer=entry.employer)
        for endpoint in endpoints:
            for subject, event in events:
                if event.at < max(endpoint.created_at, entry.added_at):
                    continue
                kind = webhooks.event_type(
                    from_status=event.from_status,
                    to_status=event.to_status,
                    renewal=subject.cycle > 1,
                )
                if kind is None or not endpoint.wants(kind):
                    continue
                created += _delivery_create(
                    endpoint=endpoint,
                    event_type=kind,
                    event_key=f"certificate-event:{event.pk}",
                    certificate=subject,
                    body=webhooks.body(
                        event=kind,
                        at=event.at,
                        data=_event_data(subject, event, entry.label),
                    ),
                )
            if endpoint.wants(webhooks.PUBLIC_ACTION):
                created += _public_actions_out(endpoint=endpoint, entry=entry)
    return created


def _public_actions_out(*, endpoint: WebhookEndpoint, entry: RosterEntry) -> int:
    """The board's published actions on the followed certificate (certificates.PublicAction),
    as the public sees them: kind, dates, summary."""
    certificate = entry.certificate
    created = 0
    since = max(endpoint.created_at, entry.added_at)
    for action in certificate.public_actions.filter(recorded_at__gte=since):
        created += _delivery_create(
            endpoint=endpoint,
            event_type=webhooks.PUBLIC_ACTION,
            event_key=f"public-action:{action.pk}",
            certificate=certificate,
            body=webhooks.body(
                event=webhooks.PUBLIC_ACTION,
                at=action.recorded_at,
                data={
                    "certificate": {
                        "code": certificate.code,
                        "serial": certificate.serial,
                        "holder_name": certificate.holder_name,
                        "status": certificate.public_status,
                        "verification_url": certificate.verification_url,
                    },
                    "public_action": action.as_public(),
                    "your_reference": entry.label,
                },
            ),
        )
    return created


def fan_out_recent(*, days: int = 2) -> int:
    """The daily catch-up: changes the nightly sweep made without a signal (expiries) and any
    fan-out a lost job missed, for certificates on a roster with a sending endpoint."""
    since = timezone.now() - timedelta(days=days)
    ids = (
        CertificateEvent.objects.filter(at__gte=since)
        .filter(
            Q(certificate__roster_entries__employer__webhook_endpoints__removed_at__isnull=True)
            & Q(certificate__roster_entries__employer__webhook_endpoints__disabled_at__isnull=True)
        )
        .values_list("certificate_id", flat=True)
        .distinct()
    )
    return sum(fan_out(certificate_id=certificate_id) for certificate_id in ids)


def _delivery_create(*, endpoint, event_type: str, event_key: str, certificate, body) -> int:
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(
                endpoint=endpoint,
                message_id=webhooks.new_message_id(),
                event_type=event_type,
                event_key=event_key,
                certificate=certificate,
                body=body,
                next_attempt_at=timezone.now(),
            )
            jobs.enqueue(deliver_webhook_job, delivery.pk)
    except IntegrityError:
        return 0
    return 1


# --- sending -----------------------------------------------------------------------------------


def _claim(delivery_id: int) -> bool:
    """Take the delivery's lease: only one attempt at a time, and none after it is settled."""
    now = timezone.now()
    return bool(
        WebhookDelivery.objects.filter(pk=delivery_id, state=WebhookDelivery.State.PENDING)
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
        .update(leased_until=now + LEASE)
    )


def deliver(*, delivery_id: int, clock=time.time) -> str:
    """One attempt at one delivery. Returns the delivery's state afterwards (delivered,
    failed for good, or skipped when another attempt holds it or it is settled); raises
    DeliveryFailed when the attempt failed and another will follow, so rq retries it."""
    if not _claim(delivery_id):
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("endpoint__employer").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if not endpoint.is_sending:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            state=WebhookDelivery.State.FAILED, leased_until=None, next_attempt_at=None
        )
        return WebhookDelivery.State.FAILED
    timestamp = int(clock())
    outcome = outbound.post(
        endpoint.url,
        body=delivery.body,
        headers=webhooks.headers(
            secret=endpoint.secret,
            message_id=delivery.message_id,
            timestamp=timestamp,
            body=delivery.body,
        ),
    )
    state = _record(delivery=delivery, outcome=outcome)  # committed: the attempt is logged
    if state == WebhookDelivery.State.PENDING:
        raise DeliveryFailed(f"attempt failed ({outcome.error or outcome.status_code}); retried")
    return state


@transaction.atomic
def _record(*, delivery: WebhookDelivery, outcome: outbound.Outcome) -> str:
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery,
        at=now,
        status_code=outcome.status_code,
        error=outcome.error or ("" if outcome.ok else f"HTTP {outcome.status_code}"),
        duration_ms=outcome.duration_ms,
        succeeded=outcome.ok,
    )
    attempts = delivery.attempts + 1
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    if outcome.ok:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            state=WebhookDelivery.State.DELIVERED,
            attempts=attempts,
            delivered_at=now,
            leased_until=None,
            next_attempt_at=None,
        )
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
        return WebhookDelivery.State.DELIVERED
    delay = webhooks.next_attempt_delay(attempts, RETRY_INTERVALS)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=WebhookDelivery.State.PENDING if delay is not None else WebhookDelivery.State.FAILED,
        attempts=attempts,
        leased_until=None,
        next_attempt_at=now + timedelta(seconds=delay) if delay is not None else None,
    )
    failures = endpoint.consecutive_failures + 1
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    if failures >= DISABLE_AFTER_FAILURES and endpoint.disabled_at is None:
        _disable(endpoint=endpoint, at=now, failures=failures)
        return WebhookDelivery.State.FAILED
    return WebhookDelivery.State.PENDING if delay is not None else WebhookDelivery.State.FAILED


def _disable(*, endpoint: WebhookEndpoint, at, failures: int) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        disabled_at=at,
        disabled_reason=f"{failures} failed attempts in a row",
    )
    # Nothing more is sent to it: its waiting deliveries stay in the log, failed.
    WebhookDelivery.objects.filter(endpoint=endpoint, state=WebhookDelivery.State.PENDING).update(
        state=WebhookDelivery.State.FAILED, next_attempt_at=None, leased_until=None
    )
    jobs.enqueue(send_endpoint_disabled_job, endpoint.pk)


@transaction.atomic
def replay(*, employer, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again, with the same webhook-id (a receiver that handled it ignores it)
    and a fresh round of retries."""
    delivery = WebhookDelivery.objects.select_for_update().get(
        pk=delivery_id, endpoint__employer=employer, endpoint__removed_at__isnull=True
    )
    if not delivery.endpoint.is_sending:
        raise ValidationError(_("Switch the endpoint back on first."))
    delivery.state = WebhookDelivery.State.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.leased_until = None
    delivery.save(update_fields=["state", "attempts", "next_attempt_at", "leased_until"])
    jobs.enqueue(deliver_webhook_job, delivery.pk)
    return delivery


def retry_due(*, now=None) -> int:
    """Re-enqueue deliveries whose next attempt is due and that nobody is sending: what a
    lost job, a Redis outage or a killed worker (its lease expired) left behind. Each is
    claimed before sending, so enqueuing one twice sends it once."""
    now = now or timezone.now()
    ids = list(
        WebhookDelivery.objects.filter(
            state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
        .values_list("pk", flat=True)[:1000]
    )
    for delivery_id in ids:
        with transaction.atomic():
            jobs.enqueue(deliver_webhook_job, delivery_id)
    return len(ids)
