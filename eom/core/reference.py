"""Reference data shared by the domains: countries, OAS member states, languages, themes."""

from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

import pycountry
from babel import Locale
from pydantic import AfterValidator, WithJsonSchema

from eom.core.i18n import N_

# The 35 member states of the OAS (ISO 3166-1 alpha-2).
OAS_MEMBER_STATES = frozenset(
    "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE "
    "KN LC VC SR TT US UY VE".split()
)


class Theme(StrEnum):
    """The themes of observers' expertise and of recommendations (DESIGN §2)."""

    electoral_organization = "electoral_organization"
    electoral_technology = "electoral_technology"
    political_financing = "political_financing"
    gender = "gender"
    electoral_justice = "electoral_justice"
    media = "media"
    underrepresented_groups = "underrepresented_groups"
    political_legal_system = "political_legal_system"
    electoral_violence_security = "electoral_violence_security"


THEME_LABELS = {
    Theme.electoral_organization: N_("Electoral organization"),
    Theme.electoral_technology: N_("Electoral technology"),
    Theme.political_financing: N_("Political financing"),
    Theme.gender: N_("Gender"),
    Theme.electoral_justice: N_("Electoral justice"),
    Theme.media: N_("Media"),
    Theme.underrepresented_groups: N_("Underrepresented groups"),
    Theme.political_legal_system: N_("Political and legal system"),
    Theme.electoral_violence_security: N_("Electoral violence and security"),
}


def _country(code: str) -> str:
    if pycountry.countries.get(alpha_2=code.upper()) is None or len(code) != 2:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code.upper()


def _member_state(code: str) -> str:
    code = _country(code)
    if code not in OAS_MEMBER_STATES:
        raise ValueError(f"{code} is not a member state of the OAS")
    return code


def _language(code: str) -> str:
    if len(code) != 2 or pycountry.languages.get(alpha_2=code.lower()) is None:
        raise ValueError(f"{code!r} is not an ISO 639-1 language code")
    return code.lower()


# The lists of codes the API takes and gives, each one named schema (api/openapi.py adds
# them to the document's components) that every request and response refers to, so that a
# client generates one type per list, not one per field.
CODE_LISTS: dict[str, list[str]] = {}


def code_list(name: str, codes: Iterable[str]) -> WithJsonSchema:
    """The schema of a code type: these codes, known as the list ``name``."""
    CODE_LISTS[name] = sorted(codes)
    return WithJsonSchema({"type": "string", "enum": CODE_LISTS[name]})


# Each code type validates in Python and lists its codes in the OpenAPI schema, so that
# clients (and the schema fuzzer) know exactly which values are accepted.
CountryCode = Annotated[
    str,
    AfterValidator(_country),
    code_list("CountryCode", (c.alpha_2 for c in pycountry.countries)),
]
MemberStateCode = Annotated[
    str, AfterValidator(_member_state), code_list("MemberStateCode", OAS_MEMBER_STATES)
]
LanguageCode = Annotated[
    str,
    AfterValidator(_language),
    code_list(
        "LanguageCode", (lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    ),
]


def country_codes() -> list[str]:
    """Every ISO 3166 country code (donors come from anywhere: permanent observers too)."""
    return [str(c.alpha_2) for c in pycountry.countries]


@lru_cache(maxsize=512)
def country_name(code: str, language: str = "en") -> str:
    """The country's common name in the reader's language, from Babel's lists (CLDR:
    "Bolivia", "Haití", "Haïti"); pycountry's English name where CLDR has none; the code
    itself if unknown."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    named = Locale.parse(language).territories.get(code.upper())
    return str(named or getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=256)
def language_name(code: str, language: str = "en") -> str:
    """The language's name in the reader's language, from Babel's lists (CLDR: "Haitian
    Creole", "Criollo haitiano"); pycountry's English name where CLDR has none; the code
    itself if unknown."""
    found = pycountry.languages.get(alpha_2=code)
    if found is None:
        return code
    named = str(Locale.parse(language).languages.get(code.lower()) or found.name)
    return named[:1].upper() + named[1:]  # a label: "Español", as a list names it


class Country(str):
    """A country code that reads as the country's name, in any supported language."""

    def __str__(self) -> str:
        return country_name(self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def in_language(self, language: str) -> str:
        return country_name(self, language)
