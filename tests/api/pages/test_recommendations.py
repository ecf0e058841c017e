"""The recommendation pages: drafts hidden from everyone but staff, the country
scorecard linking the follow-up report that the pages' user may read, and staff drafting,
correcting, publishing and assessing recommendations from a mission's pages."""

from datetime import date

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlmodel import col, select

from eom.accounts.models import Role
from eom.audit.service import SYSTEM
from eom.core.db import Database
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission, MissionStatus
from recommendations import follow_up
from recommendations import service as recommendations
from recommendations.models import FollowUpStatus, Priority, Recommendation, RecommendationUpdate
from tests.factories import advance, make_mission, make_recommendation, make_user, reported_mission
from tests.support.examples import DRAFT_WORDS, Bolivia, bolivia
from tests.support.pages import csrf_of, sign_in
from tests.support.pdfs import text_of
from tests.support.worlds import PublishedAndDraft, published_and_draft


@pytest.fixture
def world(client: TestClient, db: Database, hasher: PasswordHasher) -> PublishedAndDraft:
    return published_and_draft(client, db, hasher)


def test_the_pages_hide_drafts_from_everyone_but_staff(
    client: TestClient, db: Database, world: PublishedAndDraft
) -> None:
    for caller, expected in (("anonymous", 404), ("donor", 404), ("staff", 200)):
        token = world.headers[caller].get("Authorization", "").removeprefix("Bearer ")
        client.cookies.set("eom_session", token)
        answer = client.get(f"/recommendations/{world.draft}")
        assert answer.status_code == expected, caller
        assert client.get(f"/recommendations/{world.published}").status_code == 200
    client.cookies.clear()


@pytest.fixture
def example(db: Database) -> Bolivia:
    return bolivia(db)


def test_the_scorecard_links_the_report_served_to_the_pages_user(
    client: TestClient, db: Database, hasher: PasswordHasher, example: Bolivia
) -> None:
    page = client.get("/recommendations/countries/BO").text
    assert "/recommendations/countries/BO/report.pdf" in page
    public = client.get("/recommendations/countries/BO/report.pdf")
    assert public.headers["content-type"] == "application/pdf"
    assert DRAFT_WORDS not in text_of(public.content)
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    staff = client.get("/recommendations/countries/BO/report.pdf?lang=es")
    assert DRAFT_WORDS in text_of(staff.content)


def test_a_scorecard_of_a_country_outside_the_oas_is_a_404_page(client: TestClient) -> None:
    for code in ("XX", "ES"):
        answer = client.get(f"/recommendations/countries/{code}?lang=en")
        assert answer.status_code == 404 and "text/html" in answer.headers["content-type"]
        assert f"{code} is not a member state of the OAS." in answer.text


# Staff draft, correct, publish and assess recommendations on the pages ------------------


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> None:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)


RECOMMENDATION_FORM = {
    "number": "1",
    "text_en": "Regulate the financing of electoral campaigns and its oversight.",
    "text_es": "Regular el financiamiento de las campañas electorales y su fiscalización.",
    "theme": "political_financing",
    "institution": "legislature",
    "priority": "high",
    "legal_level": "legal",
}


def _stored(db: Database, mission: Mission) -> list[Recommendation]:
    with db.session_scope() as session:
        query = select(Recommendation).where(Recommendation.mission_id == mission.id)
        return list(session.exec(query.order_by(col(Recommendation.number))))


def test_staff_draft_a_recommendation_that_reiterates_an_earlier_one_then_publish_it(
    client: TestClient, db: Database, staff: None
) -> None:
    earlier = make_recommendation(db, reported_mission(db, election_date=date(2021, 10, 18)))
    mission = reported_mission(db)
    form = client.get(f"/missions/{mission.id}/recommendations/new")
    assert f'<option value="{earlier.id}"' in form.text  # the picker offers the earlier one
    data = {**RECOMMENDATION_FORM, "reiterates_id": str(earlier.id), "csrf": csrf_of(form.text)}
    done = client.post(
        f"/missions/{mission.id}/recommendations/new", data=data, follow_redirects=False
    )
    assert done.status_code == 303
    listed = client.get(done.headers["location"])
    assert "Recommendation 1 drafted." in listed.text and "Draft" in listed.text
    [draft] = _stored(db, mission)
    assert draft.reiterates_id == earlier.id and not draft.published
    published = client.post(
        f"/recommendations/{draft.id}/publish", data={"csrf": csrf_of(listed.text)}
    )
    assert "Recommendation 1 published." in published.text
    assert _stored(db, mission)[0].published


def test_a_refused_draft_keeps_the_input_and_says_why_beside_the_field(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = reported_mission(db)
    make_recommendation(db, mission, number=1)
    token = csrf_of(client.get(f"/missions/{mission.id}/recommendations/new").text)
    taken = client.post(
        f"/missions/{mission.id}/recommendations/new?lang=es",
        data={**RECOMMENDATION_FORM, "text_en": "", "csrf": token},
    )
    assert taken.status_code == 422
    assert 'id="text_en-error"' in taken.text  # the text left empty, said beside it
    assert RECOMMENDATION_FORM["text_es"] in taken.text  # what the reader wrote is kept
    again = client.post(
        f"/missions/{mission.id}/recommendations/new?lang=en",
        data={**RECOMMENDATION_FORM, "csrf": token},
    )
    assert again.status_code == 422
    assert "already has a recommendation number 1." in again.text
    assert 'id="number-error"' in again.text
    assert len(_stored(db, mission)) == 1


def test_publishing_before_the_final_report_is_refused_in_words(
    client: TestClient, db: Database, staff: None
) -> None:
    mission = advance(db, make_mission(db), MissionStatus.preliminary_report)
    draft = make_recommendation(db, mission)
    token = csrf_of(client.get(f"/missions/{mission.id}/recommendations").text)
    refused = client.post(f"/recommendations/{draft.id}/publish", data={"csrf": token})
    assert "recommendations are published with the final report." in refused.text
    assert not _stored(db, mission)[0].published


def test_a_stale_edit_shows_the_new_version_and_what_the_reader_wrote(
    client: TestClient, db: Database, staff: None
) -> None:
    draft = make_recommendation(db, reported_mission(db), priority=Priority.high)
    form = client.get(f"/recommendations/{draft.id}/edit")
    assert 'name="version" value="1"' in form.text
    with db.session_scope() as session:
        stored = recommendations.get_recommendation(session, draft.id or 0)
        changes = RecommendationUpdate(priority=Priority.low)
        recommendations.update_recommendation(session, stored, changes, actor=SYSTEM)
    edit = {
        **RECOMMENDATION_FORM,
        "number": str(draft.number),
        "priority": "medium",
        "version": "1",
        "csrf": csrf_of(form.text),
    }
    stale = client.post(f"/recommendations/{draft.id}/edit", data=edit)
    assert stale.status_code == 409 and 'id="stale"' in stale.text
    assert 'name="version" value="2"' in stale.text
    assert "You wrote: medium" in stale.text
    saved = client.post(
        f"/recommendations/{draft.id}/edit", data={**edit, "version": "2"}, follow_redirects=False
    )
    assert saved.status_code == 303
    [fresh] = _stored(db, recommendations_mission(db, draft))
    assert fresh.priority == Priority.medium and fresh.version == 3


def recommendations_mission(db: Database, recommendation: Recommendation) -> Mission:
    with db.session_scope() as session:
        return missions.get_mission(session, recommendation.mission_id)


def test_the_worklist_records_an_assessment_by_the_later_mission(
    client: TestClient, db: Database, staff: None
) -> None:
    earlier = make_recommendation(
        db, reported_mission(db, election_date=date(2021, 10, 18)), publish=True
    )
    later = reported_mission(db)
    worklist = client.get(f"/missions/{later.id}/follow-up")
    assert f'id="rec-{earlier.id}"' in worklist.text
    form = {
        "status": "partially_implemented",
        "assessed_on": "2026-09-01",
        "evidence": "A regulation was adopted without its budget.",
        "from_mission": str(later.id),
        "csrf": csrf_of(worklist.text),
    }
    done = client.post(f"/recommendations/{earlier.id}/follow-ups", data=form)
    assert done.url.path == f"/missions/{later.id}/follow-up"
    assert "Assessment recorded." in done.text
    with db.session_scope() as session:
        [assessment] = follow_up.history(
            session, recommendations.get_recommendation(session, earlier.id or 0)
        )
        assert assessment.assessed_by_mission_id == later.id
        assert assessment.status == FollowUpStatus.partially_implemented


def test_a_refused_assessment_comes_back_beside_the_field_on_the_page_it_came_from(
    client: TestClient, db: Database, staff: None
) -> None:
    rec = make_recommendation(db, reported_mission(db), publish=True)
    page = client.get(f"/recommendations/{rec.id}")
    assert 'id="assess"' in page.text
    form = {"assessed_on": "2099-01-01", "evidence": "Checked.", "csrf": csrf_of(page.text)}
    no_status = client.post(f"/recommendations/{rec.id}/follow-ups", data=form)
    assert no_status.status_code == 422
    assert f'id="a{rec.id}-status-error"' in no_status.text and "Checked." in no_status.text
    future = client.post(
        f"/recommendations/{rec.id}/follow-ups", data={**form, "status": "not_implemented"}
    )
    assert future.status_code == 422 and "2099-01-01 is in the future." in future.text
    assert f'id="a{rec.id}-assessed_on-error"' in future.text
    with db.session_scope() as session:
        assert (
            follow_up.history(session, recommendations.get_recommendation(session, rec.id or 0))
            == []
        )


@pytest.mark.parametrize(
    "path",
    ["/recommendations", "/recommendations/new", "/follow-up"],
)
def test_only_staff_open_the_recommendation_forms(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    url = f"/missions/{reported_mission(db).id}{path}"
    signed_out = client.get(url, follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")
    for role in (Role.observer, Role.donor):
        client.cookies.clear()
        sign_in(client, make_user(db, hasher, role=role).email)
        assert client.get(url).status_code == 403, role


@pytest.mark.parametrize("action", ["/edit", "/publish", "/follow-ups"])
def test_a_recommendation_post_without_its_token_or_by_an_observer_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, action: str
) -> None:
    rec = make_recommendation(db, reported_mission(db))
    form = {**RECOMMENDATION_FORM, "number": str(rec.number), "priority": "low", "version": "1"}
    form |= {"status": "not_implemented", "assessed_on": "2026-09-01"}
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert client.post(f"/recommendations/{rec.id}{action}", data=form).status_code == 403
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    token = csrf_of(client.get("/").text)
    refused = client.post(f"/recommendations/{rec.id}{action}", data={**form, "csrf": token})
    assert refused.status_code == 403
    [stored] = _stored(db, recommendations_mission(db, rec))
    assert stored.version == 1 and not stored.published
    with db.session_scope() as session:
        assert follow_up.history(session, stored) == []
