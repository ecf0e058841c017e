"""A live server in a thread and Debian's Chromium driven by Playwright.

Chromium is installed with apt-get when missing (never Playwright's own download,
which cannot work here). Outside CI a machine that cannot install it skips these
tests and says why; under CI that is a failure.
"""

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.support.browser import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def ensure_chromium() -> str:
    if not shutil.which(CHROMIUM):
        result = subprocess.run(
            ["apt-get", "install", "-y", "-q", "chromium"], capture_output=True, text=True
        )
        if result.returncode != 0 or not shutil.which(CHROMIUM):
            message = (
                f"Chromium is missing and apt-get could not install it: {result.stderr[-300:]}"
            )
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright itself: its browsers and its device descriptions (a phone's viewport)."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = ensure_chromium()
    chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser, db: object) -> Iterator[Page]:
    context = browser.new_context(locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
