"""The public archive of the missions' documents: ``/documents`` lists every published
document past its embargo, filtered by country, year, kind and words in either language;
each has its page (its text in the reader's language, or marked as in another) and its
PDF. A draft or an embargoed document is a 404 to everyone but staff and its authors."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.documents import service as documents
from eom.documents.models import Document, DocumentKind, SectionStatus
from eom.planning.members.models import MemberRole
from eom.planning.missions.models import Mission, MissionStatus
from tests.factories import (
    advance,
    bearer,
    make_document,
    make_member,
    make_mission,
    make_observer,
    make_section,
    make_user,
    publish,
    signed_in_as,
)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ACCEPTED = (SectionStatus.submitted, SectionStatus.accepted)
STATEMENT_EN = "Preliminary statement on the Bolivian election"
STATEMENT_ES = "Declaración preliminar sobre la elección boliviana"
RELEASE_EN = "Press release on the Peruvian count"


@dataclass
class Archive:
    bolivia: Mission
    peru: Mission
    statement: int  # Bolivia's, 2026, in both languages, with its PDF
    release: int  # Peru's, 2027, its title in English only, no PDF
    draft: int
    embargoed: int
    cookies: dict[str, str]  # each caller's session


def _with_pdf(db: Database, document: Document) -> None:
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        documents.attach_file(session, fresh, PDF, actor=SYSTEM)


@pytest.fixture
def archive(client: TestClient, db: Database, hasher: PasswordHasher) -> Archive:
    """Two public missions; Bolivia's preliminary statement (its PDF, sections in English
    and Spanish) and Peru's press release (in English only) published; Bolivia's draft and
    embargoed documents, in each of which a member writes a section."""
    bolivia = advance(db, make_mission(db, code="EOM-BOL-2026"), MissionStatus.deployed)
    peru = advance(
        db,
        make_mission(db, code="EOM-PER-2027", host_country="PE", election_date=date(2027, 4, 11)),
        MissionStatus.accepted,
    )
    email = "writer@observers.example"
    writer = make_member(
        db, bolivia, make_observer(db, email=email), role=MemberRole.long_term_observer
    )
    make_user(db, hasher, role=Role.observer, email=email)

    statement = make_document(
        db,
        bolivia,
        DocumentKind.preliminary_statement,
        titles={"en": STATEMENT_EN, "es": STATEMENT_ES},
    )
    text = {"en": "The ballot boxes arrived sealed.", "es": "Las urnas llegaron selladas."}
    make_section(db, statement, heading="Election day", text=text, to=ACCEPTED)
    _with_pdf(db, statement)
    publish(db, statement)
    release = make_document(db, peru, titles={"en": RELEASE_EN})
    make_section(db, release, text={"en": "The count went on all night."}, to=ACCEPTED)
    publish(db, release)

    draft = make_document(db, bolivia, titles={"en": "Draft on the campaign"})
    make_section(db, draft, assignee_id=writer.id, text={"en": "Campaign finance words."})
    embargoed = make_document(db, bolivia, titles={"en": "Embargoed verdict"})
    make_section(db, embargoed, assignee_id=writer.id, text={"en": "Later words."}, to=ACCEPTED)
    publish(db, embargoed, embargo_until=utcnow() + timedelta(days=2))

    headers = {
        "donor": signed_in_as(client, db, hasher, Role.donor),
        "observer": signed_in_as(client, db, hasher, Role.observer),
        "staff": signed_in_as(client, db, hasher, Role.staff),
        "writer": bearer(client, email),
    }
    cookies = {caller: h["Authorization"].removeprefix("Bearer ") for caller, h in headers.items()}
    return Archive(
        bolivia=bolivia,
        peru=peru,
        statement=statement.id or 0,
        release=release.id or 0,
        draft=draft.id or 0,
        embargoed=embargoed.id or 0,
        cookies=cookies,
    )


def _as(client: TestClient, archive: Archive, caller: str) -> None:
    client.cookies.clear()
    if caller != "anonymous":
        client.cookies.set("eom_session", archive.cookies[caller])


def _listed(page: str) -> list[int]:
    """The documents a page of the archive lists, in order."""
    table = page.split('id="documents"', 1)[1].split("</table>", 1)[0]
    return [int(i) for i in dict.fromkeys(re.findall(r'href="/documents/(\d+)"', table))]


def test_the_archive_lists_the_public_documents_the_latest_first(
    client: TestClient, archive: Archive
) -> None:
    page = client.get("/documents?lang=en")
    assert page.status_code == 200
    assert _listed(page.text) == [archive.release, archive.statement]
    assert "Draft on the campaign" not in page.text and "Embargoed verdict" not in page.text
    assert f'href="/documents/{archive.statement}/file.pdf"' in page.text
    assert f'href="/missions/{archive.bolivia.id}"' in page.text
    assert 'href="/documents"' in page.text  # in the navigation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=BO", ["statement"]),
        ("country=pe", ["release"]),
        ("year=2027", ["release"]),
        ("kind=preliminary_statement", ["statement"]),
        ("q=sealed", ["statement"]),  # a word of the English text
        ("q=urnas+SELLADAS", ["statement"]),  # words of the Spanish text, any case
        ("q=declaracion", ["statement"]),  # the Spanish title, accents ignored
        ("q=campaign", []),  # the draft's words are not searched
        ("country=&year=&kind=&q=", ["release", "statement"]),  # an empty form: any
        ("kind=no_such_kind", ["release", "statement"]),  # a kind it does not know: any
    ],
)
def test_the_filters_choose_by_country_year_kind_and_words_in_either_language(
    client: TestClient, archive: Archive, query: str, expected: list[str]
) -> None:
    page = client.get(f"/documents?{query}")
    assert page.status_code == 200
    assert _listed(page.text) == [getattr(archive, name) for name in expected]
    if not expected:
        assert "No documents match." in page.text


def test_the_filters_offer_the_countries_and_years_of_the_public_documents(
    client: TestClient, archive: Archive
) -> None:
    page = client.get("/documents?country=PE&lang=es").text
    assert '<option value="PE" selected>Perú</option>' in page
    assert '<option value="BO" >Bolivia</option>' in page
    assert '<option value="2027" >2027</option>' in page
    assert "Comunicado de prensa" in page


def test_a_malformed_filter_is_refused(client: TestClient, archive: Archive) -> None:
    assert client.get("/documents?year=twenty").status_code == 422
    assert client.get("/documents?country=BOL").status_code == 422


@pytest.mark.parametrize("caller", ["anonymous", "donor", "observer"])
def test_drafts_and_embargoed_documents_are_404_to_the_public(
    client: TestClient, archive: Archive, caller: str
) -> None:
    _as(client, archive, caller)
    for document in (archive.draft, archive.embargoed):
        assert client.get(f"/documents/{document}").status_code == 404
        assert client.get(f"/documents/{document}/file.pdf").status_code == 404
    assert client.get(f"/documents/{archive.statement}").status_code == 200
    client.cookies.clear()


@pytest.mark.parametrize("caller", ["staff", "writer"])
def test_staff_and_the_authors_read_drafts_and_embargoed_documents(
    client: TestClient, archive: Archive, caller: str
) -> None:
    _as(client, archive, caller)
    draft = client.get(f"/documents/{archive.draft}?lang=en")
    assert draft.status_code == 200
    assert "Draft on the campaign" in draft.text and "Campaign finance words." in draft.text
    assert "Draft" in draft.text
    embargoed = client.get(f"/documents/{archive.embargoed}?lang=en")
    assert embargoed.status_code == 200 and "Embargoed until" in embargoed.text
    workflow = f'href="/missions/{archive.bolivia.id}/documents/{archive.draft}"'
    assert (workflow in draft.text) == (caller == "staff")
    client.cookies.clear()


def test_a_document_page_reads_in_the_readers_language(
    client: TestClient, archive: Archive
) -> None:
    english = client.get(f"/documents/{archive.statement}?lang=en").text
    assert STATEMENT_EN in english and "The ballot boxes arrived sealed." in english
    spanish = client.get(f"/documents/{archive.statement}?lang=es").text
    assert STATEMENT_ES in spanish and "Las urnas llegaron selladas." in spanish
    assert "The ballot boxes" not in spanish
    assert "Declaración preliminar" in spanish and "Election day" in spanish
    assert f'href="/documents/{archive.statement}/file.pdf"' in spanish
    assert "/missions/" + str(archive.bolivia.id) + "/documents/" not in spanish


def test_a_title_or_text_missing_in_the_readers_language_is_shown_marked_in_the_other(
    client: TestClient, archive: Archive
) -> None:
    note = '<span class="muted other-language">(en inglés)</span>'
    marked = f'<span lang="en">{RELEASE_EN}</span>'
    linked = f'<a href="/documents/{archive.release}">{marked}</a> {note}'
    assert linked in client.get("/documents?lang=es").text
    assert linked in client.get(f"/missions/{archive.peru.id}?lang=es").text
    page = client.get(f"/documents/{archive.release}?lang=es").text
    assert f"{marked} {note}" in page
    assert "Este texto está en inglés." in page
    assert '<div lang="en"><p>The count went on all night.</p></div>' in page
    english = client.get(f"/documents/{archive.release}?lang=en").text
    assert "other-language" not in english


def test_the_download_is_the_uploaded_pdf_never_stored_by_a_cache(
    client: TestClient, archive: Archive
) -> None:
    answer = client.get(f"/documents/{archive.statement}/file.pdf")
    assert answer.status_code == 200
    assert answer.content == PDF
    assert answer.headers["content-type"] == "application/pdf"
    disposition = 'inline; filename="EOM-BOL-2026-preliminary_statement.pdf"'
    assert answer.headers["content-disposition"] == disposition
    assert answer.headers["cache-control"] == "no-store"


def test_a_text_only_document_is_read_on_its_page(client: TestClient, archive: Archive) -> None:
    page = client.get(f"/documents/{archive.release}?lang=en").text
    assert "file.pdf" not in page
    assert client.get(f"/documents/{archive.release}/file.pdf").status_code == 404


def test_the_public_mission_page_lists_its_published_documents(
    client: TestClient, archive: Archive
) -> None:
    for caller in ("anonymous", "staff"):
        _as(client, archive, caller)
        page = client.get(f"/missions/{archive.bolivia.id}?lang=en").text
        assert f'<a href="/documents/{archive.statement}">{STATEMENT_EN}</a>' in page, caller
        assert "Draft on the campaign" not in page and "Embargoed verdict" not in page
        assert f'href="/documents/{archive.statement}/file.pdf"' in page
    client.cookies.clear()
