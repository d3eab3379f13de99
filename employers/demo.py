"""The demo employer's side: a roster that already follows the two demo certificates, and a link
the certified trainee shared with them (transcript included), so /employer/ and /shared/… show
what an employer actually sees."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from certificates.models import Certificate

from .models import RosterEntry, ShareLink
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
