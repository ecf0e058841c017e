"""The IATI 2.03 activity file of the published missions (``iati-activities``).

``gather`` reads the domain into frozen values; ``render`` turns them into XML with lxml.
Each published (accepted) mission is one ``iati-activity``: the OAS reports it and is
accountable for it, DECO implements it, its donors fund it. Only codes of the IATI
code lists are written (a test checks each against the lists). Donors that have not
agreed to make their amounts public are not named: their transactions appear without
a provider organisation, so the totals stay whole. Each public document of a mission
(published, past its embargo) is a ``document-link``: its PDF when one was uploaded, else
its page in the public archive, at the site's address.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from lxml import etree
from sqlmodel import Session

from eom.core.clock import utcnow
from eom.core.i18n import N_, translate
from eom.core.reference import Country
from eom.documents import service as documents
from eom.documents.models import Document, DocumentKind
from eom.funding import budgets, movements
from eom.funding.donors import all_donors
from eom.funding.models import IATI_CODES, Donor, DonorKind, Movement
from eom.planning.missions import service as missions
from eom.planning.missions.models import ELECTION_TYPE_LABELS, Mission, MissionStatus

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IATI_VERSION = "2.03"
# The OAS's organisation identifier in IATI; set here, in one place, once it is registered.
OAS_REF = "XI-IATI-OAS"
OAS_NAME = "Organization of American States"
DECO_NAME = "OAS Department of Electoral Cooperation and Observation (DECO)"
ELECTIONS_SECTOR = "15151"  # DAC 5-digit sector (vocabulary 1): Elections
MULTILATERAL = "40"

# OrganisationType codes: government, multilateral, foundation, private sector.
ORGANISATION_TYPES = {
    DonorKind.member_state: "10",
    DonorKind.permanent_observer: "10",
    DonorKind.multilateral: MULTILATERAL,
    DonorKind.foundation: "60",
    DonorKind.private: "70",
    DonorKind.regular_fund: MULTILATERAL,
}

S = MissionStatus
# ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled.
ACTIVITY_STATUS = {
    S.requested: "1",
    S.accepted: "1",
    S.preliminary_visit: "1",
    S.agreements_signed: "1",
    S.deployed: "2",
    S.preliminary_report: "2",
    S.final_report: "3",
    S.follow_up: "3",
    S.closed: "4",
    S.cancelled: "5",
}
# ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
ORIGINAL, REVISED = "1", "2"  # BudgetType
INDICATIVE = "1"  # BudgetStatus
FUNDING, ACCOUNTABLE, IMPLEMENTING = "1", "2", "4"  # OrganisationRole

# DocumentCategory: what a mission publishes is what it found, its output (A08 "Results,
# outcomes and outputs"); none of its documents appraises or reviews the activity itself.
DOCUMENT_CATEGORIES = {
    DocumentKind.press_release: "A08",
    DocumentKind.preliminary_statement: "A08",
    DocumentKind.verbal_report: "A08",
    DocumentKind.final_report: "A08",
    DocumentKind.other: "A08",
}
PDF, HTML = "application/pdf", "text/html"  # FileFormat: IANA media types

TITLE = N_("{code}: OAS mission to {country}, {election} election of {year}")
DESCRIPTION = N_(
    "Electoral mission of the Organization of American States to {country} for the "
    "election of {date}, carried out by its Department of Electoral Cooperation and "
    "Observation (DECO)."
)


@dataclass(frozen=True)
class Org:
    name: str
    ref: str | None
    type: str


@dataclass(frozen=True)
class Transaction:
    type: str
    on: date
    amount: Decimal
    currency: str
    description: str | None
    provider: Org | None


@dataclass(frozen=True)
class Budget:
    type: str
    starts_on: date
    ends_on: date
    value: Decimal
    value_on: date


@dataclass(frozen=True)
class DocumentLink:
    url: str
    format: str
    title: dict[str, str]
    category: str
    languages: tuple[str, ...]
    on: date


@dataclass(frozen=True)
class Activity:
    identifier: str
    updated_at: datetime
    title: dict[str, str]
    description: dict[str, str]
    funders: tuple[Org, ...]
    status: str
    dates: tuple[tuple[str, date], ...]
    country: str
    budgets: tuple[Budget, ...]
    transactions: tuple[Transaction, ...]
    documents: tuple[DocumentLink, ...] = ()


def _org(donor: Donor) -> Org:
    return Org(name=donor.name, ref=donor.iati_ref, type=ORGANISATION_TYPES[donor.kind])


def _texts(mission: Mission) -> tuple[dict[str, str], dict[str, str]]:
    country = Country(mission.host_country)
    titles, descriptions = {}, {}
    for language in ("en", "es"):
        election = translate(language, ELECTION_TYPE_LABELS[mission.election_type]).lower()
        titles[language] = translate(
            language,
            TITLE,
            code=mission.code,
            country=country,
            election=election,
            year=mission.election_date.year,
        )
        descriptions[language] = translate(
            language, DESCRIPTION, country=country, date=mission.election_date.isoformat()
        )
    return titles, descriptions


def _dates(session: Session, mission: Mission) -> tuple[tuple[str, date], ...]:
    starts, ends = mission.period()
    found = [(PLANNED_START, starts), (PLANNED_END, ends)]
    for step in missions.transitions_of(session, mission):
        if step.to_status == S.deployed:
            found.append((ACTUAL_START, step.on))
        if step.to_status in (S.closed, S.cancelled):
            found.append((ACTUAL_END, step.on))
    return tuple(sorted(found))


def _budgets(session: Session, mission: Mission) -> tuple[Budget, ...]:
    revisions = budgets.budget_of(session, mission).revisions
    starts, ends = mission.period()
    chosen = [(ORIGINAL, revisions[0])] if revisions else []
    if len(revisions) > 1:
        chosen.append((REVISED, revisions[-1]))
    return tuple(
        Budget(kind, starts, ends, revision.total_usd, revision.recorded_on)
        for kind, revision in chosen
    )


def _transaction(movement: Movement, donors: dict[int, Donor]) -> Transaction:
    donor = donors.get(movement.donor_id) if movement.donor_id else None
    return Transaction(
        type=IATI_CODES[movement.kind],
        on=movement.on,
        amount=movement.amount,
        currency=movement.currency,
        description=movement.description,
        provider=_org(donor) if donor and donor.amounts_public else None,
    )


def _document_link(session: Session, document: Document, base_url: str) -> DocumentLink:
    public_at = document.public_at()
    assert public_at is not None, "a public document"
    languages = set(document.titles)
    for section in documents.sections_of(session, document):
        languages |= {code for code, text in section.text.items() if text.strip()}
    with_file = document.file_size is not None
    page = f"{base_url.rstrip('/')}/documents/{document.id}"
    return DocumentLink(
        url=f"{page}/file.pdf" if with_file else page,
        format=PDF if with_file else HTML,
        title=dict(document.titles),
        category=DOCUMENT_CATEGORIES[document.kind],
        languages=tuple(sorted(languages)),
        on=public_at.date(),
    )


def _activity(
    session: Session, mission: Mission, donors: dict[int, Donor], base_url: str
) -> Activity:
    assert mission.id is not None
    money, _ = movements.list_movements(session, limit=100_000, offset=0, mission_id=mission.id)
    money = sorted(money, key=lambda m: (m.on, m.id or 0))
    funder_ids = sorted({m.donor_id for m in money if m.donor_id}, key=lambda i: donors[i].name)
    titles, descriptions = _texts(mission)
    published = [d for d, _ in documents.public_documents_of(session, mission)]
    published.sort(key=lambda d: (d.public_at() or d.created_at, d.id or 0))
    # When a document became public changes the file too, though not the document's record.
    changes = [d.updated_at for d in published] + [d.public_at() or d.updated_at for d in published]
    return Activity(
        identifier=f"{OAS_REF}-{mission.code}",
        # The mission's record, a movement of its money or a document, whichever changed last.
        updated_at=max([mission.updated_at, *(m.updated_at for m in money), *changes]),
        title=titles,
        description=descriptions,
        funders=tuple(_org(donors[i]) for i in funder_ids if donors[i].amounts_public),
        status=ACTIVITY_STATUS[mission.status],
        dates=_dates(session, mission),
        country=mission.host_country,
        budgets=_budgets(session, mission),
        transactions=tuple(_transaction(m, donors) for m in money),
        documents=tuple(_document_link(session, d, base_url) for d in published),
    )


def gather(session: Session, *, base_url: str = "") -> tuple[Activity, ...]:
    """Every published mission as an IATI activity, oldest election first; its documents'
    links begin with ``base_url``, the site's address (``https://eom.example.org``)."""
    published, _ = missions.list_missions(session, limit=100_000, offset=0, public_only=True)
    donors = all_donors(session)
    ordered = sorted(published, key=lambda m: (m.election_date, m.code))
    return tuple(_activity(session, mission, donors, base_url) for mission in ordered)


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _narratives(parent: etree._Element, tag: str, texts: dict[str, str]) -> None:
    element = _sub(parent, tag)
    for language, text in texts.items():
        _sub(element, "narrative", text).set(XML_LANG, language)


def _organisation(parent: etree._Element, tag: str, org: Org, **attributes: str) -> None:
    element = _sub(parent, tag, **attributes, type=org.type)
    if org.ref:
        element.set("ref", org.ref)
    _sub(element, "narrative", org.name)


def _budget(parent: etree._Element, budget: Budget) -> None:
    element = _sub(parent, "budget", type=budget.type, status=INDICATIVE)
    _sub(element, "period-start", iso_date=budget.starts_on.isoformat())
    _sub(element, "period-end", iso_date=budget.ends_on.isoformat())
    _sub(
        element,
        "value",
        f"{budget.value:.2f}",
        currency="USD",
        value_date=budget.value_on.isoformat(),
    )


def _transaction_element(parent: etree._Element, transaction: Transaction) -> None:
    element = _sub(parent, "transaction")
    _sub(element, "transaction-type", code=transaction.type)
    _sub(element, "transaction-date", iso_date=transaction.on.isoformat())
    _sub(
        element,
        "value",
        f"{transaction.amount:.2f}",
        currency=transaction.currency,
        value_date=transaction.on.isoformat(),
    )
    if transaction.description:
        _narratives(element, "description", {"en": transaction.description})
    if transaction.provider:
        _organisation(element, "provider-org", transaction.provider)


def _document_link_element(parent: etree._Element, link: DocumentLink) -> None:
    element = _sub(parent, "document-link", url=link.url, format=link.format)
    _narratives(element, "title", link.title)
    _sub(element, "category", code=link.category)
    for language in link.languages:
        _sub(element, "language", code=language)
    _sub(element, "document-date", iso_date=link.on.isoformat())


def _activity_element(root: etree._Element, activity: Activity) -> None:
    element = _sub(
        root,
        "iati-activity",
        last_updated_datetime=activity.updated_at.isoformat(timespec="seconds"),
        default_currency="USD",
    )
    element.set(XML_LANG, "en")
    _sub(element, "iati-identifier", activity.identifier)
    _organisation(element, "reporting-org", Org(OAS_NAME, OAS_REF, MULTILATERAL))
    _narratives(element, "title", activity.title)
    _narratives(element, "description", activity.description)
    for funder in activity.funders:
        _organisation(element, "participating-org", funder, role=FUNDING)
    _organisation(
        element, "participating-org", Org(OAS_NAME, OAS_REF, MULTILATERAL), role=ACCOUNTABLE
    )
    _organisation(
        element, "participating-org", Org(DECO_NAME, None, MULTILATERAL), role=IMPLEMENTING
    )
    _sub(element, "activity-status", code=activity.status)
    for kind, on in activity.dates:
        _sub(element, "activity-date", type=kind, iso_date=on.isoformat())
    _sub(element, "recipient-country", code=activity.country, percentage="100")
    _sub(element, "sector", vocabulary="1", code=ELECTIONS_SECTOR, percentage="100")
    for budget in activity.budgets:
        _budget(element, budget)
    for transaction in activity.transactions:
        _transaction_element(element, transaction)
    for link in activity.documents:
        _document_link_element(element, link)


def render(activities: Sequence[Activity], *, generated_at: datetime | None = None) -> bytes:
    """The ``iati-activities`` document (UTF-8, with its declaration). Unless told, it is
    generated as of its activities' latest change: the same data makes the same bytes, so
    the file's ETag stays current until something in it changes."""
    generated_at = generated_at or max((a.updated_at for a in activities), default=None)
    root = etree.Element(
        "iati-activities",
        {
            "version": IATI_VERSION,
            "generated-datetime": (generated_at or utcnow()).isoformat(timespec="seconds"),
        },
    )
    for activity in activities:
        _activity_element(root, activity)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
