"""A donor's funding statement for a period: the frozen value and its PDF.

Every contribution keeps its own currency, the dated exchange rate stored with it and
its USD amount (never recomputed here); each funded mission shows what it received and
what it spent by budget line.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether

from eom.reference import country_name
from reports.charts import Bar, Series, bar_chart, stacked_bar_chart
from reports.formatting import date_text, money_text, number_text, percent_text, rate_text
from reports.labels import BUDGET_LINE_LABELS, CONTRIBUTION_LABELS, DONOR_KIND_LABELS, label
from reports.pdf import (
    CHART_WIDTH,
    DocumentInfo,
    build_pdf,
    chart,
    cover,
    heading,
    key_values,
    note,
    paragraph,
    table,
    translator,
)

USD = "USD"
Translate = Callable[..., str]


@dataclass(frozen=True)
class Contribution:
    """Money from the donor: a pledge, a commitment or funds received."""

    on: date
    mission_code: str
    kind: str
    currency: str
    amount: Decimal
    usd_rate: Decimal
    rate_on: date
    amount_usd: Decimal
    reference: str | None = None


@dataclass(frozen=True)
class BudgetLine:
    line: str
    budget_usd: Decimal
    spent_usd: Decimal


@dataclass(frozen=True)
class FundedMission:
    """A mission the donor funded: what it received, from the donor and in all, and its
    budget and spending by line."""

    code: str
    host_country: str
    election_date: date
    received_from_donor_usd: Decimal
    received_usd: Decimal
    lines: tuple[BudgetLine, ...]

    @property
    def budget_usd(self) -> Decimal:
        return sum((line.budget_usd for line in self.lines), Decimal(0))

    @property
    def spent_usd(self) -> Decimal:
        return sum((line.spent_usd for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class DonorStatement:
    donor_name: str
    donor_kind: str
    donor_country: str | None
    iati_identifier: str | None
    period_start: date
    period_end: date
    contributions: tuple[Contribution, ...]
    missions: tuple[FundedMission, ...]
    generated_on: date

    def total_usd(self, kind: str) -> Decimal:
        """The USD sum of the period's contributions of one kind."""
        return sum((c.amount_usd for c in self.contributions if c.kind == kind), Decimal(0))


def render_donor_statement(statement: DonorStatement, language: str) -> bytes:
    """The statement as a PDF, every label, date and amount written in ``language``."""
    _ = translator(language)
    period = _(
        "{start} to {end}",
        start=date_text(statement.period_start, language),
        end=date_text(statement.period_end, language),
    )
    info = DocumentInfo(
        title=_("Funding statement"),
        subject=f"{statement.donor_name} · {period}",
        language=language,
    )
    lines = [_(label(DONOR_KIND_LABELS, statement.donor_kind))]
    if statement.donor_country:
        lines.append(country_name(statement.donor_country, language))
    if statement.iati_identifier:
        lines.append(_("IATI identifier: {id}", id=statement.iati_identifier))
    lines.append(_("Prepared on {date}", date=date_text(statement.generated_on, language)))
    front = cover(_("Funding statement"), statement.donor_name, period, lines)
    body = [
        *_summary(statement, _, language, period),
        *_contributions(statement, _, language),
        *_missions(statement, _, language),
    ]
    return build_pdf(info, front, body)


def _usd(amount: Decimal, language: str) -> str:
    return money_text(amount, USD, language)


def _summary(statement: DonorStatement, _: Translate, language: str, period: str) -> list[Flowable]:
    facts = [
        (_("Donor"), statement.donor_name),
        (_("Kind"), _(label(DONOR_KIND_LABELS, statement.donor_kind))),
        (_("Period"), period),
        *[
            (_(CONTRIBUTION_LABELS[kind]), _usd(statement.total_usd(kind), language))
            for kind in CONTRIBUTION_LABELS
        ],
        (_("Missions funded"), number_text(len(statement.missions), language)),
    ]
    found: list[Flowable] = [
        heading(_("1. Summary")),
        paragraph(
            _(
                "This statement lists every contribution of {donor} in the period, in its "
                "own currency and in US dollars at the exchange rate recorded with it, and "
                "what each mission it funded received and spent.",
                donor=statement.donor_name,
            )
        ),
        key_values(facts),
    ]
    if statement.missions:
        bars = [Bar(m.code, float(m.received_from_donor_usd)) for m in statement.missions]
        found.append(
            chart(
                bar_chart(
                    bars,
                    title=_("Funds received from the donor, by mission (USD)"),
                    width=CHART_WIDTH,
                    value_format=lambda v: number_text(round(v), language),
                )
            )
        )
    return found


def _contributions(statement: DonorStatement, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [heading(_("2. Contributions"))]
    if not statement.contributions:
        return [*found, paragraph(_("No contributions were recorded in the period."))]
    rows = [
        [
            date_text(c.on, language, style="medium"),
            c.mission_code,
            _(label(CONTRIBUTION_LABELS, c.kind)),
            money_text(c.amount, c.currency, language),
            rate_text(c.usd_rate, language),
            _usd(c.amount_usd, language),
        ]
        for c in sorted(statement.contributions, key=lambda c: (c.on, c.mission_code))
    ]
    header = [_("Date"), _("Mission"), _("Kind"), _("Amount"), _("USD rate"), _("USD")]
    totals = [
        [_(CONTRIBUTION_LABELS[kind]), _usd(statement.total_usd(kind), language)]
        for kind in CONTRIBUTION_LABELS
    ]
    return [
        *found,
        table(header, rows, (0.14, 0.16, 0.17, 0.19, 0.14, 0.2), numeric={3, 4, 5}),
        note(
            _(
                "The USD rate is the value of one unit of the currency in US dollars on the "
                "date the contribution was recorded; it is stored with the contribution."
            )
        ),
        heading(_("Totals by kind"), 1),
        table([_("Kind"), _("USD")], totals, (0.6, 0.4), numeric={1}),
    ]


def _missions(statement: DonorStatement, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [heading(_("3. Funded missions"))]
    if not statement.missions:
        return [*found, paragraph(_("No mission received funds from the donor in the period."))]
    for mission in statement.missions:
        found += _mission(mission, statement.donor_name, _, language)
    total_budget = sum((m.budget_usd for m in statement.missions), Decimal(0))
    total_spent = sum((m.spent_usd for m in statement.missions), Decimal(0))
    total_received = sum((m.received_usd for m in statement.missions), Decimal(0))
    from_donor = sum((m.received_from_donor_usd for m in statement.missions), Decimal(0))
    return [
        *found,
        heading(_("Totals of the funded missions"), 1),
        key_values(
            [
                (_("Budget"), _usd(total_budget, language)),
                (_("Received from the donor"), _usd(from_donor, language)),
                (_("Received from all sources"), _usd(total_received, language)),
                (_("Spent"), _usd(total_spent, language)),
                (_("Balance"), _usd(total_received - total_spent, language)),
            ]
        ),
    ]


def _mission(mission: FundedMission, donor: str, _: Translate, language: str) -> list[Flowable]:
    country = country_name(mission.host_country, language)
    received, spent = mission.received_usd, mission.spent_usd
    rows = [
        [
            _(label(BUDGET_LINE_LABELS, line.line)),
            _usd(line.budget_usd, language),
            _usd(line.spent_usd, language),
            percent_text(float(line.spent_usd / line.budget_usd), language)
            if line.budget_usd
            else "—",
        ]
        for line in mission.lines
    ]
    rows.append(
        [
            _("Total"),
            _usd(mission.budget_usd, language),
            _usd(spent, language),
            percent_text(float(spent / mission.budget_usd), language)
            if mission.budget_usd
            else "—",
        ]
    )
    header = [_("Budget line"), _("Budget"), _("Spent"), _("Spent of budget")]
    spending = stacked_bar_chart(
        [_(label(BUDGET_LINE_LABELS, line.line)) for line in mission.lines],
        [
            Series(_("Spent"), tuple(float(line.spent_usd) for line in mission.lines)),
            Series(
                _("Not yet spent"),
                tuple(
                    float(max(line.budget_usd - line.spent_usd, Decimal(0)))
                    for line in mission.lines
                ),
            ),
        ],
        title=_("Budget and spending by line (USD)"),
        width=CHART_WIDTH,
        value_format=lambda v: number_text(round(v), language),
    )
    return [
        KeepTogether(
            [
                heading(f"{mission.code} · {country}", 1),
                paragraph(
                    _(
                        "Election of {date}. The mission received {donor_part} from {donor} and "
                        "{received} from all sources, and spent {spent}.",
                        date=date_text(mission.election_date, language),
                        donor_part=_usd(mission.received_from_donor_usd, language),
                        donor=donor,
                        received=_usd(received, language),
                        spent=_usd(spent, language),
                    )
                ),
                table(header, rows, (0.34, 0.22, 0.22, 0.22), numeric={1, 2, 3}, total=True),
            ]
        ),
        chart(spending),
    ]
