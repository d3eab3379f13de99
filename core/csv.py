"""The one CSV writer for every file the project serves.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula (OWASP's "CSV injection"): a course title, a trainee's name or a CE provider typed
as ``=HYPERLINK(...)`` would act in the reader's spreadsheet. Such a cell is written with a
leading apostrophe, which spreadsheets show as text and hide. A cell that already starts with an
apostrophe before one of those characters gets one more, so `restore` undoes `neutralise`
exactly: files we read back (the question bank's export) lose nothing.

Numbers stay numbers: ``-3`` written from an int is a value, not a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_guard(text: str) -> bool:
    return text[:1] in FORMULA_STARTS or (text[:1] == "'" and _needs_guard(text[1:]))


def neutralise(value: Any) -> Any:
    """The cell as written: text that a spreadsheet would run gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if _needs_guard(text) else text


def restore(text: str) -> str:
    """The text `neutralise` was given, from a cell read back from one of our files."""
    return text[1:] if text[:1] == "'" and _needs_guard(text[1:]) else text


class Writer:
    """``csv.writer`` whose every cell goes through `neutralise`."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class DictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every cell goes through `neutralise`."""

    def writerow(self, rowdict: Mapping[str, Any]):
        return super().writerow({key: neutralise(value) for key, value in rowdict.items()})


def writer(file, **kwargs) -> Writer:
    return Writer(file, **kwargs)


def rows_to_text(rows: Iterable[Iterable[Any]]) -> str:
    """A whole file at once: header first, then the rows."""
    out = io.StringIO()
    Writer(out).writerows(rows)
    return out.getvalue()


class NeutralisedSpreadsheetExport:
    """For Wagtail's `SpreadsheetExportMixin` (the admin's reports and listings): its CSV rows
    through `neutralise`. Its XLSX export already stores formula-looking cells as text."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
