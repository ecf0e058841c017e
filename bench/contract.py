"""The contract under Schemathesis, full size: every operation of the OpenAPI schema with
100 generated examples (the fuzzing phase) and chains of calls that reuse the ids they
create (the stateful phase), each as DECO staff and as a deployed observer, on a fresh
database seeded as a person seeds it (``eom db upgrade``, then ``eom seed``), the app in
process. Every check of Schemathesis runs on every response; a failed check is a defect.

    .venv/bin/python -m bench.contract --db sqlite
    .venv/bin/python -m bench.contract --db postgresql --examples 100 --scenarios 200

Reports per caller and phase: calls, answers by status, operations reached, seconds and
each failure; the suite runs a smaller stateful run (tests/api/test_openapi_stateful.py).
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from bench.common import fresh_database, settings_for
from bench.pages import _eom
from tests.support.contract import engine_schema, run

CALLERS = {
    "staff": ("staff@eom.example", "staff-demo-2026"),
    "observer": ("observer@eom.example", "observer-demo-2026"),
}


def measure(kind: str, examples: int, scenarios: int) -> dict[str, Any]:
    with fresh_database(kind) as url, tempfile.TemporaryDirectory() as folder:
        settings = settings_for(url).model_copy(update={"data_dir": Path(folder)})
        _eom(settings, "db", "upgrade")
        _eom(settings, "seed")
        app = create_app(settings)
        results: dict[str, Any] = {"db": kind, "examples": examples, "scenarios": scenarios}
        with TestClient(app) as client:
            for caller, (email, password) in CALLERS.items():
                answer = client.post(
                    "/api/v1/auth/token", data={"username": email, "password": password}
                )
                answer.raise_for_status()
                headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
                for phase, size in (("fuzzing", examples), ("stateful", scenarios)):
                    started = time.perf_counter()
                    result = run(engine_schema(app, headers, phases=[phase], examples=size))
                    figures = {
                        "seconds": round(time.perf_counter() - started, 1),
                        "scenarios": result.scenarios,
                        "calls": result.calls,
                        "operations": len(result.operations),
                        "statuses": dict(sorted(result.statuses.items())),
                        "failures": result.failures,
                    }
                    results[f"{caller}/{phase}"] = figures
                    print(caller, phase, json.dumps(figures)[:2000], file=sys.stderr, flush=True)
        app.state.db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--examples", type=int, default=100, help="per operation, fuzzing")
    parser.add_argument("--scenarios", type=int, default=200, help="chains, stateful")
    args = parser.parse_args()
    result = measure(args.db, args.examples, args.scenarios)
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"contract-{args.db}.json").write_text(json.dumps(result, indent=2))
    failed = sum(len(v["failures"]) for k, v in result.items() if isinstance(v, dict))
    print(f"{failed} failures", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
