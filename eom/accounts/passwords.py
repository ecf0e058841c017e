"""Which passwords an account may have: at least 12 characters, and none that an attacker
tries early — a common or leaked password, or one that follows a common pattern.

zxcvbn judges the guess: its lists hold the 30,000 passwords most seen in breaches and the
words and names people build passwords from, and it estimates how many guesses patterns
(keyboard rows, dates, repeats, l33t) would take. A password it scores below 3 (fewer than
10⁸ guesses) is refused, whatever its length; the length rule stays the first one.
"""

from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from zxcvbn import zxcvbn

from eom.core.errors import RuleBroken
from eom.core.i18n import N_
from eom.core.security import MIN_PASSWORD_LENGTH

# zxcvbn's time grows with the length; the first characters decide whether a password is
# guessable (a strong beginning is not weakened by what follows).
_JUDGED_LENGTH = 72
_LEAST_SCORE = 3

TOO_GUESSABLE = N_(
    "This password is too easy to guess: it is among the passwords most often used or "
    "leaked, or follows a common pattern. Choose another; a few unrelated words make a "
    "strong one."
)


def is_guessable(password: str) -> bool:
    """True when ``password`` is common, leaked or built on a pattern attackers try first."""
    return int(zxcvbn(password[:_JUDGED_LENGTH])["score"]) < _LEAST_SCORE


def _not_guessable(password: str) -> str:
    if is_guessable(password):
        raise RuleBroken("password", TOO_GUESSABLE)
    return password


# A password as an account may be given it: wherever one is set (a new account, a change,
# a reset), this is the one type that checks it.
Password = Annotated[
    str,
    StringConstraints(min_length=MIN_PASSWORD_LENGTH, max_length=1024),
    AfterValidator(_not_guessable),
]
