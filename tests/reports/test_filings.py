"""The board's downloads as tables: one row per submission with the answers under the
question texts in the reader's language, one row per incident; pure functions of what the
field domain read."""

from datetime import UTC, datetime
from typing import Any

import pytest

from eom.field.models import (
    Form,
    FormStatus,
    Incident,
    IncidentCategory,
    Phase,
    PollingStation,
    Severity,
    Submission,
    Verification,
)
from eom.field.submissions import Filing
from reports.filings import incidents_table, submissions_table
from tests.factories import SIMPLE_FORM

AT = datetime(2026, 8, 17, 11, 5, tzinfo=UTC)
STATION = PollingStation(
    id=3, mission_id=1, region="La Paz", municipality="El Alto", centre="UE 1", code="LP-3"
)


def _form(form_id: int, **overrides: Any) -> Form:
    values: dict[str, Any] = {**SIMPLE_FORM, "status": FormStatus.draft, "created_at": AT}
    values.update(overrides)
    return Form(id=form_id, mission_id=1, **values)


def _filing(form: Form, answers: dict[str, Any], **overrides: Any) -> Filing:
    values: dict[str, Any] = {
        "uuid": f"{form.id:08d}-0000-4000-8000-000000000000",
        "mission_id": 1,
        "member_id": 9,
        "form_id": form.id,
        "form_version": form.version,
        "phase": form.phase,
        "station_id": STATION.id,
        "observed_at": AT,
        "received_at": AT,
        "answers": answers,
        "content_hash": "x",
    }
    values.update(overrides)
    return Filing(Submission(**values), STATION, "Ana Pérez", form)


ANSWERS = {"opened_on_time": False, "staff_present": 6, "assessment": "poor", "agents": []}


@pytest.mark.parametrize(
    ("language", "header", "answer", "phase"),
    [("en", "Opened on time?", "No", "Opening"), ("es", "¿Abrió a tiempo?", "No", "Apertura")],
)
def test_answers_are_columns_headed_by_the_question_texts_in_the_readers_language(
    language: str, header: str, answer: str, phase: str
) -> None:
    table = submissions_table([_filing(_form(1, phase=Phase.opening), ANSWERS)], language)
    assert header in table.columns
    row = table.rows[0]
    assert row[header] == answer
    assert row["Personal presente" if language == "es" else "Staff present"] == 6  # a number
    assert row["Evaluación" if language == "es" else "Assessment"] == (
        "Mala" if language == "es" else "Poor"
    )
    assert row["Fase" if language == "es" else "Phase"] == phase
    assert row["Mesa" if language == "es" else "Station"] == "LP-3"


def test_the_fixed_columns_say_where_who_which_form_and_when() -> None:
    table = submissions_table([_filing(_form(1), {"opened_on_time": True})], "en")
    assert table.columns[:13] == [
        "Submission",
        "Station",
        "Area",
        "Region",
        "Municipality",
        "Member",
        "Phase",
        "Form",
        "Form version",
        "Observed at (UTC)",
        "Received at (UTC)",
        "Corrects submission",
        "Corrected later",
    ]
    row = table.rows[0]
    assert (row["Region"], row["Municipality"], row["Member"]) == ("La Paz", "El Alto", "Ana Pérez")
    assert (row["Form"], row["Form version"], row["Corrected later"]) == ("Opening", 1, "No")
    assert row["Received at (UTC)"] == datetime(2026, 8, 17, 11, 5)  # a date, not a text


def test_a_text_two_checklists_share_is_told_apart_by_the_checklist() -> None:
    opening = _form(1)
    closing = _form(2, key="closing", phase=Phase.closing, title_en="Closing")
    table = submissions_table(
        [_filing(opening, {"comments": "calm"}), _filing(closing, {"comments": "tense"})], "en"
    )
    assert "Comments · Opening" in table.columns and "Comments · Closing" in table.columns
    assert [r.get("Comments · Closing") for r in table.rows] == [None, "tense"]


def test_a_correction_and_the_filing_it_corrects_are_marked() -> None:
    form = _form(1)
    old = _filing(form, ANSWERS, superseded=True)
    new = _filing(
        form, ANSWERS, uuid="b" * 8 + "-0000-4000-8000-000000000000", supersedes=old.submission.uuid
    )
    rows = submissions_table([new, old], "es").rows
    assert rows[0]["Corrige el envío"] == old.submission.uuid
    assert [r["Corregido después"] for r in rows] == ["No", "Sí"]


def test_incidents_name_their_place_status_and_verification_note() -> None:
    incident = Incident(
        id=5,
        uuid="u",
        mission_id=1,
        member_id=9,
        category=IncidentCategory.vote_buying,
        severity=Severity.high,
        station_id=3,
        occurred_at=AT,
        received_at=AT,
        description="@SUM(A1)",
        verification=Verification.confirmed,
        verification_note="Seen by two teams.",
        verified_by="staff@eom.example",
        verified_at=AT,
    )
    table = incidents_table([incident], {3: STATION}, {9: "Ana Pérez"}, "es")
    row = table.rows[0]
    assert row["Categoría"] == "Compra de votos" and row["Gravedad"] == "Alta"
    assert (row["Mesa"], row["Región"], row["Miembro"]) == ("LP-3", "La Paz", "Ana Pérez")
    assert row["Estado"] == "Incidente confirmado"
    assert row["Nota de verificación"] == "Seen by two teams."


def test_incidents_give_the_devices_position_when_it_was_sent() -> None:
    def incident(id: int, **position: float) -> Incident:
        return Incident.model_validate(
            {
                "id": id,
                "uuid": str(id),
                "mission_id": 1,
                "member_id": 9,
                "category": IncidentCategory.other,
                "severity": Severity.low,
                "place": "Plaza",
                "occurred_at": AT,
                "received_at": AT,
                "description": "Seen.",
                **position,
            }
        )

    placed = incident(1, latitude=-16.5, longitude=-68.15, accuracy_m=12.0)
    table = incidents_table([placed, incident(2)], {}, {}, "es")
    position = [(r["Latitud"], r["Longitud"], r["Precisión (m)"]) for r in table.rows]
    assert position == [(-16.5, -68.15, 12.0), (None, None, None)]
    assert table.columns.index("Latitud") == table.columns.index("Lugar") + 1
