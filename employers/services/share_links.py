"""Share links: a trainee's revocable link showing an employer more than the public page. The
token is shown once and stored only hashed; opening a link is counted for the trainee."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ShareLink, sha256_text
from ..selectors import is_employer, shareable_assessment_results

SHARE_RESULTS_NEED_TRANSCRIPT = "Tick “include my transcript” to share assessment results."
SHARE_RESULT_UNKNOWN = "Choose among your own graded assessments."
EMPLOYER_NOT_FOUND_MESSAGE = "This link is not available."


class ShareLinkGone(Exception):
    """The link existed but is revoked or expired."""


class ShareLinkNeedsSignIn(Exception):
    """The link is for one employer account; the viewer has not signed in."""


@transaction.atomic
def share_link_create(
    *,
    holder,
    label: str = "",
    employer_email: str = "",
    expires_at: datetime | None = None,
    include_transcript: bool = False,
    transcript_assessments: Iterable[int] = (),
) -> tuple[ShareLink, str]:
    """A new link and its token (128+ random bits), shown once and stored only hashed.

    ``include_transcript`` lets the employer see the transcript and download its PDF and CSV;
    ``transcript_assessments`` are the assessments whose best result it shows (the trainee's
    own graded ones only)."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Choose a date in the future.")})
    chosen = sorted({int(pk) for pk in transcript_assessments})
    if chosen and not include_transcript:
        raise ValidationError({"transcript_assessments": _(SHARE_RESULTS_NEED_TRANSCRIPT)})
    if chosen:
        own = {row["id"] for row in shareable_assessment_results(holder=holder)}
        if not set(chosen) <= own:
            raise ValidationError({"transcript_assessments": _(SHARE_RESULT_UNKNOWN)})
    token = secrets.token_urlsafe(24)  # 192 bits
    link = ShareLink(
        holder=holder,
        label=label.strip()[:100],
        employer_email=employer_email.strip().lower(),
        expires_at=expires_at,
        include_transcript=bool(include_transcript),
        transcript_assessments=chosen,
        token_sha256=sha256_text(token),
    )
    link.full_clean(exclude=["holder"])
    link.save()
    return link, token


@transaction.atomic
def share_link_revoke(*, holder, link_id: int) -> ShareLink:
    link = ShareLink.objects.select_for_update().get(pk=link_id, holder=holder)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def share_link_open(*, token: str, viewer, transcript: bool = False) -> ShareLink:
    """The link for ``token`` if ``viewer`` may open it; records the access for the holder.

    Raises ShareLink.DoesNotExist for an unknown token or a viewer it is not meant for (so a
    restricted link reveals nothing to others), ShareLinkGone when revoked or expired, and
    ShareLinkNeedsSignIn when it is for one employer account and nobody is signed in.

    ``transcript=True`` is for the transcript files: a revoked or expired link, or one that
    does not share the transcript, is then ShareLink.DoesNotExist too — the same answer as an
    unknown token — and the access counts as a download rather than a view.
    """
    if not token or len(token) > 100:
        raise ShareLink.DoesNotExist
    link = (
        ShareLink.objects.select_related("holder").filter(token_sha256=sha256_text(token)).first()
    )
    if link is None:
        raise ShareLink.DoesNotExist
    if not link.is_usable:
        if transcript:
            raise ShareLink.DoesNotExist
        raise ShareLinkGone
    if link.employer_email:
        if not getattr(viewer, "is_authenticated", False):
            raise ShareLinkNeedsSignIn
        allowed = is_employer(viewer) and viewer.email.strip().lower() == link.employer_email
        if not allowed:
            raise ShareLink.DoesNotExist
    if transcript and not link.include_transcript:
        raise ShareLink.DoesNotExist
    now = timezone.now()
    counter = "transcript_downloads" if transcript else "view_count"
    ShareLink.objects.filter(pk=link.pk).update(last_viewed_at=now, **{counter: F(counter) + 1})
    setattr(link, counter, getattr(link, counter) + 1)
    link.last_viewed_at = now
    return link
