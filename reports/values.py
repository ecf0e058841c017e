"""Frozen values that more than one document or page shows: text in both languages, and
what election day brought (coverage, answers to key questions, incidents), which the
mission report prints and the election-day board draws."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bilingual:
    """A text written in English and in Spanish (a question, a recommendation)."""

    en: str
    es: str

    def in_language(self, language: str) -> str:
        return self.es if language == "es" else self.en


@dataclass(frozen=True)
class PhaseCoverage:
    phase: str
    assigned: int
    reported: int


@dataclass(frozen=True)
class AnswerShare:
    """How many gave one answer; ``label`` is None for yes and no, which the catalogue
    names; ``concern`` when the form marks the answer as signalling a problem."""

    value: str
    count: int
    label: Bilingual | None = None
    concern: bool = False


@dataclass(frozen=True)
class KeyAnswer:
    """A key question of a checklist and how it was answered."""

    phase: str
    question: Bilingual
    answers: tuple[AnswerShare, ...]

    @property
    def total(self) -> int:
        return sum(answer.count for answer in self.answers)


@dataclass(frozen=True)
class IncidentTally:
    category: str
    severity: str
    verification: str
    count: int
