"""The follow-up report of one country's recommendations, from hand-built values."""

from datetime import date
from pathlib import Path

import pytest

from reports.followup_report.render import render_followup_report
from reports.followup_report.value import Assessment, FollowedRecommendation
from reports.values import Bilingual
from tests.support import samples
from tests.support.pdfs import page_images, pages_text, text_of


def recommendation(
    key: int, code: str, year: int, number: int, **fields: object
) -> FollowedRecommendation:
    values: dict[str, object] = {
        "key": key,
        "mission_code": code,
        "year": year,
        "number": number,
        "theme": "gender",
        "institution": "legislature",
        "text": Bilingual(f"Parity rule {key}.", f"Regla de paridad {key}."),
        "current_status": "not_assessed",
        "assessments": (),
    }
    values.update(fields)
    return FollowedRecommendation(**values)  # type: ignore[arg-type]


FIRST = recommendation(
    1,
    "EOM-PER-2016",
    2016,
    4,
    current_status="partially_implemented",
    assessments=(
        Assessment(date(2018, 5, 1), "not_implemented", "No bill filed.", "EOM-PER-2018"),
        Assessment(date(2020, 9, 30), "partially_implemented", "Law 31030 passed.", None),
    ),
)
SECOND = recommendation(2, "EOM-PER-2021", 2021, 7, reiterates=1)
THIRD = recommendation(3, "EOM-PER-2026", 2026, 2, reiterates=2, published=False)
OTHER = recommendation(
    4,
    "EOM-PER-2021",
    2021,
    1,
    theme="media",
    institution="media",
    current_status="fully_implemented",
    assessments=(Assessment(date(2023, 1, 10), "fully_implemented"),),
)
REPORT = samples.followup_value("PE", [FIRST, SECOND, THIRD, OTHER], generated_on=date(2026, 7, 2))


def test_the_figures_are_counted_by_theme_and_current_status() -> None:
    gender, media = REPORT.by_theme
    assert (gender.key, gender.count("not_assessed"), gender.count("partially_implemented")) == (
        "gender",
        2,
        1,
    )
    assert (media.total, media.implemented, media.implementation_rate) == (1, 1, 1.0)
    assert (REPORT.overall.total, REPORT.overall.assessed, REPORT.overall.implemented) == (4, 2, 1)


def test_a_chain_runs_from_the_first_recommendation_to_the_last_reiteration() -> None:
    assert REPORT.chains == ((1, 2, 3),)


@pytest.fixture(scope="module")
def english() -> str:
    return text_of(render_followup_report(REPORT, "en"))


@pytest.fixture(scope="module")
def spanish() -> str:
    return text_of(render_followup_report(REPORT, "es"))


def test_the_cover_counts_recommendations_and_missions(english: str) -> None:
    assert "Peru" in english and "Recommendations: 4 · Missions: 3" in english
    assert "2016–2026" in english


def test_the_theme_by_status_matrix_has_its_totals_and_rates(english: str) -> None:
    assert "Not assessed Partially implemented Fully implemented Total Rate" in english
    assert "Gender 2 1 0 3 0%" in english and "Media 0 0 1 1 100%" in english
    assert "Total 2 1 1 4 50%" in english


def test_the_trend_gives_each_years_rate(english: str, spanish: str) -> None:
    # Made by then, assessed, implemented, rate: FIRST is not implemented in 2018 and
    # partially from 2020; OTHER is fully implemented in 2023.
    assert "2016 1 0 0 —" in english and "2018 1 1 0 0%" in english
    assert "2021 3 1 0 0%" in english and "2023 3 2 1 50%" in english
    assert "2023 3 2 1 50 %" in spanish or "2023 3 2 1 50%" in spanish


def test_a_draft_says_it_is_not_published(english: str, spanish: str) -> None:
    assert english.count("Draft: not published") == 1
    assert "Borrador: no publicada" in spanish


def test_each_recommendation_shows_its_assessment_history(english: str, spanish: str) -> None:
    assert "4. Gender · Legislature · Partially implemented" in english
    assert "May 1, 2018 Not implemented EOM-PER-2018 No bill filed." in english
    assert "Sep 30, 2020 Partially implemented DECO staff Law 31030 passed." in english
    assert "Reiterates EOM-PER-2016 #4" in english and "Not assessed yet." in english
    assert "Regla de paridad 1." in spanish and "Implementada parcialmente" in spanish


def test_reiteration_chains_list_each_mission_in_order(english: str) -> None:
    chains = english.split("4. Reiterated recommendations")[-1]
    assert "Chain 1: Gender, 3 missions" in chains
    assert (
        chains.index("EOM-PER-2016") < chains.index("EOM-PER-2021") < chains.index("EOM-PER-2026")
    )


def test_a_country_without_recommendations_says_so() -> None:
    text = text_of(
        render_followup_report(
            samples.followup_value("PE", [], generated_on=date(2026, 1, 1)), "en"
        )
    )
    assert "No recommendations were made to this country." in text
    assert "No recommendation has been assessed yet." in text
    assert "No mission reiterated an earlier recommendation." in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sample_report_opens_page_by_page(language: str, tmp_path: Path) -> None:
    document = render_followup_report(samples.followup_report(), language)
    assert len(page_images(document, tmp_path)) == len(pages_text(document)) >= 8
