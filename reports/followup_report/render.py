"""The follow-up report of one country as a PDF, in English or Spanish: a pure function of
the value."""

from collections.abc import Callable

from reportlab.platypus import Flowable, KeepTogether, PageBreak

from eom.core.reference import THEME_LABELS, Theme, country_name
from recommendations.models import FOLLOW_UP_LABELS, INSTITUTION_LABELS, FollowUpStatus, Institution
from reports import charts
from reports.followup_report.value import (
    FollowedRecommendation,
    FollowUpReport,
    StatusRow,
)
from reports.formatting import date_text, number_text, percent_text
from reports.pdf import (
    CHART_WIDTH,
    DocumentInfo,
    build_pdf,
    chart,
    cover,
    heading,
    note,
    paragraph,
    spacer,
    subheading,
    table,
    translator,
)

Translate = Callable[..., str]


def render_followup_report(report: FollowUpReport, language: str) -> bytes:
    """The follow-up report as a PDF in ``language``."""
    _ = translator(language)
    country = country_name(report.country, language)
    info = DocumentInfo(title=_("Follow-up of recommendations"), subject=country, language=language)
    missions = sorted({r.mission_code for r in report.recommendations})
    years = sorted({r.year for r in report.recommendations})
    subtitle = _(
        "Recommendations: {count} · Missions: {missions}",
        count=number_text(len(report.recommendations), language),
        missions=number_text(len(missions), language),
    )
    lines = [f"{years[0]}–{years[-1]}"] if years else []
    lines.append(_("Prepared on {date}", date=date_text(report.generated_on, language)))
    front = cover(_("Follow-up of recommendations"), country, subtitle, lines)
    body = [
        *_overview(report, _, language),
        *_trend(report, _, language),
        *_histories(report, _, language),
        *_chains(report, _, language),
    ]
    return build_pdf(info, front, body)


def _status(code: str, _: Translate) -> str:
    return _(FOLLOW_UP_LABELS[FollowUpStatus(code)])


def _rate(value: float | None, language: str) -> str:
    return percent_text(value, language) if value is not None else "—"


def _overview(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [
        heading(_("1. Status by theme")),
        paragraph(
            _(
                "Each recommendation counts once, under its theme and its current status: "
                "the status found by its latest assessment. The implementation rate is "
                "(fully + mostly implemented) / assessed."
            )
        ),
    ]
    if not report.by_theme:
        return [*found, paragraph(_("No recommendations were made to this country."))]
    rows_by_theme = {row.key: row for row in report.by_theme}
    themes = [t for t in Theme if t in rows_by_theme]
    statuses = [s for s in FollowUpStatus if report.overall.count(s)]

    def cells(name: str, row: StatusRow) -> list[str]:
        return [
            name,
            *[number_text(row.count(s), language) for s in statuses],
            number_text(row.total, language),
            _rate(row.implementation_rate, language),
        ]

    rows = [cells(_(THEME_LABELS[t]), rows_by_theme[t]) for t in themes]
    rows.append(cells(_("Total"), report.overall))
    # Status names are long ("Implementada parcialmente"): their columns take the room;
    # Total and Rate hold short figures.
    share = 0.66 / len(statuses)
    header = [_("Theme"), *[_status(s, _) for s in statuses], _("Total"), _("Rate")]
    counts = {theme.value: dict(rows_by_theme[theme].counts) for theme in themes}
    figure = charts.status_by_theme_chart(counts, statuses, language, width=CHART_WIDTH)
    numeric = set(range(1, len(statuses) + 3))
    return [
        *found,
        table(
            header,
            rows,
            (0.18, *[share] * len(statuses), 0.07, 0.09),
            numeric=numeric,
            total=True,
            narrow_header=True,
        ),
        spacer(),
        chart(figure),
    ]


def _trend(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [heading(_("2. Implementation over the years"))]
    assessed = [r for r in report.trend if r.implementation_rate is not None]
    if not assessed:
        return [*found, paragraph(_("No recommendation has been assessed yet."))]
    figure = charts.implementation_trend_chart(assessed, language, width=CHART_WIDTH)
    rows = [
        [
            str(r.year),
            number_text(r.total, language),
            number_text(r.assessed, language),
            number_text(r.implemented, language),
            _rate(r.implementation_rate, language),
        ]
        for r in report.trend
    ]
    header = [
        _("Year"),
        _("Recommendations made"),
        _("Assessed"),
        _("Fully or mostly implemented"),
        _("Implementation rate"),
    ]
    explained = paragraph(
        _(
            "At the end of each year, every recommendation made by then counts in the status "
            "of its latest assessment dated on or before 31 December."
        )
    )
    return [
        KeepTogether([*found, explained, chart(figure)]),
        table(
            header,
            rows,
            (0.1, 0.24, 0.16, 0.26, 0.24),
            numeric={1, 2, 3, 4},
            narrow_header=True,
        ),
    ]


def _histories(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [PageBreak(), heading(_("3. Recommendations and their assessments"))]
    by_key = {r.key: r for r in report.recommendations}
    for code in sorted({r.mission_code for r in report.recommendations}):
        items = sorted(
            (r for r in report.recommendations if r.mission_code == code), key=lambda r: r.number
        )
        # The mission's heading travels with its first recommendation, never alone at the
        # foot of a page.
        first, *others = items
        title = heading(f"{code} ({len(items)})", 1)
        found.append(KeepTogether([title, *_history(first, by_key, _, language)]))
        found += [KeepTogether(_history(item, by_key, _, language)) for item in others]
    return found


def _history(
    item: FollowedRecommendation,
    by_key: dict[int, FollowedRecommendation],
    _: Translate,
    language: str,
) -> list[Flowable]:
    facts = " · ".join(
        [
            _(THEME_LABELS[Theme(item.theme)]),
            _(INSTITUTION_LABELS[Institution(item.institution)]),
            _status(item.current_status, _),
        ]
    )
    found: list[Flowable] = [
        subheading(f"{item.number}. {facts}"),
        paragraph(item.text.in_language(language)),
    ]
    earlier = by_key.get(item.reiterates) if item.reiterates else None
    if earlier is not None:
        found.append(note(_("Reiterates {reference}", reference=earlier.reference)))
    if not item.published:
        found.append(note(_("Draft: not published")))
    if not item.assessments:
        return [*found, note(_("Not assessed yet.")), spacer(4)]
    rows = [
        [
            date_text(a.assessed_on, language, style="medium"),
            _status(a.status, _),
            a.assessed_by or _("DECO staff"),
            a.evidence or "—",
        ]
        for a in sorted(item.assessments, key=lambda a: a.assessed_on)
    ]
    header = [_("Assessed"), _("Status"), _("Assessed by"), _("Evidence")]
    return [*found, table(header, rows, (0.14, 0.2, 0.2, 0.46)), spacer(6)]


def _chains(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [PageBreak(), heading(_("4. Reiterated recommendations"))]
    by_key = {r.key: r for r in report.recommendations}
    chains = [[by_key[k] for k in chain if k in by_key] for chain in report.chains]
    if not chains:
        return [*found, paragraph(_("No mission reiterated an earlier recommendation."))]
    found.append(
        paragraph(
            _(
                "Recommendations reiterated by successive missions: {count}. Each chain runs "
                "from the first mission that made the recommendation to the latest that "
                "repeated it.",
                count=number_text(len(chains), language),
            )
        )
    )
    header = [_("Mission"), _("No."), _("Recommendation"), _("Status")]
    for n, chain in enumerate(chains, start=1):
        rows = [
            [
                item.mission_code,
                str(item.number),
                item.text.in_language(language),
                _status(item.current_status, _),
            ]
            for item in chain
        ]
        title = _(
            "Chain {n}: {theme}, {times} missions",
            n=n,
            theme=_(THEME_LABELS[Theme(chain[0].theme)]),
            times=len({item.mission_code for item in chain}),
        )
        found.append(
            KeepTogether(
                [subheading(title), table(header, rows, (0.17, 0.07, 0.54, 0.22), numeric={1})]
            )
        )
    return found
