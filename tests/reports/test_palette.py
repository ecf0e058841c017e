"""Every status and every concern answer has one colour, the palette's, in the pages, the
charts and the PDFs alike."""

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from eom.core.reference import Theme
from recommendations.models import FollowUpStatus
from reports import charts, palette
from reports.followup_report.render import render_followup_report
from reports.mission_report.render import render_mission_report
from reports.values import AnswerShare, Bilingual, KeyAnswer
from tests.support import samples

INTIMIDATION = KeyAnswer(
    "voting",
    Bilingual("Did you observe any intimidation of voters?", "¿Observó intimidación?"),
    (AnswerShare("no", 41), AnswerShare("yes", 4, concern=True)),
)


def _fills(svg: str) -> list[str]:
    return re.findall(r'<rect class="eom-chart__bar[^"]*"[^>]* fill="(#[0-9a-f]{6})"', svg)


def _legend(svg: str) -> dict[str, str]:
    """The colour of each legend entry, by its label."""
    swatches = re.findall(r'class="eom-chart__swatch[^"]*"[^>]* fill="(#[0-9a-f]{6})"', svg)
    labels = re.findall(r'class="eom-chart__legend-label"[^>]*>([^<]+)<', svg)
    return dict(zip(labels, swatches, strict=True))


def _pdf_fills(pdf: bytes) -> set[str]:
    """Every fill colour a PDF paints with (``r g b rg`` operators), as #rrggbb."""
    found: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        content = page.get_contents()
        data = content.get_data().decode("latin-1") if content is not None else ""
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", data):
            found.add("#" + "".join(f"{round(float(c) * 255):02x}" for c in (r, g, b)))
    return found


def test_each_follow_up_status_has_its_colour_in_the_pages_badges() -> None:
    css = palette.css()
    for status, colour in palette.FOLLOW_UP.items():
        assert f"--follow-{status.value}: {colour};" in css
        assert f".follow-{status.value} {{ --swatch: var(--follow-{status.value}); }}" in css


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_follow_up_status_has_its_colour_in_the_charts(language: str) -> None:
    counts = {Theme.gender.value: {s.value: 1 for s in FollowUpStatus}}
    svg = charts.status_by_theme_chart(counts, list(FollowUpStatus), language, width=520)
    assert _fills(svg) == [palette.FOLLOW_UP[s] for s in FollowUpStatus]


def test_the_follow_up_report_paints_each_status_in_its_colour() -> None:
    report = samples.followup_report()
    shown = [s for s in FollowUpStatus if report.overall.count(s.value)]
    assert len(shown) >= 4, "the sample shows most statuses"
    painted = _pdf_fills(render_followup_report(report, "en"))
    assert {palette.FOLLOW_UP[s] for s in shown} <= painted


def test_a_concern_answer_is_vermilion_hatched_and_marked_on_the_board() -> None:
    svg = charts.key_answer_chart(INTIMIDATION, "en", width=520)
    assert _fills(svg) == [palette.ANSWERS[0], palette.CONCERN]
    assert "eom-chart__hatch" in svg
    assert _legend(svg) == {"No 91%": palette.ANSWERS[0], "⚠ Yes 9%": palette.CONCERN}


def test_the_mission_report_paints_a_concern_answer_in_the_same_vermilion() -> None:
    report = dataclasses.replace(samples.mission_report(), key_answers=(INTIMIDATION,))
    assert palette.CONCERN in _pdf_fills(render_mission_report(report, "es"))


def test_no_colour_means_two_things() -> None:
    """The colours of good and bad news are never a plain series colour of a status that
    means the opposite: implemented is never drawn in the colour of a concern."""
    assert palette.FOLLOW_UP[FollowUpStatus.fully_implemented] == palette.GOOD
    assert palette.FOLLOW_UP[FollowUpStatus.not_implemented] == palette.CONCERN
    assert palette.CONCERN not in palette.ANSWERS
    assert len(set(palette.FOLLOW_UP.values())) == len(palette.FOLLOW_UP)
