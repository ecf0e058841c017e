"""Two-factor sign-in with time-based one-time codes (RFC 6238, the codes of any
authenticator app) and ten one-time recovery codes.

A person enrols from their own account: EOM makes a secret and offers it (sealed in the
enrolment form, so nothing is stored until a first code confirms the app has it), then
stores it encrypted and shows the recovery codes once. From then on a sign-in needs a
code besides the password: a code of the current 30-second step or the one on either
side, never of a step already used (a code seen over a shoulder cannot be replayed), or
a recovery code, which is then spent.

The secret is encrypted (AES-GCM) with a key derived from ``EOM_SECRET_KEY``: a copy of
the database alone does not give it away. Changing that key makes the stored secrets
unreadable; their owners then sign in with a recovery code and enrol again.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlmodel import Session, col, select

from eom.accounts.models import RecoveryCode, TotpCredential, User
from eom.accounts.service import CHAIN, actor_of
from eom.audit import service as audit
from eom.audit.service import Actor
from eom.core.errors import Conflict, InvalidCredentials, InvalidInput, NotAuthenticated
from eom.core.i18n import N_
from eom.core.security import sign, signatures_match, verify_password

ISSUER = "EOM"
STEP_SECONDS = 30
RECOVERY_CODES = 10
# How long an offered secret may be confirmed, and a right password waits for its code.
OFFER_LIFETIME = timedelta(minutes=15)
SECOND_STEP_LIFETIME = timedelta(minutes=5)
# Recovery codes: 12 characters of an alphabet without look-alikes (about 59 bits).
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

WRONG_CODE = N_("This code is not right, or was already used.")
CODE_NEEDED = N_("Enter the code from your authenticator app, or a recovery code.")
WRONG_PASSWORD = N_("This is not your current password.")
OFFER_EXPIRED = N_("The setup took too long or was changed. Start again.")
NOT_ENROLLED = N_("Two-factor sign-in is not set up for this account.")
SECOND_STEP_EXPIRED = N_("The sign-in took too long. Enter your email and password again.")


class CodeRequired(NotAuthenticated):
    """The password is right, and the account also needs a code: the sign-in waits for
    it (``user`` is who it is, for the page that asks for the code)."""

    kind = "totp-required"

    def __init__(self, user: User) -> None:
        super().__init__(CODE_NEEDED)
        self.user = user


# --- the secret, sealed ------------------------------------------------------------------


def _key(secret_key: str) -> bytes:
    """The AES key of the TOTP secrets, derived from the server's secret key."""
    return hmac.new(secret_key.encode(), b"eom totp secrets v1", hashlib.sha256).digest()


def seal(secret_key: str, purpose: str, plain: str) -> str:
    """``plain`` encrypted and authenticated for ``purpose`` (which a sealed value cannot
    be moved to: another person's row, another form)."""
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_key(secret_key)).encrypt(nonce, plain.encode(), purpose.encode())
    return base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(secret_key: str, purpose: str, sealed: str) -> str | None:
    """What ``seal`` sealed for this purpose, or None for anything else."""
    try:
        raw = base64.urlsafe_b64decode(sealed.encode())
        return AESGCM(_key(secret_key)).decrypt(raw[:12], raw[12:], purpose.encode()).decode()
    except (ValueError, InvalidTag):
        return None


def _row_purpose(user_id: int | None) -> str:
    return f"totp-credential:{user_id}"


# --- enrolling -----------------------------------------------------------------------------


def credential_of(
    session: Session, user: User, *, for_update: bool = False
) -> TotpCredential | None:
    """The person's second factor, if they enrolled one."""
    query = select(TotpCredential).where(TotpCredential.user_id == user.id)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def recovery_codes_left(session: Session, credential: TotpCredential) -> int:
    return len(_unused_codes(session, credential))


def offer(secret_key: str, user: User, *, now: datetime) -> tuple[str, str]:
    """A new secret for the person to put in their app, and the same sealed with its
    expiry for the enrolment form: ``(secret, offer)``."""
    secret = pyotp.random_base32()
    expires = int((now + OFFER_LIFETIME).timestamp())
    return secret, seal(secret_key, f"totp-offer:{user.id}", f"{secret}:{expires}")


def offered_secret(secret_key: str, user: User, sealed: str, *, now: datetime) -> str:
    """The secret of an enrolment form's offer, if it is this person's and still good."""
    opened = unseal(secret_key, f"totp-offer:{user.id}", sealed)
    secret, _, expires = (opened or "").partition(":")
    if not secret or not expires.isdigit() or int(expires) < now.timestamp():
        raise InvalidInput(OFFER_EXPIRED, errors=[{"loc": ["body", "code"], "msg": OFFER_EXPIRED}])
    return secret


def provisioning_uri(secret: str, user: User) -> str:
    """The ``otpauth://`` address an authenticator app reads (from a QR code, say)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def enrol(
    session: Session, user: User, sealed_offer: str, code: str, *, secret_key: str, now: datetime
) -> list[str]:
    """Store the offered secret once ``code`` shows the person's app makes its codes, and
    make their recovery codes: returned here in plain words, once, and stored only as
    salted hashes. Audited as the credential's ``enrol``."""
    secret = offered_secret(secret_key, user, sealed_offer, now=now)
    if credential_of(session, user, for_update=True) is not None:
        raise Conflict("Two-factor sign-in is already set up for this account.")
    step = _matching_step(secret, _normalized(code), now=now, last_used=None)
    if step is None:
        raise InvalidInput(WRONG_CODE, errors=[{"loc": ["body", "code"], "msg": WRONG_CODE}])
    assert user.id is not None, "a stored user"
    credential = TotpCredential(
        user_id=user.id,
        secret=seal(secret_key, _row_purpose(user.id), secret),
        created_at=now,
        last_used_step=step,
    )
    audit.created(session, credential, actor=actor_of(user), chain=CHAIN, action="enrol")
    return _new_recovery_codes(session, credential)


def _new_recovery_codes(session: Session, credential: TotpCredential) -> list[str]:
    assert credential.id is not None, "a stored credential"
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(12)) for _ in range(RECOVERY_CODES)]
    for code in codes:
        session.add(RecoveryCode(credential_id=credential.id, code_hash=_hashed(code)))
    session.flush()
    return [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]


def _hashed(code: str, salt: str | None = None) -> str:
    """A recovery code as stored: a random salt and the SHA-256 of salt and code."""
    salt = salt or secrets.token_hex(8)
    return f"{salt}${hashlib.sha256((salt + code).encode()).hexdigest()}"


def remove(session: Session, user: User, *, actor: Actor) -> None:
    """Remove the person's second factor and its recovery codes (audited as the
    credential's ``disable``): their password alone signs them in again. An
    administrator does it for a person who lost both their phone and their codes."""
    credential = credential_of(session, user, for_update=True)
    if credential is None:
        raise Conflict(NOT_ENROLLED)
    for code in session.exec(
        select(RecoveryCode).where(RecoveryCode.credential_id == credential.id)
    ):
        session.delete(code)
    session.flush()
    audit.deleted(session, credential, actor=actor, chain=CHAIN, action="disable")


def turn_off(
    session: Session,
    user: User,
    password: str,
    code: str,
    *,
    hasher: PasswordHasher,
    secret_key: str,
    now: datetime,
) -> None:
    """The person turns their second factor off, with their password and a code (or a
    recovery code): a session left open is not enough. Either wrong is ``InvalidInput``
    beside its field."""
    if not verify_password(hasher, user.password_hash, password):
        raise InvalidInput(
            WRONG_PASSWORD, errors=[{"loc": ["body", "password"], "msg": WRONG_PASSWORD}]
        )
    try:
        check_code(session, user, code, secret_key=secret_key, now=now)
    except InvalidCredentials:
        raise InvalidInput(
            WRONG_CODE, errors=[{"loc": ["body", "code"], "msg": WRONG_CODE}]
        ) from None
    remove(session, user, actor=actor_of(user))


# --- checking a code -------------------------------------------------------------------------


def _normalized(code: str) -> str:
    return "".join(c for c in code.lower() if c not in " -")


def _matching_step(secret: str, code: str, *, now: datetime, last_used: int | None) -> int | None:
    """The time step, of the current one and one on either side, whose code this is;
    None when none, or when that step's code was already accepted."""
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step if last_used is None or step > last_used else None
    return None


def _unused_codes(session: Session, credential: TotpCredential) -> list[RecoveryCode]:
    return list(
        session.exec(
            select(RecoveryCode).where(
                RecoveryCode.credential_id == credential.id, col(RecoveryCode.used_at).is_(None)
            )
        )
    )


def check_code(session: Session, user: User, code: str, *, secret_key: str, now: datetime) -> None:
    """Accept a code of the person's app, once (the step is remembered), or one of their
    recovery codes, which is spent (audited as ``recovery_code_used``); anything else is
    ``InvalidCredentials`` of kind ``totp-invalid``. The credential's row is locked, so two
    requests with one code cannot both pass."""
    credential = credential_of(session, user, for_update=True)
    if credential is None:
        raise Conflict(NOT_ENROLLED)
    given = _normalized(code)[:40]
    secret = unseal(secret_key, _row_purpose(user.id), credential.secret)
    step = (
        _matching_step(secret, given, now=now, last_used=credential.last_used_step)
        if secret
        else None
    )
    if step is not None:
        # Bookkeeping of the replay guard, as a session's last use is: not audited.
        credential.last_used_step = step
        session.add(credential)
        session.flush()
        return
    if not _spend_recovery_code(session, user, credential, given, now=now):
        raise InvalidCredentials(WRONG_CODE, problem="totp-invalid")


def _spend_recovery_code(
    session: Session, user: User, credential: TotpCredential, given: str, *, now: datetime
) -> bool:
    unused = _unused_codes(session, credential)
    for stored in unused:
        salt = stored.code_hash.partition("$")[0]
        if signatures_match(stored.code_hash, _hashed(given, salt)):
            stored.used_at = now
            session.add(stored)
            audit.record(
                session,
                actor=actor_of(user),
                action="recovery_code_used",
                entity_type=audit.entity_type_of(credential),
                entity_id=credential.id,
                after={"recovery_codes_left": len(unused) - 1},
                chain=CHAIN,
            )
            return True
    return False


# --- the sign-in's second step -------------------------------------------------------------------


def _ticket_signature(secret_key: str, user: User, expires: int) -> str:
    # The password hash is signed too: a new password ends the tickets of the old one.
    return sign(secret_key, f"totp-ticket:{user.id}:{expires}:{user.password_hash}")


def second_step_ticket(secret_key: str, user: User, *, now: datetime) -> str:
    """What the code's form carries after a right password: who signs in, until when,
    signed by the server, so that the password is not sent again."""
    expires = int((now + SECOND_STEP_LIFETIME).timestamp())
    return f"{user.id}.{expires}.{_ticket_signature(secret_key, user, expires)}"


def user_of_ticket(session: Session, secret_key: str, ticket: str, *, now: datetime) -> User:
    """The active person a second step's ticket names, while it is good; else
    ``NotAuthenticated`` (sign in again from the start)."""
    user_id, _, rest = ticket.partition(".")
    expires, _, signature = rest.partition(".")
    good = user_id.isdigit() and len(user_id) <= 9 and expires.isdigit() and len(expires) <= 12
    if good and int(expires) >= now.timestamp():
        user = session.get(User, int(user_id))
        if (
            user is not None
            and user.is_active
            and signatures_match(signature, _ticket_signature(secret_key, user, int(expires)))
        ):
            return user
    raise NotAuthenticated(SECOND_STEP_EXPIRED)
