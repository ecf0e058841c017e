"""English and Spanish: the message catalogues and the choice of language.

Catalogues are the ``.po`` files under ``eom/core/locale``; they are compiled in memory on
first use, so there is no build step and no binary file in the repository.
"""

from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(language: str) -> Catalog:
    """The ``.po`` catalogue of one language, as Babel reads it."""
    with catalogue_path(language).open("rb") as po:
        return read_po(po, locale=language)


@lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> Translations:
    """The compiled catalogue of one supported language."""
    compiled = BytesIO()
    write_mo(compiled, read_catalogue(language))
    compiled.seek(0)
    return Translations(compiled)


def translate(language: str, message: str, **params: Any) -> str:
    """``message`` in ``language``, with its named fields filled in. A field value that
    knows its own name in each language (``in_language``) is given in ``language``."""
    text = translations(language).gettext(message)
    if not params:
        return text
    values = {
        key: value.in_language(language) if hasattr(value, "in_language") else value
        for key, value in params.items()
    }
    return text.format(**values)


def supported(language: str | None) -> str | None:
    """The supported language that ``language`` names (``es-MX`` is ``es``), if any."""
    if not language:
        return None
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGUAGES else None


def parse_accept_language(header: str | None) -> list[str]:
    """The languages of an ``Accept-Language`` header, most preferred first."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(ranked)]


def negotiate(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The language of a request: ``?lang=``, then the cookie (None for a call to the
    API, which never reads it), then ``Accept-Language``; else English."""
    for choice in (query, cookie, *parse_accept_language(accept_language)):
        language = supported(choice)
        if language:
            return language
    return DEFAULT_LANGUAGE


# Calls whose first argument is a catalogue message: gettext, and the domain errors.
EXTRACT_KEYWORDS = {
    "_": None,
    "gettext": None,
    "N_": None,
    **dict.fromkeys(
        (
            "DomainError",
            "NotFound",
            "Gone",
            "Conflict",
            "InvalidTransition",
            "Forbidden",
            "NotAuthenticated",
            "InvalidCredentials",
            "StaleVersion",
            "InvalidInput",
            "TooLarge",
            "UnsupportedFormat",
            "NavItem",
        )
    ),
    "problem": (3,),
}


def extract_messages(root: Path) -> dict[str, list[str]]:
    """Every catalogue message found in the source under ``root``, with where it occurs."""
    from babel.messages.extract import extract_from_dir

    method_map = [
        ("eom/**.py", "python"),
        ("api/**.py", "python"),
        ("reports/**.py", "python"),
        ("recommendations/**.py", "python"),
        ("seed/**.py", "python"),
        ("api/templates/**.html", "jinja2.ext:babel_extract"),
    ]
    found: dict[str, list[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(root), method_map, keywords=EXTRACT_KEYWORDS, comment_tags=()
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append(filename)
    return found


def N_(message: str) -> str:  # noqa: N802 - the conventional name extractors look for
    """Mark ``message`` for the catalogue without translating it here."""
    return message


def update_catalogues(root: Path) -> None:
    """Add new source messages to every catalogue and drop vanished ones, keeping the
    translations already made. Run ``python -m eom.core.i18n`` after changing messages."""
    from babel.messages.pofile import write_po

    found = extract_messages(root)
    for language in LANGUAGES:
        path = catalogue_path(language)
        old = read_catalogue(language) if path.exists() else Catalog(language)
        new = Catalog(locale=language, project="EOM", fuzzy=False)
        for message, places in sorted(found.items()):
            previous = old.get(message)
            new.add(
                message, previous.string if previous else "", locations=[(p, 0) for p in places[:1]]
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, new, width=100, omit_header=False, include_lineno=False)


if __name__ == "__main__":
    update_catalogues(Path(__file__).resolve().parents[2])
