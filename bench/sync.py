"""Sync benchmark: a phone's outbox of queued 40-answer checklists sent through
``/submissions/batch`` to a real uvicorn server, plain and gzip-compressed, then sent again
(a second sync stores nothing new).

The server runs on one core and the client on the other. Reports, for each way, the
bytes sent, the time of the whole sync and of each batch, and what the same bytes and
round trips would take over Chromium's "Slow 3G" (2,000 ms round trip, 50 KB/s up and
down; an estimate from the bytes, not a throttled run).

    .venv/bin/python -m bench.sync --db sqlite --filings 500 --batch 100
    .venv/bin/python -m bench.sync --db postgresql --filings 100 --batch 50
"""

import argparse
import gzip
import json
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bench.common import Stage, answers_for, build_stage, fresh_database, start_server
from tests.support.network import free_port

SLOW_3G_ROUND_TRIP_S = 2.0
SLOW_3G_BYTES_PER_S = 50_000


def _outbox(stage: Stage, count: int, rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "uuid": str(uuid.uuid4()),
            "form_id": stage.form.id,
            "station_id": rng.choice(stage.station_ids),
            "observed_at": "2026-08-17T10:30:00-04:00",
            "answers": answers_for(stage.form, rng),
        }
        for _ in range(count)
    ]


def _sync(
    client: httpx.Client, url: str, outbox: list[dict[str, Any]], batch: int, *, compress: bool
) -> dict[str, Any]:
    """Send the outbox in batches, one after the other, as the app does."""
    sent_bytes, answer_bytes, times, results = 0, 0, [], []
    started = time.perf_counter()
    for n in range(0, len(outbox), batch):
        body = json.dumps({"items": outbox[n : n + batch]}).encode()
        headers = {"Content-Type": "application/json"}
        if compress:
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        at = time.perf_counter()
        answer = client.post(url, content=body, headers=headers)
        times.append(time.perf_counter() - at)
        answer.raise_for_status()
        sent_bytes += len(body)
        answer_bytes += len(answer.content)
        results += [r["result"] for r in answer.json()["results"]]
    total = time.perf_counter() - started
    trips = len(times)
    slow = trips * SLOW_3G_ROUND_TRIP_S + (sent_bytes + answer_bytes) / SLOW_3G_BYTES_PER_S
    return {
        "batches": trips,
        "bytes_sent": sent_bytes,
        "bytes_answered": answer_bytes,
        "seconds": round(total, 3),
        "batch_p50_ms": round(statistics.median(times) * 1000, 1),
        "batch_max_ms": round(max(times) * 1000, 1),
        "slow_3g_estimate_s": round(slow + total, 1),
        "results": {r: results.count(r) for r in sorted(set(results))},
    }


def run(kind: str, filings: int, batch: int) -> dict[str, Any]:
    rng = random.Random(14)
    with fresh_database(kind) as url:
        stage = build_stage(url)
        port = free_port()
        server = start_server(url, port)
        path = f"http://127.0.0.1:{port}/api/v1/missions/{stage.mission_id}/submissions/batch"
        headers = {"Authorization": f"Bearer {stage.token}"}
        results: dict[str, Any] = {}
        try:
            with httpx.Client(headers=headers, timeout=120) as client:
                _sync(client, path, _outbox(stage, batch, rng), batch, compress=False)  # warm up
                for name, compress in (("plain", False), ("gzip", True)):
                    outbox = _outbox(stage, filings, rng)
                    results[name] = _sync(client, path, outbox, batch, compress=compress)
                    results[f"{name}_again"] = _sync(client, path, outbox, batch, compress=compress)
                    print(name, results[name], file=sys.stderr, flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {"db": kind, "filings": filings, "batch": batch, **results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--filings", type=int, default=500)
    parser.add_argument("--batch", type=int, default=100, help="filings per request, ≤ 500")
    args = parser.parse_args()
    result = run(args.db, args.filings, args.batch)
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"sync-{args.db}-{args.filings}x{args.batch}.json").write_text(
        json.dumps(result, indent=2)
    )


if __name__ == "__main__":
    main()
