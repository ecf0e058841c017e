"""Code-of-conduct versions and items, and each member's acknowledgements of them."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints
from sqlalchemy import CheckConstraint, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from eom.core.db import UtcDateTime, enum_type
from eom.core.inputs import Id


class ItemKind(StrEnum):
    obligation = "obligation"
    pledge = "pledge"
    declaration = "declaration"


ItemText = Annotated[str, StringConstraints(min_length=3, max_length=2000, pattern=r"^[^\x00]+$")]
ItemKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,59}$")]


class ConductVersion(SQLModel, table=True):
    """A published version of the code; the one with the highest number is in force."""

    __tablename__ = "conduct_version"

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    published_at: datetime = Field(sa_type=UtcDateTime)
    published_by: str = Field(max_length=320)


class ItemBase(SQLModel):
    key: ItemKey = Field(max_length=60)
    kind: ItemKind = Field(sa_type=enum_type(ItemKind, 20))
    text_en: ItemText = Field(sa_type=Text)
    text_es: ItemText = Field(sa_type=Text)


class ConductItem(ItemBase, table=True):
    """One item: of a version of the code (for everyone) or of one mission (its own)."""

    __tablename__ = "conduct_item"
    __table_args__ = (
        CheckConstraint("(version_id IS NULL) <> (mission_id IS NULL)", name="version_or_mission"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version_id: int | None = Field(default=None, foreign_key="conduct_version.id", index=True)
    mission_id: int | None = Field(default=None, foreign_key="mission.id", index=True)
    position: int
    key: str = Field(max_length=60)
    text_en: str = Field(sa_type=Text)
    text_es: str = Field(sa_type=Text)


class ItemCreate(ItemBase):
    pass


class VersionCreate(SQLModel):
    items: list[ItemCreate] = Field(min_length=2, max_length=60)


class ItemPublic(ItemBase):
    id: int
    position: int
    mission_id: int | None


class VersionPublic(SQLModel):
    number: int
    published_at: datetime
    items: list[ItemPublic]


class Acknowledgement(SQLModel, table=True):
    """A member's acknowledgement of one item: who, which item of which version, when."""

    __table_args__ = (UniqueConstraint("member_id", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="mission_member.id", index=True)
    item_id: int = Field(foreign_key="conduct_item.id")
    acknowledged_at: datetime = Field(sa_type=UtcDateTime)


class AcknowledgeRequest(SQLModel):
    item_ids: list[Id] = Field(min_length=1, max_length=100)


class ItemStatus(ItemPublic):
    acknowledged_at: datetime | None


class MemberConduct(SQLModel):
    """Where a member stands with the code in force: every item, and whether all are done."""

    member_id: int
    version: int
    items: list[ItemStatus]
    complete: bool
