"""Reading a CSV import: every row checked first, and if any is bad, nothing is taken.

Each import (the roster, polling places) says which columns it needs, how a row becomes
the values of its model, and which field must be unique in the file; this module reads
the file, validates every row and reports every problem (row, column, reason).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError
from sqlmodel import SQLModel

from eom.errors import InvalidInput

T = TypeVar("T", bound=BaseModel)


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


def parse_csv(text: str, spec: CsvSpec[T]) -> tuple[list[T], list[ImportRowError]]:
    """The rows of a CSV file and every problem found, row by row (header is row 1)."""
    try:
        return _parse(csv.DictReader(io.StringIO(text, newline="")), spec)
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


def _parse(reader: csv.DictReader[str], spec: CsvSpec[T]) -> tuple[list[T], list[ImportRowError]]:
    missing = [c for c in spec.required if c not in (reader.fieldnames or [])]
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
            errors.extend(
                ImportRowError(
                    row=number, column=str(e["loc"][0]) if e["loc"] else "", reason=e["msg"]
                )
                for e in error.errors()
            )
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
