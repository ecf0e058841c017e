"""Field app benchmark: what the app shell weighs and how soon a phone can use it over
Chromium's "Slow 3G" (2,000 ms round trip, 50 KB/s down and up, through the DevTools
protocol), on a running EOM with the demo data (``eom seed``, then ``eom serve``).

Reports the shell's bytes as served and gzip-compressed (what a server or proxy that
compresses would send); the time from opening /field/ to the sign-in form on a first
visit; to the observer's missions after signing in; and, once the service worker keeps
the shell, to the missions again on a reload with the network still slow, and offline.

    .venv/bin/python -m bench.field_app --url http://127.0.0.1:8123

Sends traffic to the given URL only.
"""

import argparse
import gzip
import json
import re
import sys
import time
from typing import Any

import httpx
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
EMAIL, PASSWORD = "observer@eom.example", "observer-demo-2026"


def shell_bytes(url: str) -> dict[str, int]:
    worker = httpx.get(f"{url}/field/sw.js").text
    found = re.search(r"const SHELL = (\[.*\]);", worker)
    if found is None:
        raise SystemExit("error: /field/sw.js names no shell")
    raw = packed = 0
    for path in json.loads(found.group(1)):
        body = httpx.get(url + path).content
        raw += len(body)
        packed += len(gzip.compress(body, 6))
    return {"files": len(json.loads(found.group(1))), "bytes": raw, "gzip_bytes": packed}


def _timed(page: Page, action: Any, selector: str) -> float:
    started = time.perf_counter()
    action()
    page.wait_for_selector(selector, timeout=120_000)
    return round(time.perf_counter() - started, 2)


def run(url: str) -> dict[str, Any]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(**playwright.devices["Pixel 7"])
        page = context.new_page()
        network = context.new_cdp_session(page)
        network.send("Network.enable")
        network.send("Network.emulateNetworkConditions", SLOW_3G)
        first = _timed(page, lambda: page.goto(f"{url}/field/"), "#email")

        def sign_in() -> None:
            page.fill("#email", EMAIL)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")

        signed_in = _timed(page, sign_in, "section.mission")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_timeout(3000)  # the worker finishes keeping the shell
        again = _timed(page, lambda: page.reload(), "section.mission")
        context.set_offline(True)
        offline = _timed(page, lambda: page.reload(), "section.mission")
        browser.close()
    return {
        "first_visit_to_sign_in_s": first,
        "sign_in_to_missions_s": signed_in,
        "reload_to_missions_slow_3g_s": again,
        "reload_to_missions_offline_s": offline,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8123")
    args = parser.parse_args()
    try:
        httpx.get(f"{args.url}/api/v1/health", timeout=5).raise_for_status()
    except httpx.HTTPError as error:
        raise SystemExit(f"error: no EOM at {args.url}: {error}") from error
    result = {"shell": shell_bytes(args.url), "slow_3g": run(args.url)}
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
