"""The kinds of problem EOM answers with: each refusal's stable, machine-readable name.

A problem document's ``type`` is ``/problems/{kind}`` (a URI reference resolved against
the server, which serves each kind's page there), so a client tells "not deployed" from
"form not published" without reading the English of ``detail``. A kind, once published,
keeps its name and meaning; new ones may be added. A domain error names its kind
(``Conflict(..., problem="uuid-reused")``), or takes its class's; an answer made by the
framework takes its status's.
"""

from dataclasses import dataclass

from eom.core.i18n import N_

PATH = "/problems"


@dataclass(frozen=True)
class ProblemKind:
    """What a kind of problem means: its HTTP status, its title and a sentence saying when
    it is answered (both catalogue messages)."""

    status: int
    title: str
    meaning: str


KINDS: dict[str, ProblemKind] = {
    # --- answered for any request: a status's general kind -----------------------------
    "bad-request": ProblemKind(
        400,
        N_("Bad request"),
        N_("The request cannot be read: its body is not valid JSON, say."),
    ),
    "not-authenticated": ProblemKind(
        401,
        N_("Not authenticated"),
        N_("No valid credentials came with the request: sign in, or sign in again."),
    ),
    "invalid-credentials": ProblemKind(
        401,
        N_("Not authenticated"),
        N_("The email or the password is wrong (never saying which)."),
    ),
    "totp-required": ProblemKind(
        401,
        N_("Code required"),
        N_(
            "The password is right and the account has two-factor sign-in: send it again with "
            "a code of the authenticator app, or a recovery code, in totp."
        ),
    ),
    "totp-invalid": ProblemKind(
        401,
        N_("Not authenticated"),
        N_(
            "The code in totp is not right, was already used, or is a spent recovery code; it "
            "counts as a failed sign-in."
        ),
    ),
    "forbidden": ProblemKind(
        403,
        N_("Forbidden"),
        N_("The caller is known but may not do this."),
    ),
    "not-found": ProblemKind(
        404,
        N_("Not found"),
        N_("The record does not exist, or the caller may not know that it does."),
    ),
    "method-not-allowed": ProblemKind(
        405,
        N_("Method not allowed"),
        N_("The address does not take this method; Allow names those it takes."),
    ),
    "conflict": ProblemKind(
        409,
        N_("Conflict"),
        N_("The request contradicts the current state of the records."),
    ),
    "invalid-transition": ProblemKind(
        409,
        N_("Step not allowed"),
        N_(
            "A lifecycle step that the record's current state does not allow; the detail names "
            "the allowed ones."
        ),
    ),
    "gone": ProblemKind(
        410,
        N_("No longer available"),
        N_("The record existed but no longer serves (a used or expired one-time link)."),
    ),
    "stale-version": ProblemKind(
        412,
        N_("Precondition failed"),
        N_(
            "The record changed since the caller read it (If-Match names an older version): "
            "read it again."
        ),
    ),
    "too-large": ProblemKind(
        413,
        N_("Content too large"),
        N_("What was sent is larger than the service takes."),
    ),
    "unsupported-format": ProblemKind(
        415,
        N_("Unsupported media type"),
        N_(
            "What was sent is not of a kind the service takes (judged by its content, not its "
            "name)."
        ),
    ),
    "invalid-input": ProblemKind(
        422,
        N_("Invalid input"),
        N_("The request breaks a rule; errors names each field and why."),
    ),
    "too-many-requests": ProblemKind(
        429,
        N_("Too many requests"),
        N_("The caller must wait before asking again: Retry-After says how long."),
    ),
    "server-error": ProblemKind(
        500,
        N_("Internal server error"),
        N_(
            "Something went wrong on the server's side; it has been logged with the request's "
            "X-Request-ID."
        ),
    ),
    "unavailable": ProblemKind(
        503,
        N_("Service unavailable"),
        N_("The database is busy or unreachable: try again after Retry-After."),
    ),
    # --- planning ----------------------------------------------------------------------
    "duplicate-code": ProblemKind(
        409,
        N_("Code taken"),
        N_("Another mission already has this code."),
    ),
    "missing-agreements": ProblemKind(
        409,
        N_("Agreements missing"),
        N_("The step needs both agreements with the host country recorded first."),
    ),
    "missing-document": ProblemKind(
        409,
        N_("Document missing"),
        N_(
            "The step needs the mission's document published first: the preliminary "
            "statement for the preliminary report, the final report for the final report."
        ),
    ),
    "sections-pending": ProblemKind(
        409,
        N_("Sections not accepted"),
        N_("A document goes to review once every one of its sections is accepted."),
    ),
    "national-observer": ProblemKind(
        409,
        N_("National of the host country"),
        N_("An observer cannot observe the elections of a country whose national they are."),
    ),
    "already-member": ProblemKind(
        409,
        N_("Already a member"),
        N_("The observer is already a member of this mission."),
    ),
    "conduct-not-acknowledged": ProblemKind(
        409,
        N_("Code of conduct not acknowledged"),
        N_("The member must acknowledge every item of the code of conduct before this step."),
    ),
    "deployment-overlap": ProblemKind(
        409,
        N_("Deployed elsewhere"),
        N_("The observer is deployed with another mission on some of the same days."),
    ),
    # --- field reporting ---------------------------------------------------------------
    "not-deployed": ProblemKind(
        403,
        N_("Not deployed"),
        N_("Only a deployed member of the mission may report for it."),
    ),
    "closed-to-filings": ProblemKind(
        409,
        N_("Mission closed to reports"),
        N_(
            "The mission's final report is out (or it was cancelled): it takes no more reports "
            "and its figures are final."
        ),
    ),
    "uuid-reused": ProblemKind(
        409,
        N_("Identifier already used"),
        N_(
            "A record with this uuid was already received with other content; a retry must send"
            " the same content."
        ),
    ),
    "uuid-taken": ProblemKind(
        409,
        N_("Identifier taken"),
        N_(
            "Another person's record already has this uuid; a device makes a new uuid for each"
            " record it files."
        ),
    ),
    "already-corrected": ProblemKind(
        409,
        N_("Already corrected"),
        N_("The submission was already corrected: correct the correction instead."),
    ),
    "form-not-published": ProblemKind(
        422,
        N_("Form not published"),
        N_("The form named is not a published form of this mission."),
    ),
    "answers-do-not-fit": ProblemKind(
        422,
        N_("Answers do not fit the form"),
        N_("The answers break the rules of the form's version; errors names each question."),
    ),
    "station-not-assigned": ProblemKind(
        422,
        N_("Station not yours"),
        N_(
            "The member was not sent to this polling station (and the mission does not let them"
            " file for any station of their area)."
        ),
    ),
    "not-a-station-of-mission": ProblemKind(
        422,
        N_("Unknown station"),
        N_("The station named is not a polling station of this mission."),
    ),
    "observed-ahead-of-clock": ProblemKind(
        422,
        N_("Observed in the future"),
        N_("The observation time is more than ten minutes ahead of the server's clock."),
    ),
    "observed-outside-dates": ProblemKind(
        422,
        N_("Outside the dates"),
        N_("The observation falls outside the mission's days, or the member's own."),
    ),
    "dated-after-today": ProblemKind(
        422,
        N_("Dated after today"),
        N_("The day given is after today: a report is sent after what it reports."),
    ),
    "not-core-team": ProblemKind(
        403,
        N_("Not of the core team"),
        N_(
            "Only a deployed member of the mission's core team, or one of its coordinators, "
            "files its meetings with interlocutors."
        ),
    ),
}

# The kind an answer takes from its status when nothing more precise is known.
BY_STATUS: dict[int, str] = {
    400: "bad-request",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    410: "gone",
    412: "stale-version",
    413: "too-large",
    415: "unsupported-format",
    422: "invalid-input",
    429: "too-many-requests",
    500: "server-error",
    503: "unavailable",
}


def type_uri(kind: str) -> str:
    """The ``type`` of a problem document of this kind."""
    return f"{PATH}/{kind}"


def kind_of_status(status: int) -> str:
    return BY_STATUS.get(status, "bad-request" if status < 500 else "server-error")
