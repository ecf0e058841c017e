"""Input rules more than one domain reads a request by, each in one place: record ids,
moments, and text a database can store.

A rule here is an ``Annotated`` type (or a validator a model runs over what it is sent): it
checks in Python and, where JSON Schema can say it, states itself in the OpenAPI schema, so
a client (and the schema fuzzer) knows what is accepted before it asks.
"""

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, Field

# A record id: positive and within a 32-bit integer, the smallest primary key of the
# databases EOM runs on, so a larger number is refused (422) before any query is built.
MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# The years a date or a moment of EOM may fall in: far wider than any mission's, and
# narrow enough that every date can be shifted by days, converted to UTC and written by
# any library (year 9999 plus a day is no date at all).
MIN_YEAR, MAX_YEAR = 1900, 2200


def _in_calendar(moment: datetime) -> datetime:
    # 0001-01-01T00:00:00+14:00 is a valid ISO moment, but in UTC it falls before year 1.
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("The moment is outside the calendar once converted to UTC.") from None
    if not MIN_YEAR <= utc.year <= MAX_YEAR:
        raise ValueError(f"The moment must fall between the years {MIN_YEAR} and {MAX_YEAR}.")
    return moment


# A moment a device or a person sends: with its UTC offset, as sent (its offset kept),
# within the years above once in UTC.
Moment = Annotated[AwareDatetime, AfterValidator(_in_calendar)]

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
        raise ValueError("A text holds a lone surrogate, which is not a character.")
    return value


def printable(text: str) -> str:
    """``text`` with any lone surrogate replaced, so that an answer may repeat it."""
    return _LONE_SURROGATE.sub("\ufffd", text)
