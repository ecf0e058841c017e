"""Two-factor sign-in: a secret confirmed by a first code and stored encrypted, codes
accepted within one step either side and never twice, recovery codes spent once, turning
it off with the password and a code, and the ticket of a sign-in's second step."""

from datetime import datetime, timedelta

import pyotp
import pytest
from argon2 import PasswordHasher
from sqlmodel import col, select

from eom.accounts import service as accounts
from eom.accounts import totp
from eom.accounts.models import (
    LoginThrottle,
    RecoveryCode,
    Role,
    TotpCredential,
    User,
    UserUpdate,
)
from eom.audit.models import AuditEntry
from eom.audit.service import SYSTEM
from eom.core.clock import utcnow
from eom.core.db import Database
from eom.core.errors import Conflict, InvalidCredentials, InvalidInput, NotAuthenticated
from tests.factories import PASSWORD, make_user

KEY = "the server's secret key, for these tests"
POLICY = accounts.LoginPolicy(max_failures=3, lockout_seconds=30, lockout_max_seconds=100)
# The middle of a 30-second step, so that a step either side is exactly 30 s away.
NOW = datetime.fromtimestamp(1_800_000_015).astimezone()


def _enrolled(db: Database, user: User, *, now: datetime = NOW) -> tuple[str, list[str]]:
    with db.session_scope() as session:
        secret, offer = totp.offer(KEY, user, now=now)
        codes = totp.enrol(
            session, user, offer, pyotp.TOTP(secret).at(now), secret_key=KEY, now=now
        )
    return secret, codes


def _check(db: Database, user: User, code: str, *, at: datetime) -> None:
    with db.session_scope() as session:
        totp.check_code(session, user, code, secret_key=KEY, now=at)


def _entries(db: Database, action: str) -> list[AuditEntry]:
    with db.session_scope() as session:
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.id))
        return list(session.exec(query))


def test_enrolling_stores_the_secret_encrypted_and_ten_recovery_codes_hashed(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    secret, codes = _enrolled(db, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    with db.session_scope() as session:
        stored = session.exec(select(TotpCredential)).one()
        hashes = [c.code_hash for c in session.exec(select(RecoveryCode))]
    assert secret not in stored.secret
    assert totp.unseal(KEY, f"totp-credential:{user.id}", stored.secret) == secret
    assert totp.unseal("another key", f"totp-credential:{user.id}", stored.secret) is None
    assert totp.unseal(KEY, "totp-credential:999", stored.secret) is None  # not another's
    assert len(hashes) == 10
    assert not any(code.replace("-", "") in h for code in codes for h in hashes)


def test_enrolling_is_audited_without_the_secret(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    secret, _ = _enrolled(db, user)
    [entry] = _entries(db, "enrol")
    assert entry.entity_type == "totp_credential" and entry.actor == user.email
    assert entry.after is not None and secret not in entry.after and "secret" not in entry.after


def test_a_wrong_first_code_stores_nothing(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    with db.session_scope() as session:
        secret, offer = totp.offer(KEY, user, now=NOW)
        wrong = pyotp.TOTP(secret).at(NOW + timedelta(minutes=5))
        with pytest.raises(InvalidInput) as refused:
            totp.enrol(session, user, offer, wrong, secret_key=KEY, now=NOW)
    assert refused.value.errors[0]["loc"] == ["body", "code"]
    with db.session_scope() as session:
        assert session.exec(select(TotpCredential)).first() is None


def test_an_offer_works_for_its_person_only_and_for_fifteen_minutes(
    db: Database, hasher: PasswordHasher
) -> None:
    user, other = make_user(db, hasher), make_user(db, hasher)
    secret, offer = totp.offer(KEY, user, now=NOW)
    later = NOW + timedelta(minutes=16)
    with db.session_scope() as session:
        code = pyotp.TOTP(secret).at(NOW)
        with pytest.raises(InvalidInput, match="Start again"):
            totp.enrol(session, other, offer, code, secret_key=KEY, now=NOW)
        with pytest.raises(InvalidInput, match="Start again"):
            totp.enrol(
                session, user, offer, pyotp.TOTP(secret).at(later), secret_key=KEY, now=later
            )
        with pytest.raises(InvalidInput, match="Start again"):
            totp.enrol(session, user, offer[:-4] + "AAAA", code, secret_key=KEY, now=NOW)


def test_an_account_enrols_once(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    _enrolled(db, user)
    with pytest.raises(Conflict):
        _enrolled(db, user, now=NOW + timedelta(minutes=1))


def test_a_code_is_accepted_one_step_either_side_and_no_further(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    secret, _ = _enrolled(db, user, now=NOW - timedelta(minutes=10))
    app = pyotp.TOTP(secret)
    for late in (timedelta(seconds=60), timedelta(seconds=-60)):
        with pytest.raises(InvalidCredentials) as refused:
            _check(db, user, app.at(NOW - late), at=NOW)
        assert refused.value.kind == "totp-invalid"
    _check(db, user, app.at(NOW - timedelta(seconds=30)), at=NOW)  # a slow phone
    _check(db, user, app.at(NOW), at=NOW)
    _check(db, user, app.at(NOW + timedelta(seconds=30)), at=NOW)  # a fast one


def test_a_code_is_never_accepted_twice_nor_an_earlier_one_after_it(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    secret, _ = _enrolled(db, user, now=NOW - timedelta(minutes=10))
    app = pyotp.TOTP(secret)
    _check(db, user, app.at(NOW), at=NOW)
    with pytest.raises(InvalidCredentials):
        _check(db, user, app.at(NOW), at=NOW + timedelta(seconds=5))  # replayed
    with pytest.raises(InvalidCredentials):
        _check(db, user, app.at(NOW - timedelta(seconds=30)), at=NOW)  # older
    _check(db, user, app.at(NOW + timedelta(seconds=30)), at=NOW + timedelta(seconds=30))


def test_the_first_code_cannot_be_replayed_to_sign_in(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    secret, _ = _enrolled(db, user)
    with pytest.raises(InvalidCredentials):
        _check(db, user, pyotp.TOTP(secret).at(NOW), at=NOW)


def test_a_recovery_code_signs_in_once_and_its_use_is_audited(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    _, codes = _enrolled(db, user)
    _check(db, user, codes[3].upper().replace("-", " "), at=NOW)  # as typed, loosely
    with pytest.raises(InvalidCredentials):
        _check(db, user, codes[3], at=NOW)
    _check(db, user, codes[4], at=NOW)
    entries = _entries(db, "recovery_code_used")
    assert [e.after for e in entries] == ['{"recovery_codes_left":9}', '{"recovery_codes_left":8}']
    with db.session_scope() as session:
        credential = totp.credential_of(session, user)
        assert credential is not None and totp.recovery_codes_left(session, credential) == 8


def test_a_recovery_code_is_the_accounts_own(db: Database, hasher: PasswordHasher) -> None:
    user, other = make_user(db, hasher), make_user(db, hasher)
    _, codes = _enrolled(db, user)
    _enrolled(db, other)
    with pytest.raises(InvalidCredentials):
        _check(db, other, codes[0], at=NOW)


def test_turning_it_off_needs_the_password_and_a_code(db: Database, hasher: PasswordHasher) -> None:
    user = make_user(db, hasher)
    secret, _ = _enrolled(db, user, now=NOW - timedelta(minutes=10))
    code = pyotp.TOTP(secret).at(NOW)
    with db.session_scope() as session:
        for password, given, field in [("not it", code, "password"), (PASSWORD, "000000", "code")]:
            with pytest.raises(InvalidInput) as refused:
                totp.turn_off(
                    session, user, password, given, hasher=hasher, secret_key=KEY, now=NOW
                )
            assert refused.value.errors[0]["loc"] == ["body", field]
    with db.session_scope() as session:
        totp.turn_off(session, user, PASSWORD, code, hasher=hasher, secret_key=KEY, now=NOW)
    with db.session_scope() as session:
        assert session.exec(select(TotpCredential)).first() is None
        assert session.exec(select(RecoveryCode)).first() is None
        assert not accounts.has_second_factor(session, user)
    [entry] = _entries(db, "disable")
    assert entry.entity_type == "totp_credential" and entry.after is None


def test_the_password_alone_does_not_clear_the_failures_of_an_enrolled_account(
    db: Database, hasher: PasswordHasher
) -> None:
    """Else a known password would reset the count of wrong codes before each guess."""
    user = make_user(db, hasher)
    _enrolled(db, user)
    with db.session_scope() as session:
        accounts.record_failed_login(session, user.email, policy=POLICY, now=NOW)
    with db.session_scope() as session:
        accounts.authenticate(session, user.email, PASSWORD, hasher=hasher, now=utcnow())
    with db.session_scope() as session:
        throttle = session.get(LoginThrottle, user.email)
        assert throttle is not None and throttle.failures == 1


def test_a_second_steps_ticket_names_its_person_for_five_minutes(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    ticket = totp.second_step_ticket(KEY, user, now=NOW)
    with db.session_scope() as session:
        assert (
            totp.user_of_ticket(session, KEY, ticket, now=NOW + timedelta(minutes=4)).id == user.id
        )
        user_id, expires, signature = ticket.split(".")
        forged = [
            f"{int(user_id) + 1}.{expires}.{signature}",
            f"{user_id}.{int(expires) + 600}.{signature}",
            f"{user_id}.{expires}.{signature[:-1]}{'1' if signature.endswith('0') else '0'}",
            "9" * 30 + f".{expires}.{signature}",
            "",
        ]
        for wrong in forged:
            with pytest.raises(NotAuthenticated):
                totp.user_of_ticket(session, KEY, wrong, now=NOW)
        with pytest.raises(NotAuthenticated):
            totp.user_of_ticket(session, KEY, ticket, now=NOW + timedelta(minutes=6))
        with pytest.raises(NotAuthenticated):
            totp.user_of_ticket(session, "another key", ticket, now=NOW)


def test_a_new_password_ends_the_tickets_of_the_old_one(
    db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    ticket = totp.second_step_ticket(KEY, user, now=NOW)
    with db.session_scope() as session:
        stored = accounts.get_user(session, user.id or 0)
        change = UserUpdate(password="a brand new passphrase")
        accounts.update_user(session, stored, change, actor=SYSTEM, hasher=hasher)
    with pytest.raises(NotAuthenticated), db.session_scope() as session:
        totp.user_of_ticket(session, KEY, ticket, now=NOW)


def test_an_administrator_removes_it_for_a_person_who_lost_phone_and_codes(
    db: Database, hasher: PasswordHasher
) -> None:
    user, admin = make_user(db, hasher), make_user(db, hasher, role=Role.admin)
    _enrolled(db, user)
    with db.session_scope() as session:
        totp.remove(session, user, actor=accounts.actor_of(admin))
    [entry] = _entries(db, "disable")
    assert entry.actor == admin.email and entry.entity_type == "totp_credential"
    with pytest.raises(Conflict), db.session_scope() as session:
        totp.remove(session, user, actor=accounts.actor_of(admin))
