"""The answer counters behind the live statistics: their format is written and read here.

Each stored submission adds its answers to ``answer_count`` (mission, phase, region,
question, value → count) in the transaction that stores it; a correction takes away the
answers it supersedes. Yes/no and choice answers are counted by value; a number question
keeps its total (``#sum``) and how many answered (``#n``); free text and times are not
counted (they stay in the submission). The counters have eight copies (``shard``): a
transaction writes to one copy chosen at random, readers add the copies up.
"""

import random
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, func, select

from eom.field.models import AnswerCount, Phase

SUM, COUNT = "#sum", "#n"  # the counter rows of a number question: its total and how many
SHARDS = 8
_CHOICE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
_KEY = ("mission_id", "phase", "region", "question_id", "value", "shard")
_COUNTED = _KEY[:-1]  # what a count is of; the copy (shard) is the transaction's


def _counted(value: Any) -> list[tuple[str, int]]:
    """What one answer adds to the counters: yes/no and choices are counted by value, a
    number adds to its question's total and count; free text and times are not counted."""
    if isinstance(value, bool):
        return [("yes" if value else "no", 1)]
    if isinstance(value, int):
        return [(SUM, value), (COUNT, 1)]
    if isinstance(value, list):
        return [(v, 1) for v in value if isinstance(v, str) and _CHOICE.match(v)]
    if isinstance(value, str) and _CHOICE.match(value):
        return [(value, 1)]
    return []


def rows_of(
    answers: dict[str, Any],
    *,
    mission_id: int,
    phase: str,
    region: str,
    sign: int,
    shard: int = 0,
) -> list[dict[str, Any]]:
    """The counter rows one submission's answers add (sign 1) or take away (sign -1), in
    key order so that concurrent writers lock the same rows in the same order."""
    rows = [
        {
            "mission_id": mission_id,
            "phase": phase,
            "region": region,
            "question_id": question_id,
            "value": value,
            "shard": shard,
            "count": amount * sign,
        }
        for question_id, answer in answers.items()
        for value, amount in _counted(answer)
    ]
    return sorted(rows, key=lambda r: (r["question_id"], r["value"]))


def shard_of(uuid: str) -> int:
    """A copy of the counters chosen by a submission's uuid (for callers that write one
    submission's rows on their own, like the bench's bare endpoint)."""
    return int(uuid[:8], 16) % SHARDS


@cache
def _upsert(dialect: str) -> Executable:
    """The counters' ``INSERT ... ON CONFLICT DO UPDATE`` in the dialect's words, built once
    per process (building it per request cost as much as running it)."""
    counters = AnswerCount.__table__  # type: ignore[attr-defined]
    add = (pg_insert if dialect == "postgresql" else sqlite_insert)(counters)
    return add.on_conflict_do_update(
        index_elements=[c.name for c in counters.primary_key.columns],
        set_={"count": counters.c.count + add.excluded.count},
    )


def add(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Add the rows to the counters: one upsert, executed for all rows at once."""
    if not rows:
        return
    connection = session.connection()
    connection.execute(_upsert(connection.dialect.name), list(rows))


class Tally:
    """Counter changes gathered over a transaction and written at its end, in key order,
    to one copy of the counters chosen for the transaction: a transaction that stores many
    submissions adds up their answers first (one row per answer, not per submission),
    locks its rows in the same order as every other (so two never wait for each other in
    a circle), and concurrent transactions mostly write to different copies."""

    def __init__(self) -> None:
        self._counts: dict[tuple[Any, ...], int] = {}

    def add(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            key = tuple(row[name] for name in _COUNTED)
            self._counts[key] = self._counts.get(key, 0) + row["count"]

    def merge(self, other: "Tally") -> None:
        for key, count in other._counts.items():
            self._counts[key] = self._counts.get(key, 0) + count

    def write(self, session: Session) -> None:
        shard = random.randrange(SHARDS)
        rows = [
            {**dict(zip(_KEY, (*key, shard), strict=True)), "count": count}
            for key, count in sorted(self._counts.items())
            if count
        ]
        add(session, rows)
        self._counts.clear()


@dataclass(frozen=True)
class Counted:
    """What the counters hold for one question in one phase: how often each value was
    given (yes/no and choices), or for a number question how many answered and their total."""

    phase: str
    question_id: str
    values: dict[str, int]
    answered: int
    total: int | None = None

    @property
    def is_number(self) -> bool:
        return self.total is not None


def read(
    session: Session,
    mission_id: int,
    *,
    phase: Phase | None = None,
    region: str | None = None,
    question_ids: Collection[str] | None = None,
) -> list[Counted]:
    """Every counted question of the mission (of one phase, one region, or only these
    questions), in order, with the copies added up and answers taken back by corrections
    left out."""
    conditions = [col(AnswerCount.mission_id) == mission_id]
    if phase is not None:
        conditions.append(col(AnswerCount.phase) == phase.value)
    if region:
        conditions.append(col(AnswerCount.region) == region)
    if question_ids is not None:
        conditions.append(col(AnswerCount.question_id).in_(question_ids))
    total = func.sum(AnswerCount.count)
    rows = session.exec(
        select(AnswerCount.phase, AnswerCount.question_id, AnswerCount.value, total)
        .where(*conditions)
        .group_by(col(AnswerCount.phase), col(AnswerCount.question_id), col(AnswerCount.value))
        .having((total > 0) | (col(AnswerCount.value) == SUM))
    ).all()
    grouped: dict[tuple[str, str], dict[str, int]] = {}
    for phase_, question, value, count in rows:
        grouped.setdefault((phase_, question), {})[value] = int(count)
    return [_counted_question(p, q, counts) for (p, q), counts in sorted(grouped.items())]


def _counted_question(phase: str, question_id: str, counts: dict[str, int]) -> Counted:
    if COUNT in counts:
        return Counted(phase, question_id, {}, counts[COUNT], total=counts.get(SUM, 0))
    return Counted(phase, question_id, counts, sum(counts.values()))
