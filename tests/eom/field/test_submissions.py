"""Reading filings as staff drill down: by station, member, region and phase, each with
its station, member's name and form version, and its answers in words."""

from datetime import timedelta

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.field import forms, stations, submissions
from eom.field.models import Phase
from eom.field.submissions import FilingFilters
from eom.planning.members.models import MissionMember
from eom.planning.missions.models import Mission
from tests.factories import (
    assigned_station,
    deploy,
    make_form,
    make_member,
    make_observer,
    make_station,
    send_to,
)
from tests.support.filing import GOOD, OBSERVED, receive


def _uuids(db: Database, mission: Mission, chosen: FilingFilters) -> set[str]:
    with db.session_scope() as session:
        found = submissions.filings(session, mission, chosen, limit=100)
        assert submissions.count_filings(session, mission, chosen) == len(found)
        return {f.submission.uuid for f in found}


def test_filings_are_chosen_by_station_member_region_and_phase(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    other = make_member(db, mission, make_observer(db, full_name="Otra Persona"))
    deploy(db, other)
    opening = make_form(db, mission)
    closing = make_form(db, mission, key="closing", phase="closing", title_en="Closing")
    north, south = (
        assigned_station(db, mission, member, region="Norte"),
        assigned_station(db, mission, member, region="Sur"),
    )
    send_to(db, other, south.id)
    a, _ = receive(db, mission, member, form_id=opening.id, station_id=north.id)
    b, _ = receive(db, mission, other, form_id=opening.id, station_id=south.id)
    c, _ = receive(db, mission, member, form_id=closing.id, station_id=south.id)
    assert _uuids(db, mission, FilingFilters(station_id=south.id)) == {b.uuid, c.uuid}
    assert _uuids(db, mission, FilingFilters(member_id=member.id)) == {a.uuid, c.uuid}
    assert _uuids(db, mission, FilingFilters(region="Norte")) == {a.uuid}
    assert _uuids(db, mission, FilingFilters(phase=Phase.closing)) == {c.uuid}
    assert _uuids(db, mission, FilingFilters(phase=Phase.opening, region="Sur")) == {b.uuid}
    with db.session_scope() as session:
        newest = submissions.filings(session, mission, FilingFilters(station_id=south.id), limit=1)
        counts = submissions.counts_by_station(session, mission, FilingFilters())
    assert newest[0].member_name == "Field Person" and newest[0].form.key == "closing"
    assert counts == {north.id: 1, south.id: 2}


def test_a_correction_is_told_from_the_filing_it_corrects(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), assigned_station(db, mission, member)
    first, _ = receive(
        db, mission, member, form_id=form.id, station_id=station.id, received_at=OBSERVED
    )
    later = OBSERVED + timedelta(minutes=10)
    receive(
        db,
        mission,
        member,
        form_id=form.id,
        station_id=station.id,
        observed_at=later,
        received_at=later,
        answers={**GOOD, "assessment": "poor"},
        supersedes=first.uuid,
    )
    with db.session_scope() as session:
        found = submissions.filings(session, mission, FilingFilters(station_id=station.id), limit=9)
        counts = submissions.counts_by_station(session, mission, FilingFilters())
    correction, corrected = found
    assert correction.corrects == first.uuid and not correction.corrected
    assert corrected.corrected and corrected.corrects is None
    assert counts == {station.id: 1}  # the corrected one no longer counts


def test_answers_read_in_words_with_the_question_texts_of_the_readers_language(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    form, station = make_form(db, mission), make_station(db, mission)
    with db.session_scope() as session:
        stations.assign_stations(session, mission, member, [station.id or 0], actor=SYSTEM)
    receive(db, mission, member, form_id=form.id, station_id=station.id)
    with db.session_scope() as session:
        (filing,) = submissions.filings(session, mission, FilingFilters(), limit=5)
        questions = forms.questions_of(filing.form)
        spanish = submissions.answers_of(filing, "es")
        english = submissions.readable_answers(questions, filing.submission.answers, "en")
    assert spanish == [
        ("¿Abrió a tiempo?", "Sí"),
        ("Personal presente", 7),
        ("Evaluación", "Buena"),
        ("Fiscales presentes", "Oficialismo; Oposición"),
        ("Hora de apertura", "07:05"),
    ]
    assert english[0] == ("Opened on time?", "Yes") and ("Staff present", 7) in english
