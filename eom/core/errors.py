"""Domain errors: they say what went wrong in the domain's words, never an HTTP status.

Each message is an English template with named fields; ``api/errors.py`` translates
the template through the message catalogue and fills in the fields.
"""

from typing import Any

from pydantic import BaseModel

from eom.core import problems
from eom.core.i18n import N_


class FieldError(BaseModel):
    """One refused field: where it is (``loc``, the path into the body, such as
    ``["answers", "q3"]``) and why (``msg``)."""

    loc: list[str | int]
    msg: str


class RuleBroken(ValueError):
    """A model validator's refusal that names the field it is about, so that a form can
    show it beside that field, translated (``template`` is a catalogue message)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.template = message
        super().__init__(message)


class DomainError(Exception):
    """Base of every error that a service raises on purpose. ``problem`` names its kind
    (a key of ``problems.KINDS``) when it is more precise than its class's ``kind``."""

    kind = "bad-request"

    def __init__(self, message: str, *, problem: str | None = None, **params: Any) -> None:
        if problem is not None:
            if problem not in problems.KINDS:
                raise ValueError(f"{problem} is not a kind of problems.KINDS")
            self.kind = problem
        self.template = message
        self.params = params
        super().__init__(message.format(**params) if params else message)


class NotFound(DomainError):
    """The record does not exist, or the caller may not know that it does."""

    kind = "not-found"


class Conflict(DomainError):
    """The request contradicts the current state of the records."""

    kind = "conflict"


class InvalidTransition(Conflict):
    """A lifecycle step that the current state does not allow."""

    kind = "invalid-transition"


class Gone(DomainError):
    """The record existed but no longer serves (a used or expired one-time link)."""

    kind = "gone"


class TooLarge(DomainError):
    """What was sent is larger than the service takes (a file past its size limit)."""

    kind = "too-large"


class UnsupportedFormat(DomainError):
    """What was sent is not of a kind the service takes (a file's content, not its name)."""

    kind = "unsupported-format"


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    kind = "forbidden"


class NotAuthenticated(DomainError):
    """No valid credentials came with the request."""

    kind = "not-authenticated"


class InvalidCredentials(NotAuthenticated):
    """The email or the password is wrong (never saying which)."""

    kind = "invalid-credentials"


class TooManyAttempts(DomainError):
    """Sign-in is slowed down for this account; try again after ``retry_after`` seconds."""

    kind = "too-many-requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            N_("Too many failed sign-in attempts. Try again in {seconds} seconds."),
            seconds=retry_after,
        )
        self.retry_after = retry_after


class StaleVersion(DomainError):
    """The record changed since the caller read it (a stale ``If-Match``)."""

    kind = "stale-version"


def check_version(current: int, expected: int | None) -> None:
    """Refuse a change made from a stale read: ``expected`` is the version the caller saw
    (from ``If-Match``); None means the caller did not say."""
    if expected is not None and expected != current:
        raise StaleVersion(
            "The record changed since you read it (version {current}, not {expected}).",
            current=current,
            expected=expected,
        )


class InvalidInput(DomainError):
    """Input that passed parsing but breaks a domain rule, with per-field reasons."""

    kind = "invalid-input"

    def __init__(
        self,
        message: str,
        errors: list[dict[str, Any]] | None = None,
        *,
        problem: str | None = None,
        **params: Any,
    ):
        super().__init__(message, problem=problem, **params)
        self.errors = errors or []
