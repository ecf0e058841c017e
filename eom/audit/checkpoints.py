"""Checkpoints: the head of every chain of the audit log, signed with a key the database
never holds and appended to a file an operator can keep apart.

The hash chains show an entry changed by someone who does not recompute the hashes; whoever
can write to the database can recompute them, drop a chain or empty the log. A checkpoint
pins what each chain held when it was signed (its last sequence number and that entry's
hash), so ``verify`` finds a chain rewritten, shortened or gone since. Each checkpoint
names the digest of the one before it, so the digest of the latest, published or copied
elsewhere, pins the whole file and shows it cut back too. What was appended after the
latest checkpoint has only its hash chain to protect it.
"""

import base64
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)
from sqlmodel import Session, select

from eom.audit.models import GENESIS_HASH, AuditChain
from eom.audit.service import ChainProblem, canonical_json
from eom.audit.service import verify as walk
from eom.core.clock import utcnow
from eom.core.errors import Conflict, InvalidInput
from eom.core.i18n import N_
from eom.core.settings import Settings


@dataclass(frozen=True)
class Anchoring:
    """Where the chains are anchored: the checkpoints file, the key that signs them, and
    the public key that checks them (by default the signing key's own), with the digest of
    a checkpoint the operator published, which the file must still hold."""

    checkpoints: Path
    key_file: Path
    public_key_file: Path | None = None
    digest: str | None = None

    @classmethod
    def of(cls, settings: Settings) -> "Anchoring":
        return cls(
            checkpoints=settings.resolved_audit_checkpoints,
            key_file=settings.resolved_audit_key_file,
            public_key_file=settings.audit_public_key,
        )


@dataclass(frozen=True)
class Checkpoint:
    """One signed line of the checkpoints file: when, and each chain's last seq and hash."""

    number: int
    at: datetime
    heads: dict[str, tuple[int, str]]
    key: str
    digest: str


@dataclass(frozen=True)
class CheckpointProblem:
    """Why the checkpoints cannot be trusted: one of them (its line), or the whole file."""

    number: int
    reason: str

    def __str__(self) -> str:
        return f"checkpoint {self.number}: {self.reason}" if self.number else self.reason


Problem = CheckpointProblem | ChainProblem


@dataclass(frozen=True)
class Verification:
    """What verifying the log found: entries walked, every problem (the checkpoints' own
    first), and the checkpoints that anchored the walk (none: the log is not anchored)."""

    checked: int
    problems: list[Problem]
    checkpoints: list[Checkpoint] = field(default_factory=list)

    @property
    def latest(self) -> Checkpoint | None:
        return self.checkpoints[-1] if self.checkpoints else None


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """A short name for a public key: the start of the SHA-256 of its 32 bytes."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_key_path(key_file: Path) -> Path:
    """Where the public key of a signing key is written beside it, to be copied apart."""
    return key_file.with_name(key_file.name + ".pub")


def signing_key(key_file: Path) -> Ed25519PrivateKey:
    """The key that signs checkpoints, made on first use: a PEM file only its owner may
    read (0600), with its public key beside it (``.pub``) for whoever verifies elsewhere."""
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        try:
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            return signing_key(key_file)
        with os.fdopen(descriptor, "wb") as out:
            out.write(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        public_key_path(key_file).write_bytes(
            key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        )
        return key
    try:
        found: object = load_pem_private_key(key_file.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        found = None
    if not isinstance(found, Ed25519PrivateKey):
        raise InvalidInput(
            N_("{path} is not a readable Ed25519 private key in PEM."), path=key_file
        )
    return found


def verifying_key(anchoring: Anchoring) -> Ed25519PublicKey | None:
    """The public key checkpoints are checked with: the one named, else the signing key's;
    None when there is neither (no checkpoint was ever signed here)."""
    if anchoring.public_key_file is None:
        return signing_key(anchoring.key_file).public_key() if anchoring.key_file.exists() else None
    try:
        found: object = load_pem_public_key(anchoring.public_key_file.read_bytes())
    except (OSError, ValueError):
        found = None
    if not isinstance(found, Ed25519PublicKey):
        raise InvalidInput(
            N_("{path} is not a readable Ed25519 public key in PEM."),
            path=anchoring.public_key_file,
        )
    return found


def _digest(line: str) -> str:
    return hashlib.sha256(line.encode()).hexdigest()


def _signed_bytes(body: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in body.items() if k != "signature"}).encode()


@dataclass
class _Reading:
    """The checkpoints of a file as they are checked one by one: those that hold, what
    they pin, and the digest of the last line (the next checkpoint names it)."""

    key: Ed25519PublicKey | None
    checkpoints: list[Checkpoint] = field(default_factory=list)
    problems: list[CheckpointProblem] = field(default_factory=list)
    pins: dict[str, dict[int, str]] = field(default_factory=dict)
    previous: str = GENESIS_HASH

    def add(self, key: Ed25519PublicKey, number: int, line: str) -> None:
        digest, previous, self.previous = _digest(line), self.previous, _digest(line)
        try:
            body = json.loads(line)
            chains = body["chains"].items()
            heads = {chain: (int(seq), str(hash_)) for chain, (seq, hash_) in chains}
            signature = base64.b64decode(body["signature"], validate=True)
            checkpoint = Checkpoint(
                number, datetime.fromisoformat(body["at"]), heads, str(body["key"]), digest
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            self.problems.append(CheckpointProblem(number, "not a checkpoint: unreadable"))
            return
        try:
            key.verify(signature, _signed_bytes(body))
        except InvalidSignature:
            self.problems.append(CheckpointProblem(number, _unsigned_because(checkpoint, key)))
            return
        if body.get("previous") != previous:
            self.problems.append(
                CheckpointProblem(
                    number, "does not follow the checkpoint before it: one was removed or moved"
                )
            )
        self._pin(checkpoint)
        self.checkpoints.append(checkpoint)

    def _pin(self, checkpoint: Checkpoint) -> None:
        for chain, (seq, hash_) in checkpoint.heads.items():
            pinned = self.pins.setdefault(chain, {})
            if pinned.setdefault(seq, hash_) != hash_:
                self.problems.append(
                    CheckpointProblem(
                        checkpoint.number,
                        f"signs another entry at seq {seq} of chain {chain!r} than one before",
                    )
                )


def _unsigned_because(checkpoint: Checkpoint, key: Ed25519PublicKey) -> str:
    if checkpoint.key != fingerprint(key):
        return f"signed by another key ({checkpoint.key}, not {fingerprint(key)})"
    return "its signature does not match its content: changed after signing"


def _read(anchoring: Anchoring, *, fresh: bool = False) -> _Reading:
    """Every checkpoint of the file checked against the public key. No file and no key: the
    log is not anchored. A key but no checkpoints: they are gone, unless the key is
    ``fresh`` (made for the first checkpoint)."""
    path = anchoring.checkpoints
    try:
        lines = path.read_text().splitlines() if path.exists() else []
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(N_("Cannot read {path}: {reason}."), path=path, reason=error) from None
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    reading = _Reading(verifying_key(anchoring))
    if reading.key is None:
        if numbered:
            reading.problems.append(
                CheckpointProblem(0, f"no public key to check the checkpoints of {path} with")
            )
        return reading
    if not numbered and not fresh:
        reading.problems.append(
            CheckpointProblem(
                0,
                f"no checkpoints in {path}, though a key signs them: "
                "they were removed, or are kept elsewhere",
            )
        )
    for number, line in numbered:
        reading.add(reading.key, number, line)
    digest = (anchoring.digest or "").strip().lower()
    if digest and digest not in {c.digest for c in reading.checkpoints}:
        reading.problems.append(
            CheckpointProblem(0, f"no checkpoint has the digest {digest}: the file was cut back")
        )
    return reading


def verify(session: Session, anchoring: Anchoring) -> Verification:
    """Walk every chain, and check that each still holds what every checkpoint signed.

    Checkpoints whose signature fails are named and pin nothing. With a signing or public
    key but no checkpoints the log is broken, not intact: they were made, and are gone."""
    reading = _read(anchoring)
    checked, problems = walk(session, reading.pins)
    return Verification(checked, [*reading.problems, *problems], reading.checkpoints)


@contextmanager
def _locked(path: Path) -> Iterator[IO[str]]:
    """The checkpoints file opened to append, locked so that two runs sign one after the
    other (each naming the digest of the one before)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield file
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def _heads(session: Session) -> dict[str, tuple[int, str]]:
    heads = session.exec(select(AuditChain))
    return {head.chain: (head.last_seq, head.last_hash) for head in heads}


def checkpoint(session: Session, anchoring: Anchoring) -> tuple[Checkpoint, bool]:
    """Sign the head of every chain and append the checkpoint to the file, making the
    signing key on first use; return it, and whether it is new (when no chain changed
    since the latest checkpoint, that one stands and the file stays as it is).

    The log is verified first, against the checkpoints before and the heads about to be
    signed: a log already broken is refused rather than signed as it is."""
    fresh = not anchoring.key_file.exists()
    with _locked(anchoring.checkpoints) as file:
        heads = _heads(session)
        reading = _read(anchoring, fresh=fresh)
        pins = {chain: {seq: hash_} for chain, (seq, hash_) in heads.items()}
        for chain, pinned in reading.pins.items():
            pins.setdefault(chain, {}).update(pinned)
        problems: list[Problem] = [*reading.problems, *walk(session, pins)[1]]
        if problems:
            raise Conflict(
                N_("The audit log is broken ({found}): no checkpoint was signed."),
                found=str(problems[0]),
            )
        if reading.checkpoints and reading.checkpoints[-1].heads == heads:
            return reading.checkpoints[-1], False
        key, at = signing_key(anchoring.key_file), utcnow()
        body: dict[str, Any] = {
            "at": at.isoformat(timespec="seconds"),
            "chains": {chain: list(head) for chain, head in sorted(heads.items())},
            "key": fingerprint(key.public_key()),
            "previous": reading.previous,
        }
        body["signature"] = base64.b64encode(key.sign(_signed_bytes(body))).decode()
        line = canonical_json(body)
        file.write(line + "\n")
        file.flush()
        os.fsync(file.fileno())
    number = len(reading.checkpoints) + 1
    made = Checkpoint(number, at.replace(microsecond=0), heads, body["key"], _digest(line))
    return made, True
