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
from reports.charts import Series, line_chart, stacked_bar_chart
from reports.formatting import date_text, number_text, percent_text
from reports.labels import ASSESSMENT_LABELS, INSTITUTION_LABELS, label
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
NOT_ASSESSED = "not_assessed"


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
    key: int
    mission_code: str
    year: int
    number: int
    theme: str
    institution: str
    text: Bilingual
    assessments: tuple[Assessment, ...]
    reiterates: int | None = None

    @property
    def current_status(self) -> str:
        """The status of the latest assessment; not assessed without any."""
        if not self.assessments:
            return NOT_ASSESSED
        return max(self.assessments, key=lambda a: a.assessed_on).status

    @property
    def reference(self) -> str:
        return f"{self.mission_code} #{self.number}"


@dataclass(frozen=True)
class YearRate:
    """Where implementation stood at the end of one year: of the recommendations assessed,
    how many were fully or mostly implemented, and how many partially."""

    year: int
    assessed: int
    implemented: int
    partially: int


@dataclass(frozen=True)
class FollowUpReport:
    country: str
    recommendations: tuple[FollowedRecommendation, ...]
    trend: tuple[YearRate, ...]
    generated_on: date

    def matrix(self) -> dict[str, dict[str, int]]:
        """Recommendations by theme, then by current status."""
        found: dict[str, dict[str, int]] = {}
        for item in self.recommendations:
            row = found.setdefault(item.theme, {})
            row[item.current_status] = row.get(item.current_status, 0) + 1
        return found

    def chains(self) -> list[tuple[FollowedRecommendation, ...]]:
        """Recommendations reiterated by later missions, each chain oldest first; a
        recommendation that nobody reiterated and that reiterates nothing is in none."""
        by_key = {item.key: item for item in self.recommendations}
        reiterated = {item.reiterates for item in self.recommendations if item.reiterates}
        chains = []
        for last in self.recommendations:
            if last.reiterates is None or last.key in reiterated:
                continue
            chain = [last]
            while chain[-1].reiterates in by_key and len(chain) <= len(by_key):
                chain.append(by_key[chain[-1].reiterates])
            chains.append(tuple(reversed(chain)))
        return sorted(chains, key=lambda c: (c[0].year, c[0].mission_code, c[0].number))


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
    return _(label(ASSESSMENT_LABELS, code))


def _overview(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [
        heading(_("1. Status by theme")),
        paragraph(
            _(
                "Each recommendation counts once, under its theme and its current status: "
                "the status found by its latest assessment."
            )
        ),
    ]
    matrix = report.matrix()
    if not matrix:
        return [*found, paragraph(_("No recommendations were made to this country."))]
    themes = [t for t in Theme if t in matrix]
    statuses = [s for s in ASSESSMENT_LABELS if any(s in row for row in matrix.values())]
    rows = [
        [
            _(THEME_LABELS[theme]),
            *[number_text(matrix[theme].get(s, 0), language) for s in statuses],
            number_text(sum(matrix[theme].values()), language),
        ]
        for theme in themes
    ]
    rows.append(
        [
            _("Total"),
            *[number_text(sum(r.get(s, 0) for r in matrix.values()), language) for s in statuses],
            number_text(len(report.recommendations), language),
        ]
    )
    share = 0.8 / (len(statuses) + 1)
    header = [_("Theme"), *[_status(s, _) for s in statuses], _("Total")]
    figure = stacked_bar_chart(
        [_(THEME_LABELS[theme]) for theme in themes],
        [
            Series(_status(s, _), tuple(float(matrix[t].get(s, 0)) for t in themes))
            for s in statuses
        ],
        title=_("Recommendations by theme and current status"),
        width=CHART_WIDTH,
    )
    numeric = set(range(1, len(statuses) + 2))
    return [
        *found,
        table(
            header,
            rows,
            (0.2, *[share] * (len(statuses) + 1)),
            numeric=numeric,
            total=True,
            narrow_header=True,
        ),
        spacer(),
        chart(figure),
    ]


def _trend(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [heading(_("2. Implementation over the years"))]
    if not report.trend:
        return [*found, paragraph(_("No recommendation has been assessed yet."))]

    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    years = [str(rate.year) for rate in report.trend]
    implemented = tuple(share(r.implemented, r.assessed) * 100 for r in report.trend)
    at_least_partly = tuple(
        share(r.implemented + r.partially, r.assessed) * 100 for r in report.trend
    )
    figure = line_chart(
        years,
        [
            Series(_("Fully or mostly implemented"), implemented),
            Series(_("At least partially implemented"), at_least_partly),
        ],
        title=_("Implementation rate at the end of each year (%)"),
        width=CHART_WIDTH,
        y_max=100,
        y_format=lambda v: f"{v:.0f}%",
    )
    rows = [
        [
            str(r.year),
            number_text(r.assessed, language),
            number_text(r.implemented, language),
            number_text(r.partially, language),
            percent_text(share(r.implemented, r.assessed), language),
        ]
        for r in report.trend
    ]
    header = [
        _("Year"),
        _("Assessed"),
        _("Fully or mostly implemented"),
        _("Partially implemented"),
        _("Implementation rate"),
    ]
    explained = paragraph(
        _(
            "The implementation rate is the share of assessed recommendations that were "
            "fully or mostly implemented at the end of each year."
        )
    )
    return [
        KeepTogether([*found, explained, chart(figure)]),
        table(header, rows, (0.14, 0.16, 0.26, 0.22, 0.22), numeric={1, 2, 3, 4}),
    ]


def _histories(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [PageBreak(), heading(_("3. Recommendations and their assessments"))]
    by_key = {r.key: r for r in report.recommendations}
    for code in sorted({r.mission_code for r in report.recommendations}):
        items = sorted(
            (r for r in report.recommendations if r.mission_code == code), key=lambda r: r.number
        )
        found.append(heading(f"{code} ({len(items)})", 1))
        for item in items:
            found.append(KeepTogether(_history(item, by_key, _, language)))
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
            _(label(INSTITUTION_LABELS, item.institution)),
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
    return [*found, table(header, rows, (0.15, 0.2, 0.17, 0.48)), spacer(6)]


def _chains(report: FollowUpReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [PageBreak(), heading(_("4. Reiterated recommendations"))]
    chains = report.chains()
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
            times=len(chain),
        )
        found.append(
            KeepTogether(
                [subheading(title), table(header, rows, (0.17, 0.07, 0.54, 0.22), numeric={1})]
            )
        )
    return found
