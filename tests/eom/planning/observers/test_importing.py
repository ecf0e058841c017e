"""Importing the roster from CSV: all rows or none, every problem named."""

import pytest

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import InvalidInput
from eom.planning.observers import importing
from eom.planning.observers import service as observers
from tests.factories import make_observer

HEADER = "full_name,nationality,gender,languages,expertise,email,phone\n"


def test_an_import_adds_new_observers_and_updates_known_ones(db: Database) -> None:
    make_observer(db, full_name="Old Name", email="known@observers.example")
    csv = HEADER + (
        "New Person,CL,female,es;en,gender;media,new@observers.example,+56 2 2555 0100\n"
        "New Name,CL,male,es,electoral_justice,known@observers.example,\n"
    )
    with db.session_scope() as session:
        report = importing.import_roster(session, csv, actor=SYSTEM)
    assert (report.created, report.updated) == (1, 1)
    with db.session_scope() as session:
        known = observers.find_by_email(session, "known@observers.example")
        new = observers.find_by_email(session, "new@observers.example")
    assert known is not None and known.full_name == "New Name" and known.nationality == "CL"
    assert (
        new is not None and new.languages == ["es", "en"] and new.expertise == ["gender", "media"]
    )


def test_an_import_with_a_bad_row_stores_nothing_and_reports_every_problem(db: Database) -> None:
    csv = HEADER + (
        "Good Person,CL,female,es,gender,good@observers.example,\n"
        "Bad Person,XX,robot,zz,gender,bad@observers.example,\n"
        "Twin,CL,female,es,gender,good@observers.example,\n"
    )
    with pytest.raises(InvalidInput) as refused, db.session_scope() as session:
        importing.import_roster(session, csv, actor=SYSTEM)
    problems = {(e["loc"][1], e["loc"][2]) for e in refused.value.errors}
    assert problems == {(3, "nationality"), (3, "gender"), (3, "languages"), (4, "email")}
    with db.session_scope() as session:
        assert observers.search_observers(session, limit=5, offset=0)[1] == 0


def test_a_file_without_the_required_columns_is_refused(db: Database) -> None:
    with pytest.raises(InvalidInput) as refused, db.session_scope() as session:
        importing.import_roster(session, "name,email\nA,a@b.org\n", actor=SYSTEM)
    assert {e["loc"][2] for e in refused.value.errors} >= {"full_name", "nationality"}


def test_a_file_that_is_not_csv_is_refused_not_crashed_on(db: Database) -> None:
    with pytest.raises(InvalidInput) as refused, db.session_scope() as session:
        importing.import_roster(session, HEADER + "x" * 200_000 + ",CL\n", actor=SYSTEM)
    assert "not readable as CSV" in refused.value.errors[0]["msg"]
