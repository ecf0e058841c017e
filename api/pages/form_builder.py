"""The forms of a mission, for DECO staff: the list of checklists and their versions; a
draft built question by question (added, edited, moved up or down, removed); a preview as
an observer will see it; publishing; and copying the standard set or another mission's
forms. Every change stores the draft's whole definition through ``forms.revise_form``,
the function ``PUT /api/v1/missions/{id}/forms/{form_id}`` calls, so a form's rules are
written once (``FormCreate`` and ``Question``)."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session
from starlette.datastructures import FormData

from api.deps import RecordId, SessionDep, actor
from api.pages.missions import LABELS
from api.web import CsrfChecked, PageStaff, error_in_words, field_errors, flash, render
from eom.accounts.models import User
from eom.core.errors import DomainError, InvalidInput
from eom.core.i18n import N_
from eom.field import forms
from eom.field.models import (
    PHASE_LABELS,
    QUESTION_TYPE_LABELS,
    SCOPE_LABELS,
    FormCreate,
    FormScope,
    FormStatus,
    Phase,
    Question,
    QuestionType,
)
from eom.field.models import (
    Form as FormVersion,
)
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission

router = APIRouter(include_in_schema=False)
# Blank rows offered below a question's choices, to add some (more after saving).
BLANK_CHOICES = 4
QUESTION_FIELDS = ("id", "text_en", "text_es", "type", "minimum", "maximum", "concern_answer")
FORM_LABELS: dict[str, Any] = {
    "phase_labels": PHASE_LABELS,
    "scope_labels": SCOPE_LABELS,
    "scopes": list(FormScope),
    "type_labels": QUESTION_TYPE_LABELS,
    "phases": list(Phase),
    "types": list(QuestionType),
}


def _base(mission_id: int) -> str:
    return f"/missions/{mission_id}/forms"


def _text(form: FormData, name: str, limit: int = 500) -> str:
    return str(form.get(name, "")).strip()[:limit]


HEAD_FIELDS = ("phase", "title_en", "title_es", "scope", "theme")


def head_kept(form: FormData) -> dict[str, Any]:
    """A form's head (phase, titles, scope, theme) as the browser sent it: no scope is a
    station's, no theme is none."""
    kept: dict[str, Any] = {name: _text(form, name, 200) for name in HEAD_FIELDS}
    kept["scope"] = kept["scope"] or FormScope.station.value
    kept["theme"] = kept["theme"] or None
    return kept


def question_kept(form: FormData) -> dict[str, Any]:
    """A question form as the browser sent it: its fields, ticks and choice rows."""
    kept: dict[str, Any] = {name: _text(form, name) for name in QUESTION_FIELDS}
    kept["required"] = form.get("required") == "true"
    kept["key"] = form.get("key") == "true"
    rows = []
    for n in range(200):
        if not any(f"{part}_{n}" in form for part in ("choice_value", "choice_en", "choice_es")):
            break
        rows.append(
            {
                "value": _text(form, f"choice_value_{n}", 60),
                "label_en": _text(form, f"choice_en_{n}", 200),
                "label_es": _text(form, f"choice_es_{n}", 200),
                "concern": form.get(f"choice_concern_{n}") == "true",
            }
        )
    kept["choices"] = rows
    return kept


def question_of(kept: dict[str, Any], taken: set[str]) -> Question:
    """The question a filled form describes; its id is made from the English text when
    left empty, and only the rows of choices with something in them count."""
    choice_type = kept["type"] in (QuestionType.single_choice, QuestionType.multiple_choice)
    values: dict[str, Any] = {
        "id": kept["id"] or forms.id_from(kept["text_en"], taken),
        "text_en": kept["text_en"],
        "text_es": kept["text_es"],
        "type": kept["type"],
        "required": kept["required"],
        "key": kept["key"],
        "minimum": kept["minimum"] or None,
        "maximum": kept["maximum"] or None,
        "concern_answer": kept["concern_answer"] or None,
        "choices": [
            {**row, "value": row["value"] or forms.id_from(row["label_en"], set())}
            for row in kept["choices"]
            if row["value"] or row["label_en"] or row["label_es"]
        ]
        if choice_type
        else [],
    }
    return Question.model_validate(values)


def question_errors(request: Request, error: Exception) -> dict[str, str]:
    """A refused question's messages by field; a choice row's beside that row."""
    if isinstance(error, ValidationError):
        found: dict[str, str] = {}
        for one in error.errors():
            loc = one["loc"]
            if len(loc) >= 3 and loc[0] == "choices" and isinstance(loc[1], int):
                name = {"value": "choice_value", "label_en": "choice_en", "label_es": "choice_es"}
                field = f"{name.get(str(loc[2]), 'choice_value')}_{loc[1]}"
                found.setdefault(field, _message(request, one))
        found.update({k: v for k, v in field_errors(request, error).items() if k not in found})
        return {k: v for k, v in found.items() if not k.startswith("questions")}
    return field_errors(request, error, {"": "id"})


def _message(request: Request, one: Any) -> str:
    return error_in_words(request.state.language, one)


def _kept_of(question: dict[str, Any]) -> dict[str, Any]:
    """A stored question as its form shows it."""
    kept: dict[str, Any] = {
        name: "" if question.get(name) is None else str(question[name]) for name in QUESTION_FIELDS
    }
    kept["required"], kept["key"] = bool(question.get("required")), bool(question.get("key"))
    kept["choices"] = [dict(c) for c in question.get("choices", [])]
    return kept


# The list ---------------------------------------------------------------------------------


@router.get("/missions/{mission_id}/forms", response_class=HTMLResponse)
def forms_page(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    """The mission's checklists, every version of each, and the ways to make more."""
    mission = missions.get_mission(session, mission_id)
    return _forms_page(request, session, user, mission)


def _forms_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    *,
    status_code: int = 200,
    kept: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    versions = forms.list_forms(session, mission)
    by_key: dict[str, list[FormVersion]] = {}
    for version in versions:
        by_key.setdefault(version.key, []).append(version)
    sources, _ = missions.list_missions(session, limit=500, offset=0)
    return render(
        request,
        "forms.html",
        user,
        status_code=status_code,
        mission=mission,
        by_key=by_key,
        sources=[m for m in sources if m.id != mission.id],
        kept=kept or {"phase": Phase.voting.value, "type": QuestionType.yes_no.value},
        errors=errors or {},
        **FORM_LABELS,
        **LABELS,
    )


@router.post("/missions/{mission_id}/forms/new", dependencies=[CsrfChecked])
async def create_form(
    request: Request, mission_id: RecordId, session: SessionDep, user: PageStaff
) -> Response:
    """A new checklist with its first question, as ``POST .../forms`` does."""
    posted = await request.form()
    mission = missions.get_mission(session, mission_id)
    head = {"key": _text(posted, "key", 200), **head_kept(posted)}
    question = question_kept(posted)
    errors: dict[str, str] = {}
    try:
        first = question_of(question, set())
    except ValidationError as error:
        errors = question_errors(request, error)
    try:
        data = FormCreate.model_validate({**head, "questions": [] if errors else [first]})
        if not errors:
            made = forms.create_form(session, mission, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors |= {
            k: v for k, v in field_errors(request, error, {"": "key"}).items() if k != "questions"
        }
    if errors:
        return _forms_page(
            request,
            session,
            user,
            missions.get_mission(session, mission_id),
            status_code=422,
            kept={**head, **question},
            errors=errors,
        )
    response = RedirectResponse(f"{_base(mission_id)}/{made.id}", status_code=303)
    flash(request, response, N_("Draft of {title} made."), title=made.title_en)
    return response


@router.post("/missions/{mission_id}/forms/copy", dependencies=[CsrfChecked])
def copy_forms(
    request: Request,
    mission_id: RecordId,
    session: SessionDep,
    user: PageStaff,
    source: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Drafts of the standard set, or of another mission's latest versions."""
    mission = missions.get_mission(session, mission_id)
    try:
        if source == "standard":
            made, skipped = forms.copy_standard_set(session, mission, actor=actor(user))
        elif source.isdigit():
            origin = missions.get_mission(session, int(source))
            made, skipped = forms.copy_forms(session, mission, origin, actor=actor(user))
        else:
            raise InvalidInput("Choose what to copy.")
    except DomainError as error:
        session.rollback()
        errors = field_errors(request, error, {"": "source"})
        return _forms_page(request, session, user, mission, status_code=422, errors=errors)
    response = RedirectResponse(_base(mission_id), status_code=303)
    flash(
        request,
        response,
        N_("Copied {count} forms as drafts; left out, since the mission has them: {skipped}."),
        count=len(made),
        skipped=", ".join(skipped) or "—",
    )
    return response


# One version --------------------------------------------------------------------------------


def _form_page(
    request: Request,
    session: Session,
    user: User,
    mission: Mission,
    form: FormVersion,
    *,
    status_code: int = 200,
    kept: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "form_builder.html",
        user,
        status_code=status_code,
        mission=mission,
        form=form,
        questions=forms.questions_of(form),
        kept=kept
        or {
            "phase": form.phase.value,
            "title_en": form.title_en,
            "title_es": form.title_es,
            "scope": form.scope.value,
            "theme": form.theme.value if form.theme else None,
        },
        errors=errors or {},
        draft=form.status == FormStatus.draft,
        **FORM_LABELS,
        **LABELS,
    )


@router.get("/missions/{mission_id}/forms/{form_id}", response_class=HTMLResponse)
def form_page(
    request: Request, mission_id: RecordId, form_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    """A version's questions: a draft's with what can be done to each."""
    mission = missions.get_mission(session, mission_id)
    return _form_page(request, session, user, mission, forms.get_form(session, mission, form_id))


@router.post("/missions/{mission_id}/forms/{form_id}/details", dependencies=[CsrfChecked])
async def change_details(
    request: Request, mission_id: RecordId, form_id: RecordId, session: SessionDep, user: PageStaff
) -> Response:
    """A draft's titles, phase, scope and theme."""
    posted = await request.form()
    mission = missions.get_mission(session, mission_id)
    form = forms.get_form(session, mission, form_id)
    kept = head_kept(posted)
    try:
        forms.check_draft(form)
        data = FormCreate.model_validate({**forms.definition_of(form).model_dump(), **kept})
        forms.revise_form(session, mission, form, data, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        errors = field_errors(request, error, {"": "title_en"})
        form = forms.get_form(session, mission, form_id)
        return _form_page(
            request, session, user, mission, form, status_code=422, kept=kept, errors=errors
        )
    response = RedirectResponse(f"{_base(mission_id)}/{form_id}", status_code=303)
    flash(request, response, N_("Saved."))
    return response


@router.post("/missions/{mission_id}/forms/{form_id}/publish", dependencies=[CsrfChecked])
def publish(
    request: Request, mission_id: RecordId, form_id: RecordId, session: SessionDep, user: PageStaff
) -> Response:
    """Freeze the draft, as ``POST .../forms/{form_id}/publish`` does."""
    mission = missions.get_mission(session, mission_id)
    form = forms.get_form(session, mission, form_id)
    response = RedirectResponse(f"{_base(mission_id)}/{form_id}", status_code=303)
    try:
        forms.publish_form(session, form, actor=actor(user))
    except DomainError as error:
        session.rollback()
        flash(request, response, error.template, **error.params)
        return response
    flash(
        request,
        response,
        N_("Version {version} of {title} is published: observers can fill it in."),
        version=form.version,
        title=form.title_en,
    )
    return response


@router.post("/missions/{mission_id}/forms/{form_id}/new-version", dependencies=[CsrfChecked])
def new_version(
    request: Request, mission_id: RecordId, form_id: RecordId, session: SessionDep, user: PageStaff
) -> Response:
    """A draft of the next version, to change a published form."""
    mission = missions.get_mission(session, mission_id)
    made = forms.new_version(
        session, mission, forms.get_form(session, mission, form_id), actor=actor(user)
    )
    response = RedirectResponse(f"{_base(mission_id)}/{made.id}", status_code=303)
    flash(request, response, N_("Draft of version {version} made."), version=made.version)
    return response


@router.get("/missions/{mission_id}/forms/{form_id}/preview", response_class=HTMLResponse)
def preview(
    request: Request, mission_id: RecordId, form_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    """The version as an observer will fill it in (nothing is sent from here)."""
    mission = missions.get_mission(session, mission_id)
    form = forms.get_form(session, mission, form_id)
    return render(
        request,
        "form_preview.html",
        user,
        mission=mission,
        form=form,
        questions=forms.questions_of(form),
        **FORM_LABELS,
        **LABELS,
    )


# Questions ----------------------------------------------------------------------------------


def _question_page(
    request: Request,
    user: User,
    mission: Mission,
    form: FormVersion,
    *,
    question_id: str | None,
    kept: dict[str, Any],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    kept = {**kept, "choices": [*kept.get("choices", []), *([{}] * BLANK_CHOICES)]}
    return render(
        request,
        "form_question.html",
        user,
        status_code=status_code,
        mission=mission,
        form=form,
        question_id=question_id,
        kept=kept,
        errors=errors or {},
        **FORM_LABELS,
        **LABELS,
    )


@router.get("/missions/{mission_id}/forms/{form_id}/questions/new", response_class=HTMLResponse)
def new_question_page(
    request: Request, mission_id: RecordId, form_id: RecordId, session: SessionDep, user: PageStaff
) -> HTMLResponse:
    mission = missions.get_mission(session, mission_id)
    form = forms.get_form(session, mission, form_id)
    kept = {"type": QuestionType.yes_no.value, "choices": []}
    return _question_page(request, user, mission, form, question_id=None, kept=kept)


@router.get(
    "/missions/{mission_id}/forms/{form_id}/questions/{question_id}", response_class=HTMLResponse
)
def question_page(
    request: Request,
    mission_id: RecordId,
    form_id: RecordId,
    question_id: str,
    session: SessionDep,
    user: PageStaff,
) -> HTMLResponse:
    mission = missions.get_mission(session, mission_id)
    form = forms.get_form(session, mission, form_id)
    stored = form.questions[forms.question_index(form, question_id)]
    return _question_page(
        request, user, mission, form, question_id=question_id, kept=_kept_of(stored)
    )


@router.post(
    "/missions/{mission_id}/forms/{form_id}/questions/{question_id}", dependencies=[CsrfChecked]
)
async def save_question(
    request: Request,
    mission_id: RecordId,
    form_id: RecordId,
    question_id: str,
    session: SessionDep,
    user: PageStaff,
) -> Response:
    """Add a question (``question_id`` "new") at the end of the draft, or change one."""
    posted = await request.form()
    mission = missions.get_mission(session, mission_id)
    form = forms.get_form(session, mission, form_id)
    kept = question_kept(posted)
    questions = forms.questions_of(form)
    adding = question_id == "new"
    at = len(questions) if adding else forms.question_index(form, question_id)
    try:
        others = {q.id for n, q in enumerate(questions) if n != at}
        question = question_of(kept, others)
        changed = [*questions[:at], question, *questions[at + (0 if adding else 1) :]]
        forms.change_draft(session, mission, form, questions=changed, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        form = forms.get_form(session, mission, form_id)
        return _question_page(
            request,
            user,
            mission,
            form,
            question_id=None if adding else question_id,
            kept=kept,
            errors=question_errors(request, error),
            status_code=422,
        )
    response = RedirectResponse(f"{_base(mission_id)}/{form_id}#q-{question.id}", status_code=303)
    flash(request, response, N_("Question added.") if adding else N_("Question saved."))
    return response


@router.post(
    "/missions/{mission_id}/forms/{form_id}/questions/{question_id}/move",
    dependencies=[CsrfChecked],
)
def move_question(
    request: Request,
    mission_id: RecordId,
    form_id: RecordId,
    question_id: str,
    session: SessionDep,
    user: PageStaff,
    offset: Annotated[int, Form(ge=-1, le=1)] = 0,
) -> Response:
    """Move a question one place up (-1) or down (1)."""
    return _change(
        request,
        session,
        user,
        mission_id,
        form_id,
        lambda questions, at: forms.moved(questions, at, offset),
        question_id,
        N_("Question moved."),
    )


@router.post(
    "/missions/{mission_id}/forms/{form_id}/questions/{question_id}/remove",
    dependencies=[CsrfChecked],
)
def remove_question(
    request: Request,
    mission_id: RecordId,
    form_id: RecordId,
    question_id: str,
    session: SessionDep,
    user: PageStaff,
) -> Response:
    return _change(
        request,
        session,
        user,
        mission_id,
        form_id,
        lambda questions, at: [*questions[:at], *questions[at + 1 :]],
        question_id,
        N_("Question removed."),
    )


def _change(
    request: Request,
    session: Session,
    user: User,
    mission_id: int,
    form_id: int,
    change: Any,
    question_id: str,
    done: str,
) -> Response:
    mission = missions.get_mission(session, mission_id)
    form = forms.get_form(session, mission, form_id)
    at = forms.question_index(form, question_id)
    try:
        changed = change(forms.questions_of(form), at)
        forms.change_draft(session, mission, form, questions=changed, actor=actor(user))
    except (ValidationError, DomainError) as error:
        session.rollback()
        form = forms.get_form(session, mission, form_id)
        message = next(iter(field_errors(request, error).values()), "")
        return _form_page(
            request, session, user, mission, form, status_code=422, errors={"questions": message}
        )
    response = RedirectResponse(f"{_base(mission_id)}/{form_id}#q-{question_id}", status_code=303)
    flash(request, response, done)
    return response
