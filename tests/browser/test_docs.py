"""The API's documentation renders from EOM's own server, with every other network cut."""

import pytest
from playwright.sync_api import Browser, Route, expect

pytestmark = pytest.mark.browser


def test_the_api_docs_render_with_the_network_cut(browser: Browser, live_server: str) -> None:
    context = browser.new_context()
    blocked: list[str] = []

    def only_eom(route: Route) -> None:
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_eom)
    page = context.new_page()
    page.goto(f"{live_server}/docs")
    # Swagger UI draws the whole contract in the browser: give a busy machine time.
    heading = page.get_by_role("heading", name="EOM — electoral observation missions")
    expect(heading).to_be_visible(timeout=20_000)
    expect(page.locator("#operations-tag-missions")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    context.close()
    assert blocked == [], f"/docs asked for something beyond EOM: {blocked}"


@pytest.mark.parametrize("path", ["/docs", "/field/", "/login", "/problems"])
def test_the_pages_with_code_break_no_rule_of_the_content_security_policy(
    browser: Browser, live_server: str, path: str
) -> None:
    """Swagger UI's inline start and the field shell's inline styles run by their hashes;
    nothing a page needs is refused."""
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server}{path}")
    page.wait_for_load_state("networkidle")
    if path == "/docs":
        expect(page.locator("#operations-tag-missions")).to_be_visible(timeout=20_000)
    context.close()
    assert refused == []
