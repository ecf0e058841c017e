"""The API's OpenAPI document as a typed client's generator reads it: readable operation
ids and schema names, errors under the media type the server sends, and public
operations declared public.

FastAPI writes the document from the routes; what it cannot know is set here, once:

- every operation's id is its module and its handler's verb (``missions_create``), unique;
- every 4xx and 5xx answer is an ``application/problem+json`` Problem (FastAPI would
  declare ``application/json`` and its own validation shape, which the server never sends);
- an operation that serves anonymous callers (it reads the caller with ``OptionalUser``)
  declares the bearer token optional;
- schema names are words (``IncidentPhotosAddBody``, ``PageMissionPublic``);
- each list of codes (countries, languages, currencies) is one component;
- an expensive read (a PDF, an export, the IATI file: ``api/throttle.py``) may answer 429;
- the headers a client reads are declared: ``Content-Disposition`` on every file answer
  (PDF, XLSX, CSV, XML, photos), ``Retry-After`` on every 429.
- a GET answering JSON or XML declares its ``ETag`` and ``Cache-Control`` and its ``304``
  (``api/caching.py``).
"""

import json
import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.caching import DIGESTED_TYPES
from api.csv_upload import CSV_FILE
from api.errors import PROBLEM_JSON, problem_responses
from api.throttle import EXPENSIVE
from eom.core.reference import CODE_LISTS

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
BEARER = "OAuth2PasswordBearer"
OPTIONAL = "OptionalBearer"


def operation_id(route: APIRoute) -> str:
    """``{module}_{handler}``, without the words of the module's own noun: ``create_mission``
    in ``api/routes/missions.py`` is ``missions_create``."""
    module = route.endpoint.__module__.rsplit(".", 1)[-1]
    nouns = {word for part in module.split("_") for word in (part, part.rstrip("s"), part + "s")}
    words = [word for word in route.name.split("_") if word not in nouns] or ["read"]
    return "_".join([module, *words])


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` answer the document described above (built once)."""

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            _bounded_reads(schema)
            _problems_as_sent(schema)
            _optional_token(schema)
            _code_lists(schema)
            _declared_headers(schema)
            _conditional_gets(schema)
            schema["components"]["schemas"]["CsvFile"] = CSV_FILE
            app.openapi_schema = _readable_names(schema)
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for path in schema["paths"].values() for op in path.values()]


def _bounded_reads(schema: dict[str, Any]) -> None:
    """The 429 that ``ExpensiveReadLimit`` answers past a caller's bound, declared on the
    operations it bounds (its ``Retry-After``: ``_declared_headers``)."""
    for path, operations in schema["paths"].items():
        if path.endswith(EXPENSIVE) and "get" in operations:
            refusal = {k: v for k, v in problem_responses(429)[429].items() if k != "model"}
            operations["get"].setdefault("responses", {})["429"] = refusal


def _problems_as_sent(schema: dict[str, Any]) -> None:
    for operation in _operations(schema):
        for status, answer in operation.get("responses", {}).items():
            if status[0] in "45":
                answer["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
    for unused in ("HTTPValidationError", "ValidationError"):
        schema["components"]["schemas"].pop(unused, None)


def _optional_token(schema: dict[str, Any]) -> None:
    """Declare ``[{}, bearer]`` (anonymous or signed in) where the handler reads the caller
    with ``OptionalUser``, whose token ``deps.optional_bearer`` names ``OptionalBearer``."""
    for operation in _operations(schema):
        needs = operation.get("security", [])
        if {OPTIONAL: []} in needs:
            if any(BEARER in need for need in needs):  # a token is needed after all
                operation["security"] = [n for n in needs if OPTIONAL not in n]
            else:
                operation["security"] = [{}, {BEARER: []}]
    schema["components"]["securitySchemes"].pop(OPTIONAL, None)


FILE_NAME = {
    "description": "`attachment` or `inline`, with the file's name",
    "schema": {"type": "string"},
}
RETRY_AFTER = {
    "description": "seconds to wait before asking again",
    "schema": {"type": "integer", "minimum": 1},
}


def _declared_headers(schema: dict[str, Any]) -> None:
    for operation in _operations(schema):
        for status, answer in operation.get("responses", {}).items():
            files = [media for media in answer.get("content", {}) if "json" not in media]
            if status.startswith("2") and files:
                answer.setdefault("headers", {})["Content-Disposition"] = FILE_NAME
            if status == "429":
                answer.setdefault("headers", {})["Retry-After"] = RETRY_AFTER


def _code_lists(schema: dict[str, Any]) -> None:
    """Each list of codes (countries, OAS member states, languages, currencies:
    ``reference.code_list``) as one component that every field of those codes refers to."""
    named = {tuple(codes): name for name, codes in CODE_LISTS.items()}

    def refer(node: Any) -> Any:
        if isinstance(node, list):
            return [refer(item) for item in node]
        if not isinstance(node, dict):
            return node
        name = named.get(tuple(node.get("enum", ())))
        if name is not None and node.get("type") == "string":
            rest = {k: v for k, v in node.items() if k not in ("type", "enum")}
            return {"$ref": f"#/components/schemas/{name}", **rest}
        return {key: refer(value) for key, value in node.items()}

    schema["paths"] = refer(schema["paths"])
    schema["components"]["schemas"] = refer(schema["components"]["schemas"])
    for name, codes in CODE_LISTS.items():
        schema["components"]["schemas"][name] = {"type": "string", "enum": codes, "title": name}


CACHING_HEADERS = {
    "ETag": {
        "description": "A digest of the body (after the record's version, for a record "
        "changed with If-Match); send it back in If-None-Match to be answered 304 while "
        "it is current.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "no-store for a signed-in caller; public, max-age=60 for public data",
        "schema": {"type": "string"},
    },
}
NOT_MODIFIED = {
    "description": "Not modified: the ETag named by If-None-Match is current (no body)",
    "headers": {name: {"$ref": f"#/components/headers/{name}"} for name in CACHING_HEADERS},
}


def _conditional_gets(schema: dict[str, Any]) -> None:
    """Every GET whose 200 is JSON or XML: its ETag and Cache-Control, and its 304."""
    schema["components"]["headers"] = CACHING_HEADERS
    for path in schema["paths"].values():
        ok = path.get("get", {}).get("responses", {}).get("200")
        if ok is None or not set(ok.get("content", {})) & set(DIGESTED_TYPES):
            continue
        ok.setdefault("headers", {}).update(NOT_MODIFIED["headers"])
        path["get"]["responses"]["304"] = NOT_MODIFIED


def _camel(name: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[_\W]+", name) if word)


def _readable_names(schema: dict[str, Any]) -> dict[str, Any]:
    """``Body_missions_create`` becomes ``MissionsCreateBody``; any other name with
    characters other than letters and digits, its camel case."""
    renamed: dict[str, str] = {}
    for name in schema["components"]["schemas"]:
        if name.startswith("Body_"):
            renamed[name] = _camel(name.removeprefix("Body_")) + "Body"
        elif not name.isalnum():
            renamed[name] = _camel(name)
    text = json.dumps(schema)
    for old, new in renamed.items():
        text = text.replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    result: dict[str, Any] = json.loads(text)
    schemas = result["components"]["schemas"]
    for old, new in renamed.items():
        schemas[new] = schemas.pop(old)
        schemas[new]["title"] = new
    return result
