"""Schemathesis driven through its engine, as its command line drives it: the app's schema
set up with the contract's expected answers, for chosen phases and a chosen caller, and
each failed check named. The suite (tests/api/test_openapi_stateful.py) and the full run
(bench/contract.py) share it."""

from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from fastapi import FastAPI
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

# Answers a valid request may rightly get: a record not there (404), a rule of the domain
# (409), a stale If-Match (412), the caller's rights (401, 403), a limit (429).
EXPECTED = ["2xx", "3xx", "401", "403", "404", "409", "412", "429"]

# Rules across fields, which JSON Schema cannot state, are refused with 422 where noted.
CROSS_FIELD_RULES = {
    "/api/v1/missions": "runoff after election, invitation not in the future, dates in order",
    "/api/v1/missions/{mission_id}": "the same, on the mission as changed",
    "/api/v1/code-of-conduct": "item keys unique, a pledge present",
    "/api/v1/observers": "a name is trimmed before its length is checked",
    "/api/v1/observers/{observer_id}": "the same, on the observer as changed",
    "/api/v1/observers/import": "the CSV text is checked row by row",
    "/api/v1/missions/{mission_id}/members": "a theme for specialists only",
    "/api/v1/missions/{mission_id}/members/{member_id}": "the same, on the member as changed",
    "/api/v1/missions/{mission_id}/members/{member_id}/acknowledgements": "items in force only",
    "/api/v1/missions/{mission_id}/members/{member_id}/stations": "stations of the mission only",
    "/api/v1/missions/{mission_id}/stations/import": "the CSV text is checked row by row",
    "/api/v1/missions/{mission_id}/forms": "question ids unique, bounds and choices by type",
    "/api/v1/missions/{mission_id}/forms/{form_id}": "the same, and the key kept",
    "/api/v1/missions/{mission_id}/submissions": "answers checked against the form version",
    "/api/v1/missions/{mission_id}/incidents": "a station of the mission or a named place",
    "/api/v1/missions/{mission_id}/meetings": "text is trimmed before its length is checked",
    "/api/v1/donors": "a state donor names its country",
    "/api/v1/donors/{donor_id}": "a state donor names its country",
    "/api/v1/donors/{donor_id}/accounts": "only a donor account speaks for a donor",
    "/api/v1/missions/{mission_id}/budget": "each budget category once",
    "/api/v1/funding/transactions": (
        "a donor for incoming money, a line for expenditure, an amount in whole minor units"
        " of its currency (no fraction of a yen)"
    ),
    "/api/v1/funding/exchange-rates": "no rate for the US dollar itself",
    "/api/v1/funding/exchange-rates/import": "the CSV text is checked row by row",
    "/api/v1/donors/{donor_id}/statement.pdf": "the period starts no later than it ends",
    "/api/v1/recommendations/import": "the CSV text is checked row by row",
    "/api/v1/recommendations/assessments/import": "the CSV text is checked row by row",
    "/api/v1/users": "a password that is not common or guessable (zxcvbn); a name is trimmed",
    "/api/v1/users/{user_id}": "the same, for a new password",
    "/api/v1/me/password": "the current password, and the new one the same twice and strong",
    "/api/v1/missions/{mission_id}/documents": (
        "a council session for a verbal report only; a runoff round for a mission with one"
    ),
    "/api/v1/documents/{document_id}": "the same, on the document as changed",
    "/api/v1/documents/{document_id}/transitions": "an embargo on approval or publication",
    "/api/v1/documents/{document_id}/sections": "the writer a member of the mission, not withdrawn",
    "/api/v1/documents/{document_id}/sections/{section_id}": "the same, on the section as changed",
    "/api/v1/documents/{document_id}/deliveries": "a delivery not dated in the future",
}

# Files known by their content, which JSON Schema cannot state: another kind is refused
# with 415, a larger one with 413.
FILE_CONTENT_RULES = {
    "/api/v1/documents/{document_id}/file": "a PDF (by its %PDF- header) of at most 20 MB",
}
FILE_STATUSES = [*EXPECTED, "413", "415"]

# A chain that signs its caller out would test the 401 of every later step, not the API.
SIGNS_OUT = [
    "/api/v1/auth/logout",
    "/api/v1/me/password",
    "/api/v1/me/sessions/{session_id}",
    "/api/v1/me/sessions/end-others",
]


def per_path_rules() -> list[dict[str, object]]:
    """The 422 a cross-field rule may rightly give, and the 413 and 415 of a file known by
    its content, path by path."""
    expected = {path: [*EXPECTED, "422"] for path in CROSS_FIELD_RULES}
    expected.update(dict.fromkeys(FILE_CONTENT_RULES, FILE_STATUSES))
    return [
        {
            "include-path": path,
            "checks": {"positive_data_acceptance": {"expected-statuses": statuses}},
        }
        for path, statuses in expected.items()
    ]


def engine_schema(
    app: FastAPI,
    headers: dict[str, str],
    *,
    phases: list[str],
    examples: int,
    steps: int = 6,
) -> schemathesis.BaseSchema:
    """The app's schema for these engine phases (``fuzzing``, ``stateful``…), every call
    made with these headers; operations that sign the caller out are left out."""
    config = SchemathesisConfig.from_dict(
        {
            "headers": headers,
            "phases": {
                "examples": {"enabled": "examples" in phases},
                "coverage": {"enabled": "coverage" in phases},
                "fuzzing": {"enabled": "fuzzing" in phases},
                "stateful": {"enabled": "stateful" in phases, "max-steps": steps},
            },
            "generation": {"max-examples": examples},
            "checks": {"positive_data_acceptance": {"expected-statuses": EXPECTED}},
            "operations": per_path_rules()
            + [{"include-path": path, "enabled": False} for path in SIGNS_OUT],
        }
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


@dataclass
class Run:
    scenarios: int = 0
    calls: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    operations: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)


def run(schema: schemathesis.BaseSchema) -> Run:
    """Run the schema's enabled phases; each failed check as 'METHOD path: check: why'."""
    result = Run()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            result.scenarios += 1
            recorder = event.recorder
            for case_id, interaction in recorder.interactions.items():
                case = recorder.cases[case_id].value
                result.calls += 1
                if interaction.response is not None:
                    result.statuses[interaction.response.status_code] += 1
                result.operations.add(f"{case.method} {case.path}")
            for case_id, checks in recorder.checks.items():
                case = recorder.cases[case_id].value
                result.failures += [
                    f"{case.method} {case.formatted_path}: {check.name}: {check.failure_info}"
                    for check in checks
                    if check.status == Status.FAILURE
                ]
        elif isinstance(event, events.NonFatalError | events.FatalError):
            result.failures.append(f"{type(event).__name__}: {event}")
    return result
