"""Which passwords an account may have: long enough, and none that attackers try first —
common, leaked or built on a common pattern, however long."""

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from eom.accounts.models import NewPassword, Role, UserCreate, UserUpdate
from eom.accounts.passwords import TOO_GUESSABLE, is_guessable
from tests.factories import PASSWORD

GUESSABLE = ["password1234", "qwertyuiop123", "iloveyou2026", "123456789012", "a" * 100]


@pytest.mark.parametrize("password", GUESSABLE)
def test_common_leaked_or_patterned_passwords_are_guessable(password: str) -> None:
    assert is_guessable(password)


@pytest.mark.parametrize("password", [PASSWORD, "a brand new passphrase", "Tr0ub4dor&3xy"])
def test_unrelated_words_or_random_characters_are_not(password: str) -> None:
    assert not is_guessable(password)


def test_a_guessable_password_is_refused_wherever_one_is_set() -> None:
    new = {"email": "ana@example.org", "full_name": "Ana", "role": Role.staff}
    attempts: list[Callable[[], object]] = [
        lambda: UserCreate.model_validate({**new, "password": "password1234"}),
        lambda: UserUpdate.model_validate({"password": "password1234"}),
        lambda: NewPassword.model_validate(
            {"password": "password1234", "password_again": "password1234"}
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="too easy to guess") as refused:
            attempt()
        assert refused.value.errors()[0]["loc"] == ("password",)
    assert TOO_GUESSABLE.startswith("This password is too easy to guess")
