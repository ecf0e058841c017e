"""Signed checkpoints anchor the audit log outside the database: whoever can write to it may
recompute every hash, but cannot make what a checkpoint signed agree with what they wrote.

Each of thirteen kinds of tampering is found. The hash chains alone, all that verifying
checked before checkpoints, found three of them (an entry edited, edited with its own hash
recomputed, or deleted from the middle with the head left as it was); each case says so."""

import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import select

from eom.audit import checkpoints
from eom.audit import service as audit
from eom.audit.checkpoints import Anchoring
from eom.audit.models import AuditChain, AuditEntry
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.core.errors import Conflict
from tests.support.forgery import rehash, renumber, sql


def _append(db: Database, chain: str, *numbers: int) -> None:
    with db.session_scope() as session:
        for n in numbers:
            audit.record(
                session,
                actor=SYSTEM,
                action="update",
                entity_type="x",
                entity_id=n,
                after={"n": n},
                chain=chain,
            )


@dataclass(frozen=True)
class Log:
    """A log of two chains, checkpointed twice: the anchoring the server uses (its key and
    file), and the operator's copies kept apart (the public key, the published digest)."""

    server: Anchoring
    apart: Anchoring


@pytest.fixture
def log(db: Database, tmp_path: Path) -> Log:
    server = Anchoring(checkpoints=tmp_path / "checkpoints.jsonl", key_file=tmp_path / "key")
    _append(db, "accounts", 1, 2, 3, 4)
    _append(db, "mission:1", 1, 2, 3)
    with db.session_scope() as session:
        checkpoints.checkpoint(session, server)
    _append(db, "accounts", 5)
    with db.session_scope() as session:
        latest, _ = checkpoints.checkpoint(session, server)
    kept = shutil.copy(checkpoints.public_key_path(server.key_file), tmp_path / "kept.pub")
    apart = Anchoring(server.checkpoints, server.key_file, Path(kept), digest=latest.digest)
    return Log(server, apart)


def _verified(db: Database, anchoring: Anchoring) -> checkpoints.Verification:
    with db.session_scope(write=False) as session:
        return checkpoints.verify(session, anchoring)


def _walked(db: Database) -> list[audit.ChainProblem]:
    """What verifying found before checkpoints: the hash chains alone."""
    with db.session_scope(write=False) as session:
        return audit.verify(session)[1]


def test_an_untouched_log_with_entries_after_the_checkpoint_is_intact(
    db: Database, log: Log
) -> None:
    _append(db, "accounts", 6)
    _append(db, "field:1:1", 1)
    found = _verified(db, log.apart)
    assert found.problems == [] and found.checked == 10
    assert len(found.checkpoints) == 2 and found.latest and found.latest.digest == log.apart.digest


def test_a_checkpoint_signs_each_chain_s_last_seq_and_hash_and_follows_the_one_before(
    db: Database, log: Log
) -> None:
    with db.session_scope(write=False) as session:
        heads = {h.chain: (h.last_seq, h.last_hash) for h in session.exec(select(AuditChain))}
    first, second = _verified(db, log.server).checkpoints
    assert second.heads == heads and first.heads["accounts"][0] == 4
    assert (first.number, second.number) == (1, 2)
    assert f'"previous":"{first.digest}"' in log.server.checkpoints.read_text().splitlines()[1]


def test_the_signing_key_is_a_file_only_its_owner_reads_with_its_public_key_beside(
    log: Log,
) -> None:
    assert stat.S_IMODE(log.server.key_file.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in log.server.key_file.read_bytes()
    assert b"PUBLIC KEY" in checkpoints.public_key_path(log.server.key_file).read_bytes()


def test_a_checkpoint_with_no_chain_changed_since_the_latest_adds_nothing(
    db: Database, log: Log
) -> None:
    lines = log.server.checkpoints.read_text()
    with db.session_scope() as session:
        latest, appended = checkpoints.checkpoint(session, log.server)
    assert (latest.number, latest.digest, appended) == (2, log.apart.digest, False)
    assert log.server.checkpoints.read_text() == lines


def test_a_checkpoint_removed_from_before_the_latest_is_found(db: Database, log: Log) -> None:
    latest = log.server.checkpoints.read_text().splitlines()[1]
    log.server.checkpoints.write_text(latest + "\n")
    (problem,) = _verified(db, log.apart).problems
    assert str(problem) == (
        "checkpoint 1: does not follow the checkpoint before it: one was removed or moved"
    )


def test_a_line_that_is_no_checkpoint_is_named(db: Database, log: Log) -> None:
    with log.server.checkpoints.open("a") as file:
        file.write('{"at": "today"}\n')
    assert [str(p) for p in _verified(db, log.server).problems] == [
        "checkpoint 3: not a checkpoint: unreadable"
    ]


def test_a_broken_log_is_refused_a_checkpoint(db: Database, log: Log) -> None:
    sql(db, "DELETE FROM audit_entry WHERE chain = 'mission:1'")
    rehash(db, "mission:1")
    lines = log.server.checkpoints.read_text()
    with pytest.raises(Conflict, match="no checkpoint was signed"), db.session_scope() as session:
        checkpoints.checkpoint(session, log.server)
    assert log.server.checkpoints.read_text() == lines


def test_a_log_never_checkpointed_is_intact_but_not_anchored(db: Database, tmp_path: Path) -> None:
    _append(db, "accounts", 1, 2)
    found = _verified(db, Anchoring(tmp_path / "none.jsonl", tmp_path / "no-key"))
    assert (found.checked, found.problems, found.latest) == (2, [], None)


# The tampering, each done as a database writer would do it to pass the hash chains.


def _edit(db: Database) -> None:
    sql(
        db,
        "UPDATE audit_entry SET after = :after WHERE chain = 'accounts' AND seq = 2",
        after='{"n":99}',
    )


def _edit_and_rehash_it(db: Database) -> None:
    _edit(db)
    with db.session_scope() as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.chain == "accounts", AuditEntry.seq == 2)
        ).one()
        entry.hash = audit.entry_hash(entry)
        session.add(entry)


def _rewrite_tail(db: Database) -> None:
    _edit(db)
    rehash(db, "accounts")


def _delete_middle(db: Database) -> None:
    sql(db, "DELETE FROM audit_entry WHERE chain = 'accounts' AND seq = 3")


def _shorten(db: Database) -> None:
    sql(db, "DELETE FROM audit_entry WHERE chain = 'accounts' AND seq >= 4")
    rehash(db, "accounts")


def _drop_chain(db: Database) -> None:
    sql(db, "DELETE FROM audit_entry WHERE chain = 'mission:1'")
    sql(db, "DELETE FROM audit_chain WHERE chain = 'mission:1'")


def _empty(db: Database) -> None:
    sql(db, "DELETE FROM audit_entry")
    sql(db, "DELETE FROM audit_chain")


def _reorder(db: Database) -> None:
    sql(db, "UPDATE audit_entry SET seq = -1 WHERE chain = 'accounts' AND seq = 2")
    sql(db, "UPDATE audit_entry SET seq = 2 WHERE chain = 'accounts' AND seq = 3")
    sql(db, "UPDATE audit_entry SET seq = 3 WHERE chain = 'accounts' AND seq = -1")
    rehash(db, "accounts")


def _insert(db: Database) -> None:
    sql(db, "UPDATE audit_entry SET seq = seq * 10 WHERE chain = 'accounts'")
    sql(
        db,
        "INSERT INTO audit_entry (chain, seq, at, actor, action, entity_type, entity_id,"
        " after, prev_hash, hash) SELECT chain, 15, at, actor, action, entity_type, '42',"
        " :after, '', '' FROM audit_entry WHERE chain = 'accounts' AND seq = 10",
        after='{"n":42}',
    )
    renumber(db, "accounts")
    rehash(db, "accounts")


def _move_chain(db: Database) -> None:
    sql(db, "UPDATE audit_entry SET chain = 'mission:2' WHERE chain = 'mission:1'")
    sql(db, "UPDATE audit_chain SET chain = 'mission:2' WHERE chain = 'mission:1'")
    rehash(db, "mission:2")


def _edit_checkpoint(db: Database, log: Log) -> None:
    """The log's tail rewritten, and the latest checkpoint made to sign the forged head."""
    with db.session_scope(write=False) as session:
        honest = session.exec(
            select(AuditEntry.hash).where(AuditEntry.chain == "accounts", AuditEntry.seq == 5)
        ).one()
    _rewrite_tail(db)
    with db.session_scope(write=False) as session:
        forged = session.exec(
            select(AuditEntry.hash).where(AuditEntry.chain == "accounts", AuditEntry.seq == 5)
        ).one()
    text = log.server.checkpoints.read_text()
    log.server.checkpoints.write_text(text.replace(honest, forged))


def _sign_with_another_key(db: Database, log: Log) -> None:
    """The log's tail rewritten, and new checkpoints signed by a key of the forger's own,
    put where the server's key and checkpoints were."""
    _rewrite_tail(db)
    log.server.checkpoints.unlink()
    log.server.key_file.unlink()
    with db.session_scope() as session:
        checkpoints.checkpoint(session, log.server)


def _remove_checkpoints(db: Database, log: Log) -> None:
    _rewrite_tail(db)
    log.server.checkpoints.unlink()


def _cut_checkpoints_back(db: Database, log: Log) -> None:
    """The entry only the latest checkpoint pins rewritten, and that checkpoint removed."""
    sql(
        db,
        "UPDATE audit_entry SET after = :after WHERE chain = 'accounts' AND seq = 5",
        after='{"n":55}',
    )
    rehash(db, "accounts")
    first = log.server.checkpoints.read_text().splitlines()[0]
    log.server.checkpoints.write_text(first + "\n")


@dataclass(frozen=True)
class Tampering:
    kind: str
    done: Callable[[Database, Log], None]
    found_as: str
    chains_alone_found_it: bool
    server_alone_finds_it: bool = True


def _to_log(change: Callable[[Database], None]) -> Callable[[Database, Log], None]:
    return lambda db, _log: change(db)


TAMPERING = [
    Tampering("1 an entry's content edited", _to_log(_edit), "does not match its hash", True),
    Tampering(
        "2 an entry edited and its hash recomputed",
        _to_log(_edit_and_rehash_it),
        "does not link to the entry before",
        True,
    ),
    Tampering(
        "3 every hash from an edited entry on recomputed (a rewritten tail)",
        _to_log(_rewrite_tail),
        "differs from the entry a checkpoint signed: rewritten",
        False,
    ),
    Tampering("4 an entry deleted in the middle", _to_log(_delete_middle), "removed", True),
    Tampering(
        "5 the last entries deleted and the head moved back (a shortened chain)",
        _to_log(_shorten),
        "a checkpoint signed seq 5 but the chain ends at seq 3: entries removed",
        False,
    ),
    Tampering(
        "6 a whole chain dropped",
        _to_log(_drop_chain),
        "chain head (chain 'mission:1', seq 3): a checkpoint signed seq 3 but the chain has no"
        " entries",
        False,
    ),
    Tampering(
        "7 the log emptied",
        _to_log(_empty),
        "chain head (chain 'accounts', seq 5): a checkpoint signed seq 5 but the chain has no",
        False,
    ),
    Tampering(
        "8 entries reordered", _to_log(_reorder), "differs from the entry a checkpoint", False
    ),
    Tampering(
        "9 an entry inserted", _to_log(_insert), "differs from the entry a checkpoint", False
    ),
    Tampering(
        "10 a chain's entries moved to another chain id",
        _to_log(_move_chain),
        "chain 'mission:1', seq 3): a checkpoint signed seq 3 but the chain has no entries",
        False,
    ),
    Tampering(
        "11 a checkpoint edited to sign a forged head",
        _edit_checkpoint,
        "checkpoint 2: its signature does not match its content: changed after signing",
        False,
    ),
    Tampering(
        "12 the checkpoints signed again by another key",
        _sign_with_another_key,
        "checkpoint 1: signed by another key",
        False,
        server_alone_finds_it=False,
    ),
    Tampering(
        "13a the checkpoints file removed while a key signs them",
        _remove_checkpoints,
        "though a key signs them: they were removed, or are kept elsewhere",
        False,
    ),
    Tampering(
        "13b the checkpoints file cut back before its latest checkpoint",
        _cut_checkpoints_back,
        "no checkpoint has the digest",
        False,
        server_alone_finds_it=False,
    ),
]


@pytest.mark.parametrize("tampering", TAMPERING, ids=[t.kind for t in TAMPERING])
def test_each_kind_of_tampering_is_found_against_the_checkpoints(
    db: Database, log: Log, tampering: Tampering
) -> None:
    """Against the copies kept apart (the public key, the published digest) every kind is
    found; the server's own key and file alone find all but a key replaced beside the log
    and a file cut back to before what was rewritten."""
    assert _verified(db, log.apart).problems == []
    tampering.done(db, log)
    found = _verified(db, log.apart)
    assert found.problems, f"{tampering.kind}: not found"
    assert tampering.found_as in str(found.problems[0])
    assert bool(_verified(db, log.server).problems) is tampering.server_alone_finds_it
    assert bool(_walked(db)) is tampering.chains_alone_found_it
