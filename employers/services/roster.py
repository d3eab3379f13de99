"""The roster: certificates an employer follows by code (one, or many from a CSV), what they
have seen of it, and the notifications due when one's public status changes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate
from core import jobs
from verification.selectors import lookup_code

from ..jobs import send_roster_notification as send_roster_notification_job
from ..models import RosterEntry, RosterNotification
from .bulk import CSV_UNREADABLE, decode_csv

CODE_NOT_FOUND = "No issued certificate has this code."
ALREADY_ON_ROSTER = "This certificate is already on your roster."
CODE_MALFORMED = "This is not a verification code (20 letters and digits, dashes allowed)."
LABEL_TOO_LONG = "Your reference is longer than 100 characters."
REPEATED_IN_FILE = "Already on line %(line)s of this file."
IMPORT_EMPTY = "The file has no codes in it."
IMPORT_TOO_MANY = "The file has more than %(limit)s codes. Split it and upload the parts."
MAX_IMPORT_ROWS = 500
LABEL_MAX = 100


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
                label=label.strip()[:LABEL_MAX],
                last_notified_status=certificate.public_status,
                seen_status=certificate.public_status,
            )
    except IntegrityError as error:
        raise ValidationError({"code": _(ALREADY_ON_ROSTER)}) from error


# --- many at once, from a CSV ---------------------------------------------------------------

# Outcomes of one line of an import.
ADD = "add"
ALREADY = "already"  # on the roster before: left as it is
REPEAT = "repeat"  # the same certificate earlier in the file
ERROR = "error"


@dataclass
class ImportLine:
    line: int  # in the file, header included, as a spreadsheet numbers rows
    code: str  # as written
    label: str = ""
    outcome: str = ERROR
    message: str = ""
    holder_name: str = ""
    credential: str = ""
    certificate_id: int | None = None


@dataclass
class RosterImport:
    lines: list[ImportLine] = field(default_factory=list)
    added: int = 0

    @property
    def errors(self) -> list[ImportLine]:
        return [line for line in self.lines if line.outcome == ERROR]

    @property
    def ok(self) -> bool:
        return bool(self.lines) and not self.errors

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def parse_roster_csv(data: bytes) -> list[tuple[int, str, str]]:
    """(line number, code, reference) for each non-blank row: a column headed ``code`` (and
    optionally ``reference`` or ``label``) if there is a header, else the first column (and the
    second as the reference). Raises ValidationError for a file that is not CSV text, has no
    codes or has too many."""
    text = decode_csv(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))
    except csv.Error as error:
        raise ValidationError(_(CSV_UNREADABLE)) from error
    rows = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    code_column, label_column = 0, 1
    if rows:
        header = [cell.strip().lower() for cell in rows[0][1]]
        if "code" in header or "verification code" in header:
            code_column = header.index("code" if "code" in header else "verification code")
            label_column = next(
                (
                    header.index(name)
                    for name in ("reference", "label", "your reference")
                    if name in header
                ),
                None,
            )
            rows = rows[1:]
    parsed = []
    for number, row in rows:
        code = row[code_column].strip() if len(row) > code_column else ""
        label = (
            row[label_column].strip()
            if label_column is not None and len(row) > label_column
            else ""
        )
        parsed.append((number, code, label))
    if not parsed:
        raise ValidationError(_(IMPORT_EMPTY))
    if len(parsed) > MAX_IMPORT_ROWS:
        raise ValidationError(_(IMPORT_TOO_MANY) % {"limit": MAX_IMPORT_ROWS})
    return parsed


def _check_lines(*, employer, parsed: list[tuple[int, str, str]]) -> list[ImportLine]:
    """Every line judged, none written. Two queries whatever the number of lines."""
    lines = [ImportLine(line=number, code=code, label=label) for number, code, label in parsed]
    stored = {id(line): lookup_code(line.code) for line in lines}
    found = {
        certificate.code: certificate
        for certificate in Certificate.objects.issued()
        .filter(code__in={code for code in stored.values() if code})
        .select_related("version__program")
    }
    following = set(
        RosterEntry.objects.filter(
            employer=employer, certificate__in=list(found.values())
        ).values_list("certificate_id", flat=True)
    )
    first_line: dict[int, int] = {}
    for line in lines:
        code = stored[id(line)]
        certificate = found.get(code) if code else None
        if code is None:
            line.message = _(CODE_MALFORMED)
        elif certificate is None:
            line.message = _(CODE_NOT_FOUND)
        elif len(line.label) > LABEL_MAX:
            line.message = _(LABEL_TOO_LONG)
        else:
            line.certificate_id = certificate.pk
            line.holder_name = certificate.holder_name
            line.credential = certificate.version.program.credential_name
            if certificate.pk in following:
                line.outcome, line.message = ALREADY, _(ALREADY_ON_ROSTER)
            elif certificate.pk in first_line:
                line.outcome = REPEAT
                line.message = _(REPEATED_IN_FILE) % {"line": first_line[certificate.pk]}
            else:
                line.outcome = ADD
                first_line[certificate.pk] = line.line
    return lines


@transaction.atomic
def roster_import(*, employer, data: bytes) -> RosterImport:
    """Follow every certificate a CSV of codes names, or none: each line is checked (a
    malformed or unknown code, an over-long reference) and any error leaves the roster as it
    was, with a report saying which lines to fix. Certificates already followed and lines
    repeating an earlier one are reported and left alone."""
    report = RosterImport(lines=_check_lines(employer=employer, parsed=parse_roster_csv(data)))
    if not report.ok:
        return report
    to_add = [line for line in report.lines if line.outcome == ADD]
    statuses = {
        certificate.pk: certificate.public_status
        for certificate in Certificate.objects.filter(
            pk__in=[line.certificate_id for line in to_add]
        ).only("pk", "status", "expires_on")
    }
    now = timezone.now()
    created = RosterEntry.objects.bulk_create(
        [
            RosterEntry(
                employer=employer,
                certificate_id=line.certificate_id,
                label=line.label,
                last_notified_status=statuses[line.certificate_id],
                seen_status=statuses[line.certificate_id],
                seen_at=now,
                added_at=now,
            )
            for line in to_add
        ],
        # Added by a second tab or a concurrent import meanwhile: already there is fine.
        ignore_conflicts=True,
    )
    report.added = len(created)
    return report


def roster_mark_seen(
    *, employer, entries: Iterable[RosterEntry], now: datetime | None = None
) -> None:
    """The employer has looked at these entries as they are now (the roster page, after it is
    rendered): the next visit flags only what changes after this."""
    now = now or timezone.now()
    by_status: dict[str, list[int]] = {}
    for entry in entries:
        by_status.setdefault(entry.certificate.public_status, []).append(entry.pk)
    for status, ids in by_status.items():
        RosterEntry.objects.filter(employer=employer, pk__in=ids).update(
            seen_status=status, seen_at=now
        )


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
            jobs.enqueue(send_roster_notification_job, notification.pk)
        created += 1
    return created
