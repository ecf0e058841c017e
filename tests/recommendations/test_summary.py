"""Follow-up figures against a small example computed by hand.

Two missions to Bolivia (2020, 2026) and one to Peru (2020), seven recommendations:

| rec | mission | theme               | published | current status         |
|-----|---------|---------------------|-----------|------------------------|
| a   | BO 2020 | gender              | yes       | fully_implemented      |
| b   | BO 2020 | gender              | yes       | partially_implemented  |
| c   | BO 2020 | media               | yes       | mostly_implemented     |
| d   | BO 2020 | media               | no        | not_implemented        |
| e   | PE 2020 | gender              | yes       | no_longer_relevant     |
| f   | PE 2020 | media               | yes       | not_assessed           |
| g   | BO 2026 | gender (reiterates b)| yes      | not_assessed           |

By theme, everything (staff): gender a b e g → total 4, assessed 3 (g is not), implemented
1 (a), rate 1/3 = 0.3333; media c d f → total 3, assessed 2, implemented 1 (c), rate 0.5.
Overall: total 7, assessed 5, implemented 2, rate 0.4. Published only (the public): media
loses d → total 2, assessed 1, implemented 1, rate 1.0.
"""

from datetime import date

import pytest

from eom.core.db import Database
from eom.core.reference import Theme
from recommendations import summary
from recommendations.models import FollowUpStatus, Recommendation
from recommendations.service import Filters
from recommendations.summary import GroupBy
from tests.factories import assess, make_recommendation, reported_mission

F = FollowUpStatus
BO_2020 = {"requested_on": date(2020, 6, 1), "election_date": date(2020, 10, 18)}
PE_2020 = {
    "host_country": "PE",
    "requested_on": date(2020, 1, 6),
    "election_date": date(2020, 4, 11),
}


@pytest.fixture
def example(db: Database) -> dict[str, Recommendation]:
    bo_old, pe, bo_new = (
        reported_mission(db, **BO_2020),
        reported_mission(db, **PE_2020),
        reported_mission(db),
    )
    made: dict[str, Recommendation] = {}
    for name, mission, theme, published, status in (
        ("a", bo_old, Theme.gender, True, F.fully_implemented),
        ("b", bo_old, Theme.gender, True, F.partially_implemented),
        ("c", bo_old, Theme.media, True, F.mostly_implemented),
        ("d", bo_old, Theme.media, False, F.not_implemented),
        ("e", pe, Theme.gender, True, F.no_longer_relevant),
        ("f", pe, Theme.media, True, None),
    ):
        made[name] = make_recommendation(db, mission, theme=theme, publish=published)
        if status is not None:
            assess(db, made[name], F.not_implemented, date(2021, 3, 1))
            assess(db, made[name], status, date(2023, 5, 1))
    made["g"] = make_recommendation(
        db, bo_new, theme=Theme.gender, reiterates_id=made["b"].id, publish=True
    )
    return made


def _row(found: summary.Summary, key: str) -> tuple[object, ...]:
    row = next(r for r in found.rows if r.key == key)
    return row.total, row.assessed, row.implemented, row.implementation_rate


def test_counts_and_rates_by_theme_match_the_hand_computed_example(
    db: Database, example: dict[str, Recommendation]
) -> None:
    with db.session_scope() as session:
        found = summary.summary(session, Filters(published_only=False), GroupBy.theme)
    assert _row(found, "gender") == (4, 3, 1, 0.3333)
    assert _row(found, "media") == (3, 2, 1, 0.5)
    gender = next(r for r in found.rows if r.key == "gender").counts
    assert gender == {
        F.not_assessed: 1,
        F.not_implemented: 0,
        F.partially_implemented: 1,
        F.mostly_implemented: 0,
        F.fully_implemented: 1,
        F.no_longer_relevant: 1,
    }
    overall = found.overall
    assert (overall.total, overall.assessed, overall.implemented) == (7, 5, 2)
    assert overall.implementation_rate == 0.4


def test_the_public_summary_counts_published_recommendations_only(
    db: Database, example: dict[str, Recommendation]
) -> None:
    with db.session_scope() as session:
        found = summary.summary(session, Filters(published_only=True), GroupBy.theme)
    assert _row(found, "media") == (2, 1, 1, 1.0)
    assert found.overall.total == 6


def test_grouping_by_country_and_by_year(db: Database, example: dict[str, Recommendation]) -> None:
    with db.session_scope() as session:
        by_country = summary.summary(session, Filters(published_only=False), GroupBy.country)
        by_year = summary.summary(session, Filters(published_only=False), GroupBy.year)
    # Bolivia a b c d g: assessed a b c d, implemented a c → 0.5; Peru e f: 0/1.
    assert _row(by_country, "BO") == (5, 4, 2, 0.5)
    assert _row(by_country, "PE") == (2, 1, 0, 0.0)
    assert [r.key for r in by_year.rows] == ["2020", "2026"]
    assert _row(by_year, "2026") == (1, 0, 0, None)


def test_the_trend_takes_each_recommendation_as_it_stood_at_each_year_end(
    db: Database, example: dict[str, Recommendation]
) -> None:
    with db.session_scope() as session:
        points = summary.trend(session, Filters(country="BO", published_only=False))
    by_year = {p.year: (p.total, p.assessed, p.implemented, p.implementation_rate) for p in points}
    # 2020: a b c d made, none assessed. 2021-2022: all four not implemented.
    # 2023-2025: a fully, c mostly → 2/4. 2026: g joins, not assessed → still 2/4.
    assert by_year[2020] == (4, 0, 0, None)
    assert by_year[2021] == by_year[2022] == (4, 4, 0, 0.0)
    assert by_year[2023] == by_year[2025] == (4, 4, 2, 0.5)
    assert by_year[2026] == (5, 4, 2, 0.5)


def test_repeated_recommendations_form_chains_across_missions(
    db: Database, example: dict[str, Recommendation]
) -> None:
    with db.session_scope() as session:
        chains = summary.repeated(session, Filters(published_only=False))
    assert len(chains) == 1
    chain = chains[0]
    assert [i.id for i in chain.items] == [example["b"].id, example["g"].id]
    assert (chain.country, chain.missions, chain.current_status) == ("BO", 2, F.not_assessed)
