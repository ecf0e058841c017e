"""Input rules more than one domain reads a request by, each in one place: record ids,
moments, text a database can store, and what an explicit null means in a change.

A rule here is an ``Annotated`` type (or a validator a model runs over what it is sent): it
checks in Python and, where JSON Schema can say it, states itself in the OpenAPI schema, so
a client (and the schema fuzzer) knows what is accepted before it asks.
"""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, WithJsonSchema

from eom.core.errors import RuleBroken
from eom.core.i18n import N_

# A record id: positive and within a 32-bit integer, the smallest primary key of the
# databases EOM runs on, so a larger number is refused (422) before any query is built.
MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def left_out(**constraints: Any) -> Any:
    """The default of a field a change (a PATCH) may leave out but never set to null: the
    record keeps a value there. Left out, the field is unset (``exclude_unset`` skips it);
    an explicit null is refused (422) like any other value of the wrong type, everywhere
    the same, and the OpenAPI schema does not offer null. Where null is allowed, it clears
    the field (``X | None = None``)."""
    return Field(default=None, **constraints)


# The years a date or a moment of EOM may fall in: far wider than any mission's, and
# narrow enough that every date can be shifted by days, converted to UTC and written by
# any library (year 9999 plus a day is no date at all). The messages name them.
MIN_YEAR, MAX_YEAR = 1900, 2200


def _in_utc_range(moment: datetime) -> datetime:
    # 0001-01-01T00:00:00+14:00 is a valid ISO moment, but in UTC it falls before year 1.
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise RuleBroken("", N_("The moment falls before year 1 or after 9999 in UTC.")) from None
    return moment


def _in_calendar(moment: datetime) -> datetime:
    if not MIN_YEAR <= moment.astimezone(UTC).year <= MAX_YEAR:
        raise RuleBroken("", N_("The moment falls outside the years 1900 to 2200."))
    return moment


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _iso_day(value: object) -> object:
    # Pydantic alone reads a number as seconds since 1970 (``to=0`` was 1970-01-01).
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    raise RuleBroken("", N_("Write a date as YYYY-MM-DD."))


def _in_years(day: date) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise RuleBroken("", N_("The date falls outside the years 1900 to 2200."))
    return day


# A day as a request names it: an ISO date (YYYY-MM-DD), within the years above, which the
# schema's pattern states too.
DAY_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
Day = Annotated[
    date,
    BeforeValidator(_iso_day),
    AfterValidator(_in_years),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN}),
]


def exact_decimal(pattern: str) -> BeforeValidator:
    """The rule of a decimal sent as text: only the text its schema's ``pattern`` allows
    (ASCII digits, no exponent, no spaces, no more decimals than it says). Pydantic alone
    reads "1e3", " 1.00" and Arabic-Indic digits as numbers, and drops trailing zeros
    before it counts decimals. A Decimal passed in Python is taken as it is."""
    compiled = re.compile(pattern, re.ASCII)

    def check(value: object) -> object:
        if isinstance(value, Decimal) or (isinstance(value, str) and compiled.fullmatch(value)):
            return value
        raise RuleBroken("", N_("Write the number as decimal text, such as 1250.50."))

    return BeforeValidator(check)


_ISO_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}.*", re.ASCII)


def _iso_moment(value: object) -> object:
    # Pydantic alone reads a number as seconds since 1970 (updated_since=-0.3 was 1970).
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
        return value
    raise RuleBroken("", N_("Write a moment as an ISO 8601 date and time with its offset."))


# An instant as a request names it: ISO 8601 text with its UTC offset (any year: the
# ``updated_since`` of a sync may be as early as a client likes), that is an instant in UTC.
Instant = Annotated[AwareDatetime, BeforeValidator(_iso_moment), AfterValidator(_in_utc_range)]

# A moment a device or a person sends: an instant as sent (its offset kept), within the
# years above once in UTC.
Moment = Annotated[Instant, AfterValidator(_in_calendar)]

# A lone surrogate (half of a UTF-16 pair, which JSON can escape as \ud800) is not a
# character: UTF-8 cannot encode it, so no database stores it and no answer can repeat it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(value: object) -> bool:
    """Whether a text within ``value`` (a JSON value: its keys too) holds a lone surrogate."""
    if isinstance(value, str):
        return _LONE_SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_lone_surrogate(v) for v in value)
    return False


def storable_text(value: Any) -> Any:
    """A model's ``mode="before"`` validator: what it is sent, refused as a whole when a
    text within it (a key too) holds a lone surrogate."""
    if has_lone_surrogate(value):
        raise RuleBroken("", N_("A text holds a lone surrogate, which is not a character."))
    return value


def printable(text: str) -> str:
    """``text`` with any lone surrogate replaced, so that an answer may repeat it."""
    return _LONE_SURROGATE.sub("\ufffd", text)
