"""Password hashes (argon2id) and opaque access tokens (random, stored only as hashes)."""

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from eom.core.settings import Settings

MIN_PASSWORD_LENGTH = 12


def make_password_hasher(settings: Settings) -> PasswordHasher:
    """An argon2id hasher with the configured cost (OWASP's minimum by default)."""
    return PasswordHasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_kib,
        parallelism=1,
        type=Type.ID,
    )


def verify_password(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    """True when ``password`` matches ``password_hash``; never raises on a bad hash."""
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A fresh opaque token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The only form in which a token is stored. A fast hash suffices: tokens are random."""
    return hashlib.sha256(token.encode()).hexdigest()


def sign(secret_key: str, value: str) -> str:
    """An HMAC-SHA256 of ``value`` under the secret key (CSRF tokens)."""
    return hmac.new(secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()


def signatures_match(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
