"""The demo data set's observer roster and missions, generated deterministically.

Pure data: no database and no domain imports. ``demo_observers()`` gives the same
fictional roster on every call, and ``demo_missions()`` the same missions staffed from
it, respecting the rules that the services enforce (DESIGN §2): nobody observes their own
country, one chief per mission, no overlapping deployments of one person.
"""

import random
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

import pycountry

from seed.names import CALLING_CODES, CULTURES, FAMOUS_NAMES, NANP_AREA_CODES, REGIONS, NameCulture

SEED = 2026
# The day the demo data set describes: no transition happens after it.
DEMO_AS_OF = date(2026, 11, 25)
EMAIL_DOMAIN = "observers.example"

LIFECYCLE = (
    "requested",
    "accepted",
    "preliminary_visit",
    "agreements_signed",
    "deployed",
    "preliminary_report",
    "final_report",
    "follow_up",
    "closed",
)
CANCELLED = "cancelled"
THEMES = (
    "electoral_organization",
    "electoral_technology",
    "political_financing",
    "gender",
    "electoral_justice",
    "media",
    "underrepresented_groups",
    "political_legal_system",
    "electoral_violence_security",
)
# How often each theme turns up among observers' expertise (same order as THEMES).
_THEME_WEIGHTS = (6, 3, 2, 3, 3, 2, 2, 3, 2)
FIELD_ROLES = frozenset({"regional_coordinator", "long_term_observer", "short_term_observer"})
LEADERSHIP = frozenset({"chief", "deputy_chief", "core_group"})

# Observers per nationality: every OAS member state, weighted toward the larger ones,
# and the European permanent observers.
ROSTER_SIZES: dict[str, int] = {
    "US": 28, "MX": 24, "BR": 22, "AR": 20, "CA": 18, "CO": 18, "CL": 14, "PE": 14,
    "CR": 10, "DO": 10, "EC": 10, "UY": 10, "GT": 9, "BO": 8, "HT": 8, "JM": 8, "VE": 8,
    "PA": 7, "PY": 7, "TT": 7, "HN": 6, "SV": 6, "BB": 5, "GY": 5, "BS": 4, "BZ": 4,
    "SR": 4, "AG": 3, "DM": 3, "GD": 3, "KN": 3, "LC": 3, "NI": 3, "VC": 3, "CU": 2,
    "ES": 30, "FR": 18, "DE": 16, "IT": 14, "PT": 10, "GB": 8, "NL": 8, "SE": 7, "BE": 6,
    "CH": 6, "NO": 5, "AT": 4, "DK": 4, "FI": 4, "IE": 4,
}  # fmt: skip


@dataclass(frozen=True)
class DemoObserver:
    """One fictional person in DECO's roster."""

    full_name: str
    nationality: str
    gender: str
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    email: str
    phone: str


@dataclass(frozen=True)
class DemoMember:
    """One observer's place in one mission."""

    observer_email: str
    role: str
    theme: str | None
    area: str | None
    status: str


@dataclass(frozen=True)
class DemoMission:
    """One mission: its election, its lifecycle so far, its agreements and its members."""

    code: str
    kind: str
    host_country: str
    election_type: str
    election_date: date
    runoff_date: date | None
    planned_budget_usd: Decimal
    status: str
    transitions: tuple[tuple[str, date], ...]
    agreements: tuple[tuple[str, str, date], ...]
    members: tuple[DemoMember, ...]


@dataclass(frozen=True)
class _Spec:
    """What the demo says about a mission; the rest is generated."""

    host: str
    kind: str
    election_type: str
    election_date: date
    runoff_date: date | None
    status: str
    size: int  # planned number of members
    language: str  # the working language the members must speak
    ministry: str
    electoral_body: str
    cancelled_after: str | None = None
    themes: tuple[str, ...] = THEMES


_OBS, _COOP, _EXPERT = "electoral_observation", "electoral_cooperation", "expert_mission"
_SPECS = (
    _Spec("BB", _EXPERT, "general", date(2022, 1, 19), None, "closed", 7, "en",
          "Ministry of Foreign Affairs and Foreign Trade of Barbados",
          "Electoral and Boundaries Commission",
          themes=("electoral_technology", "political_financing")),
    _Spec("CO", _OBS, "presidential", date(2022, 5, 29), date(2022, 6, 19), "closed", 44, "es",
          "Ministerio de Relaciones Exteriores de Colombia",
          "Registraduría Nacional del Estado Civil"),
    _Spec("GT", _OBS, "general", date(2023, 6, 25), date(2023, 8, 20), "follow_up", 86, "es",
          "Ministerio de Relaciones Exteriores de Guatemala", "Tribunal Supremo Electoral"),
    _Spec("DO", _OBS, "general", date(2024, 5, 19), None, "follow_up", 30, "es",
          "Ministerio de Relaciones Exteriores de la República Dominicana",
          "Junta Central Electoral"),
    _Spec("BO", _OBS, "general", date(2025, 8, 17), date(2025, 10, 19), "final_report", 50,
          "es", "Ministerio de Relaciones Exteriores del Estado Plurinacional de Bolivia",
          "Tribunal Supremo Electoral"),
    _Spec("HT", _OBS, "general", date(2025, 11, 16), None, CANCELLED, 40, "fr",
          "Ministère des Affaires Étrangères et des Cultes", "Conseil Électoral Provisoire",
          cancelled_after="preliminary_visit"),
    _Spec("PE", _OBS, "general", date(2026, 4, 12), date(2026, 6, 7), "final_report", 38, "es",
          "Ministerio de Relaciones Exteriores del Perú", "Jurado Nacional de Elecciones"),
    _Spec("PY", _COOP, "subnational", date(2026, 10, 4), None, "preliminary_report", 10, "es",
          "Ministerio de Relaciones Exteriores del Paraguay",
          "Tribunal Superior de Justicia Electoral",
          themes=("electoral_technology", "electoral_organization", "gender",
                  "political_financing", "media")),
    _Spec("US", _OBS, "legislative", date(2026, 11, 3), None, "preliminary_report", 20, "en",
          "United States Department of State", "U.S. Election Assistance Commission"),
    _Spec("BS", _OBS, "general", date(2026, 12, 2), None, "deployed", 16, "en",
          "Ministry of Foreign Affairs of The Bahamas", "Parliamentary Registration Department"),
    _Spec("EC", _OBS, "subnational", date(2027, 2, 14), None, "agreements_signed", 28, "es",
          "Ministerio de Relaciones Exteriores y Movilidad Humana",
          "Consejo Nacional Electoral"),
    _Spec("MX", _OBS, "judicial", date(2027, 6, 6), None, "accepted", 70, "es",
          "Secretaría de Relaciones Exteriores", "Instituto Nacional Electoral"),
    _Spec("AR", _OBS, "general", date(2027, 10, 24), date(2027, 11, 21), "requested", 60, "es",
          "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto",
          "Cámara Nacional Electoral"),
)  # fmt: skip


def demo_observers() -> list[DemoObserver]:
    """The roster: about 460 fictional observers, the same ones in the same order every call."""
    return list(_observers())


def demo_missions() -> list[DemoMission]:
    """The demo missions in order of election date, staffed from ``demo_observers()``."""
    return list(_missions())


# --- Observers ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _observers() -> tuple[DemoObserver, ...]:
    rng = random.Random(SEED)
    nationalities = [code for code, count in ROSTER_SIZES.items() for _ in range(count)]
    rng.shuffle(nationalities)
    genders = _genders(len(nationalities), rng)
    names: set[str] = set()
    phones: set[str] = set()
    people = zip(nationalities, genders, strict=True)
    return tuple(
        _observer(number, nationality, gender, rng, names, phones)
        for number, (nationality, gender) in enumerate(people, start=1)
    )


def _genders(count: int, rng: random.Random) -> list[str]:
    """About 48% female, 2% non-binary, the rest male, in random order."""
    non_binary = round(count * 0.02)
    female = round(count * 0.48)
    genders = ["female"] * female + ["non_binary"] * non_binary
    genders += ["male"] * (count - len(genders))
    rng.shuffle(genders)
    return genders


def _observer(
    number: int,
    nationality: str,
    gender: str,
    rng: random.Random,
    names: set[str],
    phones: set[str],
) -> DemoObserver:
    cultures = CULTURES[nationality]
    culture = rng.choices([c for c, _ in cultures], [w for _, w in cultures])[0]
    given, surnames = _name(culture, gender, rng, names)
    return DemoObserver(
        full_name=" ".join((given, *surnames)),
        nationality=nationality,
        gender=gender,
        languages=_languages(culture, rng),
        expertise=_expertise(rng),
        email=f"{_slug(given)}.{_slug(surnames[0])}.{number}@{EMAIL_DOMAIN}",
        phone=_unique(lambda: _phone(nationality, rng), phones),
    )


def _name(
    culture: NameCulture, gender: str, rng: random.Random, taken: set[str]
) -> tuple[str, tuple[str, ...]]:
    """A given name and one or two surnames, never a taken or a famous combination."""
    given_names = {"female": culture.female, "male": culture.male}.get(
        gender, culture.female + culture.male
    )
    while True:
        given = rng.choice(given_names)
        count = 2 if rng.random() < culture.two_surnames else 1
        surnames = tuple(rng.sample(culture.surnames, count))
        full_name = " ".join((given, *surnames))
        famous = any(f"{given} {s}".lower() in FAMOUS_NAMES for s in surnames)
        if not famous and full_name not in taken:
            taken.add(full_name)
            return given, surnames


def _languages(culture: NameCulture, rng: random.Random) -> tuple[str, ...]:
    """The culture's languages, then second languages by chance, four at most."""
    spoken = list(culture.languages)
    for language, chance in culture.second_languages:
        if rng.random() < chance and language not in spoken and len(spoken) < 4:
            spoken.append(language)
    return tuple(spoken)


def _expertise(rng: random.Random) -> tuple[str, ...]:
    """One to three distinct themes, electoral organization the most common."""
    count = rng.choices((1, 2, 3), (40, 40, 20))[0]
    themes: list[str] = []
    while len(themes) < count:
        theme = rng.choices(THEMES, _THEME_WEIGHTS)[0]
        if theme not in themes:
            themes.append(theme)
    return tuple(themes)


def _phone(nationality: str, rng: random.Random) -> str:
    """A fictional number: 555-01XX in North America, drama ranges where they exist."""
    if nationality in NANP_AREA_CODES:
        return f"+1{rng.choice(NANP_AREA_CODES[nationality])}55501{rng.randrange(100):02d}"
    if nationality == "GB":
        return f"+447700900{rng.randrange(1000):03d}"
    if nationality == "FR":
        return f"+3319900{rng.randrange(10_000):04d}"
    return f"+{CALLING_CODES[nationality]}{rng.randint(2, 9)}{rng.randrange(10**7):07d}"


def _unique(make: Callable[[], str], taken: set[str]) -> str:
    """Call ``make`` until it gives a value not taken yet; take it."""
    value = make()
    while value in taken:
        value = make()
    taken.add(value)
    return value


_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "œ": "oe"})


def _slug(text: str) -> str:
    """Lower-case ASCII for an email address: accents stripped, spaces as hyphens."""
    text = text.lower().translate(_LETTERS_WITHOUT_DECOMPOSITION)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    kept = "".join(c if c.isalnum() or c == "-" else "-" if c == " " else "" for c in ascii_text)
    return "-".join(part for part in kept.split("-") if part)


# --- Missions -----------------------------------------------------------------------

Period = tuple[date, date]


@lru_cache(maxsize=1)
def _missions() -> tuple[DemoMission, ...]:
    rng = random.Random(SEED)
    roster = _observers()
    busy: dict[str, list[Period]] = defaultdict(list)
    missions = []
    for spec in sorted(_SPECS, key=lambda s: s.election_date):
        transitions, agreements = _timeline(spec, rng)
        members = _members(spec, roster, busy, rng)
        missions.append(
            DemoMission(
                code=_code(spec),
                kind=spec.kind,
                host_country=spec.host,
                election_type=spec.election_type,
                election_date=spec.election_date,
                runoff_date=spec.runoff_date,
                planned_budget_usd=_budget(spec),
                status=spec.status,
                transitions=transitions,
                agreements=agreements,
                members=members,
            )
        )
    return tuple(missions)


def _code(spec: _Spec) -> str:
    country = pycountry.countries.get(alpha_2=spec.host)
    if country is None:
        raise ValueError(f"{spec.host} is not an ISO 3166-1 alpha-2 code")
    return f"EOM-{country.alpha_3}-{spec.election_date.year}"


def _budget(spec: _Spec) -> Decimal:
    """A planned budget in USD: a fixed part and a cost per member, more with a runoff."""
    per_member = {_OBS: 11_500, _COOP: 14_000, _EXPERT: 16_000}[spec.kind]
    amount = 90_000 + spec.size * per_member
    if spec.runoff_date:
        amount += spec.size * per_member * 35 // 100
    return Decimal(amount // 1000 * 1000).quantize(Decimal("0.01"))


def _period(spec: _Spec) -> Period:
    """The days the mission is in the country: 20 days before the vote to 10 after the last."""
    last_vote = spec.runoff_date or spec.election_date
    return spec.election_date - timedelta(days=20), last_vote + timedelta(days=10)


def _path(spec: _Spec) -> list[str]:
    """The states from ``requested`` to the mission's status."""
    if spec.status == CANCELLED:
        last = LIFECYCLE.index(spec.cancelled_after or "requested")
        return [*LIFECYCLE[: last + 1], CANCELLED]
    return list(LIFECYCLE[: LIFECYCLE.index(spec.status) + 1])


def _schedule(spec: _Spec, rng: random.Random) -> dict[str, date]:
    """A plausible date for every state, relative to the election (and runoff) dates."""
    vote, last_vote = spec.election_date, spec.runoff_date or spec.election_date

    def days(low: int, high: int) -> timedelta:
        return timedelta(days=rng.randint(low, high))

    on = {"requested": vote - days(210, 270)}
    on["accepted"] = on["requested"] + days(14, 45)
    on["preliminary_visit"] = vote - days(90, 120)
    on["agreements_signed"] = vote - days(45, 75)
    on["deployed"] = vote - days(12, 18)
    on["preliminary_report"] = last_vote + days(1, 3)
    on["final_report"] = last_vote + days(100, 160)
    on["follow_up"] = on["final_report"] + days(45, 120)
    on["closed"] = on["follow_up"] + days(240, 420)
    if spec.cancelled_after:
        on[CANCELLED] = on[spec.cancelled_after] + days(20, 45)
    return on


def _timeline(
    spec: _Spec, rng: random.Random
) -> tuple[tuple[tuple[str, date], ...], tuple[tuple[str, str, date], ...]]:
    """The transitions (the first one is the request) and the agreements signed."""
    on = _schedule(spec, rng)
    steps = [(state, on[state]) for state in _path(spec)]
    late = steps[-1][1] - DEMO_AS_OF
    if late.days > 0:
        if "deployed" in dict(steps):
            raise ValueError(f"{spec.host} {spec.status} would end after {DEMO_AS_OF}")
        shift = late + timedelta(days=rng.randint(2, 14))  # planned earlier than usual
        steps = [(state, day - shift) for state, day in steps]
    reached = dict(steps)
    if "agreements_signed" not in reached:
        return tuple(steps), ()
    procedures_on = reached["agreements_signed"]
    immunities_on = procedures_on - timedelta(days=rng.randint(0, 14))
    agreements = (
        ("privileges_immunities", spec.ministry, immunities_on),
        ("observation_procedures", spec.electoral_body, procedures_on),
    )
    return tuple(steps), agreements


# --- Members ------------------------------------------------------------------------

Role = tuple[str, str | None]  # (role, theme)


def _members(
    spec: _Spec,
    roster: Sequence[DemoObserver],
    busy: dict[str, list[Period]],
    rng: random.Random,
) -> tuple[DemoMember, ...]:
    """Staff the mission as far as its status goes, and mark its people busy."""
    roles = _staffing(spec)
    if not roles:
        return ()
    mission_period = _period(spec)
    pool = _pool(spec, roster, busy, mission_period, len(roles), rng)
    chosen = _assign(roles, pool)
    areas = _areas(roles, REGIONS[spec.host], rng)
    statuses = _statuses(spec.status, roles, rng)
    for observer in chosen:
        busy[observer.email].append(mission_period)
    places = zip(chosen, roles, areas, statuses, strict=True)
    return tuple(
        DemoMember(observer.email, role, theme, area, status)
        for observer, (role, theme), area, status in places
    )


def _role_plan(size: int, themes: tuple[str, ...]) -> list[Role]:
    """The roles of a mission of ``size`` members, like those of real OAS missions."""
    if size < 15:  # an expert or cooperation mission: a small team of specialists
        specialists = [("specialist", theme) for theme in themes[: size - 5]]
        return [("chief", None), *[("core_group", None)] * 3, *specialists, ("logistics", None)]
    core = min(8, max(3, size // 11))
    specialists = [("specialist", theme) for theme in themes[: min(9, max(3, size // 9))]]
    logistics = min(3, 1 + size // 35)
    coordinators = min(6, max(1, size // 14))
    field = size - 2 - core - len(specialists) - logistics - coordinators
    long_term = max(1, field // 4)
    return [
        ("chief", None),
        ("deputy_chief", None),
        *[("core_group", None)] * core,
        *specialists,
        *[("regional_coordinator", None)] * coordinators,
        *[("long_term_observer", None)] * long_term,
        *[("short_term_observer", None)] * (field - long_term),
        *[("logistics", None)] * logistics,
    ]


def _staffing(spec: _Spec) -> list[Role]:
    """The roles filled so far: none when requested, the chief once accepted, and so on."""
    plan = _role_plan(spec.size, spec.themes)
    reached = spec.cancelled_after if spec.status == CANCELLED else spec.status
    stage = LIFECYCLE.index(reached or "requested")
    if stage == 0:
        return []
    if stage == 1:
        return plan[:1]
    if stage == 2:
        return [role for role in plan if role[0] in LEADERSHIP or role[0] == "specialist"]
    return plan


def _pool(
    spec: _Spec,
    roster: Sequence[DemoObserver],
    busy: dict[str, list[Period]],
    mission_period: Period,
    needed: int,
    rng: random.Random,
) -> list[DemoObserver]:
    """Free observers from up to 20 other nationalities who speak the working language."""
    by_country: dict[str, list[DemoObserver]] = defaultdict(list)
    for observer in roster:
        if (
            observer.nationality != spec.host
            and spec.language in observer.languages
            and _free(busy[observer.email], mission_period)
        ):
            by_country[observer.nationality].append(observer)
    wanted = min(20, max(4, needed // 3 + 2))
    chosen: list[str] = []
    while len(chosen) < 20:
        enough = len(chosen) >= wanted and _capacity(chosen, by_country) >= 2 * needed
        countries = sorted(set(by_country) - set(chosen))
        if enough or not countries:
            break
        chosen += rng.choices(countries, [len(by_country[c]) for c in countries])
    pool = _interleave([by_country[country] for country in chosen], rng)
    if len(pool) < needed:
        raise ValueError(f"not enough free observers for the mission to {spec.host}")
    return _alternate_genders(pool, rng)


def _interleave(groups: list[list[DemoObserver]], rng: random.Random) -> list[DemoObserver]:
    """Everyone in the groups, shuffled, the groups taking turns (bigger ones more often)."""
    keyed: list[tuple[float, DemoObserver]] = []
    for group in groups:
        shuffled = rng.sample(group, len(group))
        keyed += [((i + rng.random()) / len(group) ** 0.5, o) for i, o in enumerate(shuffled)]
    return [observer for _, observer in sorted(keyed, key=lambda pair: pair[0])]


def _capacity(countries: list[str], by_country: dict[str, list[DemoObserver]]) -> int:
    return sum(len(by_country[country]) for country in countries)


def _free(periods: list[Period], mission_period: Period) -> bool:
    """True if none of ``periods`` comes within 14 days of ``mission_period``."""
    margin = timedelta(days=14)
    start, end = mission_period
    return all(
        other_end + margin < start or end + margin < other_start
        for other_start, other_end in periods
    )


def _alternate_genders(pool: list[DemoObserver], rng: random.Random) -> list[DemoObserver]:
    """The pool reordered so that women and men alternate; others keep their places."""
    queues = {gender: [o for o in pool if o.gender == gender] for gender in ("female", "male")}
    turn = rng.choice(("female", "male"))
    ordered: list[DemoObserver] = []
    for observer in pool:
        if observer.gender not in queues:
            ordered.append(observer)
            continue
        if not queues[turn]:
            turn = "male" if turn == "female" else "female"
        ordered.append(queues[turn].pop(0))
        turn = "male" if turn == "female" else "female"
    return ordered


def _assign(roles: list[Role], pool: list[DemoObserver]) -> list[DemoObserver]:
    """One observer per role, in order: experienced leaders, specialists in their theme."""
    remaining = list(pool)
    return [remaining.pop(_first(remaining, _fits(role, theme))) for role, theme in roles]


def _fits(role: str, theme: str | None) -> Callable[[DemoObserver], bool]:
    """What an observer needs for the role: two themes to lead, the theme to specialize."""
    if role in ("chief", "deputy_chief"):
        return lambda observer: len(observer.expertise) >= 2
    if theme is not None:
        return lambda observer: theme in observer.expertise
    return lambda observer: True


def _first(observers: list[DemoObserver], fits: Callable[[DemoObserver], bool]) -> int:
    """The index of the first observer who fits, or 0 if none does."""
    return next((i for i, observer in enumerate(observers) if fits(observer)), 0)


def _areas(roles: list[Role], regions: tuple[str, ...], rng: random.Random) -> list[str | None]:
    """A region for each field role, coordinators spread out, the capital region busiest."""
    weights = [len(regions) - i + (2 if i == 0 else 0) for i in range(len(regions))]
    areas: list[str | None] = []
    spread = 0
    for role, _ in roles:
        if role in ("regional_coordinator", "long_term_observer"):
            areas.append(regions[spread % len(regions)])
            spread += 1
        elif role == "short_term_observer":
            areas.append(rng.choices(regions, weights)[0])
        else:
            areas.append(None)
    return areas


def _statuses(mission_status: str, roles: list[Role], rng: random.Random) -> list[str]:
    """Each member's status, consistent with the mission's: a few withdraw on the way."""
    if mission_status == CANCELLED:
        return [rng.choice(("invited", "withdrawn")) for _ in roles]
    stage = LIFECYCLE.index(mission_status)
    if stage < LIFECYCLE.index("agreements_signed"):
        chief = "confirmed" if stage >= LIFECYCLE.index("preliminary_visit") else "invited"
        return [chief] + [rng.choice(("invited", "confirmed")) for _ in roles[1:]]
    if stage == LIFECYCLE.index("agreements_signed"):
        return [_pre_deployment_status(role, rng) for role, _ in roles]
    done = "deployed" if mission_status == "deployed" else "completed"
    statuses = [done] * len(roles)
    rank_and_file = [i for i, (role, _) in enumerate(roles) if role not in LEADERSHIP]
    for index in rng.sample(rank_and_file, round(len(roles) * 0.04)):
        statuses[index] = "withdrawn"
    return statuses


def _pre_deployment_status(role: str, rng: random.Random) -> str:
    if role in LEADERSHIP:
        return "accredited"
    return rng.choices(("invited", "confirmed", "accredited"), (25, 45, 30))[0]
