"""Page benchmark: signed-in staff browsing the demo data set's pages over HTTP.

In one run, on a fresh database seeded as a person seeds it (``eom db upgrade``, then
``eom seed``) and served by ``eom serve`` in a process of its own, as in production:

1. one client asks for every page a few times, alone (the warm-up, a check that every
   page answers 200, and each page's own time, without queueing);
2. the baseline: N clients, each signed in once through the login form, ask for the
   trivial pages (the health check and a static file) for S seconds;
3. the pages: the same N clients go round the staff pages for S seconds.

Only 200 answers count toward the latencies; any other answer or a failed request is an
error, counted by page. Reports requests, errors, requests/s, p50/p95/p99 overall and
p95 by page, and the ratios pages/baseline. The server runs on one core (its workers
share it; ``--server-cores 0,1`` spreads them) and the clients on the other.

    .venv/bin/python -m bench.pages --db sqlite --clients 20 --seconds 30
    .venv/bin/python -m bench.pages --db postgresql --clients 20 --seconds 30
    .venv/bin/python -m bench.pages --db sqlite --think 2   # people who read each page

Sends traffic to 127.0.0.1 only.
"""

import argparse
import asyncio
import json
import os
import random
import re
import statistics as stats
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.common import fresh_database, settings_for
from eom.core.db import Database
from eom.core.settings import Settings
from eom.planning.missions import service as missions
from tests.support.cli import env_for
from tests.support.network import free_port

GOAL_P95_MS = 150.0
EMAIL, PASSWORD = "staff@eom.example", "staff-demo-2026"
CSRF = re.compile(r'<input type="hidden" name="csrf" value="([^"]+)">')
BASELINE = ["/api/v1/health", "/static/eom.css"]
SOLO_REPEATS = 5
# Each page with a demo mission it shows (by code) in place of {id}; which missions have
# a team, stations, a board or recommendations follows tests/browser/test_every_page.py.
PAGES = [
    ("/", None),
    ("/missions", None),
    ("/missions/{id}", "EOM-BHS-2026"),
    ("/missions/{id}", "EOM-BOL-2025"),
    ("/missions/{id}", "EOM-PER-2026"),
    ("/missions/{id}", "EOM-ARG-2027"),
    ("/missions/{id}/team", "EOM-BHS-2026"),
    ("/missions/{id}/stations", "EOM-BHS-2026"),
    ("/missions/{id}/board", "EOM-BHS-2026"),
    ("/missions/{id}/board", "EOM-BOL-2025"),
    ("/missions/{id}/recommendations", "EOM-PER-2026"),
    ("/missions/{id}/follow-up", "EOM-PER-2026"),
    ("/roster", None),
    ("/recommendations", None),
    ("/recommendations/countries/BO", None),
    ("/funding", None),
    ("/donors/2", None),
    ("/missions/new", None),
    ("/missions/{id}/edit", "EOM-ARG-2027"),
]


@dataclass
class Tally:
    """What the clients saw: each 200's latency by path, and the errors by path."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)


def _eom(settings: Settings, *args: str) -> None:
    """Run ``eom *args`` as a person runs it; stop the benchmark if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        env=env_for(settings),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"error: eom {' '.join(args)} failed:\n{done.stderr[-2000:]}")


def _paths(settings: Settings) -> tuple[list[str], dict[str, int]]:
    """The staff pages with the demo missions' ids, and those ids by code."""
    db = Database(settings)
    with db.session_scope(write=False) as session:
        found, _ = missions.list_missions(session, limit=500, offset=0)
        ids = {m.code: m.id or 0 for m in found}
    db.dispose()
    missing = sorted({code for _, code in PAGES if code and code not in ids})
    if missing:
        raise SystemExit(f"error: the demo data set has no mission {', '.join(missing)}")
    return [page.format(id=ids[code]) if code else page for page, code in PAGES], ids


def _server(
    settings: Settings, port: int, workers: int, log: Path, cores: str = "0"
) -> subprocess.Popen[bytes]:
    """``eom serve`` on ``cores`` (when there are two), once it answers its health check.
    Its workers inherit the pinning: two workers on core 0 share that one core."""
    command = [sys.executable, "-m", "api.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    if len(os.sched_getaffinity(0)) > 1:
        command = ["taskset", "-c", cores, *command]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env_for(settings), stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"error: the server did not start:\n{log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


async def _signed_in(base: str) -> httpx.AsyncClient:
    """A client that signed in as the demo staff member through the login form."""
    client = httpx.AsyncClient(base_url=base, timeout=30)
    form = await client.get("/login")
    token = CSRF.search(form.text)
    if form.status_code != 200 or token is None:
        raise SystemExit(f"error: GET /login answered {form.status_code} without a CSRF token")
    answer = await client.post(
        "/login", data={"email": EMAIL, "password": PASSWORD, "csrf": token.group(1)}
    )
    if answer.status_code != 303 or answer.headers.get("location") != "/":
        raise SystemExit(f"error: signing in as {EMAIL} answered {answer.status_code}")
    return client


async def _browse(
    client: httpx.AsyncClient,
    paths: list[str],
    start: int,
    deadline: float,
    tally: Tally,
    think: float,
) -> None:
    """Go round ``paths`` from ``start`` until the deadline, one request at a time, each
    after ``think`` seconds on average of reading the page before (0: no pause)."""
    n = start
    pause = random.Random(start)
    while time.perf_counter() < deadline:
        if think and n > start:
            await asyncio.sleep(think * pause.uniform(0.5, 1.5))
        path = paths[n % len(paths)]
        n += 1
        began = time.perf_counter()
        try:
            answer = await client.get(path)
        except httpx.HTTPError as error:
            tally.errors[f"{path} {type(error).__name__}"] += 1
            continue
        if answer.status_code == 200:
            tally.latencies[path].append((time.perf_counter() - began) * 1000)
        else:
            tally.errors[f"{path} {answer.status_code}"] += 1


def _cpu_seconds(pid: int) -> float:
    """The CPU time a process and its children (uvicorn's workers) have used so far."""
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for one in [pid, *map(int, children)]:
        # After the ")" that closes the command's name: utime and stime are fields 12, 13.
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _machine_busy_seconds() -> float:
    """The CPU time every core of the machine has spent busy so far."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


async def _load(
    clients: list[httpx.AsyncClient], paths: list[str], seconds: int, server: int, think: float
) -> tuple[Tally, dict[str, float]]:
    """The clients' tally, and the cores that the server, the clients and the rest of the
    machine (PostgreSQL, or anything else running) kept busy."""
    tally = Tally()
    server_cpu, own_cpu, machine = (
        _cpu_seconds(server),
        time.process_time(),
        _machine_busy_seconds(),
    )
    deadline = time.perf_counter() + seconds
    # Each client starts at its own page, so that they do not all ask for the same one.
    await asyncio.gather(
        *(_browse(c, paths, n, deadline, tally, think) for n, c in enumerate(clients))
    )
    busy = {
        "server": (_cpu_seconds(server) - server_cpu) / seconds,
        "clients": (time.process_time() - own_cpu) / seconds,
    }
    busy["rest"] = (_machine_busy_seconds() - machine) / seconds - sum(busy.values())
    return tally, {name: round(cores, 2) for name, cores in busy.items()}


def _percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        only = round(values[0], 1) if values else float("nan")
        return {"p50_ms": only, "p95_ms": only, "p99_ms": only}
    cuts = stats.quantiles(values, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
    }


def _summary(tally: Tally, busy: dict[str, float], seconds: int) -> dict[str, Any]:
    every = [ms for values in tally.latencies.values() for ms in values]
    errors = sum(tally.errors.values())
    by_page = {
        path: {"requests": len(values), "p95_ms": _percentiles(values)["p95_ms"]}
        for path, values in sorted(tally.latencies.items())
    }
    return {
        "requests": len(every),
        "errors": errors,
        "errors_by_page": dict(sorted(tally.errors.items())),
        "per_second": round(len(every) / seconds, 1),
        **_percentiles(every),
        "cores_busy": busy,
        "by_page": by_page,
    }


async def _solo(base: str, paths: list[str]) -> dict[str, float]:
    """Each page's median time with nobody else asking; every page must answer 200."""
    client = await _signed_in(base)
    times: dict[str, list[float]] = defaultdict(list)
    try:
        for _ in range(SOLO_REPEATS):
            for path in paths:
                began = time.perf_counter()
                answer = await client.get(path)
                if answer.status_code != 200:
                    raise SystemExit(f"error: GET {path} answered {answer.status_code}")
                times[path].append((time.perf_counter() - began) * 1000)
    finally:
        await client.aclose()
    return {path: round(stats.median(values), 1) for path, values in times.items()}


async def _measure(
    base: str, paths: list[str], clients: int, seconds: int, server: int, think: float
) -> dict[str, Any]:
    solo = await _solo(base, [*BASELINE, *paths])
    print("alone, median ms:", json.dumps(solo, indent=2), file=sys.stderr, flush=True)
    signed_in = list(await asyncio.gather(*(_signed_in(base) for _ in range(clients))))
    try:
        results: dict[str, Any] = {"solo_median_ms": solo}
        for name, chosen in (("baseline", BASELINE), ("pages", paths)):
            tally, busy = await _load(signed_in, chosen, seconds, server, think)
            results[name] = _summary(tally, busy, seconds)
            print(name, json.dumps(results[name], indent=2), file=sys.stderr, flush=True)
    finally:
        await asyncio.gather(*(c.aclose() for c in signed_in))
    return results


def run(
    kind: str, clients: int, seconds: int, workers: int, think: float, server_cores: str = "0"
) -> dict[str, Any]:
    with fresh_database(kind) as url, tempfile.TemporaryDirectory() as folder:
        settings = settings_for(url).model_copy(update={"data_dir": Path(folder)})
        started = time.perf_counter()
        _eom(settings, "db", "upgrade")
        _eom(settings, "seed")
        seeded = round(time.perf_counter() - started, 1)
        paths, ids = _paths(settings)
        load = os.getloadavg()
        port = free_port()
        server = _server(settings, port, workers, Path(folder) / "serve.log", server_cores)
        if len(os.sched_getaffinity(0)) > 1:
            os.sched_setaffinity(0, {1})
        try:
            base = f"http://127.0.0.1:{port}"
            results = asyncio.run(_measure(base, paths, clients, seconds, server.pid, think))
        finally:
            _stop(server)
    pages, baseline = results["pages"], results["baseline"]
    return {
        "db": kind,
        "clients": clients,
        "seconds": seconds,
        "workers": workers,
        "server_cores": server_cores,
        "think_seconds": think,
        "seed_seconds": seeded,
        # Anything else running on the machine shows here, and skews every figure.
        "load_average_before": [round(n, 2) for n in load],
        "missions": {code: ids[code] for _, code in PAGES if code},
        **results,
        "ratio": {
            "per_second": round(pages["per_second"] / baseline["per_second"], 3),
            "p95": round(pages["p95_ms"] / baseline["p95_ms"], 1),
        },
        "goal_p95_ms": GOAL_P95_MS,
        "met": pages["errors"] == 0 and pages["p95_ms"] < GOAL_P95_MS,
    }


def _verdict(result: dict[str, Any]) -> str:
    pages = result["pages"]
    lines = [
        f"{result['db']}: {pages['requests']} requests, {pages['errors']} errors, "
        f"{pages['per_second']}/s, p50 {pages['p50_ms']} ms, p95 {pages['p95_ms']} ms, "
        f"p99 {pages['p99_ms']} ms; baseline {result['baseline']['per_second']}/s, "
        f"p95 {result['baseline']['p95_ms']} ms; ratio pages/baseline: "
        f"{result['ratio']['per_second']} of the requests/s, {result['ratio']['p95']}x the p95; "
        f"cores busy during the pages: {json.dumps(pages['cores_busy'])}"
    ]
    for name in ("baseline", "pages"):
        if result[name]["errors"]:
            lines.append(
                f"ERRORS in the {name}: {result[name]['errors']}, "
                f"{json.dumps(result[name]['errors_by_page'])}: the latencies leave them out"
            )
    if not result["met"]:
        slow = sorted(pages["by_page"].items(), key=lambda item: -item[1]["p95_ms"])[:5]
        lines.append(
            f"goal missed (p95 under {GOAL_P95_MS:.0f} ms, no errors); slowest p95: "
            + ", ".join(f"{path} {page['p95_ms']} ms" for path, page in slow)
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1, help="eom serve --workers")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds a person reads a page before the next, on average (0: none, the "
        "worst case of clients that never pause)",
    )
    parser.add_argument(
        "--server-cores",
        default="0",
        help="the cores eom serve may use (taskset -c), '0' by default; the clients always "
        "run on core 1, so '0,1' lets two workers spread over both cores, sharing the "
        "clients' one",
    )
    args = parser.parse_args()
    result = run(args.db, args.clients, args.seconds, args.workers, args.think, args.server_cores)
    print(json.dumps(result, indent=2))
    print(_verdict(result), file=sys.stderr)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    name = f"pages-{args.db}-think{args.think:g}-workers{args.workers}-cores{args.server_cores}"
    (out / f"{name.replace(',', '+')}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
