import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict
from eom.planning.observers import service as observers
from eom.planning.observers.models import ObserverUpdate
from tests.factories import make_observer


def test_an_email_is_in_the_roster_once(db: Database) -> None:
    make_observer(db, email="ana@observers.example")
    with pytest.raises(Conflict, match="ana@observers.example is already in the roster"):
        make_observer(db, email="ANA@observers.example")


def test_the_roster_is_searched_by_name_nationality_language_and_expertise(db: Database) -> None:
    make_observer(
        db,
        full_name="Lucía Fernández",
        nationality="UY",
        languages=["es", "pt"],
        expertise=["gender"],
    )
    make_observer(
        db, full_name="John Smith", nationality="JM", languages=["en"], expertise=["media"]
    )
    with db.session_scope() as session:

        def names(**filters: object) -> list[str]:
            items, _ = observers.search_observers(session, limit=50, offset=0, **filters)  # type: ignore[arg-type]
            return [o.full_name for o in items]

        assert names(q="lucía") == ["Lucía Fernández"]
        assert names(nationality="jm") == ["John Smith"]
        assert names(language="pt") == ["Lucía Fernández"]
        assert names(expertise="media") == ["John Smith"]


def test_the_roster_search_ignores_accents_and_case(db: Database) -> None:
    make_observer(db, full_name="José Núñez Peña", email="jnp@observers.example")
    with db.session_scope() as session:
        for typed in ("nunez", "NÚÑEZ", "jose nunez", "pena", "jnp@"):
            found, _ = observers.search_observers(session, limit=10, offset=0, q=typed)
            assert [o.full_name for o in found] == ["José Núñez Peña"], typed


def test_a_changed_name_is_searched_by_its_new_words(db: Database) -> None:
    observer = make_observer(db, full_name="Ana Gómez")
    with db.session_scope() as session:
        fresh = observers.get_observer(session, observer.id or 0)
        changes = ObserverUpdate(full_name="Ana Gómez Ibáñez")
        observers.update_observer(session, fresh, changes, actor=SYSTEM)
    with db.session_scope() as session:
        found, _ = observers.search_observers(session, limit=10, offset=0, q="ibanez")
    assert [o.full_name for o in found] == ["Ana Gómez Ibáñez"]
