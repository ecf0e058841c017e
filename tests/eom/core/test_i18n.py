import re
from pathlib import Path

import pytest

from eom.core.i18n import LANGUAGES, extract_messages, negotiate, read_catalogue, translate

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        ("es", "en", "en", "es"),
        (None, "es", "en", "es"),
        (None, None, "fr-CA,es;q=0.8,en;q=0.5", "es"),
        (None, None, "en;q=0.3,es-MX;q=0.9", "es"),
        ("xx", None, None, "en"),
        (None, None, "de", "en"),
    ],
)
def test_the_language_comes_from_query_then_cookie_then_accept_language(
    query: str | None, cookie: str | None, header: str | None, expected: str
) -> None:
    assert negotiate(query, cookie, header) == expected


def test_messages_are_translated_with_their_fields() -> None:
    assert translate("es", "Welcome, {name}.", name="Ana") == "Le damos la bienvenida, Ana."
    assert translate("en", "Welcome, {name}.", name="Ana") == "Welcome, Ana."


@pytest.fixture(scope="module")
def source_messages() -> dict[str, list[str]]:
    return extract_messages(ROOT)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_source_is_in_each_catalogue(
    language: str, source_messages: dict[str, list[str]]
) -> None:
    catalogue = read_catalogue(language)
    missing = sorted(set(source_messages) - {m.id for m in catalogue if m.id})
    assert not missing, f"run `python -m eom.core.i18n` and translate: {missing}"


def test_every_spanish_message_is_translated_with_the_same_fields() -> None:
    catalogue = read_catalogue("es")
    for message in catalogue:
        if not message.id:
            continue
        assert message.string, f"untranslated: {message.id!r}"
        fields = re.findall(r"\{(\w+)\}", str(message.id))
        assert sorted(re.findall(r"\{(\w+)\}", str(message.string))) == sorted(fields)
