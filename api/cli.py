"""The ``eom`` command line: run the demo, serve, migrate, seed, manage users, verify audit."""

import getpass
import os
import socket
import sys
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
import uvicorn
from pydantic import ValidationError
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from eom.accounts import service as accounts
from eom.accounts.models import Role, UserCreate
from eom.audit import checkpoints
from eom.audit.checkpoints import Anchoring
from eom.audit.service import Actor
from eom.core import csvimport, migrate
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import DomainError, InvalidInput
from eom.core.logs import configure_logging
from eom.core.reference import OAS_MEMBER_STATES, country_name
from eom.core.security import make_password_hasher
from eom.core.settings import Settings, get_settings
from eom.field import stations
from eom.funding import donors, rates
from eom.funding.models import Donor
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from eom.planning.observers import importing
from reports.donor_statement import gather as donor_gather
from reports.donor_statement.render import render_donor_statement
from reports.followup_report import gather as gather_followup
from reports.followup_report.render import render_followup_report
from reports.mission_report import gather
from reports.mission_report.render import render_mission_report
from seed.accounts import DEMO_ACCOUNTS
from seed.loader import STEPS

# Plain help (no markup, no boxes): it reads the same in a terminal, a pipe or a log.
PLAIN: dict[str, Any] = {"no_args_is_help": True, "rich_markup_mode": None}
app = typer.Typer(add_completion=False, help=__doc__, pretty_exceptions_enable=False, **PLAIN)
db_app = typer.Typer(help="The database schema.", **PLAIN)
user_app = typer.Typer(help="Accounts.", **PLAIN)
audit_app = typer.Typer(help="The audit log.", **PLAIN)
import_app = typer.Typer(
    help="Bulk imports from CSV files (UTF-8, UTF-16 or Windows-1252; separated by commas, "
    "semicolons or tabs; the first row names the columns).",
    **PLAIN,
)
report_app = typer.Typer(help="Documents as PDF files.", **PLAIN)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.add_typer(audit_app, name="audit")
app.add_typer(import_app, name="import")
app.add_typer(report_app, name="report")

err = Console(stderr=True, soft_wrap=True)
out = Console()
CLI_ACTOR = Actor(id=None, label=f"cli:{getpass.getuser()}")


def fail(message: str) -> NoReturn:
    """One line on stderr and a non-zero exit."""
    err.print(f"error: {message}", markup=False, highlight=False)
    raise typer.Exit(1)


def _database(settings: Settings) -> Database:
    return Database(settings)


def _require_current(db: Database) -> None:
    if not migrate.is_current(db.engine):
        fail("the database schema is not current: run `eom db upgrade` first")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the newest revision."""
    db = _database(get_settings())
    migrate.upgrade(db.engine)
    out.print(f"database at revision {migrate.current_revision(db.engine)}")


@db_app.command("downgrade")
def db_downgrade(target: Annotated[str, typer.Argument(help="revision, or 'base'")]) -> None:
    """Take the schema back to an earlier revision."""
    db = _database(get_settings())
    migrate.downgrade(db.engine, target)
    out.print(f"database at revision {migrate.current_revision(db.engine) or 'base'}")


def _seed(db: Database, settings: Settings) -> None:
    hasher = make_password_hasher(settings)
    # A spinner only on a terminal: a log file or a pipe gets plain lines.
    spinner = [SpinnerColumn()] if err.is_terminal else []
    with Progress(*spinner, TextColumn("{task.description}"), console=err) as progress:
        for name, step in STEPS:
            task = progress.add_task(f"seeding {name}")

            def show(what: str, task: TaskID = task) -> None:
                progress.update(task, description=f"seeding {what}")

            with db.session_scope() as session:
                created = step(session, hasher, show)
            progress.update(task, description=f"{name}: {created} created")


@app.command()
def seed() -> None:
    """Load the demo data set into the configured database (what exists is kept)."""
    settings = get_settings()
    db = _database(settings)
    _require_current(db)
    _seed(db, settings)


@user_app.command("create")
def user_create(
    email: str,
    role: Annotated[Role, typer.Option(help="admin, staff, observer or donor")],
    name: Annotated[str, typer.Option(help="full name")],
    password: Annotated[str | None, typer.Option(help="prompted for when omitted")] = None,
) -> None:
    """Create an account."""
    settings = get_settings()
    db = _database(settings)
    _require_current(db)
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        data = UserCreate(email=email, full_name=name, role=role, password=password)
    except ValidationError as error:
        first = error.errors()[0]
        fail(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}")
    with db.session_scope() as session:
        user = accounts.create_user(
            session, data, actor=CLI_ACTOR, hasher=make_password_hasher(settings)
        )
    out.print(f"created {user.role} {user.email} (id {user.id})")


@import_app.command("observers")
def import_observers(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Import the roster from CSV: every row is checked first, then all are stored or none;
    a known email updates that observer. Columns: full_name, nationality (two-letter code),
    gender (female, male, non_binary, undisclosed), languages (two-letter codes), expertise
    (theme codes), email, and phone (optional)."""
    db = _database(get_settings())
    _require_current(db)
    text = csvimport.decode(file.read_bytes())
    try:
        with db.session_scope() as session:
            report = importing.import_roster(session, text, actor=CLI_ACTOR)
    except InvalidInput as error:
        _print_rows(error)
        fail(str(error))
    out.print(f"{report.created} observers added, {report.updated} updated")


@import_app.command("stations")
def import_stations(
    mission: Annotated[str, typer.Argument(help="the mission's code (or id)")],
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Import a mission's polling places from CSV: every row is checked first, then all
    are stored or none; a known code updates that station. Columns: region, municipality,
    centre, code, and registered_voters (optional)."""
    db = _database(get_settings())
    _require_current(db)
    text = csvimport.decode(file.read_bytes())
    try:
        with db.session_scope() as session:
            found = _find_mission(session, mission)
            report = stations.import_stations(session, found, text, actor=CLI_ACTOR)
    except InvalidInput as error:
        _print_rows(error)
        fail(str(error))
    out.print(f"{report.created} stations added, {report.updated} updated in {found.code}")


@import_app.command("rates")
def import_rates(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Import exchange rates from CSV: every row is checked first, then all are stored or
    none; a rate already recorded with the same value is skipped. Columns: currency
    (three-letter code), on (YYYY-MM-DD), usd_per_unit (US dollars per unit)."""
    db = _database(get_settings())
    _require_current(db)
    text = csvimport.decode(file.read_bytes())
    try:
        with db.session_scope() as session:
            report = rates.import_rates(session, text, actor=CLI_ACTOR)
    except InvalidInput as error:
        _print_rows(error)
        fail(str(error))
    out.print(f"{report.created} exchange rates added")


def _find_mission(session: Session, code_or_id: str) -> Mission:
    """The mission with this code (or id); a one-line error if there is none."""
    found = missions.find_by_code(session, code_or_id) or (
        missions.get_mission(session, int(code_or_id)) if code_or_id.isdigit() else None
    )
    if found is None:
        fail(f"no mission with the code {code_or_id}")
    return found


def _print_rows(error: InvalidInput) -> None:
    for problem in error.errors:
        _, row, column = problem["loc"]
        err.print(f"  row {row}, {column or '-'}: {problem['msg']}", markup=False)


class Language(StrEnum):
    en = "en"
    es = "es"


def _check_writable(path: Path) -> None:
    folder = path.parent
    if path.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        fail(f"cannot write {path}: not a writable file in an existing folder")


def _step(message: str) -> None:
    err.print(f"report: {message}", markup=False, highlight=False)


Drafts = Annotated[
    bool, typer.Option("--drafts", help="include unpublished recommendations (a staff copy)")
]


def _write_pdf(output: Path, content: bytes) -> None:
    try:
        output.write_bytes(content)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")
    _step(f"wrote {output} ({len(content) // 1024} KB)")


def _language_name(lang: Language) -> str:
    return "Spanish" if lang == Language.es else "English"


@report_app.command("mission")
def report_mission(
    mission: Annotated[str, typer.Argument(help="the mission's code (or id)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the PDF file to write")],
    lang: Annotated[Language, typer.Option(help="the document's language")] = Language.en,
    drafts: Drafts = False,
) -> None:
    """Write a mission's report as a PDF, showing each step on stderr. Only published
    recommendations are in it unless --drafts is given."""
    _check_writable(output)
    db = _database(get_settings())
    _require_current(db)
    with db.session_scope(write=False) as session:
        found = _find_mission(session, mission)
        _step(f"gathering {found.code}: mission, members, timeline, election day")
        value = gather.mission_report(
            session, found, today=utcnow().date(), published_only=not drafts
        )
    _step(f"drawing the PDF in {_language_name(lang)}")
    _write_pdf(output, render_mission_report(value, lang.value))


@report_app.command("followup")
def report_followup(
    country: Annotated[str, typer.Argument(help="the country's alpha-2 code, e.g. PE")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the PDF file to write")],
    lang: Annotated[Language, typer.Option(help="the document's language")] = Language.en,
    drafts: Drafts = False,
) -> None:
    """Write the follow-up report of a country's recommendations as a PDF, showing each
    step on stderr. Only published recommendations are in it unless --drafts is given."""
    _check_writable(output)
    code = country.upper()
    if code not in OAS_MEMBER_STATES:
        fail(f"{country} is not the alpha-2 code of an OAS member state")
    db = _database(get_settings())
    _require_current(db)
    with db.session_scope(write=False) as session:
        _step(f"gathering the recommendations made to {country_name(code)} and their follow-up")
        value = gather_followup.followup_report(
            session, code, today=utcnow().date(), published_only=not drafts
        )
    _step(f"{len(value.recommendations)} recommendations, {len(value.chains)} reiterated")
    _step(f"drawing the PDF in {_language_name(lang)}")
    _write_pdf(output, render_followup_report(value, lang.value))


def _find_donor(session: Session, name_or_id: str) -> Donor:
    """The donor with this exact name (or id); a one-line error if there is none."""
    found = donors.find_by_name(session, name_or_id)
    if found is None and name_or_id.isdigit():
        found = session.get(Donor, int(name_or_id))
    if found is None:
        fail(f"no donor named {name_or_id}")
    return found


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} {text}: not a date (YYYY-MM-DD)")


@report_app.command("donor")
def report_donor(
    donor: Annotated[str, typer.Argument(help="the donor's exact name (or id)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the PDF file to write")],
    start: Annotated[
        str | None, typer.Option("--from", help="first day (YYYY-MM-DD); default: the first")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="last day; default: today")] = None,
    lang: Annotated[Language, typer.Option(help="the document's language")] = Language.en,
) -> None:
    """Write a donor's funding statement for a period as a PDF, showing each step on stderr."""
    first, last = _day(start, "--from"), _day(end, "--to") or utcnow().date()
    try:
        donor_gather.check_period(first, last)
    except DomainError as error:
        fail(str(error))
    _check_writable(output)
    db = _database(get_settings())
    _require_current(db)
    with db.session_scope(write=False) as session:
        found = _find_donor(session, donor)
        _step(f"gathering the contributions of {found.name} and the missions they funded")
        value = donor_gather.donor_statement(
            session, found, start=first, end=last, today=utcnow().date()
        )
    _step(f"drawing the PDF in {'Spanish' if lang == Language.es else 'English'}")
    content = render_donor_statement(value, lang.value)
    try:
        output.write_bytes(content)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")
    _step(
        f"wrote {output} ({len(value.contributions)} contributions, "
        f"{len(value.missions)} missions, {len(content) // 1024} KB)"
    )


@audit_app.command("checkpoint")
def audit_checkpoint(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="the checkpoints file to append to (EOM_AUDIT_CHECKPOINTS)"
        ),
    ] = None,
) -> None:
    """Sign the head of every hash chain with the key of EOM_AUDIT_KEY_FILE (made on first
    use, never in the database) and append the checkpoint to the checkpoints file; print
    its digest, to publish or keep apart. A log already broken is refused. Run it
    regularly, e.g. from cron: 0 * * * * eom audit checkpoint"""
    settings = get_settings()
    anchoring = Anchoring.of(settings)
    anchoring = replace(anchoring, checkpoints=output or anchoring.checkpoints)
    db = _database(settings)
    _require_current(db)
    new_key = not anchoring.key_file.exists()
    try:
        with db.session_scope(write=False) as session:
            made, appended = checkpoints.checkpoint(session, anchoring)
    except OSError as error:
        fail(f"cannot write {error.filename}: {error.strerror}")
    if new_key:
        public = checkpoints.public_key_path(anchoring.key_file)
        err.print(
            f"made the signing key {anchoring.key_file}; keep a copy of its public key"
            f" {public} apart, to verify with --public-key",
            markup=False,
            highlight=False,
        )
    heads = f"{len(made.heads)} chains, {sum(seq for seq, _ in made.heads.values())} entries"
    if appended:
        said = f"checkpoint {made.number} appended to {anchoring.checkpoints}: {heads}"
    else:
        said = f"no chain moved since checkpoint {made.number} of {anchoring.checkpoints} ({heads})"
    out.print(said, markup=False, highlight=False, soft_wrap=True)
    out.print(f"digest {made.digest}", markup=False, highlight=False, soft_wrap=True)


@audit_app.command("verify")
def audit_verify(
    checkpoints_file: Annotated[
        Path | None,
        typer.Option(
            "--checkpoints", help="the signed checkpoints to check against (EOM_AUDIT_CHECKPOINTS)"
        ),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(
            help="the public key that checks them (EOM_AUDIT_PUBLIC_KEY, else the signing key's)"
        ),
    ] = None,
    digest: Annotated[
        str | None,
        typer.Option(help="a checkpoint's digest published earlier: the file must still hold it"),
    ] = None,
) -> None:
    """Walk every hash chain of the audit log and check that it still holds what each
    signed checkpoint pinned; exit 1 naming the first problem (a chain shortened, dropped
    or emptied since a checkpoint is broken, not intact)."""
    settings = get_settings()
    anchoring = Anchoring.of(settings)
    anchoring = replace(
        anchoring,
        checkpoints=checkpoints_file or anchoring.checkpoints,
        public_key_file=public_key or anchoring.public_key_file,
        digest=digest,
    )
    db = _database(settings)
    _require_current(db)
    with db.session_scope(write=False) as session:
        found = checkpoints.verify(session, anchoring)
    if found.problems:
        fail(f"audit log broken at {found.problems[0]} ({len(found.problems)} problem(s) in all)")
    if found.latest is None:
        out.print(f"audit log intact: {found.checked} entries verified")
        err.print(
            "warning: no signed checkpoint anchors the log, so whoever can write to the"
            " database could have rewritten it unseen: run `eom audit checkpoint`",
            markup=False,
            highlight=False,
        )
        return
    out.print(
        f"audit log intact: {found.checked} entries verified against"
        f" {len(found.checkpoints)} signed checkpoint(s), the latest at"
        f" {found.latest.at:%Y-%m-%d %H:%M:%S} UTC (digest {found.latest.digest})",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def _print_demo(url: str) -> None:
    out.print(f"\nEOM is running at [bold]{url}[/bold]  (API docs: {url}/docs)\n")
    out.print("Demo accounts (email / password):")
    for email, _, role, password in DEMO_ACCOUNTS:
        out.print(f"  {role.value:<9} {email:<24} {password}")
    out.print()


@app.command()
def demo(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
) -> None:
    """Create and migrate the database, load the demo data, and serve it."""
    settings = get_settings()
    db = _database(settings)
    migrate.upgrade(db.engine)
    _seed(db, settings)
    db.dispose()
    host, port = host or settings.host, port or settings.port
    _check_free(host, port)
    _print_demo(f"http://{host}:{port}")
    from api.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", log_config=None)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
    workers: Annotated[int, typer.Option(min=1, help="processes")] = 1,
) -> None:
    """Serve the API and the pages."""
    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    _check_free(host, port)
    db = _database(settings)
    if not migrate.is_current(db.engine):
        err.print("warning: the database schema is not current: run `eom db upgrade`")
    db.dispose()
    # Each worker, once started, freezes what it loaded out of the collector's sight
    # (``api.app.settle``); a deployment may say otherwise in its environment.
    os.environ.setdefault("EOM_FREEZE_AT_STARTUP", "true")
    get_settings.cache_clear()  # a single worker is this process: it reads them again
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,  # logging is EOM's own (eom.core.logs), in every worker
    )


def _check_free(host: str, port: int) -> None:
    """One line, before any work, when another program already listens on the port."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            fail(f"cannot listen on {host}:{port}: {error.strerror}; choose another with --port")


def main() -> None:
    """Entry point: every expected failure is one line on stderr and a non-zero exit."""
    try:
        settings = get_settings()
        configure_logging(settings.log_format, settings.log_level)
        code = app(standalone_mode=False)
    except typer.Abort:
        fail_line("aborted", 130)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except typer.TyperException as error:  # usage errors: unknown command, bad option
        fail_line(" ".join(error.format_message().split()), error.exit_code)
    except DomainError as error:
        fail_line(str(error))
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        fail_line(f"database: {str(cause).splitlines()[0]}")
    except ValidationError as error:
        first = error.errors()[0]
        fail_line(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}")
    sys.exit(code if isinstance(code, int) else 0)


def fail_line(message: str, code: int = 1) -> NoReturn:
    err.print(f"error: {message}", markup=False, highlight=False)
    sys.exit(code)


if __name__ == "__main__":
    main()
