"""The charts that the pages and the PDFs share, drawn from values by ``reports.charts``:
a page inlines the SVG, a PDF converts the same SVG (``reports.pdf.chart``)."""

from collections.abc import Sequence
from typing import Protocol

from eom.field.models import (
    CATEGORY_LABELS,
    PHASE_LABELS,
    SEVERITY_LABELS,
    IncidentCategory,
    Phase,
    Severity,
)
from eom.i18n import N_, translate
from eom.members.models import ROLE_LABELS, MemberRole
from eom.observers.models import GENDER_LABELS, Gender
from eom.reference import country_name, language_name
from reports.charts import Bar, Series, bar_chart, share_bar, stacked_bar_chart
from reports.mission_report import AnswerShare, IncidentTally, KeyAnswer, PhaseCoverage

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
    if answer.label is not None:
        return answer.label.in_language(language)
    return translate(language, YES_NO.get(answer.value, answer.value))


def key_answer_chart(key_answer: KeyAnswer, language: str, *, width: int) -> str:
    """One share bar: how a key question was answered."""
    parts = [Bar(answer_label(a, language), a.count) for a in key_answer.answers]
    return share_bar(parts, title=key_answer.question.in_language(language), width=width)


def coverage_chart(coverage: Sequence[PhaseCoverage], language: str, *, width: int) -> str:
    """Per phase, the assigned stations that reported and those that did not."""
    return stacked_bar_chart(
        [translate(language, PHASE_LABELS[Phase(c.phase)]) for c in coverage],
        [
            Series(translate(language, N_("Reported")), tuple(c.reported for c in coverage)),
            Series(
                translate(language, N_("Missing")),
                tuple(c.assigned - c.reported for c in coverage),
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
