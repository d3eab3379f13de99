"""The one CSV writer (core/csv.py): a cell a spreadsheet would run as a formula is written as
text, numbers stay numbers, and what we read back from our own files is what we wrote."""

import csv as stdlib_csv
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core import csv

FORMULAS = ['=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def read(text: str) -> list[list[str]]:
    return list(stdlib_csv.reader(io.StringIO(text)))


def test_formula_cells_are_written_as_text():
    text = csv.rows_to_text([FORMULAS])
    [row] = read(text)
    assert all(cell.startswith("'") for cell in row)
    assert [cell[1:] for cell in row] == FORMULAS


def test_numbers_and_plain_text_are_left_alone():
    text = csv.rows_to_text([[-3, Decimal("2.5"), 0.5, "Ethics 3", "O'Brien", None]])
    assert read(text) == [["-3", "2.5", "0.5", "Ethics 3", "O'Brien", ""]]


def test_dict_writer_neutralises_every_cell():
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["name", "hours"])
    writer.writeheader()
    writer.writerow({"name": "=cmd|' /C calc'!A0", "hours": 4})
    assert read(out.getvalue())[1] == ["'=cmd|' /C calc'!A0", "4"]


@given(st.text())
def test_nothing_written_starts_a_formula_and_restore_gives_back_the_text(text):
    cell = csv.neutralise(text)
    assert cell[:1] not in csv.FORMULA_STARTS
    assert csv.restore(cell) == text


def test_an_apostrophe_before_a_formula_survives_the_round_trip():
    assert csv.neutralise("'=x") == "''=x"
    assert csv.restore(csv.neutralise("'=x")) == "'=x"
    assert csv.restore("'plain") == "'plain"
