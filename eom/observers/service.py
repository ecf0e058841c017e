"""What happens to the roster: adding, changing, finding and importing observers."""

from typing import Any

from sqlalchemy import ColumnElement, String, cast, or_
from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.clock import utcnow
from eom.errors import Conflict, NotFound, check_version
from eom.observers.models import Gender, Observer, ObserverCreate, ObserverUpdate
from eom.reference import Theme

CHAIN = "roster"


def snapshot(observer: Observer) -> dict[str, Any]:
    return observer.model_dump(mode="json")


def get_observer(session: Session, observer_id: int, *, for_update: bool = False) -> Observer:
    observer = session.get(Observer, observer_id, with_for_update=for_update)
    if observer is None:
        raise NotFound("No observer with id {observer_id}.", observer_id=observer_id)
    return observer


def find_by_email(session: Session, email: str) -> Observer | None:
    return session.exec(select(Observer).where(Observer.email == email.strip().lower())).first()


def search_observers(
    session: Session,
    *,
    limit: int,
    offset: int,
    q: str | None = None,
    nationality: str | None = None,
    gender: Gender | None = None,
    language: str | None = None,
    expertise: Theme | None = None,
) -> tuple[list[Observer], int]:
    """Observers by name matching every filter given, and how many match in all."""
    conditions: list[ColumnElement[bool]] = []
    if q:
        pattern = f"%{q.strip().lower()}%"
        conditions.append(
            or_(func.lower(Observer.full_name).like(pattern), col(Observer.email).like(pattern))
        )
    if nationality:
        conditions.append(col(Observer.nationality) == nationality.upper())
    if gender:
        conditions.append(col(Observer.gender) == gender)
    # JSON lists are matched on their text, which reads the same on SQLite and PostgreSQL.
    if language:
        conditions.append(cast(Observer.languages, String).like(f'%"{language.lower()}"%'))
    if expertise:
        conditions.append(cast(Observer.expertise, String).like(f'%"{expertise}"%'))
    total = session.exec(select(func.count()).select_from(Observer).where(*conditions)).one()
    items = session.exec(
        select(Observer)
        .where(*conditions)
        .order_by(col(Observer.full_name), col(Observer.id))
        .limit(limit)
        .offset(offset)
    )
    return list(items), total


def create_observer(session: Session, data: ObserverCreate, *, actor: Actor) -> Observer:
    """A new person in the roster; refuses an email already there."""
    email = data.email.lower()
    if find_by_email(session, email) is not None:
        raise Conflict("An observer with the email {email} is already in the roster.", email=email)
    now = utcnow()
    observer = Observer.model_validate(
        data, update={"email": email, "created_at": now, "updated_at": now}
    )
    session.add(observer)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity_type="observer",
        entity_id=observer.id,
        after=snapshot(observer),
        chain=CHAIN,
    )
    return observer


def update_observer(
    session: Session,
    observer: Observer,
    changes: ObserverUpdate,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> Observer:
    """Apply the changes given; the email stays unique in the roster."""
    check_version(observer.version, expected_version)
    data = changes.model_dump(exclude_unset=True)
    data = {key: value for key, value in data.items() if value is not None or key == "phone"}
    if "email" in data:
        data["email"] = data["email"].lower()
        other = find_by_email(session, data["email"])
        if other is not None and other.id != observer.id:
            raise Conflict(
                "An observer with the email {email} is already in the roster.", email=data["email"]
            )
    before = snapshot(observer)
    observer.sqlmodel_update(data)
    if snapshot(observer) == before:
        return observer
    observer.version += 1
    observer.updated_at = utcnow()
    session.add(observer)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="update",
        entity_type="observer",
        entity_id=observer.id,
        before=before,
        after=snapshot(observer),
        chain=CHAIN,
    )
    return observer
