"""Forms of every scope: a station's checklist names its station, a long-term observer's
report names an area of the mission (within their own), a specialist's instrument names
neither; each is stored once under the same rules, and counted under its region (the whole
mission's under none) and its theme."""

import uuid

import pytest
from sqlmodel import select

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput
from eom.core.reference import Theme
from eom.field import filing, statistics
from eom.field.models import FormScope, ItemResult, Submission
from eom.planning.members.models import MissionMember
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from tests.factories import (
    assigned_station,
    deploy,
    make_form,
    make_member,
    make_observer,
    make_station,
)
from tests.support.filing import GOOD, OBSERVED, receive


@pytest.fixture
def stations(db: Database, mission: Mission) -> None:
    """Two regions, La Paz (municipalities El Alto and Viacha) and Oruro."""
    make_station(db, mission, region="La Paz", municipality="El Alto")
    make_station(db, mission, region="La Paz", municipality="Viacha")
    make_station(db, mission, region="Oruro", municipality="Caracollo")


def _area_form(db: Database, mission: Mission) -> int:
    return make_form(db, mission, key="periodic", scope="area").id or 0


def _theme_form(db: Database, mission: Mission, theme: Theme = Theme.gender) -> int:
    return make_form(db, mission, key=f"on_{theme.value}", scope="mission", theme=theme).id or 0


def _long_term(db: Database, mission: Mission, area: str | None) -> MissionMember:
    member = make_member(db, mission, make_observer(db), role="long_term_observer", area=area)
    deploy(db, member)
    return member


@pytest.mark.usefixtures("stations")
def test_an_area_report_names_a_region_or_municipality_and_counts_under_its_region(
    db: Database, mission: Mission
) -> None:
    member = _long_term(db, mission, "La Paz")
    form_id = _area_form(db, mission)
    town, created = receive(db, mission, member, form_id=form_id, area="Viacha")
    whole, _ = receive(db, mission, member, form_id=form_id, area="La Paz")
    assert created == ItemResult.created
    assert (town.station_id, town.area, town.region) == (None, "Viacha", "La Paz")
    assert (whole.area, whole.region) == ("La Paz", "La Paz")
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        assert statistics.submission_count(session, fresh, region="La Paz") == 2
        assert statistics.submission_count(session, fresh, region="Oruro") == 0
        by_region = statistics.answer_distribution(session, fresh, region="La Paz")
    assert {q.question_id: q.total for q in by_region}["assessment"] == 2


@pytest.mark.usefixtures("stations")
def test_an_area_outside_the_mission_or_the_members_own_is_refused(
    db: Database, mission: Mission
) -> None:
    member = _long_term(db, mission, "La Paz")
    form_id = _area_form(db, mission)
    with pytest.raises(InvalidInput) as unknown:
        receive(db, mission, member, form_id=form_id, area="Cochabamba")
    with pytest.raises(InvalidInput) as elsewhere:
        receive(db, mission, member, form_id=form_id, area="Caracollo")
    assert unknown.value.errors == [{"loc": ["area"], "msg": "not an area of this mission"}]
    assert elsewhere.value.errors == [{"loc": ["area"], "msg": "outside your area"}]
    with db.session_scope() as session:
        assert session.exec(select(Submission)).all() == []


@pytest.mark.usefixtures("stations")
def test_a_member_without_an_area_reports_on_any_area_of_the_mission(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    stored, _ = receive(db, mission, member, form_id=_area_form(db, mission), area="Caracollo")
    assert stored.region == "Oruro"


@pytest.mark.usefixtures("stations")
def test_each_scope_asks_for_its_own_subject_and_refuses_the_others(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    station = assigned_station(db, mission, member)
    at_station = make_form(db, mission).id
    area, theme = _area_form(db, mission), _theme_form(db, mission)
    refused: dict[str, dict[str, object]] = {
        "station form without its station": {"form_id": at_station},
        "station form naming an area": {
            "form_id": at_station,
            "station_id": station.id,
            "area": "Oruro",
        },
        "area form without its area": {"form_id": area},
        "area form naming a station": {"form_id": area, "area": "Oruro", "station_id": station.id},
        "mission form naming a station": {"form_id": theme, "station_id": station.id},
        "mission form naming an area": {"form_id": theme, "area": "Oruro"},
    }
    found = {}
    for case, fields in refused.items():
        with pytest.raises(InvalidInput) as error:
            receive(db, mission, member, received_at=None, **fields)
        found[case] = error.value.errors
    assert found == {
        "station form without its station": [{"loc": ["station_id"], "msg": "required"}],
        "station form naming an area": [{"loc": ["area"], "msg": "not asked by this form"}],
        "area form without its area": [{"loc": ["area"], "msg": "required"}],
        "area form naming a station": [{"loc": ["station_id"], "msg": "not asked by this form"}],
        "mission form naming a station": [{"loc": ["station_id"], "msg": "not asked by this form"}],
        "mission form naming an area": [{"loc": ["area"], "msg": "not asked by this form"}],
    }


def test_a_thematic_report_names_nothing_and_counts_for_the_whole_mission_and_its_theme(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    gender, media = _theme_form(db, mission), _theme_form(db, mission, Theme.media)
    station = assigned_station(db, mission, member)
    stored, _ = receive(db, mission, member, form_id=gender)
    receive(db, mission, member, form_id=media, answers={**GOOD, "assessment": "poor"})
    receive(db, mission, member, form_id=make_form(db, mission).id, station_id=station.id)
    assert (stored.station_id, stored.area, stored.region) == (None, None, None)
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        on_gender = statistics.mission_statistics(session, fresh, theme=Theme.gender)
        everything = statistics.mission_statistics(session, fresh)
        in_la_paz = statistics.submission_count(session, fresh, region="La Paz")
    assert (on_gender.submissions, everything.submissions, in_la_paz) == (1, 3, 1)
    assessment = {q.question_id: q for q in everything.questions}["assessment"]
    assert assessment.total == 3  # the whole mission's answers count in its totals
    # A theme's figures are those of its forms' questions (these share the simple form's).
    assert {q.question_id for q in on_gender.questions} >= {"assessment"}


def test_a_retry_of_an_area_report_is_a_duplicate_and_another_area_a_conflict(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    make_station(db, mission, region="La Paz", municipality="El Alto")
    make_station(db, mission, region="Oruro", municipality="Caracollo")
    form_id, key = _area_form(db, mission), str(uuid.uuid4())
    receive(db, mission, member, uuid=key, form_id=form_id, area="Oruro")
    _, again = receive(db, mission, member, uuid=key, form_id=form_id, area="Oruro")
    assert again == ItemResult.duplicate
    with pytest.raises(Conflict):
        receive(db, mission, member, uuid=key, form_id=form_id, area="La Paz")


def test_a_batch_files_every_scope_at_once(
    db: Database, mission: Mission, member: MissionMember
) -> None:
    make_station(db, mission, region="Oruro", municipality="Caracollo")
    station = assigned_station(db, mission, member)
    items: list[dict[str, object]] = [
        {"form_id": make_form(db, mission).id, "station_id": station.id},
        {"form_id": _area_form(db, mission), "area": "Caracollo"},
        {"form_id": _theme_form(db, mission)},
        {"form_id": _theme_form(db, mission, Theme.media), "area": "Oruro"},
    ]
    with db.session_scope() as session:
        fresh = missions.get_mission(session, mission.id or 0)
        results = filing.file_batch(
            session,
            fresh,
            member,
            [
                {
                    "uuid": str(uuid.uuid4()),
                    "observed_at": OBSERVED.isoformat(),
                    "answers": GOOD,
                    **item,
                }
                for item in items
            ],
            actor=SYSTEM,
        )
    assert [r.result for r in results] == [ItemResult.created] * 3 + [ItemResult.invalid]
    assert [e.model_dump() for e in results[3].errors] == [
        {"loc": ["area"], "msg": "not asked by this form"}
    ]


def test_a_form_says_its_scope_and_theme_and_a_station_checklist_is_the_default(
    db: Database, mission: Mission
) -> None:
    plain = make_form(db, mission)
    thematic = make_form(db, mission, key="media_watch", scope="mission", theme="media")
    assert (plain.scope, plain.theme) == (FormScope.station, None)
    assert (thematic.scope, thematic.theme) == (FormScope.mission, Theme.media)
