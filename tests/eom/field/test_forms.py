"""Checklist forms: versions frozen once published, answers checked question by question."""

import json
import random

import jsonschema_rs
import pytest
from pydantic import TypeAdapter, ValidationError

from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict
from eom.field import forms
from eom.field.models import NUMBER_LIMIT, AnswerValue, FormCreate, FormStatus, Question
from eom.field.standard_forms import FIELD_INSTRUMENTS, STANDARD_CHECKLISTS
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


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {**GOOD, "assessment": ["good"]},
            [(["answers", "assessment"], "expected one of: good, poor")],
        ),
        (
            {**GOOD, "agents": ["governing", "governing"]},
            [(["answers", "agents"], "expected each choice at most once")],
        ),
        (
            {**GOOD, "opening_time": "٠٧:٠٥"},  # digits, but not the ASCII ones a device sends
            [(["answers", "opening_time"], "expected a time as HH:MM")],
        ),
    ],
    ids=["a list for one choice", "a choice twice", "arabic-indic digits"],
)
def test_answers_of_the_wrong_shape_are_refused_not_failed_on(
    answers: dict[str, object], expected: list[tuple[list[str], str]]
) -> None:
    questions = FormCreate.model_validate(SIMPLE_FORM).questions
    assert [(e["loc"], e["msg"]) for e in forms.answer_errors(questions, answers)] == expected


def test_a_number_answer_stays_within_a_million_whatever_its_form_says() -> None:
    (votes,) = FormCreate.model_validate({**SIMPLE_FORM, "questions": [COUNT]}).questions
    assert forms.answer_errors([votes], {"votes": NUMBER_LIMIT}) == []
    assert forms.answer_errors([votes], {"votes": NUMBER_LIMIT + 1}) == [
        {"loc": ["answers", "votes"], "msg": f"above the maximum of {NUMBER_LIMIT}"}
    ]
    assert forms.answer_errors([votes], {"votes": -NUMBER_LIMIT - 1})[0]["msg"] == (
        f"below the minimum of {-NUMBER_LIMIT}"
    )


# --- the answers' JSON Schema: the server's check, for the devices ---------------------

COUNT = {"id": "votes", "text_en": "Votes", "text_es": "Votos", "type": "integer"}


def _question(qid: str, kind: str, *, required: bool, **extra: object) -> dict[str, object]:
    return {"id": qid, "text_en": qid, "text_es": qid, "type": kind, "required": required, **extra}


CHOICES = [{"value": v, "label_en": v, "label_es": v} for v in ("good", "poor", "very_poor")]
TYPES_WITH_RULES: list[tuple[str, dict[str, object]]] = [
    ("yes_no", {}),
    ("integer", {"minimum": -5, "maximum": 40}),
    ("single_choice", {"choices": CHOICES}),
    ("multiple_choice", {"choices": CHOICES}),
    ("time", {}),
    ("text", {}),
]
# Each type of question twice, required and not; numbers with and without bounds.
EVERY_TYPE = FormCreate.model_validate(
    {
        **SIMPLE_FORM,
        "questions": [
            _question(
                f"{kind}_{'required' if required else 'optional'}", kind, required=required, **extra
            )
            for kind, extra in TYPES_WITH_RULES
            for required in (True, False)
        ]
        + [COUNT],
    }
)
FORMS = [EVERY_TYPE] + [forms.standard_form(c) for c in (*STANDARD_CHECKLISTS, *FIELD_INSTRUMENTS)]

# Answers on the edge of each type's rule, and beside it.
EDGES: dict[str, list[object]] = {
    "yes_no": [True, False, 0, 1, 1.0, "true", "yes", [], {}],
    "integer": [0, 1, -1, 1.0, 2.0, 2.5, 1e3, True, "5", 10**30, -(10**30), 1e300],
    "single_choice": ["good", "poor", "very_poor", "Good", "nope", "", ["good"], 1, True],
    "multiple_choice": [
        [],
        ["good"],
        ["good", "poor"],
        ["poor", "good"],
        ["good", "good"],
        ["nope"],
        "good",
        [1],
        [None],
        [["good"]],
        [True],
    ],
    "time": [
        "00:00",
        "23:59",
        "07:05",
        "24:00",
        "12:60",
        "7:05",
        "07:5",
        "07:05 ",
        " 07:05",
        "07:05\n",
        "٠٧:٠٥",
        "07-05",
        "0705",
        705,
        "",
    ],
    "text": [
        "a",
        "Sin novedad.",
        "x" * 2000,
        "x" * 2001,
        "😀" * 2000,
        "😀" * 2001,
        "",
        "a\x00b",
        "line\nbreak",
        "\t",
        5,
        ["a"],
        True,
    ],
}
ANY_EDGE = [value for values in EDGES.values() for value in values] + [None, {"a": 1}]


def _valid_value(question: Question, rng: random.Random) -> object:
    values = [c.value for c in question.choices]
    kind = question.type.value
    if kind == "yes_no":
        return rng.random() < 0.5
    if kind == "integer":
        low = question.minimum if question.minimum is not None else -NUMBER_LIMIT
        high = question.maximum if question.maximum is not None else NUMBER_LIMIT
        return rng.choice([low, high, rng.randint(low, high)])
    if kind == "single_choice":
        return rng.choice(values)
    if kind == "multiple_choice":
        return rng.sample(values, rng.randint(0, len(values)))
    if kind == "time":
        return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    return rng.choice(["Normal.", "x" * 2000, "línea\nnueva"])


def _answer_sets(questions: list[Question], rng: random.Random, count: int) -> list[dict]:
    """Valid answer sets, and the same with one to three answers bent: an edge of the
    question's type or of another, a null, a missing answer, a question the form lacks."""
    made = []
    for n in range(count):
        answers: dict[str, object] = {}
        for q in questions:
            if q.required or rng.random() < 0.7:
                answers[q.id] = (
                    None if not q.required and rng.random() < 0.2 else _valid_value(q, rng)
                )
        for _ in range(0 if n % 4 == 0 else rng.randint(1, 3)):
            q = rng.choice(questions)
            bend = rng.random()
            if bend < 0.6:
                answers[q.id] = rng.choice(EDGES[q.type.value])
            elif bend < 0.8:
                answers[q.id] = rng.choice(ANY_EDGE)
            elif bend < 0.9:
                answers.pop(q.id, None)
            else:
                answers["not_a_question"] = rng.choice(ANY_EDGE)
        made.append(answers)
    return made


SERVER_ANSWERS = TypeAdapter(dict[str, AnswerValue])


def _server_accepts(questions: list[Question], text: str) -> bool:
    """What the server says of the answers of a filing sent as JSON: parsed as
    ``SubmissionIn`` parses them, then checked against the form."""
    try:
        answers = SERVER_ANSWERS.validate_json(text)
    except ValidationError:
        return False
    return forms.answer_errors(questions, answers) == []


@pytest.mark.parametrize("form", FORMS, ids=[f.key for f in FORMS])
def test_the_json_schema_accepts_exactly_the_answers_the_server_accepts(
    form: FormCreate,
) -> None:
    schema = forms.answers_schema(form.questions)
    assert jsonschema_rs.meta.is_valid(schema)
    validator = jsonschema_rs.validator_for(schema)
    rng = random.Random(form.key)
    sets = _answer_sets(form.questions, rng, 300)
    outcomes = []
    for answers in sets:
        text = json.dumps(answers, ensure_ascii=False)
        server, device = _server_accepts(form.questions, text), validator.is_valid(json.loads(text))
        assert server == device, f"server {server}, schema {device}: {text[:300]}"
        outcomes.append(server)
    assert 0.2 < sum(outcomes) / len(outcomes) < 0.8, "both valid and invalid sets were tried"


@pytest.mark.parametrize("form", FORMS, ids=[f.key for f in FORMS])
def test_the_json_schema_agrees_with_answer_errors_on_every_answer_it_is_given(
    form: FormCreate,
) -> None:
    validator = jsonschema_rs.validator_for(forms.answers_schema(form.questions))
    for answers in _answer_sets(form.questions, random.Random(f"{form.key}!"), 300):
        parsed = json.loads(json.dumps(answers))
        if any(isinstance(v, float) for v in parsed.values()):
            continue  # a float never reaches answer_errors: the parsing above makes it a number
        errors = forms.answer_errors(form.questions, parsed)
        assert (errors == []) == validator.is_valid(parsed), (errors, parsed)


def test_the_json_schema_states_each_rule_of_a_question() -> None:
    schema = forms.answers_schema(EVERY_TYPE.questions)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema["required"] == [
        f"{kind}_required"
        for kind in ("yes_no", "integer", "single_choice", "multiple_choice", "time", "text")
    ]
    properties = schema["properties"]
    assert properties["integer_required"] == {
        "title": "integer_required",
        "type": "integer",
        "minimum": -5,
        "maximum": 40,
    }
    assert properties["votes"]["type"] == ["integer", "null"]
    assert (properties["votes"]["minimum"], properties["votes"]["maximum"]) == (
        -NUMBER_LIMIT,
        NUMBER_LIMIT,
    )
    assert properties["single_choice_optional"]["enum"] == ["good", "poor", "very_poor", None]
    assert properties["multiple_choice_required"] == {
        "title": "multiple_choice_required",
        "type": "array",
        "items": {"enum": ["good", "poor", "very_poor"]},
        "uniqueItems": True,
    }
    assert properties["time_required"]["pattern"] == "^([01][0-9]|2[0-3]):[0-5][0-9]$"
    assert properties["text_optional"] == {
        "title": "text_optional",
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": 2000,
        "pattern": "^[^\\u0000]*$",
    }
