"""The mission report, rendered from hand-built values: the figures it must show, in
English and Spanish, and pages that open as images."""

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from reports.mission_report.render import render_mission_report
from reports.mission_report.value import (
    Composition,
    Count,
    MissionReport,
    MissionSummary,
    PreviousRecommendation,
    Recommendation,
    TimelineEntry,
)
from reports.values import AnswerShare, Bilingual, IncidentTally, KeyAnswer, PhaseCoverage
from tests.support import samples
from tests.support.pdfs import page_images, pages_text, text_of

REPORT = MissionReport(
    mission=MissionSummary(
        code="EOM-PER-2026",
        kind="electoral_observation",
        host_country="PE",
        election_type="general",
        election_date=date(2026, 4, 12),
        runoff_date=date(2026, 6, 7),
        arrives_on=date(2026, 3, 23),
        leaves_on=date(2026, 6, 17),
        status="final_report",
        chief="Ana María Núñez",
    ),
    composition=Composition(
        members=57,
        by_role=(Count("chief", 1), Count("core_group", 6), Count("short_term_observer", 50)),
        by_gender=(Count("female", 30), Count("male", 27)),
        by_nationality=(Count("CA", 20), Count("MX", 37)),
    ),
    timeline=(
        TimelineEntry(date(2025, 11, 3), status="requested"),
        TimelineEntry(
            date(2026, 2, 2), agreement="observation_procedures", counterpart="Jurado Nacional"
        ),
        TimelineEntry(date(2026, 3, 23), status="deployed"),
    ),
    submissions=12345,
    coverage=(PhaseCoverage("opening", 400, 300), PhaseCoverage("voting", 400, 398)),
    key_answers=(
        KeyAnswer(
            "opening",
            Bilingual("Did the station open on time?", "¿La mesa abrió a tiempo?"),
            (AnswerShare("yes", 240), AnswerShare("no", 60)),
        ),
        KeyAnswer(
            "voting",
            Bilingual("Overall assessment", "Evaluación general"),
            (AnswerShare("good", 350, Bilingual("Good", "Buena")),),
        ),
    ),
    incidents=(
        IncidentTally("vote_buying", "high", "confirmed", 7),
        IncidentTally("vote_buying", "low", "unverified", 2),
        IncidentTally("technology_failure", "critical", "rejected", 5),
    ),
    recommendations=(
        Recommendation(
            3,
            "gender",
            Bilingual("Enforce parity on candidate lists.", "Hacer cumplir la paridad."),
            "legislature",
            "partially_implemented",
            reiterates="EOM-PER-2021 #9",
        ),
        Recommendation(
            1,
            "media",
            Bilingual("Open state media to all.", "Abrir los medios estatales a todos."),
            "media",
            "not_assessed",
        ),
    ),
    previous_recommendations=(
        PreviousRecommendation(
            "EOM-PER-2021",
            9,
            "gender",
            Bilingual("Adopt parity rules.", "Adoptar reglas de paridad."),
            "fully_implemented",
            date(2025, 5, 20),
        ),
    ),
    generated_on=date(2026, 7, 1),
)


@pytest.fixture(scope="module")
def english() -> str:
    return text_of(render_mission_report(REPORT, "en"))


@pytest.fixture(scope="module")
def spanish() -> str:
    return text_of(render_mission_report(REPORT, "es"))


def test_the_cover_and_summary_name_the_mission_its_dates_and_chief(english: str) -> None:
    for expected in (
        "EOM-PER-2026",
        "Peru",
        "General elections",
        "April 12, 2026",
        "June 7, 2026",
        "March 23, 2026 to June 17, 2026",
        "Ana María Núñez",
        "57 (nationalities: 2)",
        "Final report",
    ):
        assert expected in english


def test_spanish_dates_numbers_and_labels(spanish: str) -> None:
    for expected in (
        "Elecciones generales",
        "12 de abril de 2026",
        "del 23 de marzo de 2026 al 17 de junio de 2026",
        "desde las mesas de votación: 12.345",
        "Informe final",
        "Observación Electoral",
        "Página 3 de",
    ):
        assert expected in spanish


def test_composition_and_timeline(english: str) -> None:
    assert "Short-term observer 50" in english and "Total 57" in english
    assert "Observation procedures (electoral body): Jurado Nacional" in english
    assert "November 3, 2025 Requested" in english


def test_coverage_by_phase_with_its_percentage(english: str, spanish: str) -> None:
    assert "from the polling stations: 12,345." in english
    assert "Opening 400 300 75%" in english and "Voting 400 398 99.5%" in english
    assert "Apertura 400 300 75 %" in spanish or "Apertura 400 300 75%" in spanish


def test_key_answers_are_charted_with_their_shares(english: str, spanish: str) -> None:
    assert "Did the station open on time?" in english and "Yes 80%" in english
    assert "¿La mesa abrió a tiempo?" in spanish and "Sí 80%" in spanish
    assert "Buena 100%" in spanish


def test_incidents_count_all_reports_but_tabulate_only_those_not_rejected(english: str) -> None:
    assert "Incidents reported by observers: 14 (7 confirmed by the mission" in english
    assert "2 awaiting verification, 5 rejected)" in english
    assert "Vote buying 2 0 7 0 9" in english
    assert "Total 2 0 7 0 9" in english
    table = english.split("left out of the figures below.")[1].split("Incidents by category")[0]
    assert "Vote buying" in table and "Technology failure" not in table


def test_recommendations_by_theme_with_number_institution_status_and_reiteration(
    english: str, spanish: str
) -> None:
    assert "Gender (1)" in english and "Media (1)" in english
    assert "3 Enforce parity on candidate lists." in english
    assert "Reiterates EOM-PER-2021 #9" in english
    assert "Legislature Partially implemented" in english
    assert "Hacer cumplir la paridad." in spanish and "Reitera EOM-PER-2021 #9" in spanish
    assert "Implementada parcialmente" in spanish


def test_the_annex_gives_each_previous_recommendation_its_current_status(english: str) -> None:
    annex = english.split("Annex: previous recommendations and their current status")[-1]
    assert "EOM-PER-2021 (1)" in annex
    assert "9 Gender Adopt parity rules. Fully implemented May 20, 2025" in annex


def test_when_every_incident_was_rejected_no_empty_table_is_drawn() -> None:
    rejected = (IncidentTally("vote_buying", "high", "rejected", 3),)
    text = text_of(render_mission_report(dataclasses.replace(REPORT, incidents=rejected), "en"))
    assert "Incidents reported by observers: 3 (0 confirmed" in text
    assert "Every incident reported was rejected on verification." in text
    assert "Incidents by category and severity" not in text


def test_a_report_without_findings_or_recommendations_says_so() -> None:
    empty = dataclasses.replace(
        REPORT,
        submissions=0,
        coverage=(PhaseCoverage("opening", 0, 0),),
        key_answers=(),
        incidents=(),
        recommendations=(),
        previous_recommendations=(),
    )
    text = text_of(render_mission_report(empty, "en"))
    assert "No polling stations were assigned to observers." in text
    assert "No key question was answered." in text
    assert "Observers reported no incidents." in text
    assert "The mission has made no recommendations yet." in text
    assert "No earlier mission to Peru left recommendations." in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_full_report_with_a_hundred_recommendations_opens_page_by_page(
    language: str, tmp_path: Path
) -> None:
    report = samples.mission_report(recommendation_count=100, previous_count=30)
    document = render_mission_report(report, language)
    pages = pages_text(document)
    assert len(page_images(document, tmp_path)) == len(pages) > 10
    numbers = " ".join(pages)
    assert all(f" {n} " in numbers for n in (1, 50, 100))
