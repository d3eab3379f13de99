"""Writes for employers' tools and trainees' share links. Keyword-only, typed; errors as
module constants that views and tests reuse."""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import CODE_ALPHABET, Certificate
from core import jobs
from core.decisions import resend_lost, send_once
from courses.permissions import EMPLOYERS_GROUP
from verification.selectors import MAX_BATCH_CODES, lookup_code

from .models import ApiKey, EmployerAccessRequest, RosterEntry, RosterNotification, ShareLink

logger = logging.getLogger(__name__)

CODE_NOT_FOUND = "No issued certificate has this code."
ALREADY_ON_ROSTER = "This certificate is already on your roster."
CSV_TOO_MANY_ROWS = "The file has more than {limit} codes. Split it and upload the parts."
CSV_EMPTY = "The file has no codes in it."
CSV_UNREADABLE = "The file could not be read as CSV text."
EMPLOYER_NOT_FOUND_MESSAGE = "This link is not available."

MAX_BULK_CODES = MAX_BATCH_CODES
API_KEY_PREFIX = "pck_"
# Don't write last_used_at on every request: once per this interval is enough to answer
# "is this key still used?" and keeps a verification at one query.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def sha256_text(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


# --- who is an employer -----------------------------------------------------------------------


def is_employer(user) -> bool:
    """Members of the "Employers" group. Cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_peercert_is_employer", None)
    if cached is None:
        cached = user.groups.filter(name=EMPLOYERS_GROUP).exists()
        user._peercert_is_employer = cached
    return cached


# --- API keys ---------------------------------------------------------------------------------


def _new_prefix() -> str:
    return "".join(secrets.choice(CODE_ALPHABET.lower()) for _ in range(8))


@transaction.atomic
def api_key_create(*, employer, name: str) -> tuple[ApiKey, str]:
    """A new key and its plaintext, which is never stored and never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name.")})
    prefix = _new_prefix()
    plaintext = f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"  # 256 random bits
    key = ApiKey(
        employer=employer, name=name[:100], prefix=prefix, secret_sha256=sha256_text(plaintext)
    )
    key.full_clean(exclude=["employer"])
    key.save()
    return key, plaintext


@transaction.atomic
def api_key_revoke(*, employer, key_id: int) -> ApiKey:
    key = ApiKey.objects.select_for_update().get(pk=key_id, employer=employer)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def _looks_like_api_key(raw: str) -> bool:
    return raw.startswith(API_KEY_PREFIX) and 40 <= len(raw) <= 100 and raw.isascii()


def api_key_authenticate(raw: str) -> ApiKey | None:
    """The active key for ``raw``, or None. One query (plus, at most every few minutes, an
    update of last_used_at). Keys of accounts no longer active or no longer employers stop
    working too."""
    raw = raw.strip()
    if not _looks_like_api_key(raw):
        return None
    key = (
        ApiKey.objects.active()
        .filter(
            secret_sha256=sha256_text(raw),
            employer__is_active=True,
            employer__groups__name=EMPLOYERS_GROUP,
        )
        .only("pk", "employer_id", "prefix", "last_used_at")
        .first()
    )
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


# --- roster -----------------------------------------------------------------------------------


@transaction.atomic
def roster_add(*, employer, code: str, label: str = "") -> RosterEntry:
    stored = lookup_code(code)
    certificate = Certificate.objects.issued().filter(code=stored).first() if stored else None
    if certificate is None:
        raise ValidationError({"code": _(CODE_NOT_FOUND)})
    try:
        with transaction.atomic():
            return RosterEntry.objects.create(
                employer=employer,
                certificate=certificate,
                label=label.strip()[:100],
                last_notified_status=certificate.public_status,
            )
    except IntegrityError as error:
        raise ValidationError({"code": _(ALREADY_ON_ROSTER)}) from error


def roster_remove(*, employer, entry_id: int) -> None:
    deleted, _count = RosterEntry.objects.filter(pk=entry_id, employer=employer).delete()
    if not deleted:
        raise RosterEntry.DoesNotExist


def notify_roster_changes(*, certificate_ids: Iterable[int] | None = None) -> int:
    """Compare each roster entry's last-notified status with its certificate's live public
    status and, for each difference, record one notification and enqueue its e-mail.

    Idempotent and safe to run concurrently: the entry's status moves by a conditional update,
    so only one run claims a change, and the notification row is unique per change. Expiry
    needs no event: ``public_status`` reads expired past the expiry date, so a nightly call
    without arguments notifies expiries too. Returns the number of notifications created.
    """
    entries = RosterEntry.objects.select_related("certificate")
    if certificate_ids is not None:
        entries = entries.filter(certificate_id__in=list(certificate_ids))
    created = 0
    for entry in entries.iterator(chunk_size=500):
        current = entry.certificate.public_status
        if current == entry.last_notified_status or current == Certificate.Status.PENDING:
            continue
        with transaction.atomic():
            claimed = RosterEntry.objects.filter(
                pk=entry.pk,
                last_notified_status=entry.last_notified_status,
                notifications_sent=entry.notifications_sent,
            ).update(last_notified_status=current, notifications_sent=entry.notifications_sent + 1)
            if not claimed:
                continue  # another run got there first
            notification = RosterNotification.objects.create(
                entry=entry,
                certificate=entry.certificate,
                status=current,
                previous_status=entry.last_notified_status,
                sequence=entry.notifications_sent + 1,
            )
            from .jobs import send_roster_notification

            jobs.enqueue(send_roster_notification, notification.pk)
        created += 1
    return created


def resend_unsent_notifications(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Re-enqueue e-mails whose send failed (SMTP down, a worker killed mid-job). Sending
    claims the row first, so one enqueued twice is still sent once."""
    from .jobs import send_roster_notification

    cutoff = timezone.now() - older_than
    ids = list(
        RosterNotification.objects.filter(sent_at__isnull=True, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:1000]
    )
    for notification_id in ids:
        jobs.enqueue(send_roster_notification, notification_id)
    return len(ids)


SUBJECT = "A certificate on your PeerCert roster has changed"


def send_roster_notification(*, notification_id: int) -> bool:
    """Send one notification's e-mail, once (core.decisions.send_once)."""

    def context(notification) -> dict:
        certificate = notification.certificate
        newer = getattr(certificate, "superseded_by", None)
        return {
            "notification": notification,
            "certificate": certificate,
            "status_label": Certificate.Status(notification.status).label,
            "previous_label": Certificate.Status(notification.previous_status).label
            if notification.previous_status in Certificate.Status.values
            else "",
            "newer": newer if newer and newer.status != Certificate.Status.PENDING else None,
            "label": notification.entry.label,
        }

    return send_once(
        RosterNotification.objects.select_related(
            "entry__employer", "certificate__version__program", "certificate__superseded_by"
        ),
        notification_id,
        subject=SUBJECT,
        template="employers/email/roster_change.txt",
        context=context,
        recipient=lambda notification: notification.entry.employer.email,
        field="sent_at",
    )


# --- bulk verification ------------------------------------------------------------------------


def parse_codes_csv(data: bytes, *, limit: int = MAX_BULK_CODES) -> list[str]:
    """Codes from an uploaded CSV: a column headed ``code`` if there is one, else the first
    column of every row. Blank rows are skipped; more than ``limit`` codes is an error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel on Windows
        except UnicodeDecodeError as error:
            raise ValidationError(_(CSV_UNREADABLE)) from error
    if "\x00" in text:
        raise ValidationError(_(CSV_UNREADABLE))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [
            row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)
        ]
    except csv.Error as error:
        raise ValidationError(_(CSV_UNREADABLE)) from error
    column = 0
    if rows:
        header = [cell.strip().lower() for cell in rows[0]]
        if "code" in header:
            column = header.index("code")
            rows = rows[1:]
        elif header and header[0] in {"verification code", "verification_code", "codes"}:
            rows = rows[1:]
    codes = [row[column].strip() for row in rows if len(row) > column and row[column].strip()]
    if not codes:
        raise ValidationError(_(CSV_EMPTY))
    if len(codes) > limit:
        raise ValidationError(_(CSV_TOO_MANY_ROWS).format(limit=limit))
    return codes


CSV_COLUMNS = ["code", "status", "holder_name", "credential", "issued_on", "expires_on"]


def _csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def results_csv(results: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in results:
        writer.writerow([_csv_safe(row.get(column)) for column in CSV_COLUMNS])
    return out.getvalue()


# --- share links ------------------------------------------------------------------------------


SHARE_RESULTS_NEED_TRANSCRIPT = "Tick “include my transcript” to share assessment results."
SHARE_RESULT_UNKNOWN = "Choose among your own graded assessments."


def shareable_assessment_results(*, holder) -> list[dict]:
    """The results a trainee may put on a shared transcript: the transcript's own choices."""
    from continuing_education.transcript import assessment_results

    return assessment_results(user=holder)


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


class ShareLinkGone(Exception):
    """The link existed but is revoked or expired."""


class ShareLinkNeedsSignIn(Exception):
    """The link is for one employer account; the viewer has not signed in."""


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


def shared_transcript(link: ShareLink):
    """The holder's transcript as this link shares it: the transcript builder's own output,
    with the assessment results chosen for the link, and never the e-mail address (the
    transcript falls back to it when no name is given)."""
    from dataclasses import replace

    from continuing_education.transcript import transcript_for

    holder = link.holder
    transcript = transcript_for(
        user=holder, include_assessments=frozenset(link.transcript_assessments or ())
    )
    return replace(transcript, holder_name=shared_holder_name(holder))


def shared_holder_name(holder) -> str:
    return holder.get_full_name() or _("(name not given)")


# --- employer access --------------------------------------------------------------------------

ACCESS_ALREADY_GRANTED = "Your account already has the employer tools."
ACCESS_SUBJECT = "Your request for PeerCert employer tools was reviewed"


@transaction.atomic
def employer_access_request(*, user, organisation: str) -> EmployerAccessRequest:
    """Ask for the employer tools; a newer request replaces one still waiting."""
    if is_employer(user):
        raise ValidationError(_(ACCESS_ALREADY_GRANTED))
    EmployerAccessRequest.objects.filter(
        user=user, status=EmployerAccessRequest.Status.PENDING
    ).delete()
    return EmployerAccessRequest.objects.create(user=user, organisation=organisation.strip())


@transaction.atomic
def employer_access_decide(
    *, request_id: int, actor, approve: bool, reason: str = ""
) -> EmployerAccessRequest:
    """Approve: the person joins the Employers group. Decline: the reason is shown to them.
    Either way they are e-mailed once."""
    from django.contrib.auth.models import Group

    from courses.permissions import ensure_role_groups

    access = EmployerAccessRequest.objects.select_for_update().get(pk=request_id)
    access.decide(
        actor=actor,
        approve=approve,
        reason=reason,
        decline_needs=_("Say why access is declined; the person sees it."),
    )
    if approve:
        ensure_role_groups()
        access.user.groups.add(Group.objects.get(name=EMPLOYERS_GROUP))
    from .jobs import send_access_decision

    jobs.enqueue(send_access_decision, access.pk)
    return access


def send_access_decision(*, request_id: int) -> bool:
    return send_once(
        EmployerAccessRequest.objects.exclude(
            status=EmployerAccessRequest.Status.PENDING
        ).select_related("user"),
        request_id,
        subject=ACCESS_SUBJECT,
        template="employers/email/access_decision.txt",
        context=lambda access: {"access": access, "approved": access.approved},
        recipient=lambda access: access.user.email,
    )


def access_decision_emails_due() -> int:
    """Recent decisions on employer access whose e-mail was lost: enqueue them again."""
    from .jobs import send_access_decision as decision_job

    return resend_lost(
        EmployerAccessRequest.objects.exclude(status=EmployerAccessRequest.Status.PENDING),
        decision_job,
        when="decided_at",
    )
