"""Observers in DECO's roster."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints
from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from eom.core.db import UtcDateTime, enum_type
from eom.core.i18n import N_
from eom.core.inputs import left_out
from eom.core.reference import CountryCode, LanguageCode, Theme
from eom.core.text import Email, PersonName


class Gender(StrEnum):
    female = "female"
    male = "male"
    non_binary = "non_binary"
    undisclosed = "undisclosed"


GENDER_LABELS = {
    Gender.female: N_("Women"),
    Gender.male: N_("Men"),
    Gender.non_binary: N_("Non-binary"),
    Gender.undisclosed: N_("Undisclosed"),
}

Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()-]{5,24}$")]


class ObserverBase(SQLModel):
    full_name: PersonName
    nationality: CountryCode = Field(max_length=2)
    gender: Gender = Field(sa_type=enum_type(Gender, 20))
    languages: list[LanguageCode] = Field(default_factory=list, sa_type=JSON, max_length=12)
    expertise: list[Theme] = Field(default_factory=list, sa_type=JSON, max_length=9)
    email: Email
    phone: Phone | None = None


class Observer(ObserverBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=200, index=True)
    nationality: str = Field(max_length=2, index=True)
    email: str = Field(max_length=320, unique=True)
    phone: str | None = Field(default=None, max_length=30)
    # The observer's own account, linked once (by email, on its first use): from then on
    # neither email moves the link, so no account ever reads another person's entry.
    user_id: int | None = Field(default=None, foreign_key="user_account.id", unique=True)
    # Stored as JSON lists of codes; validated on the way in by ObserverCreate/Update.
    languages: list[str] = Field(default_factory=list, sa_type=JSON)
    expertise: list[str] = Field(default_factory=list, sa_type=JSON)  # type: ignore[assignment]
    # The name and email folded (no accents, no case), which the roster search compares.
    search_key: str = Field(default="", max_length=600, index=True)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class ObserverCreate(ObserverBase):
    pass


class ObserverUpdate(SQLModel):
    full_name: PersonName = left_out()
    nationality: CountryCode = left_out()
    gender: Gender = left_out()
    languages: list[LanguageCode] = left_out(max_length=12)
    expertise: list[Theme] = left_out(max_length=9)
    email: Email = left_out()
    phone: Phone | None = None


class ObserverPublic(ObserverBase):
    id: int
    version: int
