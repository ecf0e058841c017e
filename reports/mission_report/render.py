"""The mission report as a PDF, in English or Spanish: a pure function of the value."""

from collections import Counter
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from eom.core.i18n import N_
from eom.core.reference import THEME_LABELS, Theme, country_name
from eom.field.models import CATEGORY_LABELS, PHASE_LABELS, IncidentCategory, Phase, Severity
from eom.field.models import SEVERITY_LABELS as SEVERITIES
from eom.planning.members.models import ROLE_LABELS, MemberRole
from eom.planning.missions.models import (
    AGREEMENT_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    AgreementKind,
    ElectionType,
    MissionKind,
    MissionStatus,
)
from recommendations.models import FOLLOW_UP_LABELS, INSTITUTION_LABELS, FollowUpStatus, Institution
from reports import charts
from reports.formatting import date_text, number_text, percent_text
from reports.mission_report.value import MissionReport, Recommendation
from reports.pdf import (
    CHART_WIDTH,
    DocumentInfo,
    build_pdf,
    chart,
    cover,
    heading,
    key_values,
    note,
    paragraph,
    stacked_charts,
    styles,
    subheading,
    table,
    translator,
)
from reports.svg import Bar, share_bar
from reports.values import IncidentTally

Translate = Callable[..., str]

# What the cover calls the electoral process of each type.
ELECTION_TITLES = {
    ElectionType.general: N_("General elections"),
    ElectionType.presidential: N_("Presidential election"),
    ElectionType.legislative: N_("Legislative elections"),
    ElectionType.subnational: N_("Subnational elections"),
    ElectionType.referendum: N_("Referendum"),
    ElectionType.judicial: N_("Judicial elections"),
    ElectionType.primary: N_("Primary elections"),
}


def render_mission_report(report: MissionReport, language: str) -> bytes:
    """The mission report, every label and figure written in ``language``."""
    _ = translator(language)
    mission = report.mission
    kind = _(KIND_LABELS[MissionKind(mission.kind)])
    country = country_name(mission.host_country, language)
    info = DocumentInfo(
        title=_("Report of the {mission}", mission=kind),
        subject=f"{mission.code} · {country}",
        language=language,
    )
    body = [
        *_summary(report, _, language),
        *_timeline(report, _, language),
        *_findings(report, _, language),
        *_recommendations(report, _, language),
        *_annex(report, _, language),
    ]
    return build_pdf(info, _front(report, _, language), body)


def _front(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    mission = report.mission
    lines = [_("Election day: {date}", date=date_text(mission.election_date, language))]
    if mission.runoff_date:
        lines.append(_("Runoff: {date}", date=date_text(mission.runoff_date, language)))
    if mission.chief:
        lines.append(_("Chief of mission: {name}", name=mission.chief))
    lines.append(_("Prepared on {date}", date=date_text(report.generated_on, language)))
    return cover(
        f"{_(KIND_LABELS[MissionKind(mission.kind)])} · {mission.code}",
        country_name(mission.host_country, language),
        _(ELECTION_TITLES[ElectionType(mission.election_type)]),
        lines,
    )


def _summary(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    mission, composition = report.mission, report.composition
    facts = [
        (_("Mission"), mission.code),
        (_("Kind"), _(KIND_LABELS[MissionKind(mission.kind)])),
        (_("Host country"), country_name(mission.host_country, language)),
        (_("Election"), _(ELECTION_TITLES[ElectionType(mission.election_type)])),
        (_("Election day"), date_text(mission.election_date, language)),
    ]
    if mission.runoff_date:
        facts.append((_("Runoff"), date_text(mission.runoff_date, language)))
    facts += [
        (
            _("In the country"),
            _(
                "{start} to {end}",
                start=date_text(mission.arrives_on, language),
                end=date_text(mission.leaves_on, language),
            ),
        ),
        (_("Chief of mission"), mission.chief or _("Not appointed")),
        (
            _("Members"),
            _(
                "{members} (nationalities: {countries})",
                members=number_text(composition.members, language),
                countries=number_text(len(composition.by_nationality), language),
            ),
        ),
        (_("Status"), _(STATUS_LABELS[MissionStatus(mission.status)])),
    ]
    roles = [
        [_(ROLE_LABELS[MemberRole(c.key)]), number_text(c.count, language)]
        for c in composition.by_role
    ]
    total = [_("Total"), number_text(composition.members, language)]
    return [
        heading(_("1. Summary of the mission")),
        paragraph(
            _(
                "This report presents the composition, timeline and election-day findings "
                "of mission {code}, and the recommendations it makes.",
                code=mission.code,
            )
        ),
        key_values(facts),
        heading(_("Composition"), 1),
        table([_("Role"), _("Members")], [*roles, total], (0.7, 0.3), numeric={1}, total=True),
        *stacked_charts(
            [
                charts.roles_chart(composition.by_role, language, width=CHART_WIDTH),
                charts.gender_chart(composition.by_gender, language, width=CHART_WIDTH),
                charts.nationalities_chart(composition.by_nationality, language, width=CHART_WIDTH),
            ]
        ),
    ]


def _timeline(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    rows = []
    for entry in report.timeline:
        if entry.status:
            event = _(STATUS_LABELS[MissionStatus(entry.status)])
        elif entry.agreement:
            event = _(AGREEMENT_LABELS[AgreementKind(entry.agreement)])
            event += f": {entry.counterpart}" if entry.counterpart else ""
        else:
            continue
        rows.append([date_text(entry.on, language), event])
    # A dozen rows at most: moved whole to the next page rather than leaving one behind.
    return [
        KeepTogether(
            [heading(_("2. Timeline")), table([_("Date"), _("Event")], rows, (0.28, 0.72))]
        )
    ]


def _findings(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    return [
        PageBreak(),
        heading(_("3. Election-day findings")),
        *_coverage(report, _, language),
        *_key_answers(report, _, language),
        *_incidents(report, _, language),
    ]


def _coverage(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [
        heading(_("Coverage"), 1),
        paragraph(
            _(
                "Checklists filed by observers from the polling stations: {count}.",
                count=number_text(report.submissions, language),
            )
        ),
    ]
    if not any(c.assigned for c in report.coverage):
        return [*found, note(_("No polling stations were assigned to observers."))]
    rows = [
        [
            _(PHASE_LABELS[Phase(c.phase)]),
            number_text(c.assigned, language),
            number_text(c.reported, language),
            percent_text(c.reported / c.assigned if c.assigned else 0, language),
        ]
        for c in report.coverage
    ]
    header = [_("Phase"), _("Stations assigned"), _("Reported"), _("Coverage")]
    return [
        *found,
        table(header, rows, (0.34, 0.22, 0.22, 0.22), numeric={1, 2, 3}),
        chart(charts.coverage_chart(report.coverage, language, width=CHART_WIDTH)),
    ]


def _key_answers(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [heading(_("Key answers"), 1)]
    if not report.key_answers:
        return [*found, note(_("No key question was answered."))]
    found.append(
        paragraph(_("How observers answered the key questions of each checklist, by phase."))
    )
    for phase in Phase:
        answers = [a for a in report.key_answers if a.phase == phase]
        if answers:
            found += stacked_charts(
                [charts.key_answer_chart(a, language, width=CHART_WIDTH) for a in answers],
                caption=subheading(_(PHASE_LABELS[phase])),
            )
    return found


def _incidents(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [heading(_("Incidents"), 1)]
    by_verification = Counter[str]()
    for tally in report.incidents:
        by_verification[tally.verification] += tally.count
    if not report.incidents:
        return [*found, note(_("Observers reported no incidents."))]
    found.append(
        paragraph(
            _(
                "Incidents reported by observers: {total} ({confirmed} confirmed by the "
                "mission, {unverified} awaiting verification, {rejected} rejected). Rejected "
                "reports are left out of the figures below.",
                total=number_text(by_verification.total(), language),
                confirmed=number_text(by_verification["confirmed"], language),
                unverified=number_text(by_verification["unverified"], language),
                rejected=number_text(by_verification["rejected"], language),
            )
        )
    )
    kept = [t for t in report.incidents if t.verification != "rejected"]
    if not kept:
        return [*found, note(_("Every incident reported was rejected on verification."))]
    return [*found, *_incident_table(kept, _, language)]


def _incident_table(kept: list[IncidentTally], _: Translate, language: str) -> list[Flowable]:
    def count(category: str | None, severity: str | None) -> str:
        return number_text(
            sum(
                t.count
                for t in kept
                if category in (None, t.category) and severity in (None, t.severity)
            ),
            language,
        )

    categories = [c for c in IncidentCategory if any(t.category == c for t in kept)]
    rows = [
        [_(CATEGORY_LABELS[c]), *[count(c, s) for s in Severity], count(c, None)]
        for c in categories
    ]
    rows.append([_("Total"), *[count(None, s) for s in Severity], count(None, None)])
    header = [_("Category"), *[_(SEVERITIES[s]) for s in Severity], _("Total")]
    return [
        table(
            header, rows, (0.35, 0.13, 0.13, 0.13, 0.13, 0.13), numeric={1, 2, 3, 4, 5}, total=True
        ),
        chart(charts.incidents_chart(kept, language, width=CHART_WIDTH)),
    ]


def _recommendation_cell(item: Recommendation, _: Translate, language: str) -> Paragraph:
    text = escape(item.text.in_language(language))
    if item.reiterates:
        reiterated = escape(_("Reiterates {reference}", reference=item.reiterates))
        text += f'<br/><font color="#595959" size="7.5">{reiterated}</font>'
    if not item.published:
        draft = escape(_("Draft: not published"))
        text += f'<br/><font color="#9c2f00" size="7.5">{draft}</font>'
    return Paragraph(text, styles()["cell"])


def _recommendations(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    found: list[Flowable] = [heading(_("4. Recommendations"))]
    if not report.recommendations:
        return [*found, paragraph(_("The mission has made no recommendations yet."))]
    found.insert(0, PageBreak())
    found.append(
        paragraph(
            _(
                "Recommendations of the mission: {count}. They are grouped here by theme; "
                "each names the institution it addresses and its current follow-up status.",
                count=number_text(len(report.recommendations), language),
            )
        )
    )
    header = [_("No."), _("Recommendation"), _("Addressed to"), _("Status")]
    for theme in Theme:
        items = sorted(
            (r for r in report.recommendations if r.theme == theme), key=lambda r: r.number
        )
        if not items:
            continue
        rows = [
            [
                str(r.number),
                _recommendation_cell(r, _, language),
                _(INSTITUTION_LABELS[Institution(r.institution)]),
                _(FOLLOW_UP_LABELS[FollowUpStatus(r.status)]),
            ]
            for r in items
        ]
        found += [
            heading(f"{_(THEME_LABELS[theme])} ({len(items)})", 1),
            table(header, rows, (0.07, 0.59, 0.17, 0.17), numeric={0}),
        ]
    return found


def _annex(report: MissionReport, _: Translate, language: str) -> list[Flowable]:
    country = country_name(report.mission.host_country, language)
    found: list[Flowable] = [
        heading(_("Annex: previous recommendations and their current status")),
    ]
    previous = report.previous_recommendations
    if not previous:
        none = _("No earlier mission to {country} left recommendations.", country=country)
        return [*found, paragraph(none)]
    found.insert(0, PageBreak())
    statuses = Counter(p.status for p in previous)
    found += [
        paragraph(
            _(
                "Recommendations of earlier missions to {country}: {count}. The status of "
                "each is its latest assessment.",
                country=country,
                count=number_text(len(previous), language),
            )
        ),
        chart(
            share_bar(
                [Bar(_(FOLLOW_UP_LABELS[s]), statuses[s]) for s in FollowUpStatus if statuses[s]],
                title=_("Previous recommendations by status"),
                width=CHART_WIDTH,
            )
        ),
    ]
    header = [_("No."), _("Theme"), _("Recommendation"), _("Status"), _("Assessed")]
    for code in sorted({p.mission_code for p in previous}):
        rows = [
            [
                str(p.number),
                _(THEME_LABELS[Theme(p.theme)]),
                p.text.in_language(language),
                _(FOLLOW_UP_LABELS[FollowUpStatus(p.status)]),
                date_text(p.assessed_on, language, style="medium") if p.assessed_on else "—",
            ]
            for p in sorted(previous, key=lambda p: p.number)
            if p.mission_code == code
        ]
        found += [
            heading(f"{code} ({len(rows)})", 1),
            table(header, rows, (0.06, 0.19, 0.43, 0.16, 0.16), numeric={0}),
        ]
    return found
