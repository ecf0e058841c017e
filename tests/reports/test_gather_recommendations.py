"""Gathering recommendations for the documents, checked against the example of
``tests/reports/examples.py`` counted by hand."""

from datetime import date

import pytest

from eom.db import Database
from eom.missions import service as missions
from recommendations import summary
from recommendations.service import Filters
from recommendations.summary import GroupBy
from reports import gather, gather_followup
from reports.followup_report import Assessment, FollowUpReport, StatusRow, YearRate
from reports.mission_report import Bilingual, PreviousRecommendation, Recommendation
from tests.reports.examples import Bolivia, bolivia

TODAY = date(2026, 11, 1)


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


def test_a_public_mission_report_has_its_published_recommendations_and_the_annex(
    db: Database, example: Bolivia
) -> None:
    with db.session_scope(write=False) as session:
        mission = missions.get_mission(session, example.new.id or 0)
        report = gather.mission_report(session, mission, today=TODAY)
    assert report.recommendations == (
        Recommendation(
            number=1,
            theme="media",
            text=Bilingual(
                "Regulate the financing of electoral campaigns and its oversight.",
                "Regular el financiamiento de las campañas electorales y su fiscalización.",
            ),
            institution="legislature",
            status="not_assessed",
            reiterates="EOM-BOL-2020 #2",
        ),
    )
    annex = {(p.mission_code, p.number): p for p in report.previous_recommendations}
    assert set(annex) == {("EOM-BOL-2020", 1), ("EOM-BOL-2020", 2)}
    assert annex["EOM-BOL-2020", 1] == PreviousRecommendation(
        mission_code="EOM-BOL-2020",
        number=1,
        theme="gender",
        text=Bilingual(
            "Enforce gender parity on every list of candidates.",
            "Hacer cumplir la paridad de género en todas las listas de candidaturas.",
        ),
        status="fully_implemented",
        assessed_on=date(2026, 9, 1),
    )
    assert annex["EOM-BOL-2020", 2].status == "partially_implemented"
    assert annex["EOM-BOL-2020", 2].assessed_on == date(2023, 2, 1)


def test_a_staff_copy_of_the_mission_report_has_the_drafts_marked(
    db: Database, example: Bolivia
) -> None:
    with db.session_scope(write=False) as session:
        mission = missions.get_mission(session, example.new.id or 0)
        report = gather.mission_report(session, mission, today=TODAY, published_only=False)
    assert [(r.number, r.published) for r in report.recommendations] == [(1, True), (2, False)]
    assert {(p.number, p.status) for p in report.previous_recommendations} == {
        (1, "fully_implemented"),
        (2, "partially_implemented"),
        (3, "not_implemented"),
    }


def test_the_first_mission_to_a_country_has_no_annex(db: Database, example: Bolivia) -> None:
    with db.session_scope(write=False) as session:
        mission = missions.get_mission(session, example.old.id or 0)
        report = gather.mission_report(session, mission, today=TODAY)
    assert [r.number for r in report.recommendations] == [1, 2]
    assert report.previous_recommendations == ()


def _followup(db: Database, *, published_only: bool) -> FollowUpReport:
    with db.session_scope(write=False) as session:
        return gather_followup.followup_report(
            session, "bo", today=TODAY, published_only=published_only
        )


def test_the_followup_report_counts_published_recommendations_by_theme_and_status(
    db: Database, example: Bolivia
) -> None:
    report = _followup(db, published_only=True)
    assert report.country == "BO" and report.generated_on == TODAY
    assert {(r.mission_code, r.number) for r in report.recommendations} == {
        ("EOM-BOL-2020", 1),
        ("EOM-BOL-2020", 2),
        ("EOM-BOL-2026", 1),
    }
    gender, media = report.by_theme
    # gender: a (fully) → 1 assessed, 1 implemented; media: b (partially), g (not assessed).
    assert (gender.key, gender.total, gender.assessed, gender.implemented) == ("gender", 1, 1, 1)
    assert gender.implementation_rate == 1.0
    assert (media.key, media.total, media.assessed, media.implemented) == ("media", 2, 1, 0)
    assert media.count("partially_implemented") == 1 and media.count("not_assessed") == 1
    assert (report.overall.total, report.overall.assessed, report.overall.implemented) == (3, 2, 1)
    assert report.overall.implementation_rate == 0.5


def test_the_followup_trend_stands_at_the_end_of_each_year(db: Database, example: Bolivia) -> None:
    trend = {rate.year: rate for rate in _followup(db, published_only=True).trend}
    assert trend[2020] == YearRate(2020, 2, 0, 0, None)
    assert trend[2021] == YearRate(2021, 2, 1, 0, 0.0)
    assert trend[2023] == YearRate(2023, 2, 2, 0, 0.0)
    assert trend[2026] == YearRate(2026, 3, 2, 1, 0.5)


def test_the_followup_figures_are_the_apis_summary_and_trend(
    db: Database, example: Bolivia
) -> None:
    for published_only in (True, False):
        report = _followup(db, published_only=published_only)
        chosen = Filters(country="BO", published_only=published_only)
        with db.session_scope(write=False) as session:
            by_theme = summary.summary(session, chosen, GroupBy.theme)
            trend = summary.trend(session, chosen)
        assert report.by_theme == tuple(StatusRow.of(row) for row in by_theme.rows)
        assert report.overall == StatusRow.of(by_theme.overall)
        assert report.trend == tuple(YearRate.of(point) for point in trend)


def test_each_followed_recommendation_carries_its_history_oldest_first(
    db: Database, example: Bolivia
) -> None:
    by_key = {r.key: r for r in _followup(db, published_only=True).recommendations}
    first = by_key[example.made["a"].id or 0]
    assert first.current_status == "fully_implemented" and first.year == 2020
    assert [(a.assessed_on, a.status, a.assessed_by) for a in first.assessments] == [
        (date(2021, 3, 1), "not_implemented", None),
        (date(2026, 9, 1), "fully_implemented", "EOM-BOL-2026"),
    ]
    assert isinstance(first.assessments[0], Assessment)
    later = by_key[example.made["g"].id or 0]
    assert later.reiterates == example.made["b"].id and later.assessments == ()


def test_the_followup_chains_are_the_domains_reiterations(db: Database, example: Bolivia) -> None:
    report = _followup(db, published_only=True)
    assert report.chains == ((example.made["b"].id, example.made["g"].id),)


def test_staff_followup_includes_the_drafts_and_others_never_do(
    db: Database, example: Bolivia
) -> None:
    drafts = {example.made["d"].id, example.made["h"].id}
    public = _followup(db, published_only=True)
    staff = _followup(db, published_only=False)
    assert not drafts & {r.key for r in public.recommendations}
    assert drafts <= {r.key for r in staff.recommendations}
    assert {r.key: r.published for r in staff.recommendations if r.key in drafts} == dict.fromkeys(
        drafts, False
    )
    assert staff.overall.total == 5


def test_a_country_without_recommendations_gathers_an_empty_report(
    db: Database, example: Bolivia
) -> None:
    with db.session_scope(write=False) as session:
        report = gather_followup.followup_report(session, "CL", today=TODAY)
    assert report.recommendations == () and report.by_theme == () and report.chains == ()
    assert report.overall.total == 0 and report.trend == ()
