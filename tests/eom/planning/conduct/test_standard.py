import pytest

from eom.planning.conduct.standard import CODE_OF_CONDUCT_V1

DESIGN_ORDER = (
    "respect_sovereignty",
    "respect_laws",
    "respect_mission_integrity",
    "impartiality",
    "no_obstruction",
    "identification",
    "accuracy",
    "no_public_comment",
    "cooperate",
    "personal_behaviour",
    "pledge",
    "no_conflict_of_interest",
)


def test_version_1_has_the_twelve_items_in_the_order_of_the_design() -> None:
    assert tuple(key for key, _kind, _en, _es in CODE_OF_CONDUCT_V1) == DESIGN_ORDER


def test_keys_are_unique() -> None:
    keys = [key for key, _kind, _en, _es in CODE_OF_CONDUCT_V1]
    assert len(keys) == len(set(keys))


def test_ten_obligations_are_followed_by_one_pledge_and_one_declaration() -> None:
    kinds = [kind for _key, kind, _en, _es in CODE_OF_CONDUCT_V1]
    assert kinds == ["obligation"] * 10 + ["pledge", "declaration"]


@pytest.mark.parametrize(("key", "kind", "text_en", "text_es"), CODE_OF_CONDUCT_V1)
def test_every_item_has_a_short_text_in_english_and_a_different_one_in_spanish(
    key: str, kind: str, text_en: str, text_es: str
) -> None:
    for text in (text_en, text_es):
        assert text.strip() == text
        assert 0 < len(text) <= 400
        assert "{" not in text and "}" not in text
    assert text_es != text_en


@pytest.mark.parametrize(
    ("key", "kind", "text_en", "text_es"),
    [item for item in CODE_OF_CONDUCT_V1 if item[1] != "obligation"],
)
def test_the_pledge_and_the_declaration_are_in_the_first_person(
    key: str, kind: str, text_en: str, text_es: str
) -> None:
    assert text_en.startswith("I ")
    assert text_es.startswith("Declaro ")
