"""The demo roster and missions: realistic, reproducible, and within the service rules."""

import dataclasses
import hashlib
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from itertools import combinations, pairwise
from pathlib import Path

import pycountry
import pytest

from eom.core.reference import OAS_MEMBER_STATES
from seed.names import FAMOUS_NAMES
from seed.roster import (
    DEMO_AS_OF,
    LIFECYCLE,
    THEMES,
    DemoMission,
    demo_missions,
    demo_observers,
)

REPOSITORY = Path(__file__).resolve().parents[2]
OBSERVERS = demo_observers()
MISSIONS = demo_missions()
BY_EMAIL = {observer.email: observer for observer in OBSERVERS}

EUROPEAN_OBSERVERS = {"ES", "PT", "FR", "IT", "DE", "NL", "SE"}
ROLES = {
    "chief",
    "deputy_chief",
    "core_group",
    "specialist",
    "regional_coordinator",
    "long_term_observer",
    "short_term_observer",
    "logistics",
}
FIELD_ROLES = {"regional_coordinator", "long_term_observer", "short_term_observer"}
BEFORE_DEPLOYMENT = set(LIFECYCLE[: LIFECYCLE.index("deployed")])
AFTER_DEPLOYMENT = set(LIFECYCLE[LIFECYCLE.index("preliminary_report") :])
# The language everyone from a country speaks (either one, for bilingual countries).
MAIN_LANGUAGES = {
    **{c: {"es"} for c in "AR BO CL CO CR CU DO EC ES GT HN MX NI PA PE PY SV UY VE".split()},
    **{c: {"en"} for c in "AG BB BS BZ DM GB GD GY IE JM KN LC TT US VC".split()},
    "BR": {"pt"},
    "PT": {"pt"},
    "HT": {"fr"},
    "FR": {"fr"},
    "CA": {"en", "fr"},
    "BE": {"nl", "fr"},
    "CH": {"de", "fr"},
    "SR": {"nl"},
    "NL": {"nl"},
    "DE": {"de"},
    "AT": {"de"},
    "IT": {"it"},
    "SE": {"sv"},
    "NO": {"no"},
    "DK": {"da"},
    "FI": {"fi"},
}
WORKING_LANGUAGES = {"BB": "en", "BS": "en", "US": "en", "HT": "fr"}


def nationalities(mission: DemoMission) -> Counter[str]:
    return Counter(BY_EMAIL[member.observer_email].nationality for member in mission.members)


def roles(mission: DemoMission) -> Counter[str]:
    return Counter(member.role for member in mission.members)


def reached(mission: DemoMission, state: str) -> bool:
    return state in dict(mission.transitions)


def staffed(mission: DemoMission) -> bool:
    """A mission that went ahead and reached its agreements: it has all its members."""
    return mission.status != "cancelled" and reached(mission, "agreements_signed")


def period(mission: DemoMission) -> tuple[date, date]:
    last_vote = mission.runoff_date or mission.election_date
    return mission.election_date - timedelta(days=20), last_vote + timedelta(days=10)


# --- The roster -----------------------------------------------------------------------


def test_the_roster_has_between_400_and_500_observers() -> None:
    assert 400 <= len(OBSERVERS) <= 500


def test_every_oas_member_state_is_represented() -> None:
    assert OAS_MEMBER_STATES <= {observer.nationality for observer in OBSERVERS}


def test_european_permanent_observers_are_represented() -> None:
    assert EUROPEAN_OBSERVERS <= {observer.nationality for observer in OBSERVERS}


def test_larger_member_states_have_more_observers_than_small_ones() -> None:
    count = Counter(observer.nationality for observer in OBSERVERS)
    assert min(count[c] for c in ("US", "MX", "BR")) > max(count[c] for c in ("KN", "DM", "AG"))


def test_gender_is_roughly_balanced() -> None:
    share = Counter(observer.gender for observer in OBSERVERS)
    total = len(OBSERVERS)
    assert set(share) == {"female", "male", "non_binary"}
    assert 0.45 <= share["female"] / total <= 0.51
    assert 0.47 <= share["male"] / total <= 0.53
    assert 0.01 <= share["non_binary"] / total <= 0.03


def test_emails_are_unique() -> None:
    assert len({observer.email for observer in OBSERVERS}) == len(OBSERVERS)


def test_emails_are_lowercase_ascii_on_a_fictional_domain() -> None:
    for observer in OBSERVERS:
        assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+\.\d+@observers\.example", observer.email)


def test_full_names_are_unique() -> None:
    assert len({observer.full_name for observer in OBSERVERS}) == len(OBSERVERS)


def test_no_name_of_a_famous_person_is_produced() -> None:
    for observer in OBSERVERS:
        given, *surnames = observer.full_name.lower().split(" ")
        pairs = {f"{given} {surname}" for surname in surnames}
        assert not pairs & FAMOUS_NAMES, observer.full_name


def test_brazilians_have_portuguese_names_and_haitians_french_ones() -> None:
    brazilian = " ".join(o.full_name for o in OBSERVERS if o.nationality == "BR")
    haitian = " ".join(o.full_name for o in OBSERVERS if o.nationality == "HT")
    assert re.search(r"Silva|Santos|Oliveira|Souza|Lima", brazilian)
    assert not re.search(r"García|Rodríguez|Hernández|González|ñ", brazilian)
    assert re.search(r"Jean|Marie|Pierre|Joseph", haitian)


def test_phone_numbers_look_like_e164() -> None:
    for observer in OBSERVERS:
        assert re.fullmatch(r"\+[1-9]\d{7,14}", observer.phone), observer.phone


def test_north_american_numbers_use_the_exchange_reserved_for_fiction() -> None:
    for observer in OBSERVERS:
        if observer.nationality in ("US", "CA", "JM"):
            assert observer.phone[5:10] == "55501", observer.phone


def test_nationalities_are_iso_3166_alpha_2_codes() -> None:
    for observer in OBSERVERS:
        assert observer.nationality.isupper()
        assert pycountry.countries.get(alpha_2=observer.nationality) is not None


def test_languages_are_distinct_iso_639_1_codes() -> None:
    for observer in OBSERVERS:
        assert len(set(observer.languages)) == len(observer.languages)
        for code in observer.languages:
            assert code.islower() and pycountry.languages.get(alpha_2=code) is not None


def test_everyone_speaks_a_language_of_their_country() -> None:
    for observer in OBSERVERS:
        assert MAIN_LANGUAGES[observer.nationality] & set(observer.languages), observer


def test_many_observers_speak_a_second_language() -> None:
    multilingual = [observer for observer in OBSERVERS if len(observer.languages) >= 2]
    assert len(multilingual) >= 0.6 * len(OBSERVERS)


def test_each_observer_has_one_to_three_distinct_themes_of_expertise() -> None:
    for observer in OBSERVERS:
        assert 1 <= len(observer.expertise) <= 3
        assert len(set(observer.expertise)) == len(observer.expertise)
        assert set(observer.expertise) <= set(THEMES)


def test_the_roster_is_the_same_on_every_call_and_callers_get_their_own_list() -> None:
    first = demo_observers()
    first.clear()
    assert demo_observers() == OBSERVERS


def test_the_data_set_is_the_same_in_every_process() -> None:
    script = (
        "import hashlib; from seed.roster import demo_missions, demo_observers; "
        "print(hashlib.sha256(repr((demo_observers(), demo_missions())).encode()).hexdigest())"
    )
    here = hashlib.sha256(repr((OBSERVERS, MISSIONS)).encode()).hexdigest()
    for hash_seed in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPOSITORY,
            env={"PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        )
        assert run.stdout.strip() == here


# --- The missions ---------------------------------------------------------------------


def test_there_are_at_least_seven_missions_to_six_or_more_member_states() -> None:
    hosts = {mission.host_country for mission in MISSIONS}
    assert len(MISSIONS) >= 7
    assert len(hosts) >= 6
    assert hosts <= OAS_MEMBER_STATES


def test_mission_codes_are_unique_and_name_the_host_and_the_election_year() -> None:
    assert len({mission.code for mission in MISSIONS}) == len(MISSIONS)
    for mission in MISSIONS:
        country = pycountry.countries.get(alpha_2=mission.host_country)
        assert country is not None
        assert mission.code == f"EOM-{country.alpha_3}-{mission.election_date.year}"


def test_elections_span_2022_to_2027() -> None:
    years = {mission.election_date.year for mission in MISSIONS}
    assert min(years) == 2022 and max(years) == 2027
    assert len(years) >= 5


def test_kinds_and_election_types_are_known_values() -> None:
    kinds = {mission.kind for mission in MISSIONS}
    assert kinds == {"electoral_observation", "electoral_cooperation", "expert_mission"}
    types = {mission.election_type for mission in MISSIONS}
    assert types <= {
        "general",
        "presidential",
        "legislative",
        "subnational",
        "referendum",
        "judicial",
        "primary",
    }


def test_every_stage_of_the_lifecycle_is_shown() -> None:
    statuses = {mission.status for mission in MISSIONS}
    assert {
        "requested",
        "accepted",
        "agreements_signed",
        "deployed",
        "final_report",
        "follow_up",
        "closed",
        "cancelled",
    } <= statuses


def test_runoffs_come_after_the_first_round() -> None:
    for mission in MISSIONS:
        assert mission.runoff_date is None or mission.runoff_date > mission.election_date


def test_budgets_are_positive_amounts_in_cents() -> None:
    for mission in MISSIONS:
        assert mission.planned_budget_usd > 0
        assert mission.planned_budget_usd == mission.planned_budget_usd.quantize(Decimal("0.01"))


def test_transitions_run_from_requested_to_the_mission_status() -> None:
    for mission in MISSIONS:
        assert mission.transitions[0][0] == "requested"
        assert mission.transitions[-1][0] == mission.status


def test_each_transition_is_a_legal_step_of_the_lifecycle() -> None:
    for mission in MISSIONS:
        for (before, _), (after, _) in pairwise(mission.transitions):
            if after == "cancelled":
                assert before in BEFORE_DEPLOYMENT, mission.code
            else:
                assert LIFECYCLE.index(after) == LIFECYCLE.index(before) + 1, mission.code


def test_transition_dates_ascend_and_none_is_after_the_as_of_date() -> None:
    for mission in MISSIONS:
        days = [day for _, day in mission.transitions]
        assert days == sorted(set(days)), mission.code
        assert days[-1] <= DEMO_AS_OF


def test_deployment_precedes_the_vote_and_reports_follow_the_last_vote() -> None:
    for mission in MISSIONS:
        on = dict(mission.transitions)
        last_vote = mission.runoff_date or mission.election_date
        if "deployed" in on:
            assert mission.election_date - timedelta(days=30) <= on["deployed"]
            assert on["deployed"] < mission.election_date
        for state in AFTER_DEPLOYMENT & set(on):
            assert on[state] > last_vote, (mission.code, state)


def test_missions_that_reached_agreements_have_both_agreements() -> None:
    for mission in MISSIONS:
        if reached(mission, "agreements_signed"):
            kinds = sorted(kind for kind, _, _ in mission.agreements)
            assert kinds == ["observation_procedures", "privileges_immunities"], mission.code
        else:
            assert mission.agreements == (), mission.code


def test_agreements_are_signed_after_the_visit_and_by_the_agreements_transition() -> None:
    for mission in MISSIONS:
        on = dict(mission.transitions)
        for _, counterpart, signed_on in mission.agreements:
            assert len(counterpart) >= 10
            assert on["preliminary_visit"] < signed_on <= on["agreements_signed"]


def test_agreement_counterparts_are_the_ministry_and_the_electoral_body() -> None:
    for mission in MISSIONS:
        counterparts = {kind: counterpart for kind, counterpart, _ in mission.agreements}
        if counterparts:
            ministry = counterparts["privileges_immunities"]
            assert re.search(r"Foreign|Exteriores|Étrangères|State", ministry)
            body = counterparts["observation_procedures"]
            assert re.search(r"[EÉ]lect|Elecc|Registr", body)


# --- Members --------------------------------------------------------------------------


def test_every_member_is_on_the_roster() -> None:
    for mission in MISSIONS:
        for member in mission.members:
            assert member.observer_email in BY_EMAIL


def test_no_observer_is_sent_to_their_own_country() -> None:
    for mission in MISSIONS:
        assert mission.host_country not in nationalities(mission), mission.code


def test_an_observer_appears_at_most_once_per_mission() -> None:
    for mission in MISSIONS:
        emails = [member.observer_email for member in mission.members]
        assert len(emails) == len(set(emails)), mission.code


def test_no_observer_has_memberships_in_missions_whose_periods_overlap() -> None:
    periods: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for mission in MISSIONS:
        for member in mission.members:
            periods[member.observer_email].append(period(mission))
    for email, spans in periods.items():
        for (start, end), (other_start, other_end) in combinations(spans, 2):
            assert end < other_start or other_end < start, email


def test_some_observers_serve_on_several_missions() -> None:
    missions_per_observer = Counter(
        member.observer_email for mission in MISSIONS for member in mission.members
    )
    assert max(missions_per_observer.values()) >= 2


def test_each_mission_has_at_most_one_chief_and_one_deputy() -> None:
    for mission in MISSIONS:
        assert roles(mission)["chief"] <= 1
        assert roles(mission)["deputy_chief"] <= 1


def test_missions_past_the_preliminary_visit_have_exactly_one_chief() -> None:
    for mission in MISSIONS:
        if mission.status != "cancelled" and reached(mission, "preliminary_visit"):
            assert roles(mission)["chief"] == 1, mission.code


def test_requested_and_accepted_missions_have_at_most_an_invited_chief() -> None:
    for mission in MISSIONS:
        if mission.status in ("requested", "accepted"):
            assert all(m.role == "chief" and m.status == "invited" for m in mission.members)


def test_members_of_missions_not_yet_deployed_are_invited_confirmed_or_accredited() -> None:
    for mission in MISSIONS:
        if mission.status in BEFORE_DEPLOYMENT:
            statuses = {member.status for member in mission.members}
            assert statuses <= {"invited", "confirmed", "accredited"}, mission.code


def test_a_deployed_mission_has_mostly_deployed_members_and_a_few_withdrawn() -> None:
    for mission in MISSIONS:
        if mission.status == "deployed":
            statuses = Counter(member.status for member in mission.members)
            assert set(statuses) <= {"deployed", "withdrawn"}
            assert statuses["deployed"] >= 0.85 * len(mission.members)


def test_missions_past_deployment_have_completed_members_and_a_few_withdrawn() -> None:
    for mission in MISSIONS:
        if mission.status in AFTER_DEPLOYMENT:
            statuses = Counter(member.status for member in mission.members)
            assert set(statuses) <= {"completed", "withdrawn"}, mission.code
            assert statuses["completed"] >= 0.85 * len(mission.members)


def test_a_cancelled_mission_has_only_invited_or_withdrawn_members() -> None:
    cancelled = [mission for mission in MISSIONS if mission.status == "cancelled"]
    assert cancelled
    for mission in cancelled:
        assert {member.status for member in mission.members} <= {"invited", "withdrawn"}


def test_chiefs_and_deputies_never_withdraw_from_a_mission_that_went_ahead() -> None:
    for mission in MISSIONS:
        if mission.status != "cancelled":
            for member in mission.members:
                if member.role in ("chief", "deputy_chief"):
                    assert member.status != "withdrawn", mission.code


def test_staffed_missions_have_between_7_and_90_members() -> None:
    sizes = [len(mission.members) for mission in MISSIONS if staffed(mission)]
    assert all(7 <= size <= 90 for size in sizes)
    assert min(sizes) == 7 and max(sizes) >= 80


def test_all_missions_together_have_between_250_and_350_members() -> None:
    assert 250 <= sum(len(mission.members) for mission in MISSIONS) <= 350


def test_a_mission_draws_from_at_most_20_nationalities() -> None:
    for mission in MISSIONS:
        assert len(nationalities(mission)) <= 20, mission.code


def test_larger_missions_draw_from_many_nationalities() -> None:
    for mission in MISSIONS:
        if len(mission.members) >= 40:
            assert len(nationalities(mission)) >= 10, mission.code


def test_roles_are_known_and_only_specialists_have_a_theme() -> None:
    for mission in MISSIONS:
        for member in mission.members:
            assert member.role in ROLES
            if member.role == "specialist":
                assert member.theme in THEMES
            else:
                assert member.theme is None


def test_specialists_cover_distinct_themes_in_their_expertise() -> None:
    for mission in MISSIONS:
        specialists = [member for member in mission.members if member.role == "specialist"]
        assert len({member.theme for member in specialists}) == len(specialists)
        for member in specialists:
            assert member.theme in BY_EMAIL[member.observer_email].expertise, mission.code


def test_field_observers_have_an_area_and_headquarters_staff_do_not() -> None:
    for mission in MISSIONS:
        for member in mission.members:
            if member.role in FIELD_ROLES:
                assert member.area, mission.code
            else:
                assert member.area is None, mission.code


def test_larger_missions_have_the_full_structure_with_short_term_observers_the_bulk() -> None:
    for mission in MISSIONS:
        count = roles(mission)
        if staffed(mission) and len(mission.members) >= 15:
            assert count["deputy_chief"] == 1
            assert 3 <= count["core_group"] <= 8
            assert 1 <= count["logistics"] <= 3
            assert count["specialist"] >= 3 and count["regional_coordinator"] >= 1
            assert count["long_term_observer"] >= 1
            assert count.most_common(1)[0][0] == "short_term_observer"


def test_members_speak_the_working_language_of_the_host_country() -> None:
    for mission in MISSIONS:
        language = WORKING_LANGUAGES.get(mission.host_country, "es")
        for member in mission.members:
            assert language in BY_EMAIL[member.observer_email].languages, mission.code


def test_larger_missions_are_gender_balanced() -> None:
    for mission in MISSIONS:
        if len(mission.members) >= 15:
            genders = Counter(BY_EMAIL[m.observer_email].gender for m in mission.members)
            assert 0.4 <= genders["female"] / len(mission.members) <= 0.6, mission.code


def test_the_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        OBSERVERS[0].email = "changed@observers.example"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        MISSIONS[0].status = "requested"  # type: ignore[misc]
