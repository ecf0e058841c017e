"""Checklist forms: versions frozen once published, answers checked question by question."""

import pytest
from pydantic import ValidationError

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict
from eom.field import forms
from eom.field.models import FormCreate, FormStatus, Question
from eom.planning.missions.models import Mission
from tests.factories import SIMPLE_FORM, make_form
from tests.support.filing import GOOD


def test_publishing_freezes_a_version_and_editing_makes_a_new_one(
    db: Database, mission: Mission
) -> None:
    draft = make_form(db, mission, publish=False)
    changed = FormCreate.model_validate({**SIMPLE_FORM, "title_en": "Opening (revised)"})
    with db.session_scope() as session:
        same = forms.revise_form(session, mission, draft, changed, actor=SYSTEM)
        assert (same.id, same.version) == (draft.id, 1)
        forms.publish_form(session, same, actor=SYSTEM)
        with pytest.raises(Conflict, match="already published"):
            forms.publish_form(session, same, actor=SYSTEM)
        newer = forms.revise_form(session, mission, same, changed, actor=SYSTEM)
    assert newer.id != draft.id and newer.version == 2 and newer.status == FormStatus.draft


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"assessment": "good"}, [(["answers", "opened_on_time"], "required")]),
        (
            {**GOOD, "staff_present": 16},
            [(["answers", "staff_present"], "above the maximum of 15")],
        ),
        (
            {**GOOD, "staff_present": True},
            [(["answers", "staff_present"], "expected a whole number")],
        ),
        (
            {**GOOD, "assessment": "great"},
            [(["answers", "assessment"], "expected one of: good, poor")],
        ),
        (
            {**GOOD, "agents": ["aliens"]},
            [(["answers", "agents"], "expected a list of: governing, opposition")],
        ),
        (
            {**GOOD, "opening_time": "7am"},
            [(["answers", "opening_time"], "expected a time as HH:MM")],
        ),
        ({**GOOD, "weather": "sunny"}, [(["answers", "weather"], "not a question of this form")]),
    ],
)
def test_answers_are_checked_against_the_form_question_by_question(
    answers: dict[str, object], expected: list[tuple[list[str], str]]
) -> None:
    questions = FormCreate.model_validate(SIMPLE_FORM).questions
    assert [(e["loc"], e["msg"]) for e in forms.answer_errors(questions, answers)] == expected


def test_a_form_marks_the_answers_that_signal_a_problem() -> None:
    question = Question.model_validate(
        {
            "id": "intimidation",
            "text_en": "Did you observe intimidation?",
            "text_es": "¿Observó intimidación?",
            "type": "yes_no",
            "concern_answer": "yes",
        }
    )
    assert question.is_concern("yes") and not question.is_concern("no")
    choice = Question.model_validate(
        {
            "id": "assessment",
            "text_en": "Assessment",
            "text_es": "Evaluación",
            "type": "single_choice",
            "choices": [
                {"value": "good", "label_en": "Good", "label_es": "Buena"},
                {"value": "poor", "label_en": "Poor", "label_es": "Mala", "concern": True},
            ],
        }
    )
    assert choice.is_concern("poor") and not choice.is_concern("good")


def test_only_a_yes_no_question_has_a_concern_answer() -> None:
    with pytest.raises(
        ValidationError, match="Only a yes/no question has an answer that signals a problem."
    ):
        Question.model_validate(
            {"id": "n", "text_en": "N", "text_es": "N", "type": "integer", "concern_answer": "no"}
        )
