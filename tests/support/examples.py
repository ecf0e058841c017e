"""Two successive missions to Bolivia and their recommendations, for the documents' tests.

| rec | mission      | no. | theme  | published | assessments                          |
|-----|--------------|-----|--------|-----------|--------------------------------------|
| a   | EOM-BOL-2020 | 1   | gender | yes       | not impl. 2021-03-01 (DECO),         |
|     |              |     |        |           | fully 2026-09-01 (by EOM-BOL-2026)   |
| b   | EOM-BOL-2020 | 2   | media  | yes       | partially 2023-02-01 (DECO)          |
| d   | EOM-BOL-2020 | 3   | gender | no        | not impl. 2021-03-01 (DECO)          |
| g   | EOM-BOL-2026 | 1   | media  | yes       | none; reiterates b                   |
| h   | EOM-BOL-2026 | 2   | gender | no        | none                                 |
| p   | EOM-PER-2021 | 1   | gender | yes       | none (another country)               |

The drafts d and h carry words ("SECRET DRAFT") that no public document may show.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from eom.core.db import Database
from eom.core.reference import Theme
from eom.planning.missions.models import Mission
from recommendations.models import FollowUpStatus, Recommendation
from tests.factories import assess, make_recommendation, reported_mission

DRAFT_WORDS = "SECRET DRAFT"
F = FollowUpStatus


@dataclass
class Bolivia:
    old: Mission
    new: Mission
    made: dict[str, Recommendation]


def bolivia(db: Database) -> Bolivia:
    old = reported_mission(
        db,
        code="EOM-BOL-2020",
        requested_on=date(2020, 6, 1),
        election_date=date(2020, 10, 18),
    )
    new = reported_mission(db, code="EOM-BOL-2026")
    peru = reported_mission(
        db,
        code="EOM-PER-2021",
        host_country="PE",
        requested_on=date(2020, 12, 1),
        election_date=date(2021, 4, 11),
    )
    draft: dict[str, Any] = {
        "text_en": f"{DRAFT_WORDS}: do not circulate this wording.",
        "text_es": f"{DRAFT_WORDS}: no circular esta redacción.",
    }
    made = {
        "a": make_recommendation(
            db,
            old,
            number=1,
            theme=Theme.gender,
            publish=True,
            text_en="Enforce gender parity on every list of candidates.",
            text_es="Hacer cumplir la paridad de género en todas las listas de candidaturas.",
        ),
        "b": make_recommendation(db, old, number=2, theme=Theme.media, publish=True),
        "d": make_recommendation(db, old, number=3, theme=Theme.gender, **draft),
    }
    made["g"] = make_recommendation(
        db, new, number=1, theme=Theme.media, publish=True, reiterates_id=made["b"].id
    )
    made["h"] = make_recommendation(db, new, number=2, theme=Theme.gender, **draft)
    made["p"] = make_recommendation(db, peru, number=1, theme=Theme.gender, publish=True)
    assess(db, made["a"], F.not_implemented, date(2021, 3, 1))
    assess(db, made["a"], F.fully_implemented, date(2026, 9, 1), assessed_by_mission_id=new.id)
    assess(db, made["b"], F.partially_implemented, date(2023, 2, 1))
    assess(db, made["d"], F.not_implemented, date(2021, 3, 1))
    return Bolivia(old, new, made)
