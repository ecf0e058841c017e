"""Every chart EOM draws, for the pages and the PDFs alike, from values by ``reports.svg``:
a page inlines the SVG, a PDF converts the same SVG (``reports.pdf.chart``). Each chart
is named here once, with its title and labels in the reader's language."""

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache, partial
from typing import Protocol

from eom.core.i18n import N_, translate
from eom.core.reference import THEME_LABELS, Theme, country_name, language_name
from eom.field.models import (
    CATEGORY_LABELS,
    PHASE_LABELS,
    SEVERITY_LABELS,
    IncidentCategory,
    Phase,
    Severity,
)
from eom.funding.figures import MissionFunding, PortfolioRow
from eom.planning.members.models import ROLE_LABELS, MemberRole
from eom.planning.observers.models import GENDER_LABELS, Gender
from recommendations.models import FOLLOW_UP_LABELS, FollowUpStatus
from reports import palette
from reports.svg import Bar, Series, bar_chart, line_chart, share_bar, stacked_bar_chart
from reports.values import AnswerShare, IncidentTally, KeyAnswer, PhaseCoverage

YES_NO = {"yes": N_("Yes"), "no": N_("No")}
NO_MEMBERS = N_("No members yet")


class Counted(Protocol):
    """A code and how many fall under it (the domains' counts and the reports' alike)."""

    @property
    def key(self) -> str: ...

    @property
    def count(self) -> int: ...


def roles_chart(by_role: Sequence[Counted], language: str, *, width: int) -> str:
    return bar_chart(
        [Bar(translate(language, ROLE_LABELS[MemberRole(c.key)]), c.count) for c in by_role],
        title=translate(language, N_("Members by role")),
        width=width,
        empty_text=translate(language, NO_MEMBERS),
    )


def gender_chart(by_gender: Sequence[Counted], language: str, *, width: int) -> str:
    return share_bar(
        [Bar(translate(language, GENDER_LABELS[Gender(c.key)]), c.count) for c in by_gender],
        title=translate(language, N_("Gender balance")),
        width=width,
        empty_text=translate(language, NO_MEMBERS),
    )


def nationalities_chart(
    by_nationality: Sequence[Counted], language: str, *, width: int, most: int = 20
) -> str:
    return bar_chart(
        [Bar(country_name(c.key, language), c.count) for c in by_nationality[:most]],
        title=translate(language, N_("Nationalities")),
        width=width,
        empty_text=translate(language, NO_MEMBERS),
    )


def languages_chart(
    by_language: Sequence[Counted], language: str, *, width: int, most: int = 12
) -> str:
    return bar_chart(
        [Bar(language_name(c.key, language), c.count) for c in by_language[:most]],
        title=translate(language, N_("Languages")),
        width=width,
        empty_text=translate(language, NO_MEMBERS),
    )


def answer_label(answer: AnswerShare, language: str) -> str:
    """The answer in the reader's words, marked when it signals a problem."""
    if answer.label is not None:
        named = answer.label.in_language(language)
    else:
        named = translate(language, YES_NO.get(answer.value, answer.value))
    return f"{palette.CONCERN_MARK} {named}" if answer.concern else named


def key_answer_chart(key_answer: KeyAnswer, language: str, *, width: int) -> str:
    """One share bar: how a key question was answered. An answer that signals a problem is
    vermilion, hatched and marked; the others take calm colours in turn."""
    calm = iter(palette.ANSWERS * 2)
    parts = [
        Bar(
            answer_label(a, language),
            a.count,
            palette.CONCERN if a.concern else next(calm),
            hatched=a.concern,
        )
        for a in key_answer.answers
    ]
    return share_bar(parts, title=key_answer.question.in_language(language), width=width)


def coverage_chart(coverage: Sequence[PhaseCoverage], language: str, *, width: int) -> str:
    """Per phase, the assigned stations that reported and those that did not."""
    return stacked_bar_chart(
        [translate(language, PHASE_LABELS[Phase(c.phase)]) for c in coverage],
        [
            Series(
                translate(language, N_("Reported")),
                tuple(c.reported for c in coverage),
                palette.GOOD,
            ),
            Series(
                f"{palette.CONCERN_MARK} " + translate(language, N_("Missing")),
                tuple(c.assigned - c.reported for c in coverage),
                palette.CONCERN,
                hatched=True,
            ),
        ],
        title=translate(language, N_("Stations reporting, by phase")),
        width=width,
        empty_text=translate(language, N_("No stations were assigned")),
    )


def incidents_chart(tallies: Sequence[IncidentTally], language: str, *, width: int) -> str:
    """Incidents by category, each bar split by severity."""
    categories = [c for c in IncidentCategory if any(t.category == c for t in tallies)]
    series = [
        Series(
            translate(language, SEVERITY_LABELS[severity]),
            tuple(
                float(sum(t.count for t in tallies if t.category == c and t.severity == severity))
                for c in categories
            ),
            palette.SEVERITY[severity],
        )
        for severity in Severity
    ]
    return stacked_bar_chart(
        [translate(language, CATEGORY_LABELS[c]) for c in categories],
        series,
        title=translate(language, N_("Incidents by category and severity")),
        width=width,
        empty_text=translate(language, N_("No incidents were reported")),
    )


def thousands(value: float) -> str:
    return f"{value:,.0f}"


def funding_by_mission_chart(
    missions: Sequence[MissionFunding], language: str, *, width: int, most: int = 20
) -> str:
    """Per mission, what was received, committed but not yet received, and the gap."""
    shown = [f for f in missions if f.budget or f.committed][:most]
    return stacked_bar_chart(
        [f.code for f in shown],
        [
            Series(
                translate(language, N_("Received")),
                tuple(float(f.received) for f in shown),
                palette.RECEIVED,
            ),
            Series(
                translate(language, N_("Committed, not yet received")),
                tuple(float(max(f.committed - f.received, Decimal(0))) for f in shown),
                palette.COMMITTED,
            ),
            Series(
                f"{palette.CONCERN_MARK} " + translate(language, N_("Funding gap")),
                tuple(float(max(f.gap, Decimal(0))) for f in shown),
                palette.GAP,
                hatched=True,
            ),
        ],
        title=translate(language, N_("Funding by mission (USD)")),
        width=width,
        value_format=thousands,
        empty_text=translate(language, N_("No funding recorded yet")),
    )


def committed_by_donor_chart(
    by_donor: Sequence[PortfolioRow],
    language: str,
    names: Mapping[str, str],
    *,
    width: int,
    most: int = 12,
) -> str:
    """What each donor committed, each named in the reader's language (``names``)."""
    return bar_chart(
        [Bar(names.get(r.key, r.key), float(r.committed)) for r in by_donor[:most]],
        title=translate(language, N_("Committed by donor (USD)")),
        width=width,
        value_format=thousands,
        empty_text=translate(language, N_("No funding recorded yet")),
    )


def paid_by_mission_chart(
    funded: Sequence[MissionFunding], paid: Mapping[int, Decimal], language: str, *, width: int
) -> str:
    """What one donor paid to each mission it funded."""
    return bar_chart(
        [Bar(f.code, float(paid.get(f.mission_id, 0))) for f in funded],
        title=translate(language, N_("What you paid, by mission (USD)")),
        width=width,
        value_format=thousands,
        empty_text=translate(language, N_("No contributions yet")),
    )


def status_by_theme_chart(
    counts: Mapping[str, Mapping[str, int]],
    statuses: Sequence[FollowUpStatus],
    language: str,
    *,
    width: int,
) -> str:
    """Per theme (in the order given), how many recommendations are in each status."""
    return stacked_bar_chart(
        [translate(language, THEME_LABELS[Theme(theme)]) for theme in counts],
        [
            Series(
                translate(language, FOLLOW_UP_LABELS[status]),
                tuple(float(found.get(status.value, 0)) for found in counts.values()),
                palette.FOLLOW_UP[status],
            )
            for status in statuses
        ],
        title=translate(language, N_("Recommendations by theme and current status")),
        width=width,
        empty_text=translate(language, N_("No recommendations yet")),
    )


class Rate(Protocol):
    """Where implementation stood at the end of one year (the domain's trend points and
    the follow-up report's years alike)."""

    @property
    def year(self) -> int: ...

    @property
    def implementation_rate(self) -> float | None: ...


def implementation_trend_chart(points: Sequence[Rate], language: str, *, width: int) -> str:
    """The implementation rate at the end of each year with something assessed."""
    shown = [p for p in points if p.implementation_rate is not None]
    return line_chart(
        [str(p.year) for p in shown],
        [
            Series(
                translate(language, N_("Implementation rate")),
                tuple(round((p.implementation_rate or 0) * 100, 1) for p in shown),
                palette.BRAND,
            )
        ],
        title=translate(language, N_("Implementation rate at the end of each year")),
        width=width,
        y_max=100,
        y_format=lambda v: f"{v:.0f}%",
        empty_text=translate(language, N_("Nothing assessed yet")),
    )


# The widths pages draw charts at: two columns of a laptop's page, and a phone's.
WIDE, NARROW = 520, 300


@dataclass(frozen=True)
class Drawn:
    """One chart drawn for a wide screen and for a narrow one, each at the size it is
    shown at, so that no text shrinks below 12 px; the page shows one (``chart.html``)."""

    wide: str
    narrow: str


def for_screens(draw: Callable[..., str]) -> Drawn:
    """``draw(width=...)`` at both widths."""
    return Drawn(draw(width=WIDE), draw(width=NARROW))


# Charts kept by ``remembered``: a board shows ~28, each ~3 kB at both widths.
CHARTS_KEPT = 512


@lru_cache(maxsize=CHARTS_KEPT)
def remembered(draw: Callable[..., str], *values: Hashable) -> Drawn:
    """``for_screens(partial(draw, *values))``, kept for the next page that shows the same
    chart of the same values. A chart is a pure function of what it draws (even its SVG
    id comes from its content), so a chart kept is the chart drawn again; when the values
    change (a report comes in) they are another key, and the old chart ages out."""
    return for_screens(partial(draw, *values))


@dataclass(frozen=True)
class Tally:
    """A code and how many fall under it, as a value a chart can be remembered by."""

    key: str
    count: int


def tallies(counts: Sequence[Counted]) -> tuple[Tally, ...]:
    return tuple(Tally(c.key, c.count) for c in counts)
