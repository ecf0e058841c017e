"""Importing the roster from CSV: every row checked first, then all stored or none."""

from sqlmodel import Session

from eom.audit.service import Actor
from eom.core.csvimport import CsvSpec, ImportReport, read_csv, with_progress
from eom.planning.observers import service
from eom.planning.observers.models import ObserverCreate, ObserverUpdate

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


ROSTER = CsvSpec(
    model=ObserverCreate,
    required=tuple(c for c in COLUMNS if c != "phone"),
    values=_row_values,
    unique="email",
    max_rows=MAX_ROWS,
    fold_case=True,
    hints={
        "full_name": "write the person's name",
        "nationality": "use the two-letter country code, e.g. AR",
        "gender": "write female, male, non_binary or undisclosed",
        "languages": "use two-letter language codes, e.g. es en",
        "expertise": "use theme codes, e.g. gender media electoral_justice",
        "email": "write an address such as name@example.org",
        "phone": "use digits, spaces and + ( ) - only, e.g. +1 202 555 0100",
    },
)


def import_roster(session: Session, text: str, *, actor: Actor) -> ImportReport:
    """Add new observers and update those whose email is known; any bad row stores nothing."""
    rows = read_csv(text, ROSTER)
    created = updated = 0
    for data in with_progress(rows, "roster"):
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
