"""A donor's funding statement as a PDF, in English or Spanish: a pure function of the value."""

from collections.abc import Callable
from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether

from eom.core.reference import country_name
from eom.funding.models import (
    CATEGORY_LABELS,
    DONOR_KIND_LABELS,
    INCOMING,
    MOVEMENT_LABELS,
)
from reports.donor_statement.value import Contribution, DonorStatement, FundedMission
from reports.formatting import date_text, money_text, number_text, percent_text, rate_text
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
from reports.svg import Bar, Series, bar_chart, stacked_bar_chart

USD = "USD"
Translate = Callable[..., str]


def render_donor_statement(statement: DonorStatement, language: str) -> bytes:
    """The statement as a PDF, every label, date and amount written in ``language``."""
    _ = translator(language)
    period = _period(statement, _, language)
    info = DocumentInfo(
        title=_("Funding statement"),
        subject=f"{statement.donor_name_in(language)} · {period}",
        language=language,
    )
    lines = [_(DONOR_KIND_LABELS[statement.donor_kind])]
    if statement.donor_country:
        lines.append(country_name(statement.donor_country, language))
    if statement.iati_identifier:
        lines.append(_("IATI identifier: {id}", id=statement.iati_identifier))
    lines.append(_("Prepared on {date}", date=date_text(statement.generated_on, language)))
    front = cover(_("Funding statement"), statement.donor_name_in(language), period, lines)
    body = [
        *_summary(statement, _, language, period),
        *_contributions(statement, _, language),
        *_missions(statement, _, language),
    ]
    return build_pdf(info, front, body)


def _period(statement: DonorStatement, _: Translate, language: str) -> str:
    end = date_text(statement.period_end, language)
    if statement.period_start is None:
        return _("All contributions up to {end}", end=end)
    return _("{start} to {end}", start=date_text(statement.period_start, language), end=end)


def _usd(amount: Decimal, language: str) -> str:
    return money_text(amount, USD, language)


def _summary(statement: DonorStatement, _: Translate, language: str, period: str) -> list[Flowable]:
    facts = [
        (_("Donor"), statement.donor_name_in(language)),
        (_("Kind"), _(DONOR_KIND_LABELS[statement.donor_kind])),
        (_("Period"), period),
        *[
            (_(MOVEMENT_LABELS[kind]), _usd(statement.total_usd(kind), language))
            for kind in INCOMING
        ],
        (_("Missions funded"), number_text(len(statement.missions), language)),
    ]
    found: list[Flowable] = [
        heading(_("1. Summary")),
        paragraph(
            _(
                "This statement lists every contribution of {donor} in the period, in its "
                "own currency and in US dollars at the exchange rate recorded with it, and "
                "what each mission it funded received and spent. A correction is a "
                "reversing entry: it is listed as a reversal, with a negative amount.",
                donor=statement.donor_name_in(language),
            )
        ),
        key_values(facts),
    ]
    if any(m.received_from_donor_usd for m in statement.missions):
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
            _kind(c, _, language),
            money_text(c.amount, c.currency, language),
            rate_text(c.usd_rate, language),
            _usd(c.amount_usd, language),
        ]
        for c in sorted(statement.contributions, key=lambda c: (c.on, c.mission_code))
    ]
    header = [_("Date"), _("Mission"), _("Kind"), _("Amount"), _("USD rate"), _("USD")]
    totals = [
        [_(MOVEMENT_LABELS[kind]), _usd(statement.total_usd(kind), language)] for kind in INCOMING
    ]
    return [
        *found,
        table(header, rows, (0.15, 0.18, 0.2, 0.18, 0.11, 0.18), numeric={3, 4, 5}),
        note(
            _(
                "The USD rate is the value of one unit of the currency in US dollars on the "
                "date the contribution was recorded; it is stored with the contribution."
            )
        ),
        heading(_("Totals by kind"), 1),
        table([_("Kind"), _("USD")], totals, (0.6, 0.4), numeric={1}),
    ]


def _kind(contribution: Contribution, _: Translate, language: str) -> str:
    kind = _(MOVEMENT_LABELS[contribution.kind])
    if contribution.reverses_on is None:
        return kind
    reversed_on = date_text(contribution.reverses_on, language, style="medium")
    return _("{kind} — reversal of the entry of {date}", kind=kind, date=reversed_on)


def _missions(statement: DonorStatement, _: Translate, language: str) -> list[Flowable]:
    title = heading(_("3. Funded missions"))
    if not statement.missions:
        return [title, paragraph(_("No mission received funds from the donor in the period."))]
    found: list[Flowable] = []
    for mission in statement.missions:
        # The section's title stays on the page of its first mission.
        found += _mission(mission, statement, _, language, lead=[] if found else [title])
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
                (_("Received from the donor in the period"), _usd(from_donor, language)),
                (_("Received from all sources"), _usd(total_received, language)),
                (_("Spent"), _usd(total_spent, language)),
                (_("Balance"), _usd(total_received - total_spent, language)),
            ]
        ),
    ]


def _mission(
    mission: FundedMission,
    statement: DonorStatement,
    _: Translate,
    language: str,
    *,
    lead: list[Flowable],
) -> list[Flowable]:
    country = country_name(mission.host_country, language)
    story = _(
        "Election of {date}. In the period the mission received {donor_part} from {donor}. "
        "By {end} it had received {received} from all sources and spent {spent}.",
        date=date_text(mission.election_date, language),
        donor_part=_usd(mission.received_from_donor_usd, language),
        donor=statement.donor_name_in(language),
        end=date_text(statement.period_end, language),
        received=_usd(mission.received_usd, language),
        spent=_usd(mission.spent_usd, language),
    )
    return [
        KeepTogether(
            [
                *lead,
                heading(f"{mission.code} · {country}", 1),
                paragraph(story),
                *_spending(mission, _, language),
            ]
        )
    ]


def _share(part: Decimal, whole: Decimal, language: str) -> str:
    return percent_text(float(part / whole), language) if whole else "—"


def _spending(mission: FundedMission, _: Translate, language: str) -> list[Flowable]:
    """The budget and spending of each line that has either, as a table and a chart."""
    lines = [line for line in mission.lines if line.budget_usd or line.spent_usd]
    if not lines:
        return [paragraph(_("No budget or spending is recorded for this mission yet."))]
    rows = [
        [
            _(CATEGORY_LABELS[line.line]),
            _usd(line.budget_usd, language),
            _usd(line.spent_usd, language),
            _share(line.spent_usd, line.budget_usd, language),
        ]
        for line in lines
    ]
    budget, spent = mission.budget_usd, mission.spent_usd
    rows.append(
        [
            _("Total"),
            _usd(budget, language),
            _usd(spent, language),
            _share(spent, budget, language),
        ]
    )
    header = [_("Budget line"), _("Budget"), _("Spent"), _("Spent of budget")]
    drawn = stacked_bar_chart(
        [_(CATEGORY_LABELS[line.line]) for line in lines],
        [
            Series(_("Spent"), tuple(float(line.spent_usd) for line in lines)),
            Series(
                _("Not yet spent"),
                tuple(float(max(line.budget_usd - line.spent_usd, Decimal(0))) for line in lines),
            ),
        ],
        title=_("Budget and spending by line (USD)"),
        width=CHART_WIDTH,
        value_format=lambda v: number_text(round(v), language),
    )
    return [
        table(header, rows, (0.34, 0.22, 0.22, 0.22), numeric={1, 2, 3}, total=True),
        chart(drawn),
    ]
