"""Tables as files: CSV (UTF-8, with a byte-order mark so that spreadsheets read accents) and
XLSX, rendered with pandas from rows already gathered. Pure functions: no database. No text
cell can run as a formula (``spreadsheet.safe_frame``)."""

from collections.abc import Mapping, Sequence
from io import BytesIO

import pandas as pd

from reports.spreadsheet import safe_frame

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _frame(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=list(columns))
    return safe_frame(frame)


def to_csv(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> bytes:
    """The rows as CSV with a header of ``columns``, in that order."""
    text: str = _frame(rows, columns).to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig")


def to_xlsx(rows: Sequence[Mapping[str, object]], columns: Sequence[str], *, sheet: str) -> bytes:
    """The rows as a one-sheet XLSX workbook with a header of ``columns``."""
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _frame(rows, columns).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
