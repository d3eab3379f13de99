"""Pure rules for applications: the decision deadline with a clock that stops while the board
waits for the applicant, the appeal window, lived-experience duration, and the exam vendor's
results file read line by line. Plain data in, plain data out; no ORM."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

Pause = tuple[date, date | None]  # first day stopped, first day running again (None: still stopped)


def merged_pauses(pauses: Sequence[Pause], *, today: date) -> list[tuple[date, date]]:
    """Pauses as disjoint [start, end) intervals in order; a pause still open runs to today."""
    spans = sorted((start, end if end is not None else today) for start, end in pauses)
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def due_date(*, started_on: date, days: int, pauses: Sequence[Pause] = (), today: date) -> date:
    """The day a decision is due: ``days`` days of running clock after ``started_on`` (Texas:
    60). Days the clock is stopped (more information asked for, not yet answered) do not count;
    a pause still open counts up to today, so the due date moves on each day it stays open. A
    pause that begins after the due date has passed changes nothing: it was already late."""
    due = started_on + timedelta(days=days)
    for start, end in merged_pauses(pauses, today=today):
        start = max(start, started_on)
        if end <= start:
            continue
        if start >= due:
            break
        due += end - start
    return due


def running_days(*, started_on: date, until: date, pauses: Sequence[Pause], today: date) -> int:
    """Days the clock ran between ``started_on`` and ``until`` (the inverse of due_date)."""
    total = (until - started_on).days
    for start, end in merged_pauses(pauses, today=today):
        start, end = max(start, started_on), min(end, until)
        if end > start:
            total -= (end - start).days
    return total


def is_overdue(*, due: date | None, today: date) -> bool:
    return due is not None and today > due


def appeal_deadline(*, denied_on: date, window_days: int) -> date:
    """The last day an appeal may be filed: ``window_days`` days after the denial."""
    return denied_on + timedelta(days=window_days)


def appeal_open(*, denied_on: date, window_days: int, today: date) -> bool:
    return today <= appeal_deadline(denied_on=denied_on, window_days=window_days)


def lived_experience_met(*, attested: bool | None, months: int | None, minimum: int | None) -> bool:
    """A yes and a duration, never the story. Without a board minimum, no attestation is asked."""
    if minimum is None:
        return True
    return bool(attested) and months is not None and months >= minimum


def purge_on(*, decided_on: date, retention_years: int) -> date:
    """Documents are kept until the decision plus N years (29 February → 28 February)."""
    try:
        return decided_on.replace(year=decided_on.year + retention_years)
    except ValueError:
        return decided_on.replace(year=decided_on.year + retention_years, day=28)


# --- the exam vendor's results file ----------------------------------------------------------

RESULT_COLUMNS = ("candidate_id", "date", "scaled_score", "result")
MAX_ROWS = 5000
PASS_WORDS = {"pass": True, "passed": True, "p": True, "fail": False, "failed": False, "f": False}


@dataclass(frozen=True)
class ResultRow:
    line: int
    candidate_id: str
    taken_on: date
    scaled_score: Decimal
    passed: bool


@dataclass(frozen=True)
class LineError:
    line: int
    message: str


def parse_results(
    text: str, *, today: date, score_range: tuple[int, int] = (0, 1000)
) -> tuple[list[ResultRow], list[LineError]]:
    """Read the vendor's CSV (header: candidate_id,date,scaled_score,result). Every line is
    checked; the caller saves nothing unless the error list is empty. Lines are numbered as an
    editor shows them (the header is line 1)."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except (StopIteration, csv.Error):
        return [], [LineError(1, "The file is empty: expected a header line.")]
    if tuple(header) != RESULT_COLUMNS:
        return [], [LineError(1, "The header must be exactly: " + ",".join(RESULT_COLUMNS) + ".")]
    rows: list[ResultRow] = []
    errors: list[LineError] = []
    seen: dict[tuple[str, date], int] = {}
    low, high = score_range
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) + len(errors) >= MAX_ROWS:
                errors.append(LineError(line, f"More than {MAX_ROWS} lines: split the file."))
                break
            if len(cells) != len(RESULT_COLUMNS):
                errors.append(LineError(line, f"Expected 4 values, found {len(cells)}."))
                continue
            candidate, day, score, outcome = (cell.strip() for cell in cells)
            problems = []
            if not candidate or len(candidate) > 40 or not candidate.isprintable():
                problems.append("candidate id missing or longer than 40 characters")
            taken_on = None
            try:
                taken_on = date.fromisoformat(day)
            except ValueError:
                problems.append("date is not YYYY-MM-DD")
            if taken_on is not None and taken_on > today:
                problems.append("date is in the future")
            scaled = None
            try:
                scaled = Decimal(score)
                if not scaled.is_finite() or not (low <= scaled <= high):
                    problems.append(f"scaled score outside {low}–{high}")
                    scaled = None
            except InvalidOperation:
                problems.append("scaled score is not a number")
            passed = PASS_WORDS.get(outcome.lower())
            if passed is None:
                problems.append("result must be pass or fail")
            if not problems and (candidate, taken_on) in seen:
                problems.append(f"same candidate and date as line {seen[(candidate, taken_on)]}")
            if problems:
                message = "; ".join(problems)
                errors.append(LineError(line, message[0].upper() + message[1:] + "."))
                continue
            seen[(candidate, taken_on)] = line
            rows.append(ResultRow(line, candidate, taken_on, scaled, passed))
    except csv.Error as error:
        errors.append(LineError(reader.line_num, f"The file is not valid CSV ({error})."))
    return rows, errors
