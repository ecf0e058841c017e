"""Text that more than one domain stores or searches: email addresses, people's names,
and the folded form that searches compare (``nunez`` finds Núñez)."""

import unicodedata
from typing import Annotated

from pydantic import StringConstraints

# An address in plain ASCII: letters, digits and . _ % + ' - before the @, and a dotted
# domain after it. The same pattern stands in the OpenAPI schema, so clients can check it.
Email = Annotated[
    str,
    StringConstraints(
        max_length=320, pattern=r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
    ),
]


# A person's name as they write it: any script, no control characters.
PersonName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$"
    ),
]


def folded(text: str) -> str:
    """``text`` without accents and case, for searching: "Núñez" → "nunez"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
