"""Demo recommendations: two successive missions to each country whose final report is out,
with reiterations, and assessments that tell a story of partial progress.

The demo roster has one mission per country, so this step first records each country's
previous mission (closed, without members) through the mission services; then the
earlier mission's recommendations are assessed by DECO and by the later mission, the
later mission reiterates those still pending, and its own are assessed once time allows.
Everything is deterministic and goes through the services.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from argon2 import PasswordHasher
from sqlmodel import Session, select

from eom.planning.missions import service as missions
from eom.planning.missions.models import (
    REPORT_PUBLISHED,
    AgreementCreate,
    AgreementKind,
    ElectionType,
    Mission,
    MissionCreate,
    MissionKind,
    MissionStatus,
)
from recommendations import follow_up
from recommendations import service as recommendations
from recommendations.models import (
    FollowUpCreate,
    FollowUpStatus,
    Recommendation,
    RecommendationCreate,
)
from seed.accounts import SEED_ACTOR
from seed.documents import publish_before
from seed.missions import Progress
from seed.recommendation_texts import BANK, Wording
from seed.roster import DEMO_AS_OF

F = FollowUpStatus
LADDER = (F.not_implemented, F.partially_implemented, F.mostly_implemented, F.fully_implemented)


@dataclass(frozen=True)
class Pair:
    """A country's previous mission (recorded here) and the demo mission that followed it."""

    country: str
    earlier_code: str
    kind: str
    election_type: str
    election_date: date
    runoff_date: date | None
    later_code: str
    electoral_body: str
    ministry: str
    size: int  # recommendations per mission


PAIRS = (
    Pair("BB", "EOM-BRB-2018", "expert_mission", "general", date(2018, 5, 24), None,
         "EOM-BRB-2022", "Electoral and Boundaries Commission",
         "Ministry of Foreign Affairs and Foreign Trade of Barbados", 8),
    Pair("CO", "EOM-COL-2018", "electoral_observation", "presidential", date(2018, 5, 27),
         date(2018, 6, 17), "EOM-COL-2022", "Registraduría Nacional del Estado Civil",
         "Ministerio de Relaciones Exteriores de Colombia", 14),
    Pair("GT", "EOM-GTM-2019", "electoral_observation", "general", date(2019, 6, 16),
         date(2019, 8, 11), "EOM-GTM-2023", "Tribunal Supremo Electoral",
         "Ministerio de Relaciones Exteriores de Guatemala", 14),
    Pair("DO", "EOM-DOM-2020", "electoral_observation", "general", date(2020, 7, 5), None,
         "EOM-DOM-2024", "Junta Central Electoral",
         "Ministerio de Relaciones Exteriores de la República Dominicana", 14),
    Pair("BO", "EOM-BOL-2020", "electoral_observation", "general", date(2020, 10, 18), None,
         "EOM-BOL-2025", "Tribunal Supremo Electoral",
         "Ministerio de Relaciones Exteriores del Estado Plurinacional de Bolivia", 14),
    Pair("PE", "EOM-PER-2021", "electoral_observation", "general", date(2021, 4, 11),
         date(2021, 6, 6), "EOM-PER-2026", "Jurado Nacional de Elecciones",
         "Ministerio de Relaciones Exteriores del Perú", 14),
)  # fmt: skip

# Drafts still under review: the last few recommendations of the most recent report.
UNPUBLISHED = {"EOM-PER-2026": 3}

EVIDENCE = {
    F.not_implemented: (
        "No bill or regulation on the matter was found, and the {body} reported no steps.",
        "A bill was announced but never tabled; nothing has changed in practice.",
        "Interviews with the {body} and with parties confirm that the practice continues.",
    ),
    F.partially_implemented: (
        "A bill was tabled and approved in committee, but has not reached the floor.",
        "The {body} applied the measure as a pilot in some departments only.",
        "A regulation was adopted, but without the budget needed to apply it in full.",
    ),
    F.mostly_implemented: (
        "The reform was adopted and applied in the last election; some gaps remain.",
        "The {body} applied the measure nationwide; its regulation is still incomplete.",
    ),
    F.fully_implemented: (
        "Adopted and fully applied in the last election, as the mission verified.",
        "The law was published in the official gazette and the {body} applies it.",
    ),
    F.no_longer_relevant: (
        "Overtaken by a later reform that changed the system this recommendation addressed.",
    ),
}
STAGE_ONE = {
    F.not_implemented: 45,
    F.partially_implemented: 35,
    F.mostly_implemented: 12,
    F.fully_implemented: 5,
    F.no_longer_relevant: 3,
}


def _historic_mission(session: Session, pair: Pair) -> Mission:
    """The country's previous mission, walked through its whole life to ``closed``."""
    found = missions.find_by_code(session, pair.earlier_code)
    if found is not None:
        return found
    vote, last = pair.election_date, pair.runoff_date or pair.election_date
    mission = missions.create_mission(
        session,
        MissionCreate(
            code=pair.earlier_code,
            kind=MissionKind(pair.kind),
            host_country=pair.country,
            election_type=ElectionType(pair.election_type),
            requested_on=vote - timedelta(days=240),
            election_date=vote,
            runoff_date=pair.runoff_date,
        ),
        actor=SEED_ACTOR,
    )
    for kind, counterpart in (
        (AgreementKind.privileges_immunities, pair.ministry),
        (AgreementKind.observation_procedures, pair.electoral_body),
    ):
        signed = AgreementCreate(kind=kind, counterpart=counterpart, signed_on=vote - timedelta(60))
        missions.record_agreement(session, mission, signed, actor=SEED_ACTOR)
    S = MissionStatus
    for to, on in (
        (S.accepted, vote - timedelta(days=210)),
        (S.preliminary_visit, vote - timedelta(days=100)),
        (S.agreements_signed, vote - timedelta(days=60)),
        (S.deployed, vote - timedelta(days=15)),
        (S.preliminary_report, last + timedelta(days=2)),
        (S.final_report, last + timedelta(days=130)),
        (S.follow_up, last + timedelta(days=220)),
        (S.closed, last + timedelta(days=520)),
    ):
        publish_before(session, mission, to, on)
        missions.transition(session, mission, to, on=on, actor=SEED_ACTOR)
    return mission


def _choose(rng: random.Random, excluded: set[int], count: int) -> list[int]:
    """Indices into the bank: every theme once when there is room, then others at random."""
    free = [i for i in range(len(BANK)) if i not in excluded]
    rng.shuffle(free)
    chosen: list[int] = []
    for theme in dict.fromkeys(w.theme for w in BANK):
        pick = next((i for i in free if BANK[i].theme == theme and i not in chosen), None)
        if pick is not None and len(chosen) < count:
            chosen.append(pick)
    chosen += [i for i in free if i not in chosen][: count - len(chosen)]
    return chosen


def _add(
    session: Session,
    mission: Mission,
    number: int,
    wording: Wording,
    body: str,
    reiterates: Recommendation | None = None,
) -> Recommendation:
    data = RecommendationCreate.model_validate(
        {
            "mission_id": mission.id,
            "number": number,
            "text_en": wording.en.format(body=body),
            "text_es": wording.es.format(body=body),
            "theme": wording.theme,
            "institution": wording.institution,
            "priority": wording.priority,
            "legal_level": wording.legal_level,
            "reiterates_id": reiterates.id if reiterates else None,
        }
    )
    return recommendations.create_recommendation(session, data, actor=SEED_ACTOR)


def _assess(
    session: Session,
    rec: Recommendation,
    status: FollowUpStatus,
    on: date,
    rng: random.Random,
    body: str,
    by: Mission | None = None,
) -> None:
    evidence = rng.choice(EVIDENCE[status]).format(body=body)
    source = f"https://gazette.example/{rec.id}" if status in LADDER[2:] else None
    data = FollowUpCreate.model_validate(
        {
            "assessed_on": min(on, DEMO_AS_OF),
            "status": status,
            "evidence": evidence,
            "source_url": source,
            "assessed_by_mission_id": by.id if by else None,
        }
    )
    follow_up.record_follow_up(session, rec, data, actor=SEED_ACTOR)


def _progress(status: FollowUpStatus, steps: int) -> FollowUpStatus:
    if status not in LADDER:
        return status
    return LADDER[min(LADDER.index(status) + steps, len(LADDER) - 1)]


def _first_stage(rng: random.Random) -> FollowUpStatus:
    return rng.choices(list(STAGE_ONE), weights=list(STAGE_ONE.values()))[0]


def _publish_all(session: Session, mission: Mission, made: list[Recommendation]) -> None:
    held_back = UNPUBLISHED.get(mission.code, 0)
    for rec in made[: len(made) - held_back]:
        recommendations.publish_recommendation(session, rec, actor=SEED_ACTOR)


def _has_recommendations(session: Session, mission: Mission) -> bool:
    query = select(Recommendation.id).where(Recommendation.mission_id == mission.id)
    return session.exec(query).first() is not None


def _earlier(
    session: Session, pair: Pair, earlier: Mission, later: Mission, rng: random.Random
) -> list[tuple[Recommendation, int]]:
    """The earlier mission's recommendations, assessed by DECO and then by the later
    mission; returns each with its bank index."""
    body = pair.electoral_body
    chosen = sorted(_choose(rng, set(), pair.size))
    made = [(_add(session, earlier, n, BANK[i], body), i) for n, i in enumerate(chosen, 1)]
    _publish_all(session, earlier, [rec for rec, _ in made])
    first_look = pair.election_date + timedelta(days=rng.randint(480, 600))
    later_look = (later.runoff_date or later.election_date) + timedelta(days=rng.randint(20, 60))
    for rec, _ in made:
        stage = _first_stage(rng)
        _assess(session, rec, stage, first_look, rng, body)
        _assess(
            session, rec, _progress(stage, rng.choice((0, 1, 1, 2))), later_look, rng, body, later
        )
    return made


def _later(
    session: Session,
    pair: Pair,
    later: Mission,
    earlier: list[tuple[Recommendation, int]],
    rng: random.Random,
) -> list[Recommendation]:
    """The later mission's recommendations: the earlier ones still pending, reiterated, and
    new ones; assessed by DECO when a year has passed since the election."""
    body = pair.electoral_body
    pending = [(rec, i) for rec, i in earlier if rec.current_status in LADDER[:2]]
    repeated = pending[: min(len(pending), pair.size // 2, 6)]
    fresh = _choose(rng, {i for _, i in earlier}, pair.size - len(repeated))
    plan = sorted(
        [(i, rec) for rec, i in repeated] + [(i, None) for i in fresh], key=lambda p: p[0]
    )
    made = [_add(session, later, n, BANK[i], body, rec) for n, (i, rec) in enumerate(plan, 1)]
    _publish_all(session, later, made)
    year_after = (later.runoff_date or later.election_date) + timedelta(days=365)
    if year_after <= DEMO_AS_OF:
        for rec in made:
            # What was already pending once moves more slowly.
            stage = F.not_implemented if rec.reiterates_id else _first_stage(rng)
            _assess(session, rec, stage, year_after, rng, body)
            if year_after + timedelta(days=540) <= DEMO_AS_OF and rng.random() < 0.6:
                _assess(session, rec, _progress(stage, 1), year_after + timedelta(540), rng, body)
    return made


def load_recommendations(session: Session, _: PasswordHasher, progress: Progress) -> int:
    """Recommendations of two successive missions per country (once); returns how many."""
    created = 0
    for pair in PAIRS:
        later = missions.find_by_code(session, pair.later_code)
        if later is None or later.status not in REPORT_PUBLISHED:
            continue
        earlier = _historic_mission(session, pair)
        if _has_recommendations(session, earlier) or _has_recommendations(session, later):
            continue
        progress(f"recommendations to {pair.country}")
        rng = random.Random(f"recommendations-{pair.country}")
        made = _earlier(session, pair, earlier, later, rng)
        created += len(made) + len(_later(session, pair, later, made, rng))
    return created
