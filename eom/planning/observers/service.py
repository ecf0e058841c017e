"""What happens to the roster: adding, changing, finding and importing observers."""

from sqlalchemy import ColumnElement, String, cast
from sqlmodel import Session, col, func, select

from eom.accounts.models import User
from eom.accounts.service import actor_of
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, NotFound, check_version
from eom.core.reference import Theme
from eom.core.text import folded
from eom.planning.observers.models import Gender, Observer, ObserverCreate, ObserverUpdate

CHAIN = "roster"


def get_observer(session: Session, observer_id: int, *, for_update: bool = False) -> Observer:
    observer = session.get(Observer, observer_id, with_for_update=for_update)
    if observer is None:
        raise NotFound("No observer with id {observer_id}.", observer_id=observer_id)
    return observer


def find_by_email(session: Session, email: str) -> Observer | None:
    return session.exec(select(Observer).where(Observer.email == email.strip().lower())).first()


def account_entry(session: Session, user: User) -> Observer | None:
    """The roster entry of this account: the one linked to it; else the entry with the
    account's email if no account has it yet, linked to this one from now on (an email
    changed later, on either side, never moves the link)."""
    linked = session.exec(select(Observer).where(Observer.user_id == user.id)).first()
    if linked is not None:
        return linked
    entry = find_by_email(session, user.email)
    if entry is None or entry.user_id is not None:
        return None
    with audit.changing(session, entry, actor=actor_of(user), chain=CHAIN, action="link_account"):
        entry.user_id = user.id
    return entry


def search_key(full_name: str, email: str) -> str:
    """What the roster search compares: name and email without accents or case."""
    return folded(f"{full_name} {email}")


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
    leaving_out: set[int] | None = None,
) -> tuple[list[Observer], int]:
    """Observers by name matching every filter given, but for the ids ``leaving_out``
    (those already taken, say), and how many match in all."""
    conditions: list[ColumnElement[bool]] = []
    if leaving_out:
        conditions.append(col(Observer.id).not_in(leaving_out))
    if q:
        conditions.append(col(Observer.search_key).contains(folded(q.strip()), autoescape=True))
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


def roster_choices(session: Session) -> tuple[list[str], list[str]]:
    """The nationalities and the languages found in the roster (codes), for its filters."""
    nationalities = session.exec(select(Observer.nationality).distinct()).all()
    spoken = {code for codes in session.exec(select(Observer.languages)).all() for code in codes}
    return sorted(nationalities), sorted(spoken)


def create_observer(session: Session, data: ObserverCreate, *, actor: Actor) -> Observer:
    """A new person in the roster; refuses an email already there."""
    email = data.email.lower()
    if find_by_email(session, email) is not None:
        raise Conflict("An observer with the email {email} is already in the roster.", email=email)
    now = utcnow()
    observer = Observer.model_validate(
        data,
        update={
            "email": email,
            "search_key": search_key(data.full_name, email),
            "created_at": now,
            "updated_at": now,
        },
    )
    return audit.created(session, observer, actor=actor, chain=CHAIN)


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
    if all(getattr(observer, key) == value for key, value in data.items()):
        return observer  # nothing changes: no new version, nothing to record
    with audit.changing(session, observer, actor=actor, chain=CHAIN):
        observer.sqlmodel_update(data)
        observer.search_key = search_key(observer.full_name, observer.email)
    return observer
