"""The standard election-day checklists: well-formed, bilingual, and within their sizes."""

import ast
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import eom.field.standard_forms
from eom.core.reference import Theme
from eom.field.standard_forms import (
    ASSESSMENT,
    BENCH_CHECKLIST,
    CHOICE_TYPES,
    FIELD_INSTRUMENTS,
    QUESTION_TYPES,
    STANDARD_CHECKLISTS,
    Checklist,
    Question,
)

PROCESS_FORMS = ("opening", "voting", "closing", "counting")
SIZES = {
    "opening": (8, 12),
    "voting": (10, 14),
    "closing": (5, 8),
    "counting": (8, 12),
    "incident": (5, 8),
}
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
ALL_FORMS = (*STANDARD_CHECKLISTS, *FIELD_INSTRUMENTS, BENCH_CHECKLIST)
ALL_QUESTIONS = [question for form in ALL_FORMS for question in form.questions]


def _form(key: str) -> Checklist:
    return next(form for form in STANDARD_CHECKLISTS if form.key == key)


def _texts(question: Question) -> list[tuple[str, str]]:
    pairs = [(question.text_en, question.text_es)]
    pairs += [(label_en, label_es) for _, label_en, label_es in question.choices]
    return pairs


def test_the_standard_set_has_the_five_phases_in_order() -> None:
    assert [form.phase for form in STANDARD_CHECKLISTS] == [
        "opening",
        "voting",
        "closing",
        "counting",
        "incident",
    ]


def test_each_standard_form_key_is_its_phase() -> None:
    assert all(form.key == form.phase for form in STANDARD_CHECKLISTS)


def test_the_bench_checklist_is_a_voting_form_outside_the_standard_set() -> None:
    assert (BENCH_CHECKLIST.key, BENCH_CHECKLIST.phase) == ("voting_full", "voting")
    assert BENCH_CHECKLIST not in STANDARD_CHECKLISTS


@pytest.mark.parametrize("key", SIZES)
def test_each_form_has_the_number_of_questions_of_its_kind(key: str) -> None:
    low, high = SIZES[key]
    assert low <= len(_form(key).questions) <= high


def test_the_standard_set_totals_between_30_and_60_questions() -> None:
    assert 30 <= sum(len(form.questions) for form in STANDARD_CHECKLISTS) <= 60


def test_question_ids_are_unique_across_the_standard_set() -> None:
    ids = Counter(q.id for form in STANDARD_CHECKLISTS for q in form.questions)
    assert [qid for qid, count in ids.items() if count > 1] == []


def test_the_long_term_report_is_filed_for_an_area_and_each_theme_for_the_mission() -> None:
    kinds = {(form.key, form.scope, form.theme) for form in FIELD_INSTRUMENTS}
    assert kinds == {
        ("long_term_report", "area", None),
        ("gender", "mission", "gender"),
        ("political_financing", "mission", "political_financing"),
        ("media", "mission", "media"),
        ("electoral_technology", "mission", "electoral_technology"),
        ("electoral_justice", "mission", "electoral_justice"),
        ("underrepresented_groups", "mission", "underrepresented_groups"),
    }
    assert {form.phase for form in FIELD_INSTRUMENTS} == {"long_term"}
    assert all(form.scope == "station" for form in STANDARD_CHECKLISTS)


def test_the_themes_are_those_recommendations_follow() -> None:
    themes = {form.theme for form in FIELD_INSTRUMENTS if form.theme}
    assert themes <= {theme.value for theme in Theme}


def test_question_ids_are_unique_across_every_form_of_the_set() -> None:
    ids = Counter(q.id for form in ALL_FORMS for q in form.questions)
    assert [qid for qid, count in ids.items() if count > 1] == []


def test_each_instrument_flags_some_answers_as_concerns() -> None:
    for form in FIELD_INSTRUMENTS:
        assert any(q.concern for q in form.questions), form.key


def test_question_ids_are_unique_within_the_bench_checklist() -> None:
    ids = Counter(question.id for question in BENCH_CHECKLIST.questions)
    assert [qid for qid, count in ids.items() if count > 1] == []


def test_bench_question_ids_are_prefixed_and_distinct_from_the_standard_set() -> None:
    standard = {q.id for form in STANDARD_CHECKLISTS for q in form.questions}
    bench = {question.id for question in BENCH_CHECKLIST.questions}
    assert all(qid.startswith("vf_") for qid in bench)
    assert standard.isdisjoint(bench)


def test_the_bench_checklist_has_exactly_40_questions() -> None:
    assert len(BENCH_CHECKLIST.questions) == 40


def test_question_ids_are_snake_case() -> None:
    assert [q.id for q in ALL_QUESTIONS if not SNAKE_CASE.match(q.id)] == []


def test_question_types_are_the_known_ones() -> None:
    assert {question.type for question in ALL_QUESTIONS} <= set(QUESTION_TYPES)


def test_bounds_appear_only_on_integer_questions() -> None:
    bounded = [q.id for q in ALL_QUESTIONS if q.minimum is not None or q.maximum is not None]
    assert bounded == [q.id for q in ALL_QUESTIONS if q.type == "integer"]


def test_integer_bounds_are_both_set_and_ordered() -> None:
    for question in ALL_QUESTIONS:
        if question.type == "integer":
            assert question.minimum is not None and question.maximum is not None, question.id
            assert 0 <= question.minimum <= question.maximum, question.id


def test_choices_appear_only_on_choice_questions() -> None:
    with_choices = [q.id for q in ALL_QUESTIONS if q.choices]
    assert with_choices == [q.id for q in ALL_QUESTIONS if q.type in CHOICE_TYPES]


def test_choice_questions_offer_at_least_two_choices() -> None:
    assert [q.id for q in ALL_QUESTIONS if q.type in CHOICE_TYPES and len(q.choices) < 2] == []


def test_choice_values_are_unique_within_a_question() -> None:
    for question in ALL_QUESTIONS:
        values = [value for value, _, _ in question.choices]
        assert len(values) == len(set(values)), question.id


def test_choice_values_are_snake_case() -> None:
    values = {value for q in ALL_QUESTIONS for value, _, _ in q.choices}
    assert [value for value in values if not SNAKE_CASE.match(value)] == []


@pytest.mark.parametrize("key", PROCESS_FORMS)
def test_each_process_form_has_three_or_four_key_questions(key: str) -> None:
    assert 3 <= sum(question.key for question in _form(key).questions) <= 4


@pytest.mark.parametrize("key", PROCESS_FORMS)
def test_each_process_form_has_a_required_key_assessment(key: str) -> None:
    assessment = next(q for q in _form(key).questions if q.id == f"{key}_assessment")
    assert (assessment.type, assessment.required, assessment.key) == ("single_choice", True, True)
    assert assessment.choices == ASSESSMENT


def test_every_form_has_a_required_question() -> None:
    assert all(any(q.required for q in form.questions) for form in ALL_FORMS)


def test_every_text_is_non_empty_in_both_languages() -> None:
    for form in ALL_FORMS:
        assert form.title_en.strip() and form.title_es.strip(), form.key
        for question in form.questions:
            for en, es in _texts(question):
                assert en.strip() and es.strip(), question.id


def test_spanish_texts_differ_from_english() -> None:
    for form in ALL_FORMS:
        assert form.title_en != form.title_es, form.key
        for question in form.questions:
            for en, es in _texts(question):
                assert en != es, question.id


def test_spanish_questions_open_and_close_with_question_marks() -> None:
    for question in ALL_QUESTIONS:
        if question.text_en.endswith("?"):
            assert "¿" in question.text_es and question.text_es.endswith("?"), question.id


def test_the_module_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(eom.field.standard_forms.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= sys.stdlib_module_names
