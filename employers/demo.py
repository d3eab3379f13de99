"""The demo employer's side: a roster that already follows the two demo certificates, and a link
the certified trainee shared with them (transcript included), so /employer/ and /shared/… show
what an employer actually sees."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from certificates.models import Certificate

from .models import EmployerAccessRequest, RosterEntry, ShareLink
from .services.share_links import share_link_create

EMPLOYER = "employer@example.org"
FOLLOWED = [
    ("certified@example.org", "Peer support team, Riverside clinic"),
    ("renewal@example.org", "Night outreach van"),
]


def seed_employer(*, users: dict) -> list[str]:
    employer = users[EMPLOYER]
    for email, label in FOLLOWED:
        # Followed as the valid certificates they are (certificates.demo issues them as the seed
        # runs; a pending one would be valid by the time anyone looks): their issuance is not
        # announced to the employer as a change, nor flagged as one on the roster.
        certificate = (
            Certificate.objects.filter(
                holder__email=email,
                status__in=[Certificate.Status.PENDING, Certificate.Status.VALID],
            )
            .order_by("-cycle", "-reissue")
            .first()
        )
        if certificate is not None:
            RosterEntry.objects.get_or_create(
                employer=employer,
                certificate=certificate,
                defaults={
                    "label": label,
                    "last_notified_status": Certificate.Status.VALID,
                    "seen_status": Certificate.Status.VALID,
                },
            )

    holder = users["certified@example.org"]
    if ShareLink.objects.filter(holder=holder, employer_email=employer.email).exists():
        return []  # its token was printed when it was made; it is stored only hashed
    _link, token = share_link_create(
        holder=holder,
        label="Application: peer recovery specialist, Riverside clinic",
        employer_email=employer.email,
        include_transcript=True,
    )
    url = f"{settings.SITE_URL}{reverse('employers:shared', args=[token])}"
    return [f"Demo share link (certified@example.org → {EMPLOYER}, with transcript): {url}"]


# --- the demo employer's integrations: a webhook endpoint and a verification report ------------

DEMO_ENDPOINT = "https://hooks.example.org/peercert"
DEMO_ENDPOINT_NOTE = "Riverside HR system (demo: this address does not exist)"
DEMO_FAILURE = "Refused: The host name does not resolve."
DEMO_ORGANISATION = "Riverside Community Clinic"


def seed_integrations(*, users: dict) -> list[str]:
    """Idempotent: the demo billing rules (payers.demo), one webhook endpoint whose address
    plainly fails — so its log shows a delivery tried five times with backoff and given up —
    and one primary-source verification report on certified@'s certificate."""
    from datetime import timedelta

    from django.utils import timezone

    from core.jobs import RETRY_INTERVALS
    from payers.demo import seed_billing_rules

    from . import webhooks
    from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
    from .services.reports import report_for_roster_entry
    from .services.webhooks import _event_data

    employer = users[EMPLOYER]
    entry = (
        RosterEntry.objects.filter(employer=employer, certificate__holder__email=FOLLOWED[0][0])
        .select_related("certificate__version__program")
        .first()
    )
    if entry is None:
        return []
    seed_billing_rules(program=entry.certificate.version.program)
    # The organisation the tools were approved for: what the report says verified it. Marked
    # e-mailed, so seeding sends nobody a decision.
    if not EmployerAccessRequest.objects.filter(user=employer, status="approved").exists():
        EmployerAccessRequest.objects.create(
            user=employer,
            organisation=DEMO_ORGANISATION,
            status=EmployerAccessRequest.Status.APPROVED,
            requested_at=timezone.now() - timedelta(days=30),
            decided_at=timezone.now() - timedelta(days=29),
            decision_emailed_at=timezone.now() - timedelta(days=29),
        )

    endpoint = WebhookEndpoint.objects.filter(employer=employer, url=DEMO_ENDPOINT).first()
    if endpoint is None:
        now = timezone.now()
        endpoint = WebhookEndpoint.objects.create(
            employer=employer,
            url=DEMO_ENDPOINT,
            description=DEMO_ENDPOINT_NOTE,
            secret=webhooks.new_secret(),
            created_at=now - timedelta(days=3),
            consecutive_failures=len(RETRY_INTERVALS) + 1,
        )
        event = entry.certificate.events.order_by("-at").first()
        if event is not None:
            kind = webhooks.event_type(
                from_status=event.from_status,
                to_status=event.to_status,
                renewal=entry.certificate.cycle > 1,
            )
            first_try = now - timedelta(days=2)
            delivery = WebhookDelivery.objects.create(
                endpoint=endpoint,
                message_id=webhooks.new_message_id(),
                event_type=kind,
                event_key=f"certificate-event:{event.pk}",
                certificate=entry.certificate,
                body=webhooks.body(
                    event=kind, at=event.at, data=_event_data(entry.certificate, event, entry.label)
                ),
                state=WebhookDelivery.State.FAILED,
                attempts=len(RETRY_INTERVALS) + 1,
                created_at=first_try,
            )
            at = first_try
            for wait in [0, *RETRY_INTERVALS]:
                at += timedelta(seconds=wait)
                WebhookAttempt.objects.create(
                    delivery=delivery, at=at, error=DEMO_FAILURE, duration_ms=3
                )

    if not entry.certificate.verification_reports.filter(requested_by=employer).exists():
        report_for_roster_entry(employer=employer, entry_id=entry.pk)
    report = entry.certificate.verification_reports.filter(requested_by=employer).first()
    return [f"Demo verification report ({EMPLOYER}): {report.verification_url}"] if report else []
