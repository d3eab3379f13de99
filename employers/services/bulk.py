"""Bulk verification: codes from an uploaded CSV in, the live results out as a CSV. (The
lookup itself is verification.selectors.verify_many.)"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import csv as safe_csv
from verification.selectors import MAX_BATCH_CODES

CSV_TOO_MANY_ROWS = "The file has more than {limit} codes. Split it and upload the parts."
CSV_EMPTY = "The file has no codes in it."
CSV_UNREADABLE = "The file could not be read as CSV text."

MAX_BULK_CODES = MAX_BATCH_CODES
CSV_COLUMNS = ["code", "status", "holder_name", "credential", "issued_on", "expires_on"]


def decode_csv(data: bytes) -> str:
    """An uploaded CSV as text: UTF-8 (with or without Excel's BOM) or Windows-1252."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel on Windows
        except UnicodeDecodeError as error:
            raise ValidationError(_(CSV_UNREADABLE)) from error
    if "\x00" in text:
        raise ValidationError(_(CSV_UNREADABLE))
    return text


def parse_codes_csv(data: bytes, *, limit: int = MAX_BULK_CODES) -> list[str]:
    """Codes from an uploaded CSV: a column headed ``code`` if there is one, else the first
    column of every row. Blank rows are skipped; more than ``limit`` codes is an error."""
    text = decode_csv(data)
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


def results_csv(results: list[dict]) -> str:
    """Holder names come from people: the project's writer neutralises formulas."""
    return safe_csv.rows_to_text(
        [CSV_COLUMNS, *([row.get(column) for column in CSV_COLUMNS] for row in results)]
    )
