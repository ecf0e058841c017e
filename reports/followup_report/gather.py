"""Gathers one country's follow-up of recommendations from the recommendation domain into
the frozen ``FollowUpReport``. The figures are the domain's own (``recommendations.summary``),
so the document shows what the API's summary, trend and repeated lists show."""

from datetime import date

from sqlmodel import Session

from recommendations import follow_up, summary
from recommendations import service as recommendations
from recommendations.models import FollowUpPublic
from recommendations.service import Filters
from recommendations.summary import GroupBy
from reports.followup_report.value import (
    Assessment,
    FollowedRecommendation,
    FollowUpReport,
    StatusRow,
    YearRate,
)
from reports.values import Bilingual


def followup_report(
    session: Session, country: str, *, today: date, published_only: bool = True
) -> FollowUpReport:
    """The recommendations made to ``country`` with their assessments, the theme × status
    matrix, the yearly trend and the reiteration chains; drafts only when
    ``published_only`` is false (staff)."""
    chosen = Filters(country=country, published_only=published_only)
    rows, _ = recommendations.list_recommendations(
        session, chosen, limit=recommendations.EXPORT_LIMIT, offset=0
    )
    histories = follow_up.histories(session, [rec.id or 0 for rec, _ in rows])
    shown = {rec.id for rec, _ in rows}
    followed = tuple(
        FollowedRecommendation(
            key=rec.id or 0,
            mission_code=made_by.code,
            year=made_by.election_date.year,
            number=rec.number,
            theme=rec.theme.value,
            institution=rec.institution.value,
            text=Bilingual(rec.text_en, rec.text_es),
            current_status=rec.current_status.value,
            assessments=tuple(_assessment(a) for a in histories.get(rec.id or 0, [])),
            reiterates=rec.reiterates_id if rec.reiterates_id in shown else None,
            published=rec.published,
        )
        for rec, made_by in reversed(rows)
    )
    by_theme = summary.summary(session, chosen, GroupBy.theme)
    return FollowUpReport(
        country=country.upper(),
        recommendations=followed,
        by_theme=tuple(StatusRow.of(row) for row in by_theme.rows),
        overall=StatusRow.of(by_theme.overall),
        trend=tuple(YearRate.of(point) for point in summary.trend(session, chosen)),
        chains=tuple(
            tuple(item.id for item in chain.items) for chain in summary.repeated(session, chosen)
        ),
        generated_on=today,
    )


def _assessment(found: FollowUpPublic) -> Assessment:
    return Assessment(
        assessed_on=found.assessed_on,
        status=found.status.value,
        evidence=found.evidence,
        assessed_by=found.assessed_by if found.assessed_by_mission_id else None,
    )
