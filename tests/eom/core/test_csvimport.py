"""CSV files are read as spreadsheets save them, and a refused value is said in words."""

import codecs

import pytest

from eom.core.csvimport import decode, parse_csv
from eom.core.errors import InvalidInput
from eom.planning.observers.importing import ROSTER

HEADER = "full_name,nationality,gender,languages,expertise,email"
ROW = "José Núñez,AR,male,es en,gender,jose@observers.example"


@pytest.mark.parametrize(
    "data",
    [
        f"{HEADER}\n{ROW}\n".encode(),
        codecs.BOM_UTF8 + f"{HEADER}\n{ROW}\n".encode(),
        f"{HEADER}\r\n{ROW}\r\n".encode("utf-16"),  # Excel's "Unicode text", with its BOM
        f"{HEADER}\n{ROW}\n".encode("utf-16-le"),  # and without it
        f"{HEADER}\n{ROW}\n".encode("cp1252"),  # Excel on Windows, "CSV"
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16", "utf-16 without BOM", "windows-1252"],
)
def test_every_encoding_a_spreadsheet_saves_is_read_alike(data: bytes) -> None:
    rows, errors = parse_csv(decode(data), ROSTER)
    assert errors == [] and [r.full_name for r in rows] == ["José Núñez"]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolons_and_tabs_separate_columns_too(separator: str) -> None:
    text = f"{HEADER}\n{ROW}\n".replace(",", separator)
    rows, errors = parse_csv(text, ROSTER)
    assert errors == [] and rows[0].languages == ["es", "en"]


def test_header_names_are_read_without_case_or_spaces() -> None:
    text = " Full_Name , Nationality,gender,LANGUAGES,expertise,email\n" + ROW + "\n"
    rows, errors = parse_csv(text, ROSTER)
    assert errors == [] and rows[0].nationality == "AR"


def test_a_value_not_written_as_its_column_expects_says_what_to_write() -> None:
    text = f"{HEADER}\n" + ROW.replace(",AR,", ",Argentina,") + "\n"
    _, errors = parse_csv(text, ROSTER)
    assert [(e.row, e.column, e.reason) for e in errors] == [
        (2, "nationality", "use the two-letter country code, e.g. AR")
    ]
    assert "pattern" not in errors[0].reason


def test_a_file_that_is_not_text_is_refused_in_one_sentence() -> None:
    with pytest.raises(InvalidInput, match="not text saved as UTF-8, UTF-16 or Windows-1252"):
        decode(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20)
