"""Users, their access tokens and the per-account login throttle."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints
from sqlmodel import Field, SQLModel

from eom.db import UtcDateTime, enum_type
from eom.i18n import N_
from eom.security import MIN_PASSWORD_LENGTH


class Role(StrEnum):
    admin = "admin"
    staff = "staff"
    observer = "observer"
    donor = "donor"


# How each role is named to people (catalogue messages).
ROLE_LABELS = {
    Role.admin: N_("administrator"),
    Role.staff: N_("DECO staff"),
    Role.observer: N_("observer"),
    Role.donor: N_("donor"),
}


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
    str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")
]


class UserBase(SQLModel):
    email: Email
    full_name: PersonName
    role: Role = Field(sa_type=enum_type(Role, 20))
    is_active: bool = True


class User(UserBase, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)
    full_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class UserCreate(UserBase):
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=1024)


class UserUpdate(SQLModel):
    full_name: PersonName | None = None
    role: Role | None = None
    is_active: bool | None = None
    password: str | None = Field(default=None, min_length=MIN_PASSWORD_LENGTH, max_length=1024)


class UserPublic(UserBase):
    id: int
    created_at: datetime


class Me(SQLModel):
    id: int
    email: str
    full_name: str
    role: Role


class TokenKind(StrEnum):
    api = "api"
    web = "web"


class AccessToken(SQLModel, table=True):
    """A sign-in: the hash of an opaque token, never the token itself."""

    __tablename__ = "access_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    kind: TokenKind = Field(sa_type=enum_type(TokenKind, 10))
    created_at: datetime = Field(sa_type=UtcDateTime)
    expires_at: datetime = Field(sa_type=UtcDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class LoginThrottle(SQLModel, table=True):
    """Consecutive failed sign-ins for one email, and when it may try again."""

    __tablename__ = "login_throttle"

    email: str = Field(primary_key=True, max_length=320)
    failures: int = 0
    blocked_until: datetime | None = Field(default=None, sa_type=UtcDateTime)


class IssuedToken(SQLModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
