"""The IATI export validates against the IATI 2.03 schema and uses only listed codes."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from lxml import etree

from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.documents import service as documents
from eom.documents.models import Document, SectionStatus
from eom.funding.models import DonorKind, MovementKind
from eom.planning.missions.models import Mission, MissionStatus
from reports import iati
from tests.factories import (
    advance,
    make_document,
    make_donor,
    make_mission,
    make_rate,
    make_section,
    publish,
    record_money,
    set_budget,
)

# The reference files sit beside the repository: ../shared/reference/iati-2.03/.
REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference"
IATI = REFERENCE / "iati-2.03" if (REFERENCE / "iati-2.03").is_dir() else REFERENCE
SCHEMA = IATI / "iati-activities-schema.xsd"
needs_reference = pytest.mark.skipif(
    not SCHEMA.is_file(), reason=f"the IATI 2.03 schema is not at {SCHEMA}"
)
K = MovementKind
ON = date(2026, 3, 2)
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Which code list each emitted code belongs to: (XPath of the codes, code list file).
CODED = [
    ("//transaction-type/@code", "TransactionType"),
    ("//participating-org/@role", "OrganisationRole"),
    (
        "//participating-org/@type | //reporting-org/@type | //provider-org/@type",
        "OrganisationType",
    ),
    ("//activity-status/@code", "ActivityStatus"),
    ("//activity-date/@type", "ActivityDateType"),
    ("//recipient-country/@code", "Country"),
    ("//sector/@code", "Sector"),
    ("//budget/@type", "BudgetType"),
    ("//budget/@status", "BudgetStatus"),
    ("//value/@currency | //iati-activity/@default-currency", "Currency"),
    ("//@xml:lang | //document-link/language/@code", "Language"),
]
# The code lists of the document links, checked wherever the reference holds them.
DOCUMENT_CODED = [
    ("//document-link/category/@code", "DocumentCategory"),
    ("//document-link/@format", "FileFormat"),
]


def codes_in(codelist: str) -> set[str]:
    tree = etree.parse(str(IATI / "codelists" / f"{codelist}.xml"))
    return {str(code) for code in tree.xpath("//codelist-item/code/text()")}


def _with_pdf(db: Database, document: Document) -> Document:
    with db.session_scope() as session:
        fresh = documents.get_document(session, document.id or 0)
        documents.attach_file(session, fresh, PDF, actor=SYSTEM)
    return fresh


def _documents(db: Database, mission: Mission) -> None:
    """A press release with its PDF, published; one in English only, published; a draft
    and an embargoed one, which the export leaves out."""
    release = _with_pdf(db, make_document(db, mission))
    publish(db, release)
    english = make_document(db, mission, titles={"en": "English only"})
    make_section(
        db, english, text={"en": "Seen."}, to=(SectionStatus.submitted, SectionStatus.accepted)
    )
    publish(db, english)
    make_document(db, mission, titles={"en": "A draft"})
    later = utcnow() + timedelta(days=3)
    embargoed = make_document(db, mission, titles={"en": "Embargoed"})
    publish(db, embargoed, embargo_until=later)


@pytest.fixture
def exported(client: TestClient, db: Database, hasher: PasswordHasher) -> etree._Element:
    """Two published missions (one closed, with a revised budget, money in three
    currencies and documents: published, draft and embargoed) and one not yet accepted,
    as the public export shows them."""
    closed = make_mission(db, code="EOM-BOL-2026", host_country="BO")
    _documents(db, closed)
    advance(db, make_mission(db, code="EOM-PER-2026", host_country="PE"), MissionStatus.accepted)
    make_mission(db, code="EOM-ARG-2027", host_country="AR")
    set_budget(db, closed, {"personnel": "100000.00", "travel": "20000.00"})
    set_budget(db, closed, {"personnel": "110000.00", "travel": "20000.00"})
    make_rate(db, "EUR", ON, "1.0825")
    make_rate(db, "JPY", ON, "0.006683")
    spain = make_donor(db, name="Spain", iati_ref="XM-DAC-50")
    japan = make_donor(db, name="Japan", country="JP", amounts_public=False)
    fund = make_donor(db, name="OAS Regular Fund", kind=DonorKind.regular_fund, country=None)
    record_money(db, closed, K.pledge, "50000.00", "EUR", donor_id=spain.id)
    record_money(db, closed, K.commitment, "50000.00", "EUR", donor_id=spain.id)
    record_money(db, closed, K.received, "25000.00", "EUR", donor_id=spain.id)
    record_money(db, closed, K.commitment, "3000000", "JPY", donor_id=japan.id)
    record_money(db, closed, K.commitment, "10000.00", "USD", donor_id=fund.id)
    record_money(db, closed, K.expenditure, "9000.00", "USD", budget_category="travel")
    advance(db, closed, MissionStatus.closed)  # its budget was set while it was open
    response = client.get("/api/v1/iati/activities.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    return etree.fromstring(response.content)


@needs_reference
def test_the_export_is_valid_iati_2_03(exported: etree._Element) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(exported), schema.error_log


@needs_reference
@pytest.mark.parametrize(("xpath", "codelist"), CODED, ids=[c for _, c in CODED])
def test_every_code_is_in_its_codelist(exported: etree._Element, xpath: str, codelist: str) -> None:
    used = {str(v) for v in exported.xpath(xpath)}
    assert used, f"no {codelist} code written"
    assert used <= codes_in(codelist)


@needs_reference
@pytest.mark.parametrize(("xpath", "codelist"), DOCUMENT_CODED, ids=[c for _, c in DOCUMENT_CODED])
def test_every_document_link_code_is_in_its_codelist(
    exported: etree._Element, xpath: str, codelist: str
) -> None:
    if not (IATI / "codelists" / f"{codelist}.xml").is_file():
        pytest.skip(f"the {codelist} code list is not in {IATI / 'codelists'}")
    used = {str(v) for v in exported.xpath(xpath)}
    assert used, f"no {codelist} code written"
    assert used <= codes_in(codelist)


def test_the_document_links_are_the_public_documents_in_the_order_they_became_public(
    exported: etree._Element,
) -> None:
    bolivia = exported.xpath("//iati-activity[iati-identifier='XI-IATI-OAS-EOM-BOL-2026']")[0]
    links = bolivia.xpath("document-link")
    titles = [link.xpath("string(title/narrative[@xml:lang='en'])") for link in links]
    assert titles == [
        "press_release of the mission",
        "English only",
        "preliminary_statement of the mission",
        "final_report of the mission",
    ]
    assert "A draft" not in titles and "Embargoed" not in titles
    release, english = links[0], links[1]
    assert release.get("format") == "application/pdf"
    assert release.get("url").startswith("http://testserver/documents/")
    assert release.get("url").endswith("/file.pdf")
    assert {n.get(LANG) for n in release.xpath("title/narrative")} == {"en", "es"}
    assert english.get("format") == "text/html"
    assert english.get("url").rsplit("/", 2)[-2] == "documents"
    assert [n.get(LANG) for n in english.xpath("title/narrative")] == ["en"]
    assert english.xpath("language/@code") == ["en"]
    assert all(link.xpath("category/@code") == ["A08"] for link in links)
    assert release.xpath("document-date/@iso-date") == [utcnow().date().isoformat()]
    # The schema's order: document links after the transactions.
    tags = [child.tag for child in bolivia]
    assert tags.index("document-link") > max(i for i, t in enumerate(tags) if t == "transaction")


def test_one_activity_per_published_mission(exported: etree._Element) -> None:
    identifiers = exported.xpath("//iati-activity/iati-identifier/text()")
    assert identifiers == ["XI-IATI-OAS-EOM-BOL-2026", "XI-IATI-OAS-EOM-PER-2026"]
    assert exported.get("version") == "2.03"


def test_an_activity_carries_its_titles_orgs_budgets_and_transactions(
    exported: etree._Element,
) -> None:
    bolivia = exported.xpath("//iati-activity[iati-identifier='XI-IATI-OAS-EOM-BOL-2026']")[0]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert {n.get(lang) for n in bolivia.xpath("title/narrative")} == {"en", "es"}
    assert "Bolivia" in bolivia.xpath("string(title/narrative[@xml:lang='es'])")
    roles = [
        (o.get("role"), o.xpath("string(narrative)")) for o in bolivia.xpath("participating-org")
    ]
    assert ("1", "Spain") in roles and ("1", "OAS Regular Fund") in roles
    assert ("2", "Organization of American States") in roles
    assert any(role == "4" and "DECO" in name for role, name in roles)
    assert all(name != "Japan" for _, name in roles)  # its amounts are not public
    assert bolivia.xpath("activity-status/@code") == ["4"]
    assert bolivia.xpath("sector/@code") == ["15151"]
    assert bolivia.xpath("recipient-country/@code") == ["BO"]
    assert [(b.get("type"), b.findtext("value")) for b in bolivia.xpath("budget")] == [
        ("1", "120000.00"),
        ("2", "130000.00"),
    ]
    transactions = [
        (
            t.xpath("string(transaction-type/@code)"),
            t.findtext("value"),
            t.xpath("string(value/@currency)"),
        )
        for t in bolivia.xpath("transaction")
    ]
    assert transactions == [
        ("13", "50000.00", "EUR"),
        ("11", "50000.00", "EUR"),
        ("1", "25000.00", "EUR"),
        ("11", "3000000.00", "JPY"),
        ("11", "10000.00", "USD"),
        ("4", "9000.00", "USD"),
    ]
    japanese = bolivia.xpath("transaction")[3]
    assert japanese.find("provider-org") is None


def test_the_same_data_makes_the_same_file_dated_by_its_latest_change(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.accepted)
    with db.session_scope() as session:
        activities = iati.gather(session)
    monkeypatch.setattr("reports.iati.utcnow", lambda: datetime(2030, 1, 1, tzinfo=UTC))
    first, again = iati.render(activities), iati.render(activities)
    assert first == again
    stamp = activities[0].updated_at.isoformat(timespec="seconds")
    assert etree.fromstring(first).get("generated-datetime") == stamp
    donor = make_donor(db)
    later = record_money(db, mission, K.pledge, "10.00", "USD", donor_id=donor.id)
    with db.session_scope() as session:
        changed = iati.gather(session)
    assert changed[0].updated_at == later.updated_at > activities[0].updated_at
    document = etree.fromstring(iati.render(changed))
    assert document.get("generated-datetime") == later.updated_at.isoformat(timespec="seconds")
    assert document.xpath("//iati-activity/@last-updated-datetime") == [
        later.updated_at.isoformat(timespec="seconds")
    ]
