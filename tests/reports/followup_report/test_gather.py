"""Gathering a country's follow-up report, checked against the example of
``tests/support/examples.py`` counted by hand."""

from datetime import date

import pytest

from eom.core.db import Database
from recommendations import summary
from recommendations.service import Filters
from recommendations.summary import GroupBy
from reports.followup_report import gather as gather_followup
from reports.followup_report.value import Assessment, FollowUpReport, StatusRow, YearRate
from tests.support.examples import Bolivia, bolivia

TODAY = date(2026, 11, 1)


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


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
