"""No cell of an EOM download runs as a formula: a text a spreadsheet would evaluate
(=, +, -, @, a tab or a carriage return first) is written with a leading quote, in CSV and
XLSX alike and in every export (tables, funding); numbers stay numbers."""

import csv
import io
from decimal import Decimal
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook

from reports import funding
from reports.spreadsheet import safe_cell, safe_frame
from reports.tables import to_csv, to_xlsx

HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["plain", "a = b", "", "-5", "+1.5", "-0.25e3", 7, -7, -1.5])
def test_plain_texts_and_numbers_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value


def test_a_negative_decimal_stays_a_decimal() -> None:
    frame = safe_frame(pd.DataFrame({"amount": [Decimal("-12.50")], "n": [-3]}))
    assert frame.iloc[0, 0] == Decimal("-12.50") and isinstance(frame.iloc[0, 0], Decimal)
    assert frame.iloc[0, 1] == -3


def test_headers_are_made_safe_too() -> None:
    assert list(safe_frame(pd.DataFrame({"=1+1": [1]})).columns) == ["'=1+1"]


ROWS: list[dict[str, object]] = [
    {"answer": '=HYPERLINK("http://x","y")', "count": -4},
    {"answer": "@SUM(A1)", "count": 2},
]


def test_the_csv_of_tables_carries_hostile_text_as_text() -> None:
    text = to_csv(ROWS, ["answer", "count"]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["answer", "count"],
        ['\'=HYPERLINK("http://x","y")', "-4"],
        ["'@SUM(A1)", "2"],
    ]


def test_the_xlsx_of_tables_holds_plain_strings_not_formulas() -> None:
    book = load_workbook(BytesIO(to_xlsx(ROWS, ["answer", "count"], sheet="s")))
    sheet = book["s"]
    for cell in (sheet["A2"], sheet["A3"]):
        assert cell.data_type == "s", f"{cell.value} is a plain string"
    assert sheet["A2"].value == '\'=HYPERLINK("http://x","y")'
    assert sheet["A3"].value == "'@SUM(A1)"
    assert sheet["B2"].value == -4 and sheet["B2"].data_type == "n"


def test_the_funding_files_are_made_safe_the_same_way() -> None:
    frame = pd.DataFrame({"donor": ["=cmd()"], "amount": [Decimal("-10.00")]})
    text = funding.to_csv(frame).decode("utf-8")
    assert text.splitlines()[1] == "'=cmd(),-10.00"
    book = load_workbook(BytesIO(funding.to_xlsx({"Missions": frame})))
    cell = book["Missions"]["A2"]
    assert (cell.value, cell.data_type) == ("'=cmd()", "s")


@pytest.mark.parametrize(
    ("text", "written"),
    [("bell\x07 rings", "bell rings"), ("nul\x00", "nul"), ("\x1b=1+1", "'=1+1"), ("x\ud800", "x")],
)
def test_control_characters_no_workbook_may_hold_are_left_out(text: str, written: str) -> None:
    assert safe_cell(text) == written


def test_tabs_and_line_breaks_inside_a_text_are_kept() -> None:
    assert safe_cell("one\ttwo\nthree\r\n") == "one\ttwo\nthree\r\n"


def test_a_control_character_no_longer_sinks_a_workbook() -> None:
    rows: list[dict[str, object]] = [{"text": "before\x07after"}, {"text": "fine"}]
    book = load_workbook(BytesIO(to_xlsx(rows, ["text"], sheet="s")))
    assert [c.value for c in book["s"]["A"]] == ["text", "beforeafter", "fine"]
    frame = pd.DataFrame({"donor": ["Fund\x0b"], "amount": [Decimal("1.00")]})
    assert load_workbook(BytesIO(funding.to_xlsx({"M": frame})))["M"]["A2"].value == "Fund"
    assert to_csv(rows, ["text"]).decode("utf-8-sig").splitlines()[1] == "beforeafter"
