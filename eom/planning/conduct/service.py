"""The code of conduct: what is in force, publishing versions, and acknowledging items."""

from collections.abc import Sequence
from typing import Protocol

from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput, NotFound
from eom.planning.conduct.models import (
    Acknowledgement,
    ConductItem,
    ConductVersion,
    ItemCreate,
    ItemKind,
    ItemPublic,
    ItemStatus,
    MemberConduct,
    VersionCreate,
)

CHAIN = "conduct"


class Signer(Protocol):
    """Whoever acknowledges the code: a mission member. Members stand above the code (a
    member deploys only once they have acknowledged it), so the code names them by shape."""

    @property
    def id(self) -> int | None: ...

    @property
    def mission_id(self) -> int: ...


def current_version(session: Session) -> ConductVersion:
    """The version in force: the one with the highest number."""
    version = session.exec(
        select(ConductVersion).order_by(col(ConductVersion.number).desc())
    ).first()
    if version is None:
        raise NotFound("No code of conduct has been published.")
    return version


def items_of_version(session: Session, version: ConductVersion) -> list[ConductItem]:
    return list(
        session.exec(
            select(ConductItem)
            .where(ConductItem.version_id == version.id)
            .order_by(col(ConductItem.position))
        )
    )


def items_in_force(session: Session, mission_id: int) -> list[ConductItem]:
    """The current version's items, then the mission's own items, in order."""
    version = current_version(session)
    own = session.exec(
        select(ConductItem)
        .where(ConductItem.mission_id == mission_id)
        .order_by(col(ConductItem.position))
    )
    return items_of_version(session, version) + list(own)


def _check_items(items: list[ItemCreate]) -> None:
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise InvalidInput("Each item of the code needs its own key.")
    if not any(item.kind == ItemKind.pledge for item in items):
        raise InvalidInput("A version of the code needs the pledge to follow it.")


def publish_version(session: Session, data: VersionCreate, *, actor: Actor) -> ConductVersion:
    """A new version in force at once; every member must acknowledge its items again."""
    _check_items(data.items)
    latest = session.exec(select(func.max(ConductVersion.number))).one() or 0
    # The version's entry holds its items: they are published with it and never change.
    version = audit.created(
        session,
        ConductVersion(number=latest + 1, published_at=utcnow(), published_by=actor.label),
        actor=actor,
        chain=CHAIN,
        after={"number": latest + 1, "items": [i.model_dump(mode="json") for i in data.items]},
    )
    for position, item in enumerate(data.items, start=1):
        session.add(
            ConductItem.model_validate(
                item, update={"version_id": version.id, "position": position}
            )
        )
    session.flush()
    return version


def add_mission_item(
    session: Session, mission_id: int, data: ItemCreate, *, actor: Actor
) -> ConductItem:
    """An item of the mission's own, which its members must acknowledge too."""
    existing = session.exec(select(ConductItem).where(ConductItem.mission_id == mission_id)).all()
    if any(item.key == data.key for item in existing):
        raise Conflict("The mission already has an item with the key {key}.", key=data.key)
    item = ConductItem.model_validate(
        data, update={"mission_id": mission_id, "position": len(existing) + 1}
    )
    return audit.created(session, item, actor=actor, chain=f"mission:{mission_id}")


def acknowledged_at(session: Session, member: Signer) -> dict[int, Acknowledgement]:
    acks = session.exec(select(Acknowledgement).where(Acknowledgement.member_id == member.id))
    return {ack.item_id: ack for ack in acks}


def unacknowledged_items(session: Session, member: Signer) -> list[ConductItem]:
    """The items in force that the member has not acknowledged yet."""
    done = acknowledged_at(session, member)
    return [item for item in items_in_force(session, member.mission_id) if item.id not in done]


def incomplete_member_ids(session: Session, members: Sequence[Signer]) -> set[int]:
    """Which of these members (all of one mission) still have items to acknowledge."""
    if not members:
        return set()
    in_force = {item.id for item in items_in_force(session, members[0].mission_id)}
    rows = session.exec(
        select(Acknowledgement.member_id, func.count())
        .where(col(Acknowledgement.member_id).in_([m.id for m in members]))
        .where(col(Acknowledgement.item_id).in_(in_force))
        .group_by(col(Acknowledgement.member_id))
    )
    done = {member_id for member_id, count in rows if count == len(in_force)}
    return {m.id for m in members if m.id not in done and m.id is not None}


def incomplete_counts(session: Session, members: Sequence[Signer]) -> dict[int, int]:
    """How many of these members, of any missions, still have items to acknowledge, by
    mission id (a mission where everyone has acknowledged is left out): what
    ``incomplete_member_ids`` says of each mission's members, in three queries in all."""
    if not members:
        return {}
    version = current_version(session)
    general = len(items_of_version(session, version))
    mission_ids = {m.mission_id for m in members}
    own = dict(
        session.exec(
            select(ConductItem.mission_id, func.count())
            .where(col(ConductItem.mission_id).in_(mission_ids))
            .group_by(col(ConductItem.mission_id))
        ).all()
    )
    # Acknowledgements of the items in force: the version's (no mission) and the missions'
    # own, counted apart so that an item of another mission never counts.
    done: dict[tuple[int, int | None], int] = {}
    for member_id, item_mission_id, count in session.exec(
        select(Acknowledgement.member_id, ConductItem.mission_id, func.count())
        .join(ConductItem, col(ConductItem.id) == col(Acknowledgement.item_id))
        .where(col(Acknowledgement.member_id).in_([m.id for m in members]))
        .where(
            (col(ConductItem.version_id) == version.id)
            | col(ConductItem.mission_id).in_(mission_ids)
        )
        .group_by(col(Acknowledgement.member_id), col(ConductItem.mission_id))
    ):
        done[(member_id, item_mission_id)] = count
    counts: dict[int, int] = {}
    for m in members:
        assert m.id is not None, "a stored member"
        general_done, own_done = done.get((m.id, None)), done.get((m.id, m.mission_id))
        acknowledged = (general_done or 0) + (own_done or 0)
        # As incomplete_member_ids: a member with no acknowledgement at all is incomplete.
        started = general_done is not None or own_done is not None
        if not started or acknowledged != general + own.get(m.mission_id, 0):
            counts[m.mission_id] = counts.get(m.mission_id, 0) + 1
    return counts


def acknowledge(
    session: Session, member: Signer, item_ids: list[int], *, actor: Actor
) -> list[Acknowledgement]:
    """Record the member's acknowledgement of each item; one already made stays as it was."""
    in_force = {item.id: item for item in items_in_force(session, member.mission_id)}
    unknown = [i for i in item_ids if i not in in_force]
    if unknown:
        raise InvalidInput(
            "These items are not in force for this mission: {ids}.",
            ids=", ".join(str(i) for i in unknown),
        )
    assert member.id is not None, "a stored member"
    done = acknowledged_at(session, member)
    made = []
    for item_id in dict.fromkeys(item_ids):
        if item_id in done:
            continue
        ack = Acknowledgement(member_id=member.id, item_id=item_id, acknowledged_at=utcnow())
        made.append(audit.created(session, ack, actor=actor, chain=f"mission:{member.mission_id}"))
    return made


def member_conduct(session: Session, member: Signer) -> MemberConduct:
    """Every item in force for the member, each with when it was acknowledged."""
    assert member.id is not None, "a stored member"
    return conducts_of(session, [member])[member.id]


def conducts_of(session: Session, members: Sequence[Signer]) -> dict[int, MemberConduct]:
    """``member_conduct`` of each of these members, of any missions, by member id: four
    queries however many members and missions."""
    if not members:
        return {}
    version = current_version(session)
    general = items_of_version(session, version)
    own: dict[int | None, list[ConductItem]] = {}
    for item in session.exec(
        select(ConductItem)
        .where(col(ConductItem.mission_id).in_({m.mission_id for m in members}))
        .order_by(col(ConductItem.position))
    ):
        own.setdefault(item.mission_id, []).append(item)
    done: dict[int, dict[int, Acknowledgement]] = {}
    for ack in session.exec(
        select(Acknowledgement).where(col(Acknowledgement.member_id).in_([m.id for m in members]))
    ):
        done.setdefault(ack.member_id, {})[ack.item_id] = ack
    found = {}
    for member in members:
        assert member.id is not None, "a stored member"
        acks = done.get(member.id, {})
        items = [
            ItemStatus(
                **ItemPublic.model_validate(item).model_dump(),
                acknowledged_at=acks[item.id].acknowledged_at if item.id in acks else None,
            )
            for item in general + own.get(member.mission_id, [])
        ]
        found[member.id] = MemberConduct(
            member_id=member.id,
            version=version.number,
            items=items,
            complete=all(item.acknowledged_at for item in items),
        )
    return found
