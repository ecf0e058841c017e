"""Realistic hand-built document values: recommendations for a mission report, a donor
statement and a country's follow-up report, for the tests, for the benchmark and for
looking at the PDFs (``python -m bench.samples`` writes them). Deterministic: the same
arguments give the same values."""

import itertools
import random
from datetime import date
from decimal import Decimal

from eom.core.reference import Theme
from eom.funding.models import BudgetCategory, DonorKind, MovementKind
from eom.funding.money import to_usd
from recommendations.models import FollowUpStatus, Institution
from recommendations.summary import status_counts, trend_points
from reports.donor_statement.value import BudgetLine, Contribution, DonorStatement, FundedMission
from reports.followup_report.value import (
    Assessment,
    FollowedRecommendation,
    FollowUpReport,
    StatusRow,
    YearRate,
)
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

# What recommendations say, per theme, in both languages: (English, Spanish).
SAYINGS: dict[Theme, tuple[tuple[str, str], ...]] = {
    Theme.electoral_organization: (
        (
            "Publish the final voter register at least ninety days before election day.",
            "Publicar el padrón electoral definitivo al menos noventa días antes de la jornada.",
        ),
        (
            "Train polling-station staff on the counting procedure with practical exercises.",
            "Capacitar al personal de mesa en el procedimiento de escrutinio con ejercicios "
            "prácticos.",
        ),
    ),
    Theme.electoral_technology: (
        (
            "Audit the preliminary results transmission system with the parties present.",
            "Auditar el sistema de transmisión de resultados preliminares con presencia de "
            "los partidos.",
        ),
    ),
    Theme.political_financing: (
        (
            "Require parties to report campaign income and spending through a public portal.",
            "Exigir a los partidos que informen ingresos y gastos de campaña en un portal público.",
        ),
    ),
    Theme.gender: (
        (
            "Enforce parity and alternation on every candidate list, including substitutes.",
            "Hacer cumplir la paridad y la alternancia en todas las listas, incluidos los "
            "suplentes.",
        ),
    ),
    Theme.electoral_justice: (
        (
            "Set binding deadlines for resolving challenges before the results are declared.",
            "Fijar plazos vinculantes para resolver las impugnaciones antes de la proclamación.",
        ),
    ),
    Theme.media: (
        (
            "Guarantee equitable access of all candidacies to state-owned media.",
            "Garantizar el acceso equitativo de todas las candidaturas a los medios estatales.",
        ),
    ),
    Theme.underrepresented_groups: (
        (
            "Provide ballots and voter information in the main Indigenous languages.",
            "Ofrecer papeletas e información electoral en las principales lenguas indígenas.",
        ),
    ),
    Theme.political_legal_system: (
        (
            "Consolidate the scattered electoral laws into a single electoral code.",
            "Unificar la normativa electoral dispersa en un único código electoral.",
        ),
    ),
    Theme.electoral_violence_security: (
        (
            "Adopt a protocol against political violence toward women candidates.",
            "Adoptar un protocolo contra la violencia política hacia las candidatas.",
        ),
    ),
}
STATUSES = tuple(s.value for s in FollowUpStatus)
INSTITUTIONS = tuple(i.value for i in Institution)


def recommendations(count: int, *, seed: int = 7) -> tuple[Recommendation, ...]:
    """``count`` recommendations across every theme, numbered from 1."""
    rng = random.Random(seed)
    themes = itertools.cycle(SAYINGS)
    found = []
    for number in range(1, count + 1):
        theme = next(themes)
        en, es = rng.choice(SAYINGS[theme])
        found.append(
            Recommendation(
                number=number,
                theme=theme.value,
                text=Bilingual(en, es),
                institution=rng.choice(INSTITUTIONS),
                status=rng.choice(STATUSES[:3]),
                reiterates=f"EOM-BOL-2020 #{rng.randint(1, 40)}" if number % 4 == 0 else None,
            )
        )
    return tuple(found)


def previous_recommendations(count: int, *, seed: int = 11) -> tuple[PreviousRecommendation, ...]:
    """Recommendations of two earlier missions to the country, with their status now."""
    rng = random.Random(seed)
    themes = itertools.cycle(SAYINGS)
    found = []
    for n in range(count):
        theme = next(themes)
        en, es = rng.choice(SAYINGS[theme])
        status = rng.choice(STATUSES)
        found.append(
            PreviousRecommendation(
                mission_code="EOM-BOL-2019" if n % 3 == 0 else "EOM-BOL-2020",
                number=n // 2 + 1,
                theme=theme.value,
                text=Bilingual(en, es),
                status=status,
                assessed_on=None if status == "not_assessed" else date(2025, 3, 1 + n % 27),
            )
        )
    return tuple(found)


def yes_no(question_en: str, question_es: str, phase: str, yes: int, no: int) -> KeyAnswer:
    return KeyAnswer(
        phase, Bilingual(question_en, question_es), (AnswerShare("yes", yes), AnswerShare("no", no))
    )


def mission_report(*, recommendation_count: int = 24, previous_count: int = 18) -> MissionReport:
    """A finished mission to Bolivia with its findings and recommendations."""
    return MissionReport(
        mission=MissionSummary(
            code="EOM-BOL-2025",
            kind="electoral_observation",
            host_country="BO",
            election_type="general",
            election_date=date(2025, 8, 17),
            runoff_date=date(2025, 10, 19),
            arrives_on=date(2025, 7, 28),
            leaves_on=date(2025, 10, 29),
            status="final_report",
            chief="José Ángel Muñoz Peña",
        ),
        composition=Composition(
            members=64,
            by_role=(
                Count("chief", 1),
                Count("deputy_chief", 1),
                Count("core_group", 6),
                Count("specialist", 9),
                Count("long_term_observer", 12),
                Count("short_term_observer", 32),
                Count("logistics", 3),
            ),
            by_gender=(Count("female", 34), Count("male", 29), Count("non_binary", 1)),
            by_nationality=(
                Count("AR", 9),
                Count("CA", 8),
                Count("MX", 7),
                Count("CL", 6),
                Count("ES", 6),
                Count("US", 5),
                Count("CO", 5),
                Count("UY", 4),
                Count("BR", 4),
                Count("CR", 4),
                Count("PE", 3),
                Count("FR", 3),
            ),
        ),
        timeline=(
            TimelineEntry(date(2025, 2, 3), status="requested"),
            TimelineEntry(date(2025, 2, 20), status="accepted"),
            TimelineEntry(date(2025, 4, 7), status="preliminary_visit"),
            TimelineEntry(
                date(2025, 5, 12),
                agreement="privileges_immunities",
                counterpart="Ministerio de Relaciones Exteriores",
            ),
            TimelineEntry(
                date(2025, 5, 14),
                agreement="observation_procedures",
                counterpart="Tribunal Supremo Electoral",
            ),
            TimelineEntry(date(2025, 5, 14), status="agreements_signed"),
            TimelineEntry(date(2025, 7, 28), status="deployed"),
            TimelineEntry(date(2025, 8, 19), status="preliminary_report"),
            TimelineEntry(date(2025, 12, 2), status="final_report"),
        ),
        submissions=1184,
        coverage=(
            PhaseCoverage("opening", 120, 114),
            PhaseCoverage("voting", 120, 119),
            PhaseCoverage("closing", 120, 108),
            PhaseCoverage("counting", 120, 103),
        ),
        key_answers=(
            yes_no("Did the station open on time?", "¿La mesa abrió a tiempo?", "opening", 97, 17),
            yes_no(
                "Were all essential materials present?",
                "¿Estaban presentes todos los materiales esenciales?",
                "opening",
                108,
                6,
            ),
            KeyAnswer(
                "voting",
                Bilingual("Overall assessment of voting", "Evaluación general de la votación"),
                (
                    AnswerShare("very_good", 212, Bilingual("Very good", "Muy buena")),
                    AnswerShare("good", 131, Bilingual("Good", "Buena")),
                    AnswerShare("poor", 19, Bilingual("Poor", "Deficiente")),
                    AnswerShare("very_poor", 4, Bilingual("Very poor", "Muy deficiente")),
                ),
            ),
            yes_no(
                "Was the secrecy of the vote guaranteed?",
                "¿Se garantizó el secreto del voto?",
                "voting",
                341,
                25,
            ),
            yes_no(
                "Was the count public and transparent?",
                "¿El escrutinio fue público y transparente?",
                "counting",
                99,
                4,
            ),
        ),
        incidents=(
            IncidentTally("vote_buying", "medium", "confirmed", 4),
            IncidentTally("vote_buying", "high", "unverified", 1),
            IncidentTally("irregular_procedure", "low", "confirmed", 9),
            IncidentTally("irregular_procedure", "medium", "confirmed", 3),
            IncidentTally("technology_failure", "high", "confirmed", 2),
            IncidentTally("campaigning_in_station", "low", "rejected", 2),
            IncidentTally("campaigning_in_station", "low", "confirmed", 5),
            IncidentTally("violence_or_intimidation", "critical", "confirmed", 1),
            IncidentTally("obstruction_of_observers", "medium", "unverified", 2),
        ),
        recommendations=recommendations(recommendation_count),
        previous_recommendations=previous_recommendations(previous_count),
        generated_on=date(2025, 12, 2),
    )


def _contribution(
    on: date, code: str, kind: MovementKind, currency: str, amount: str, rate: str
) -> Contribution:
    value, usd_rate = Decimal(amount), Decimal(rate)
    return Contribution(
        on=on,
        mission_code=code,
        kind=kind,
        currency=currency,
        amount=value,
        usd_rate=usd_rate,
        amount_usd=to_usd(value, usd_rate),
    )


def _lines(budget: int, spent_share: float, rng: random.Random) -> tuple[BudgetLine, ...]:
    weights = (34, 22, 18, 4, 10, 6, 4, 2)
    found = []
    for line, weight in zip(BudgetCategory, weights, strict=True):
        planned = Decimal(budget * weight // 100)
        spent = (planned * Decimal(str(min(1.0, spent_share * rng.uniform(0.8, 1.1))))).quantize(
            Decimal("1")
        )
        found.append(BudgetLine(line, planned, spent))
    return tuple(found)


def donor_statement() -> DonorStatement:
    """A year of a member state's contributions to three missions, in two currencies."""
    rng = random.Random(3)
    contributions = (
        _contribution(
            date(2025, 2, 10), "EOM-BOL-2025", MovementKind.pledge, "CAD", "450000", "0.7012"
        ),
        _contribution(
            date(2025, 3, 18), "EOM-BOL-2025", MovementKind.commitment, "CAD", "450000", "0.6968"
        ),
        _contribution(
            date(2025, 5, 2), "EOM-BOL-2025", MovementKind.received, "CAD", "300000", "0.7231"
        ),
        _contribution(
            date(2025, 7, 30), "EOM-BOL-2025", MovementKind.received, "CAD", "150000", "0.7289"
        ),
        _contribution(date(2025, 4, 14), "EOM-HND-2025", MovementKind.pledge, "USD", "250000", "1"),
        _contribution(
            date(2025, 6, 3), "EOM-HND-2025", MovementKind.commitment, "USD", "250000", "1"
        ),
        _contribution(
            date(2025, 9, 22), "EOM-HND-2025", MovementKind.received, "USD", "200000", "1"
        ),
        _contribution(
            date(2025, 11, 5), "EOM-CHL-2025", MovementKind.pledge, "EUR", "120000.50", "1.1594"
        ),
    )

    def received(code: str) -> Decimal:
        return sum(
            (
                c.amount_usd
                for c in contributions
                if c.mission_code == code and c.kind == MovementKind.received
            ),
            Decimal(0),
        )

    return DonorStatement(
        donor_name="Government of Canada",
        donor_kind=DonorKind.member_state,
        donor_country="CA",
        iati_identifier="XM-DAC-301-1",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        contributions=contributions,
        missions=(
            FundedMission(
                "EOM-BOL-2025",
                "BO",
                date(2025, 8, 17),
                received("EOM-BOL-2025"),
                Decimal("1184500.00"),
                _lines(1_350_000, 0.92, rng),
            ),
            FundedMission(
                "EOM-HND-2025",
                "HN",
                date(2025, 11, 30),
                received("EOM-HND-2025"),
                Decimal("702000.00"),
                _lines(880_000, 0.61, rng),
            ),
        ),
        generated_on=date(2026, 1, 15),
    )


def followup_report() -> FollowUpReport:
    """Three successive missions to Bolivia, their recommendations and assessments, with
    recommendations reiterated from one mission to the next."""
    rng = random.Random(5)
    missions = (("EOM-BOL-2019", 2019), ("EOM-BOL-2020", 2020), ("EOM-BOL-2025", 2025))
    found: list[FollowedRecommendation] = []
    key = itertools.count(1)
    for code, year in missions:
        themes = itertools.cycle(SAYINGS)
        for number in range(1, 13):
            theme = next(themes)
            en, es = SAYINGS[theme][number % len(SAYINGS[theme])]
            earlier = [r for r in found if r.theme == theme.value and r.year < year]
            history = []
            for offset in range(rng.randint(0, 3)):
                on = date(min(year + 1 + offset, 2025), 1 + rng.randint(0, 10), 1 + offset * 9)
                history.append(
                    Assessment(
                        on,
                        rng.choice(STATUSES[1:5]),
                        "Law 1096 amended; regulation published in the Gaceta Oficial.",
                        assessed_by=None if offset % 2 or year >= 2025 else f"EOM-BOL-{year + 1}",
                    )
                )
            found.append(
                FollowedRecommendation(
                    key=next(key),
                    mission_code=code,
                    year=year,
                    number=number,
                    theme=theme.value,
                    institution=rng.choice(INSTITUTIONS),
                    text=Bilingual(en, es),
                    current_status=history[-1].status if history else STATUSES[0],
                    assessments=tuple(history),
                    reiterates=earlier[-1].key if earlier and number % 3 == 0 else None,
                )
            )
    return followup_value("BO", found, generated_on=date(2026, 1, 15))


def followup_value(
    country: str, items: list[FollowedRecommendation], *, generated_on: date
) -> FollowUpReport:
    """The report of hand-built recommendations, its figures counted by the recommendation
    domain's own functions, as the gathering does."""

    def counts(key: str, chosen: list[FollowedRecommendation]) -> StatusRow:
        return StatusRow.of(
            status_counts(key, [(FollowUpStatus(r.current_status), 1) for r in chosen])
        )

    themes = sorted({r.theme for r in items})
    made = {r.key: r.year for r in items}
    assessments = sorted(
        ((r.key, a.assessed_on, FollowUpStatus(a.status)) for r in items for a in r.assessments),
        key=lambda found: found[1],
    )
    reiterated = {r.reiterates for r in items if r.reiterates}
    by_key = {r.key: r for r in items}
    chains = []
    for last in items:
        if last.reiterates is None or last.key in reiterated:
            continue
        chain = [last.key]
        while by_key[chain[-1]].reiterates in by_key:
            chain.append(by_key[chain[-1]].reiterates or 0)
        chains.append(tuple(reversed(chain)))
    return FollowUpReport(
        country=country,
        recommendations=tuple(items),
        by_theme=tuple(counts(t, [r for r in items if r.theme == t]) for t in themes),
        overall=counts("all", items),
        trend=tuple(
            YearRate.of(p) for p in trend_points(made, assessments, until=generated_on.year)
        ),
        chains=tuple(chains),
        generated_on=generated_on,
    )
