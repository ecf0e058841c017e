"""Ingest benchmark: 40-answer submissions over HTTP against a real uvicorn server.

In one run, on a fresh database, the same load (wrk, 32 connections) hits first the bare
endpoint (the same rows inserted with SQLAlchemy Core and nothing else: the stack's
limit) and then the full path (auth, validation, authorization, idempotency, audit).
The server runs on one core and wrk on the other. Reports submissions/s, p50 and p99,
and the ratio full/bare.

    .venv/bin/python -m bench.ingest --db sqlite --seconds 30
    .venv/bin/python -m bench.ingest --db postgresql --seconds 30

Needs Debian's wrk (apt-get install -y wrk). Sends traffic to 127.0.0.1 only.
"""

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Stage, answers_for, build_stage, fresh_database, start_server
from tests.support.network import free_port

LUA = """
math.randomseed(os.time() + os.clock() * 1000000)
local template = [==[%s]==]
local first, last = %d, %d
local function uuid4()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (t:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%%x", v)
  end))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
request = function()
  local station = tostring(math.random(first, last))
  local body = template:gsub("__UUID__", uuid4()):gsub("__STATION__", station)
  return wrk.format(nil, "%s", nil, body)
end
"""


def _body(stage: Stage) -> str:
    body = {
        "uuid": "__UUID__",
        "form_id": stage.form.id,
        "station_id": 123456789,
        "member_id": stage.member_id,
        "observed_at": "2026-08-17T10:30:00-04:00",
        "answers": answers_for(stage.form, random.Random(1)),
    }
    return json.dumps(body).replace("123456789", "__STATION__")


def _wrk(port: int, path: str, stage: Stage, seconds: int, connections: int) -> dict[str, Any]:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    first, last = min(stage.station_ids), max(stage.station_ids)
    script.write_text(LUA % (_body(stage), first, last, stage.token, path))
    command = [
        "taskset",
        "-c",
        "1",
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    script.unlink()
    return _parse(output)


def _ms(value: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if found is None:
        return float("nan")
    number, unit = found.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def _parse(output: str) -> dict[str, Any]:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    # Anchored: the thread statistics above end in a percentage such as "78.50%".
    p50 = _ms(re.search(r"^\s*50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s*99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    return {
        "per_second": rate,
        "p50_ms": p50,
        "p99_ms": p99,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sockets.group(1) if sockets else "",
    }


def run(kind: str, seconds: int, connections: int) -> dict[str, Any]:
    with fresh_database(kind) as url:
        stage = build_stage(url)
        port = free_port()
        server = start_server(url, port)
        try:
            results = {}
            for name, path in (
                ("bare", f"/bench/missions/{stage.mission_id}/submissions"),
                ("full", f"/api/v1/missions/{stage.mission_id}/submissions"),
            ):
                _wrk(port, path, stage, 3, connections)  # warm up
                results[name] = _wrk(port, path, stage, seconds, connections)
                print(name, results[name], file=sys.stderr, flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    results["ratio"] = round(results["full"]["per_second"] / results["bare"]["per_second"], 3)
    return {"db": kind, "seconds": seconds, "connections": connections, **results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("error: wrk is missing: apt-get install -y wrk")
    result = run(args.db, args.seconds, args.connections)
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"ingest-{args.db}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
