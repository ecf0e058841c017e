"""Election-day filings and incidents as tables for download, in the reader's language:
one row per submission with its answers as columns headed by the question texts, one row
per incident. Pure functions of what ``eom.field`` read; ``tables`` writes the files."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from eom.core.i18n import N_, translate
from eom.field import forms
from eom.field.models import (
    CATEGORY_LABELS,
    PHASE_LABELS,
    SEVERITY_LABELS,
    VERIFICATION_LABELS,
    Form,
    Incident,
    Phase,
    PollingStation,
)
from eom.field.submissions import NO, YES, Filing, answer_value


@dataclass(frozen=True)
class Table:
    """Rows keyed by their columns' headers, the headers in order."""

    columns: list[str]
    rows: list[dict[str, object]]


SUBMISSION = N_("Submission")
STATION, REGION, MUNICIPALITY = N_("Station"), N_("Region"), N_("Municipality")
AREA = N_("Area")
MEMBER = N_("Member")
PHASE, FORM, FORM_VERSION = N_("Phase"), N_("Form"), N_("Form version")
OBSERVED, RECEIVED = N_("Observed at (UTC)"), N_("Received at (UTC)")
CORRECTS, CORRECTED = N_("Corrects submission"), N_("Corrected later")
SUBMISSION_COLUMNS = (
    SUBMISSION,
    STATION,
    AREA,
    REGION,
    MUNICIPALITY,
    MEMBER,
    PHASE,
    FORM,
    FORM_VERSION,
    OBSERVED,
    RECEIVED,
    CORRECTS,
    CORRECTED,
)
INCIDENT, OCCURRED = N_("Incident"), N_("Occurred at (UTC)")
CATEGORY, SEVERITY, PLACE = N_("Category"), N_("Severity"), N_("Place")
LATITUDE, LONGITUDE, ACCURACY = N_("Latitude"), N_("Longitude"), N_("Accuracy (m)")
DESCRIPTION, STATUS, NOTE = N_("Description"), N_("Status"), N_("Verification note")
VERIFIED_BY, VERIFIED_AT = N_("Verified by"), N_("Verified at (UTC)")
INCIDENT_COLUMNS = (
    INCIDENT,
    OCCURRED,
    RECEIVED,
    CATEGORY,
    SEVERITY,
    STATION,
    REGION,
    MUNICIPALITY,
    PLACE,
    LATITUDE,
    LONGITUDE,
    ACCURACY,
    MEMBER,
    DESCRIPTION,
    STATUS,
    NOTE,
    VERIFIED_BY,
    VERIFIED_AT,
)
PHASE_ORDER = list(Phase)


def utc(moment: datetime | None) -> datetime | None:
    """A moment as a spreadsheet takes it: in UTC, without a zone (the header says UTC)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment is not None else None


def _question_headers(
    found: Sequence[Form], taken: set[str], language: str
) -> dict[tuple[str, str], str]:
    """One column per question (a checklist's key and the question's id) of these form
    versions, in phase and form order, headed by its text in the reader's language (the
    latest version's); a text two questions share is told apart by the form's title."""
    order = sorted(found, key=lambda f: (PHASE_ORDER.index(f.phase), f.key, f.version))
    texts: dict[tuple[str, str], str] = {}
    titles: dict[str, str] = {}
    for form in order:
        titles[form.key] = form.title_in(language)
        for question in forms.questions_of(form):
            texts[(form.key, question.id)] = question.text_in(language)
    shared = {text for text, n in Counter(texts.values()).items() if n > 1}
    headers: dict[tuple[str, str], str] = {}
    for (key, question_id), text in texts.items():
        header = f"{text} · {titles[key]}" if text in shared or text in taken else text
        if header in taken:
            header = f"{header} ({question_id})"
        taken.add(header)
        headers[(key, question_id)] = header
    return headers


def submissions_table(filings: Sequence[Filing], language: str) -> Table:
    """One row per filing: where, by whom, on which form version, when, whether it
    corrects or was corrected, then its answers, each under its question's text."""

    def _(message: str) -> str:
        return translate(language, message)

    fixed = [_(c) for c in SUBMISSION_COLUMNS]
    versions = {f.form.id: f.form for f in filings}
    headers = _question_headers(list(versions.values()), set(fixed), language)
    rows = []
    for filing in filings:
        s, station, form = filing.submission, filing.station, filing.form
        row: dict[str, object] = dict(
            zip(
                fixed,
                (
                    s.uuid,
                    station.code if station else None,
                    s.area,
                    station.region if station else s.region,
                    station.municipality if station else None,
                    filing.member_name,
                    _(PHASE_LABELS[s.phase]),
                    form.title_in(language),
                    s.form_version,
                    utc(s.observed_at),
                    utc(s.received_at),
                    s.supersedes,
                    _(YES if s.superseded else NO),
                ),
                strict=True,
            )
        )
        for question in forms.questions_of(form):
            value = s.answers.get(question.id)
            if value is not None:
                row[headers[(form.key, question.id)]] = answer_value(question, value, language)
        rows.append(row)
    return Table(columns=[*fixed, *headers.values()], rows=rows)


def incidents_table(
    found: Sequence[Incident],
    stations: Mapping[int, PollingStation],
    names: Mapping[int, str],
    language: str,
) -> Table:
    """One row per incident: when, what, how grave, where, who reported it, what was
    found when it was verified."""

    def _(message: str) -> str:
        return translate(language, message)

    columns = [_(c) for c in INCIDENT_COLUMNS]
    rows: list[dict[str, object]] = []
    for i in found:
        station = stations.get(i.station_id) if i.station_id is not None else None
        values = (
            i.id,
            utc(i.occurred_at),
            utc(i.received_at),
            _(CATEGORY_LABELS[i.category]),
            _(SEVERITY_LABELS[i.severity]),
            station.code if station else None,
            station.region if station else None,
            station.municipality if station else None,
            i.place,
            i.latitude,
            i.longitude,
            i.accuracy_m,
            names.get(i.member_id),
            i.description,
            _(VERIFICATION_LABELS[i.verification]),
            i.verification_note,
            i.verified_by,
            utc(i.verified_at),
        )
        rows.append(dict(zip(columns, values, strict=True)))
    return Table(columns=columns, rows=rows)
