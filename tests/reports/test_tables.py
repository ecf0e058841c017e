"""CSV and XLSX files from rows: the columns in order, accents intact."""

from io import BytesIO

from openpyxl import load_workbook

from reports.tables import to_csv, to_xlsx

ROWS: list[dict[str, object]] = [
    {"id": 1, "text_es": "Garantizar la paridad", "extra": "left out"},
    {"id": 2},
]


def test_csv_has_the_columns_in_order_and_keeps_accents() -> None:
    text = to_csv(ROWS, ["id", "text_es"]).decode("utf-8-sig")
    assert text == "id,text_es\n1,Garantizar la paridad\n2,\n"
    assert "ñ" in to_csv([{"a": "Señal"}], ["a"]).decode("utf-8-sig")


def test_xlsx_has_one_sheet_with_the_header_and_the_rows() -> None:
    book = load_workbook(BytesIO(to_xlsx(ROWS, ["id", "text_es"], sheet="recommendations")))
    sheet = book["recommendations"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["id", "text_es"],
        [1, "Garantizar la paridad"],
        [2, None],
    ]
