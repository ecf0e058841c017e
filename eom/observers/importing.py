"""Importing the roster from CSV: every row checked first, then all stored or none."""

from __future__ import annotations

import csv
import io

from pydantic import ValidationError
from sqlmodel import Session

from eom.audit.service import Actor
from eom.errors import InvalidInput
from eom.observers import service
from eom.observers.models import ImportReport, ImportRowError, ObserverCreate, ObserverUpdate

COLUMNS = ("full_name", "nationality", "gender", "languages", "expertise", "email", "phone")
LIST_COLUMNS = ("languages", "expertise")
MAX_ROWS = 20_000


def _split(value: str) -> list[str]:
    """``"es; en"``, ``"es,en"`` and ``"es en"`` are all the list ``["es", "en"]``."""
    return [part for part in value.replace(",", " ").replace(";", " ").split() if part]


def _row_values(row: dict[str, str]) -> dict[str, object]:
    values: dict[str, object] = {k: (row.get(k) or "").strip() for k in COLUMNS}
    for column in LIST_COLUMNS:
        values[column] = _split(str(values[column]))
    if not values["phone"]:
        values["phone"] = None
    return values


def _row_errors(number: int, error: ValidationError) -> list[ImportRowError]:
    return [
        ImportRowError(row=number, column=str(e["loc"][0]) if e["loc"] else "", reason=e["msg"])
        for e in error.errors()
    ]


def parse_roster_csv(text: str) -> tuple[list[ObserverCreate], list[ImportRowError]]:
    """The observers of a CSV file and every problem found, row by row (header is row 1)."""
    try:
        return _parse(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return [], [ImportRowError(row=0, column="", reason=f"not readable as CSV: {error}")]


def _parse(reader: csv.DictReader[str]) -> tuple[list[ObserverCreate], list[ImportRowError]]:
    missing = [c for c in COLUMNS if c != "phone" and c not in (reader.fieldnames or [])]
    if missing:
        return [], [ImportRowError(row=1, column=c, reason="missing column") for c in missing]
    rows: list[ObserverCreate] = []
    errors: list[ImportRowError] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            errors.append(
                ImportRowError(row=number, column="", reason=f"more than {MAX_ROWS} rows")
            )
            break
        try:
            observer = ObserverCreate.model_validate(_row_values(row))
        except ValidationError as error:
            errors.extend(_row_errors(number, error))
            continue
        email = observer.email.lower()
        if email in seen:
            errors.append(
                ImportRowError(
                    row=number, column="email", reason=f"the same email as row {seen[email]}"
                )
            )
        seen[email] = number
        rows.append(observer)
    return rows, errors


def import_roster(session: Session, text: str, *, actor: Actor) -> ImportReport:
    """Add new observers and update those whose email is known; any bad row stores nothing."""
    rows, errors = parse_roster_csv(text)
    if errors:
        raise InvalidInput(
            "The file has {count} problem(s); nothing was imported.",
            errors=[{"loc": ["row", e.row, e.column], "msg": e.reason} for e in errors],
            count=len(errors),
        )
    created = updated = 0
    for data in rows:
        existing = service.find_by_email(session, data.email)
        if existing is None:
            service.create_observer(session, data, actor=actor)
            created += 1
        else:
            changes = ObserverUpdate.model_validate(data.model_dump())
            before = existing.version
            service.update_observer(session, existing, changes, actor=actor)
            updated += existing.version != before
    return ImportReport(created=created, updated=updated)
