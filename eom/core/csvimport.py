"""Reading a CSV import: every row checked first, and if any is bad, nothing is taken.

Each import (the roster, polling places) says which columns it needs, how a row becomes
the values of its model, and which field must be unique in the file; this module reads
the file, validates every row and reports every problem (row, column, reason) in words a
person uses. Files come as spreadsheets save them: UTF-8 with or without a byte-order
mark, UTF-16 (Excel's "Unicode text"), or Windows-1252; separated by commas, semicolons
(Excel where the decimal mark is a comma) or tabs.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from sqlmodel import SQLModel

from eom.core.errors import InvalidInput

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

log = logging.getLogger(__name__)

# A long import logs how far it has come every so many rows.
PROGRESS_EVERY = 1_000

# The largest CSV file an import reads, from a page or the API (``EOM_MAX_CSV_BYTES``
# bounds the request around it).
MAX_FILE_BYTES = 20_000_000


class ImportRowError(SQLModel):
    row: int
    column: str
    reason: str


class ImportReport(SQLModel):
    created: int
    updated: int


@dataclass(frozen=True)
class CsvSpec(Generic[T]):
    """What one kind of import reads: its model, the columns it cannot do without, how a
    row's text becomes the model's values, and the field unique within the file."""

    model: type[T]
    required: tuple[str, ...]
    values: Callable[[dict[str, str]], dict[str, object]]
    unique: str
    max_rows: int
    fold_case: bool = False  # compare the unique field without regard to case (emails)
    # What to write in a column whose value is not in the expected form, for a person.
    hints: dict[str, str] = field(default_factory=dict)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_file(data: bytes) -> str:
    """The text of an uploaded CSV file: ``InvalidInput`` past ``MAX_FILE_BYTES`` (a
    caller reads at most one byte more) or in no encoding ``decode`` knows."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput("The file is larger than 20 MB; split it in parts.")
    return decode(data)


def decode(data: bytes) -> str:
    """The text of a file as a spreadsheet saved it: UTF-8 (with or without a byte-order
    mark), UTF-16 or Windows-1252; ``InvalidInput`` when it is none of them."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        encoding = "utf-16-le" if data[1] == 0 else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        "The file is not text saved as UTF-8, UTF-16 or Windows-1252: save it as CSV again."
    )


def _dialect(text: str) -> str:
    """The separator of the header line: a comma, a semicolon or a tab."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


def parse_csv(text: str, spec: CsvSpec[T]) -> tuple[list[T], list[ImportRowError]]:
    """The rows of a CSV file and every problem found, row by row (header is row 1)."""
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_dialect(text))
        return _parse(reader, spec)
    except csv.Error as error:
        return [], [ImportRowError(row=0, column="", reason=f"not readable as CSV: {error}")]


def read_csv(text: str, spec: CsvSpec[T]) -> list[T]:
    """Every row of the file, or ``InvalidInput`` listing every problem in it."""
    rows, errors = parse_csv(text, spec)
    if errors:
        raise InvalidInput(
            "The file has {count} problem(s); nothing was imported.",
            errors=[{"loc": ["row", e.row, e.column], "msg": e.reason} for e in errors],
            count=len(errors),
        )
    return rows


def with_progress(rows: Sequence[R], what: str) -> Iterator[R]:
    """The rows one by one, logging every ``PROGRESS_EVERY`` rows and the last how many of
    them were stored: an operator sees how far a long import has come."""
    total = len(rows)
    for number, row in enumerate(rows, start=1):
        yield row
        if number % PROGRESS_EVERY == 0 or number == total:
            log.info("%s import: %d of %d rows stored", what, number, total)


def _parse(reader: csv.DictReader[str], spec: CsvSpec[T]) -> tuple[list[T], list[ImportRowError]]:
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [c for c in spec.required if c not in reader.fieldnames]
    if missing:
        return [], [ImportRowError(row=1, column=c, reason="missing column") for c in missing]
    rows: list[T] = []
    errors: list[ImportRowError] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        if number > spec.max_rows + 1:
            errors.append(
                ImportRowError(row=number, column="", reason=f"more than {spec.max_rows} rows")
            )
            break
        try:
            item = spec.model.model_validate(spec.values(row))
        except ValidationError as error:
            errors.extend(_row_error(number, e, spec) for e in error.errors())
            continue
        key = str(getattr(item, spec.unique))
        key = key.lower() if spec.fold_case else key
        if key in seen:
            errors.append(
                ImportRowError(
                    row=number,
                    column=spec.unique,
                    reason=f"the same {spec.unique} as row {seen[key]}",
                )
            )
        seen[key] = number
        rows.append(item)
    return rows, errors


def _row_error(number: int, error: Any, spec: CsvSpec[T]) -> ImportRowError:
    """One refused value, said so that a person can mend the file: the column's own hint
    when the value is not in the expected form, never a pattern."""
    column = str(error["loc"][0]) if error["loc"] else ""
    message = str(error["msg"])
    if column in spec.hints and error["type"] in _FORM_ERRORS:
        message = spec.hints[column]
    elif error["type"] == "string_pattern_mismatch":
        message = "not in the expected form"
    elif error["type"] == "missing":
        message = "required"
    return ImportRowError(row=number, column=column, reason=message)


# Errors that mean "not written the way this column is written".
_FORM_ERRORS = {
    "string_pattern_mismatch",
    "enum",
    "literal_error",
    "value_error",
    "string_too_long",
    "string_too_short",
    "date_from_datetime_parsing",
    "date_parsing",
    "decimal_parsing",
    "int_parsing",
}
