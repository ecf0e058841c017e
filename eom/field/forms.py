"""Checklist forms: drafts, publishing (which freezes a version), revisions, and
checking a set of answers against a version."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, bindparam
from sqlalchemy import select as sa_select
from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import Session, col, func, select

from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.clock import utcnow
from eom.core.errors import Conflict, NotFound
from eom.core.reference import Theme
from eom.field.models import (
    NUMBER_LIMIT,
    Form,
    FormCreate,
    FormScope,
    FormStatus,
    Phase,
    Question,
    QuestionType,
)
from eom.field.standard_forms import FIELD_INSTRUMENTS, STANDARD_CHECKLISTS, Checklist
from eom.field.standard_forms import Question as StandardQuestion
from eom.planning.missions.models import Mission
from eom.planning.missions.service import chain_of


def get_form(session: Session, mission: Mission, form_id: int) -> Form:
    form = session.get(Form, form_id)
    if form is None or form.mission_id != mission.id:
        raise NotFound("No form {form_id} in this mission.", form_id=form_id)
    return form


# A form version's questions as a column to leave unread (``defer``) until they are needed.
QUESTIONS = cast(QueryableAttribute[Any], Form.questions)


def list_forms(
    session: Session, mission: Mission, *, published_only: bool = False, questions: bool = True
) -> list[Form]:
    """The mission's form versions by key and version; without ``questions`` these are
    read only if ``questions_of`` needs them (a published version's are kept in memory)."""
    query = select(Form).where(Form.mission_id == mission.id)
    if not questions:
        query = query.options(defer(QUESTIONS))
    if published_only:
        query = query.where(Form.status == FormStatus.published)
    return list(session.exec(query.order_by(col(Form.key), col(Form.version))))


def ids_of_theme(mission: Mission, theme: Theme) -> Select[tuple[int]]:
    """The query of the ids of the mission's forms of this theme (any version), for a
    filing's ``form_id`` to be in."""
    return sa_select(_FORMS.c.id).where(_FORMS.c.mission_id == mission.id, _FORMS.c.theme == theme)


def create_form(session: Session, mission: Mission, data: FormCreate, *, actor: Actor) -> Form:
    """A draft: version 1 of a new checklist, or the next version of a known one."""
    latest = session.exec(
        select(func.max(Form.version)).where(Form.mission_id == mission.id, Form.key == data.key)
    ).one()
    form = Form(
        mission_id=mission.id or 0,
        key=data.key,
        phase=data.phase,
        title_en=data.title_en,
        title_es=data.title_es,
        scope=data.scope,
        theme=data.theme,
        version=(latest or 0) + 1,
        questions=[q.model_dump(mode="json") for q in data.questions],
        created_at=utcnow(),
    )
    return audit.created(session, form, actor=actor, chain=chain_of(form.mission_id))


def revise_form(
    session: Session, mission: Mission, form: Form, data: FormCreate, *, actor: Actor
) -> Form:
    """Change a draft in place; a published version is frozen, so a new draft version is made."""
    if data.key != form.key:
        raise Conflict("A revision keeps the form's key ({key}).", key=form.key)
    if form.status == FormStatus.published:
        return create_form(session, mission, data, actor=actor)
    with audit.changing(session, form, actor=actor, chain=chain_of(form.mission_id)):
        form.phase, form.title_en, form.title_es = data.phase, data.title_en, data.title_es
        form.scope, form.theme = data.scope, data.theme
        form.questions = [q.model_dump(mode="json") for q in data.questions]
    return form


def publish_form(session: Session, form: Form, *, actor: Actor) -> Form:
    """Freeze this version: observers may now answer it, and it never changes again."""
    if form.status == FormStatus.published:
        raise Conflict(
            "Version {version} of {key} is already published.", version=form.version, key=form.key
        )
    with audit.changing(
        session, form, actor=actor, chain=chain_of(form.mission_id), action="publish"
    ):
        form.status, form.published_at = FormStatus.published, utcnow()
    return form


# Building a draft from the pages: each change makes the whole new definition and stores
# it with ``revise_form``, so that every rule of a form is the one of ``FormCreate``.


def definition_of(form: Form) -> FormCreate:
    """A stored version as the definition it was made from."""
    return FormCreate.model_validate(
        {
            "key": form.key,
            "phase": form.phase,
            "title_en": form.title_en,
            "title_es": form.title_es,
            "scope": form.scope,
            "theme": form.theme,
            "questions": form.questions,
        }
    )


def check_draft(form: Form) -> None:
    if form.status == FormStatus.published:
        raise Conflict(
            "Version {version} of {key} is published and never changes: make a new version.",
            version=form.version,
            key=form.key,
        )


def _with_questions(form: Form, questions: list[Question]) -> FormCreate:
    """The form's definition with these questions, checked by ``FormCreate``'s rules."""
    definition = definition_of(form).model_dump()
    return FormCreate.model_validate({**definition, "questions": questions})


def change_draft(
    session: Session,
    mission: Mission,
    form: Form,
    *,
    questions: list[Question],
    actor: Actor,
) -> Form:
    """Store the draft with this list of questions (added, edited, moved or removed)."""
    check_draft(form)
    return revise_form(session, mission, form, _with_questions(form, questions), actor=actor)


def question_index(form: Form, question_id: str) -> int:
    for n, question in enumerate(form.questions):
        if question["id"] == question_id:
            return n
    raise NotFound("No question {question_id} in this form.", question_id=question_id)


def id_from(text: str, taken: set[str]) -> str:
    """A question id made from its English text ("Did the station open on time?" →
    ``did_the_station_open_on``), unique among ``taken``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)[:5] or ["question"]
    base = "_".join(words)[:50]
    if not base[0].isalpha():
        base = f"q_{base}"[:50]
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}_{n}"
    return found


def moved(questions: list[Question], index: int, offset: int) -> list[Question]:
    """The questions with the one at ``index`` moved ``offset`` places (kept in bounds)."""
    target = max(0, min(len(questions) - 1, index + offset))
    reordered = list(questions)
    reordered.insert(target, reordered.pop(index))
    return reordered


def new_version(session: Session, mission: Mission, form: Form, *, actor: Actor) -> Form:
    """A draft of the next version of a published form, to change it."""
    return create_form(session, mission, definition_of(form), actor=actor)


def standard_form(checklist: Checklist) -> FormCreate:
    """A checklist of the standard set as a form definition."""
    return FormCreate.model_validate(
        {
            "key": checklist.key,
            "phase": checklist.phase,
            "title_en": checklist.title_en,
            "title_es": checklist.title_es,
            "scope": checklist.scope,
            "theme": checklist.theme,
            "questions": [_standard_question(q) for q in checklist.questions],
        }
    )


def _standard_question(question: StandardQuestion) -> dict[str, Any]:
    return {
        "id": question.id,
        "text_en": question.text_en,
        "text_es": question.text_es,
        "type": question.type,
        "required": question.required,
        "minimum": question.minimum,
        "maximum": question.maximum,
        "key": question.key,
        "choices": [
            {"value": v, "label_en": en, "label_es": es, "concern": v in question.concern}
            for v, en, es in question.choices
        ],
        "concern_answer": question.concern[0]
        if question.type == "yes_no" and question.concern
        else None,
    }


def _copy(
    session: Session, mission: Mission, definitions: list[FormCreate], *, actor: Actor
) -> tuple[list[Form], list[str]]:
    """Drafts of these definitions in the mission; a key the mission already has is left
    out (its own forms are never overwritten). The drafts made, and the keys left out."""
    known = {f.key for f in list_forms(session, mission)}
    made = [
        create_form(session, mission, d, actor=actor) for d in definitions if d.key not in known
    ]
    return made, [d.key for d in definitions if d.key in known]


def copy_standard_set(
    session: Session, mission: Mission, *, actor: Actor
) -> tuple[list[Form], list[str]]:
    """The standard checklists (opening, voting, closing, counting, incident), the
    long-term observers' report and the thematic instruments, as drafts."""
    definitions = [standard_form(c) for c in (*STANDARD_CHECKLISTS, *FIELD_INSTRUMENTS)]
    return _copy(session, mission, definitions, actor=actor)


def copy_forms(
    session: Session, mission: Mission, source: Mission, *, actor: Actor
) -> tuple[list[Form], list[str]]:
    """The latest version of each of ``source``'s forms as drafts of ``mission``."""
    if source.id == mission.id:
        raise Conflict("Choose another mission to copy its forms from.")
    latest: dict[str, Form] = {}
    for form in list_forms(session, source):
        latest[form.key] = form  # ordered by version: the last one wins
    definitions = [definition_of(f) for f in latest.values()]
    return _copy(session, mission, definitions, actor=actor)


@dataclass(frozen=True)
class PublishedForm:
    """What a submission needs of the published form it answers."""

    id: int
    key: str
    version: int
    phase: Phase
    scope: FormScope
    questions: tuple[Question, ...]


_FORMS = Form.__table__  # type: ignore[attr-defined]
_FORM_HEAD = sa_select(  # everything but the questions, which are parsed once per process
    _FORMS.c.mission_id,
    _FORMS.c.key,
    _FORMS.c.version,
    _FORMS.c.phase,
    _FORMS.c.scope,
    _FORMS.c.status,
    _FORMS.c.published_at,
).where(_FORMS.c.id == bindparam("form_id"))


def published_form(session: Session, mission: Mission, form_id: int) -> PublishedForm | None:
    """The form if it is a published form of the mission, else None. The submission hot
    path: the questions are read and parsed only the first time a version is seen."""
    head = session.connection().execute(_FORM_HEAD, {"form_id": form_id}).first()
    if head is None:
        return None
    mission_id, key_, version, phase, scope, status, published_at = head
    if mission_id != mission.id or status != FormStatus.published:
        return None
    key = (form_id, version, published_at)
    questions = _PUBLISHED.get(key)
    if questions is None:
        form = session.get(Form, form_id)
        assert form is not None, "the form read a moment ago is still there"
        questions = tuple(questions_of(form))
    return PublishedForm(form_id, key_, version, phase, scope, questions)


def questions_of(form: Form) -> list[Question]:
    """The form's questions as models; a published version's are parsed once per process,
    since it never changes."""
    if form.status == FormStatus.published and form.published_at is not None:
        # The moment of publishing tells this version apart from any other row that
        # reuses its id (in another database, or after a test empties the tables).
        key = (form.id, form.version, form.published_at)
        cached = _PUBLISHED.get(key)
        if cached is None:
            cached = _PUBLISHED[key] = tuple(Question.model_validate(q) for q in form.questions)
        return list(cached)
    return [Question.model_validate(q) for q in form.questions]


_PUBLISHED: dict[tuple[int | None, int, datetime], tuple[Question, ...]] = {}


# What an answer may be, written once for the server's check (``answer_errors``) and the
# JSON Schema the devices check with (``answers_schema``).
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_TIME = re.compile(TIME_PATTERN.removeprefix("^").removesuffix("$"))  # ASCII digits only
MAX_TEXT = 2000


def _check_value(question: Question, value: Any) -> str | None:
    """Why the value does not answer the question, or None if it does."""
    kind = question.type
    if kind == QuestionType.yes_no:
        return None if isinstance(value, bool) else "expected true or false"
    if kind == QuestionType.integer:
        return _check_integer(question, value)
    allowed = {c.value for c in question.choices}
    if kind == QuestionType.single_choice:
        ok = isinstance(value, str) and value in allowed
        return None if ok else f"expected one of: {', '.join(sorted(allowed))}"
    if kind == QuestionType.multiple_choice:
        return _check_choices(allowed, value)
    if kind == QuestionType.time:
        ok = isinstance(value, str) and _TIME.fullmatch(value) is not None
        return None if ok else "expected a time as HH:MM"
    ok = isinstance(value, str) and 0 < len(value) <= MAX_TEXT and "\x00" not in value
    return None if ok else f"expected text of up to {MAX_TEXT} characters"


def _check_integer(question: Question, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "expected a whole number"
    low, high = _bounds(question)
    if value < low:
        return f"below the minimum of {low}"
    if value > high:
        return f"above the maximum of {high}"
    return None


def _bounds(question: Question) -> tuple[int, int]:
    """The least and the greatest answer a number question takes."""
    low = -NUMBER_LIMIT if question.minimum is None else question.minimum
    high = NUMBER_LIMIT if question.maximum is None else question.maximum
    return low, high


def _check_choices(allowed: set[str], value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v in allowed for v in value):
        return f"expected a list of: {', '.join(sorted(allowed))}"
    if len(set(value)) != len(value):
        return "expected each choice at most once"
    return None


def answer_errors(questions: list[Question], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Every problem with the answers, one per question: unknown, missing, or wrong."""
    by_id = {q.id: q for q in questions}
    errors = [
        {"loc": ["answers", qid], "msg": "not a question of this form"}
        for qid in answers
        if qid not in by_id
    ]
    for question in questions:
        value = answers.get(question.id)
        if value is None:
            if question.required:
                errors.append({"loc": ["answers", question.id], "msg": "required"})
            continue
        problem = _check_value(question, value)
        if problem:
            errors.append({"loc": ["answers", question.id], "msg": problem})
    return errors


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def answers_schema(questions: Sequence[Question]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a filing's ``answers`` for these questions: an
    object of valid answers is exactly one for which ``answer_errors`` finds nothing, so a
    device checks a checklist as the server will. A question left unanswered may be
    missing or null, unless it is required."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "type": "object",
        "properties": {q.id: _answer_schema(q) for q in questions},
        "required": [q.id for q in questions if q.required],
        "additionalProperties": False,
    }


def _answer_schema(question: Question) -> dict[str, Any]:
    kind = question.type
    values: list[Any] = [c.value for c in question.choices]
    schema: dict[str, Any]
    if kind == QuestionType.yes_no:
        schema = {"type": "boolean"}
    elif kind == QuestionType.integer:
        low, high = _bounds(question)
        schema = {"type": "integer", "minimum": low, "maximum": high}
    elif kind == QuestionType.single_choice:
        schema = {"type": "string", "enum": values}
    elif kind == QuestionType.multiple_choice:
        schema = {"type": "array", "items": {"enum": values}, "uniqueItems": True}
    elif kind == QuestionType.time:
        schema = {"type": "string", "pattern": TIME_PATTERN}
    else:
        schema = {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_TEXT,
            "pattern": "^[^\\u0000]*$",
        }
    if not question.required:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema and kind == QuestionType.single_choice:
            schema["enum"] = [*values, None]
    return {"title": question.text_en, **schema}
