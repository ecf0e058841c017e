"""The field app's shell: one public page, its manifest, its words in every language and
a service worker that keeps exactly the files the app needs."""

import json
import re

from fastapi.testclient import TestClient

from api.pages import field_app
from eom.core.i18n import LANGUAGES


def test_the_shell_is_the_same_public_page_for_everyone_and_holds_no_data(
    client: TestClient,
) -> None:
    shell = client.get("/field/")
    assert shell.status_code == 200 and shell.headers["content-type"].startswith("text/html")
    assert '<link rel="manifest" href="/field/manifest.webmanifest">' in shell.text
    assert '<script type="module" src="/static/field/app.js">' in shell.text
    assert client.get("/field", follow_redirects=False).headers["location"] == "/field/"


def test_the_manifest_makes_the_app_installable(client: TestClient) -> None:
    answer = client.get("/field/manifest.webmanifest")
    manifest = answer.json()
    assert answer.headers["content-type"].startswith("application/manifest+json")
    assert manifest["start_url"] == "/field/" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_every_word_of_the_app_is_in_its_page_in_every_language(client: TestClient) -> None:
    page = client.get("/field/").text
    found = re.search(r'<script type="application/json" id="words">(.*?)</script>', page)
    assert found, "the words travel inside the page, so they are on the phone offline"
    words = json.loads(found.group(1))
    assert set(words) == set(LANGUAGES)
    for language in LANGUAGES:
        assert set(words[language]) == set(field_app.MESSAGES)
    assert words["es"]["outbox"] == "Bandeja de salida"
    assert words["es"]["category_vote_buying"] != words["en"]["category_vote_buying"]


def test_the_page_asks_for_every_module_the_app_opens_with_at_once(client: TestClient) -> None:
    page = client.get("/field/").text
    preloaded = set(re.findall(r'<link rel="modulepreload" href="([^"]+)">', page))
    app = client.get("/static/field/app.js").text
    for imported in re.findall(r'^import .* from "\./([^"]+)";$', app, flags=re.M):
        assert f"/static/field/{imported}" in preloaded
    assert "<style>" in page and "/* field.css */" not in page


def test_every_word_the_app_code_asks_for_is_a_message() -> None:
    code = "".join(path.read_text() for path in field_app.APP.glob("*.js"))
    asked = set(re.findall(r"\bt\(\"([a-z_]+)\"", code))
    assert asked and asked <= set(field_app.MESSAGES)


def test_the_worker_keeps_every_file_of_the_shell_and_every_module_they_import(
    client: TestClient,
) -> None:
    worker = client.get("/field/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["cache-control"] == "no-cache"
    version = re.search(r'const VERSION = "([0-9a-f]{16})";', worker.text)
    kept = re.search(r"const SHELL = (\[.*\]);", worker.text)
    assert version and kept
    shell = json.loads(kept.group(1))
    assert "/field/" in shell
    for url in shell:
        assert client.get(url).status_code == 200, url
    # Each module the app's code imports is kept too, or the app would not open offline.
    for url in [u for u in shell if u.endswith(".js")]:
        source = client.get(url).text
        for imported in re.findall(r"""(?:import|from)\s*['"]([^'"]+\.js)['"]""", source):
            target = (
                imported
                if imported.startswith("/")
                else url.rsplit("/", 1)[0] + "/" + imported.removeprefix("./")
            )
            assert target in shell, f"{url} imports {imported}, which the worker does not keep"
