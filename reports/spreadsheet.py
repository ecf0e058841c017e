"""What every CSV and XLSX file of EOM is made safe by before it is written: a text that a
spreadsheet would run as a formula (CSV injection) is written as plain text instead, and a
control character no workbook may hold is left out.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
given a leading single quote (OWASP's advice), so Excel, LibreOffice and Google Sheets
show it as typed and never evaluate it. Numbers stay numbers: an int, a float or a
Decimal is not text, and a text that is only a number ("-5", "+1.5") cannot be a formula,
so it is left alone too.

XML 1.0, which an XLSX file is made of, cannot hold the control characters other than tab,
line feed and carriage return (openpyxl refuses them, and one such character in one cell
would sink the whole file), nor can UTF-8 hold a lone surrogate. They are invisible and
carry nothing a reader needs, so they are dropped, from CSV cells too, so that both files
of one table say the same.
"""

import re

import pandas as pd
from pandas.api.types import is_object_dtype, is_string_dtype

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def safe_cell(value: object) -> object:
    """The value; for a text, that text without the control characters a workbook cannot
    hold, and quoted when a spreadsheet would run it as a formula."""
    if not isinstance(value, str):
        return value
    text = UNWRITABLE.sub("", value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text cell, and every column header, made safe."""
    safe = frame.copy()
    safe.columns = pd.Index([safe_cell(c) for c in frame.columns])
    for position, dtype in enumerate(frame.dtypes):
        # Only a column that may hold text: numbers, booleans and dates are never formulas.
        if is_object_dtype(dtype) or is_string_dtype(dtype):
            safe.isetitem(position, frame.iloc[:, position].map(safe_cell))
    return safe
