"""What the public archive reads: the countries and years its filters offer (those of the
missions with public documents only), each mission's public documents, and a text shown
in the reader's language or, missing, in another, marked so."""

from datetime import date, timedelta

import pytest

from eom.core.clock import utcnow
from eom.core.db import Database
from eom.documents import service as documents
from eom.documents.service import Shown
from eom.planning.missions import service as missions
from eom.planning.missions.models import MissionStatus
from tests.factories import advance, make_document, make_mission, publish


def test_the_filters_offer_the_countries_and_years_of_public_documents_only(
    db: Database,
) -> None:
    bolivia = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.accepted)
    peru = advance(
        db,
        make_mission(db, code="EOM-PER-2027", host_country="PE", election_date=date(2027, 4, 11)),
        MissionStatus.accepted,
    )
    chile = advance(
        db,
        make_mission(db, code="EOM-CHL-2025", host_country="CL", election_date=date(2025, 11, 16)),
        MissionStatus.accepted,
    )
    publish(db, make_document(db, bolivia))
    publish(db, make_document(db, peru))
    publish(db, make_document(db, chile), embargo_until=utcnow() + timedelta(days=1))
    make_document(db, chile)  # a draft
    with db.session_scope() as session:
        choices = documents.archive_choices(session)
        assert choices.countries == ["BO", "PE"]
        assert choices.years == [2027, 2026]
        listed = documents.public_documents_of(
            session, missions.get_mission(session, chile.id or 0)
        )
        assert listed == []
        (only,) = documents.public_documents_of(
            session, missions.get_mission(session, bolivia.id or 0)
        )
        assert only[0].mission_id == bolivia.id


@pytest.mark.parametrize(
    ("texts", "language", "shown"),
    [
        ({"en": "Seen", "es": "Visto"}, "es", Shown("Visto", "es", other=False)),
        ({"en": "Seen", "es": "Visto"}, "en", Shown("Seen", "en", other=False)),
        ({"en": "Seen"}, "es", Shown("Seen", "en", other=True)),
        ({"es": "Visto", "en": " "}, "en", Shown("Visto", "es", other=True)),  # blank: missing
        ({"fr": "Vu", "pt": "Visto"}, "es", Shown("Vu", "fr", other=True)),
        ({}, "en", None),
    ],
)
def test_a_text_is_shown_in_the_readers_language_or_marked_in_another(
    texts: dict[str, str], language: str, shown: Shown | None
) -> None:
    assert documents.in_language(texts, language) == shown
