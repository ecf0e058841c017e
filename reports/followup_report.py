"""The follow-up of one country's recommendations: the frozen value and its PDF.

Follow-up is a history: each recommendation carries its assessments, oldest first, and
its current status is the latest. Reiteration links join recommendations of successive
missions into chains.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, PageBreak

from eom.reference import THEME_LABELS, Theme, country_name
from recommendations.models import FOLLOW_UP_LABELS, INSTITUTION_LABELS, FollowUpStatus, Institution
from recommendations.summary import StatusCounts, TrendPoint
from reports.charts import Series, line_chart, stacked_bar_chart
from reports.formatting import date_text, number_text, percent_text
from reports.mission_report import Bilingual
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


@dataclass(frozen=True)
class Assessment:
    """One assessment: when, the status found, the evidence, and who assessed it (a later
    mission's code, or None for DECO staff)."""

    assessed_on: date
    status: str
    evidence: str | None = None
    assessed_by: str | None = None


@dataclass(frozen=True)
class FollowedRecommendation:
    """A recommendation with its current status (that of its latest assessment, as the
    domain keeps it) and its assessments, oldest first; ``reiterates`` is the key of the
    earlier recommendation it repeats, when that one is in the report."""

    key: int
    mission_code: str
    year: int
    number: int
    theme: str
    institution: str
    text: Bilingual
    current_status: str
    assessments: tuple[Assessment, ...] = ()
    reiterates: int | None = None
    published: bool = True

    @property
    def reference(self) -> str:
        return f"{self.mission_code} #{self.number}"


@dataclass(frozen=True)
class StatusRow:
    """The recommendations of one theme (``key``), or of all: how many are in each current
    status, how many are assessed and implemented, and the implementation rate."""

    key: str
    counts: tuple[tuple[str, int], ...]
    total: int
    assessed: int
    implemented: int
    implementation_rate: float | None

    def count(self, status: str) -> int:
        return dict(self.counts).get(status, 0)

    @classmethod
    def of(cls, found: StatusCounts) -> "StatusRow":
        """The row of the domain's counts (``recommendations.summary``)."""
        return cls(
            key=found.key,
            counts=tuple((s.value, found.counts.get(s, 0)) for s in FollowUpStatus),
            total=found.total,
            assessed=found.assessed,
            implemented=found.implemented,
            implementation_rate=found.implementation_rate,
        )


@dataclass(frozen=True)
class YearRate:
    """Where implementation stood at the end of one year: the recommendations made by
    then, how many were assessed, how many fully or mostly implemented, and the rate."""

    year: int
    total: int
    assessed: int
    implemented: int
    implementation_rate: float | None

    @classmethod
    def of(cls, point: TrendPoint) -> "YearRate":
        """The year of the domain's trend (``recommendations.summary``)."""
        return cls(
            point.year, point.total, point.assessed, point.implemented, point.implementation_rate
        )


@dataclass(frozen=True)
class FollowUpReport:
    """One country's follow-up; ``chains`` are the keys of each reiteration chain, oldest
    first."""

    country: str
    recommendations: tuple[FollowedRecommendation, ...]
    by_theme: tuple[StatusRow, ...]
    overall: StatusRow
    trend: tuple[YearRate, ...]
    chains: tuple[tuple[int, ...], ...]
    generated_on: date


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
    figure = stacked_bar_chart(
        [_(THEME_LABELS[theme]) for theme in themes],
        [
            Series(_status(s, _), tuple(float(rows_by_theme[t].count(s)) for t in themes))
            for s in statuses
        ],
        title=_("Recommendations by theme and current status"),
        width=CHART_WIDTH,
    )
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
    figure = line_chart(
        [str(rate.year) for rate in assessed],
        [
            Series(
                _("Implementation rate"),
                tuple((r.implementation_rate or 0) * 100 for r in assessed),
            )
        ],
        title=_("Implementation rate at the end of each year (%)"),
        width=CHART_WIDTH,
        y_max=100,
        y_format=lambda v: f"{v:.0f}%",
    )
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
