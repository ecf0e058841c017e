"""Input rules more than one domain reads a request by, each in one place: record ids,
and (below) the bounds a date must keep.

A rule here is an ``Annotated`` type: it checks in Python and states itself in the OpenAPI
schema, so a client (and the schema fuzzer) knows what is accepted before it asks.
"""

from typing import Annotated

from pydantic import Field

# A record id: positive and within a 32-bit integer, the smallest primary key of the
# databases EOM runs on, so a larger number is refused (422) before any query is built.
MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
