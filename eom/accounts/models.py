"""Users, their access tokens, their password reset links, their second factor (a TOTP
secret and its recovery codes) and the per-account login throttle."""

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import model_validator
from sqlmodel import Field, SQLModel

from eom.accounts.passwords import Password
from eom.core.db import UtcDateTime, enum_type
from eom.core.errors import RuleBroken
from eom.core.i18n import N_
from eom.core.inputs import left_out
from eom.core.text import Email, PersonName


class Role(StrEnum):
    admin = "admin"
    staff = "staff"
    observer = "observer"
    donor = "donor"


# How each role is named to people (catalogue messages).
ROLE_LABELS = {
    Role.admin: N_("Administrator"),
    Role.staff: N_("DECO staff"),
    Role.observer: N_("Observer"),
    Role.donor: N_("Donor"),
}


class UserBase(SQLModel):
    email: Email
    full_name: PersonName
    role: Role = Field(sa_type=enum_type(Role, 20))
    is_active: bool = True


class User(UserBase, table=True):
    __tablename__ = "user_account"
    __audit_type__ = "user"
    __audit_secrets__ = ("password_hash",)

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)
    full_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class UserCreate(UserBase):
    password: Password


class UserUpdate(SQLModel):
    full_name: PersonName = left_out()
    role: Role = left_out()
    is_active: bool = left_out()
    password: Password = left_out()


class UserPublic(UserBase):
    id: int
    created_at: datetime


class ActorPublic(SQLModel):
    """Who recorded or verified a record, as anyone shown that record may know: a name and
    a role, never an email."""

    name: str
    role: str = Field(description="staff, admin, or system for a change EOM made itself")


class Me(SQLModel):
    id: int
    email: str
    full_name: str
    role: Role


class TokenKind(StrEnum):
    api = "api"
    web = "web"
    # A phone's sign-in for field work: lasts a long day and is refreshed while online.
    device = "device"


class AccessToken(SQLModel, table=True):
    """A sign-in: the hash of an opaque token, never the token itself."""

    __tablename__ = "access_token"
    __audit_secrets__ = ("token_hash",)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    kind: TokenKind = Field(sa_type=enum_type(TokenKind, 10))
    created_at: datetime = Field(sa_type=UtcDateTime)
    expires_at: datetime = Field(sa_type=UtcDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # When a web session last opened a page (to the minute): one unused for longer than
    # EOM_SESSION_IDLE_MINUTES ends. None until first used after signing in.
    last_used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # The browser or program that signed in, as it named itself: for its owner to tell
    # their sessions apart.
    user_agent: str | None = Field(default=None, max_length=300)


class SessionPublic(SQLModel):
    """One of the caller's sessions that still works, as they see it in their list."""

    id: int
    kind: TokenKind
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    user_agent: str | None
    current: bool = Field(description="the session of this very request")


class LoginThrottle(SQLModel, table=True):
    """Consecutive failed sign-ins for one email, and when it may try again."""

    __tablename__ = "login_throttle"

    email: str = Field(primary_key=True, max_length=320)
    failures: int = 0
    blocked_until: datetime | None = Field(default=None, sa_type=UtcDateTime)


# How long a password reset link works once made.
RESET_LINK_LIFETIME = timedelta(hours=24)


class PasswordReset(SQLModel, table=True):
    """A one-time link to set a new password, made by an administrator: the hash of its
    random token, never the token. It ends when used, when a newer link for the same
    account replaces it (``revoked_at``) or when it expires."""

    __tablename__ = "password_reset"
    __audit_secrets__ = ("token_hash",)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_type=UtcDateTime)
    expires_at: datetime = Field(sa_type=UtcDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class PasswordResetLink(SQLModel):
    """A new reset link, shown once: whoever holds it may set the account's password."""

    user_id: int
    url: str
    expires_at: datetime
    emailed: bool = Field(default=False, description="sent by email to the account's address")


class NewPassword(SQLModel):
    """A new password, typed twice, under the rules every password follows."""

    password: Password
    password_again: str = Field(max_length=1024)

    @model_validator(mode="after")
    def typed_the_same_twice(self) -> "NewPassword":
        if self.password != self.password_again:
            raise RuleBroken("password_again", N_("The two passwords differ."))
        return self


class PasswordChange(NewPassword):
    """A person's new password for their own account, with the one they have now: a
    session left open on someone else's screen cannot take the account over."""

    current_password: str = Field(max_length=1024)


class TotpCredential(SQLModel, table=True):
    """A person's second factor: the TOTP secret their authenticator app holds, encrypted
    with a key the database does not hold (``totp.seal``), and the last time step a code
    was accepted for, so that a code is never accepted twice."""

    __tablename__ = "totp_credential"
    __audit_secrets__ = ("secret",)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", unique=True)
    secret: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UtcDateTime)
    last_used_step: int | None = None


class RecoveryCode(SQLModel, table=True):
    """One of the ten one-time codes that stand in for the authenticator app: a salted
    SHA-256 of it, never the code. Spent once used."""

    __tablename__ = "recovery_code"
    __audit_secrets__ = ("code_hash",)

    id: int | None = Field(default=None, primary_key=True)
    credential_id: int = Field(foreign_key="totp_credential.id", index=True)
    code_hash: str = Field(max_length=100)
    used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class IssuedToken(SQLModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the token expires")
    expires_at: datetime = Field(description="when the token expires (UTC)")
    kind: TokenKind = Field(description="api, or device for a phone's session")


class SignedOut(SQLModel):
    """An account signed out everywhere: how many of its sessions were still live."""

    user_id: int
    revoked: int
