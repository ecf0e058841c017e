import pytest
from sqlmodel import select

from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidInput
from eom.planning.conduct import service as conduct
from eom.planning.conduct.models import ItemCreate, ItemKind, VersionCreate
from eom.planning.members.models import MemberStatus
from tests.factories import acknowledge_all, make_member, make_mission, set_status


def _version(*keys: str, pledge: bool = True) -> VersionCreate:
    items = [
        ItemCreate(key=k, kind=ItemKind.obligation, text_en=f"Do {k}.", text_es=f"Hacer {k}.")
        for k in keys
    ]
    if pledge:
        items.append(
            ItemCreate(
                key="pledge", kind=ItemKind.pledge, text_en="I pledge.", text_es="Me comprometo."
            )
        )
    return VersionCreate(items=items)


def test_every_database_starts_with_version_1_of_the_code_in_force(db: Database) -> None:
    with db.session_scope() as session:
        version = conduct.current_version(session)
        items = conduct.items_of_version(session, version)
    assert version.number == 1 and len(items) == 12
    assert [i.kind for i in items[-2:]] == [ItemKind.pledge, ItemKind.declaration]
    assert items[0].text_es.startswith("Respetar la soberanía")


def test_a_new_version_must_be_acknowledged_again(db: Database) -> None:
    member = make_member(db, make_mission(db))
    acknowledge_all(db, member)
    with db.session_scope() as session:
        assert conduct.unacknowledged_items(session, member) == []
        conduct.publish_version(session, _version("impartiality"), actor=SYSTEM)
    with db.session_scope() as session:
        assert [i.key for i in conduct.unacknowledged_items(session, member)] == [
            "impartiality",
            "pledge",
        ]
        assert conduct.current_version(session).number == 2


def test_a_version_needs_the_pledge(db: Database) -> None:
    with pytest.raises(InvalidInput, match="needs the pledge"), db.session_scope() as session:
        conduct.publish_version(session, _version("ab", "cd", pledge=False), actor=SYSTEM)


def test_a_missions_own_items_are_in_force_for_its_members_only(db: Database) -> None:
    mission, other = make_mission(db), make_mission(db)
    member, outsider = make_member(db, mission), make_member(db, other)
    acknowledge_all(db, member)
    with db.session_scope() as session:
        item = ItemCreate(
            key="curfew",
            kind=ItemKind.obligation,
            text_en="Respect the curfew.",
            text_es="Respetar el toque de queda.",
        )
        conduct.add_mission_item(session, mission.id or 0, item, actor=SYSTEM)
        with pytest.raises(Conflict, match="already has an item with the key curfew"):
            conduct.add_mission_item(session, mission.id or 0, item, actor=SYSTEM)
    with db.session_scope() as session:
        assert [i.key for i in conduct.unacknowledged_items(session, member)] == ["curfew"]
        assert "curfew" not in [i.key for i in conduct.unacknowledged_items(session, outsider)]


def test_acknowledgements_are_immutable_and_audited(db: Database) -> None:
    member = make_member(db, make_mission(db))
    acknowledge_all(db, member)
    with db.session_scope() as session:
        first = conduct.member_conduct(session, member)
        again = conduct.acknowledge(session, member, [first.items[0].id], actor=SYSTEM)
        second = conduct.member_conduct(session, member)
        audited = session.exec(
            select(AuditEntry).where(AuditEntry.entity_type == "acknowledgement")
        ).all()
    assert again == [] and first.items == second.items and first.complete
    assert len(audited) == 12


def test_items_not_in_force_cannot_be_acknowledged(db: Database) -> None:
    member = make_member(db, make_mission(db))
    with pytest.raises(InvalidInput, match="not in force for this mission: 999999"):
        with db.session_scope() as session:
            conduct.acknowledge(session, member, [999999], actor=SYSTEM)


def test_incomplete_counts_of_many_missions_agree_with_each_missions_members(
    db: Database,
) -> None:
    curfew = ItemCreate(
        key="curfew", kind=ItemKind.obligation, text_en="Curfew.", text_es="Toque de queda."
    )
    mission, other, signed = make_mission(db), make_mission(db), make_mission(db)
    with db.session_scope() as session:
        conduct.add_mission_item(session, mission.id or 0, curfew, actor=SYSTEM)
    done, untouched, partly = (make_member(db, mission) for _ in range(3))
    outsider, all_signed = make_member(db, other), make_member(db, signed)
    for member in (done, outsider, all_signed):
        acknowledge_all(db, member)
    with db.session_scope() as session:
        version_items = conduct.items_of_version(session, conduct.current_version(session))
        # All but the mission's own item: the code of everyone is not enough.
        conduct.acknowledge(session, partly, [i.id or 0 for i in version_items], actor=SYSTEM)
        team = [done, untouched, partly, outsider, all_signed]
        counts = conduct.incomplete_counts(session, team)
        one_by_one = {
            m.id: len(
                conduct.incomplete_member_ids(session, [x for x in team if x.mission_id == m.id])
            )
            for m in (mission, other, signed)
        }
    assert counts == {mission.id: 2}
    assert counts == {k: n for k, n in one_by_one.items() if n}
    with db.session_scope() as session:
        assert conduct.incomplete_counts(session, []) == {}


def test_the_days_counts_agree_with_each_team_in_the_cases_that_trip_a_count(
    db: Database,
) -> None:
    """``incomplete_counts`` (the home page) and ``incomplete_member_ids`` (a team's page)
    are two readings of one rule; they must never tell DECO different numbers."""
    curfew = ItemCreate(
        key="curfew", kind=ItemKind.obligation, text_en="Curfew.", text_es="Toque de queda."
    )
    mission, other = make_mission(db), make_mission(db)
    with db.session_scope() as session:
        conduct.add_mission_item(session, mission.id or 0, curfew, actor=SYSTEM)
    old_signer, own_only, withdrawn, none_yet, signed_again = (
        make_member(db, mission) for _ in range(5)
    )
    elsewhere = make_member(db, other)
    for member in (old_signer, withdrawn, signed_again, elsewhere):
        acknowledge_all(db, member)
    set_status(db, withdrawn, MemberStatus.withdrawn)
    with db.session_scope() as session:
        own = [i.id or 0 for i in conduct.items_in_force(session, mission.id or 0) if i.mission_id]
        conduct.acknowledge(session, own_only, own, actor=SYSTEM)
        # A new version: every acknowledgement of version 1 stops counting.
        conduct.publish_version(session, _version("impartiality"), actor=SYSTEM)
    acknowledge_all(db, signed_again)
    team = [old_signer, own_only, withdrawn, none_yet, signed_again, elsewhere]
    with db.session_scope() as session:
        by_team = {
            m.id: conduct.incomplete_member_ids(session, [x for x in team if x.mission_id == m.id])
            for m in (mission, other)
        }
        counts = conduct.incomplete_counts(session, team)
    assert by_team[mission.id] == {old_signer.id, own_only.id, withdrawn.id, none_yet.id}
    assert by_team[other.id] == {elsewhere.id}
    assert counts == {mission_id: len(ids) for mission_id, ids in by_team.items() if ids}
