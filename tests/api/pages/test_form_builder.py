"""Staff build a mission's checklists on the pages: copy the standard set or another
mission's forms, make a draft, add, edit, move and remove its questions (every type, with
choices, bounds and the answers that signal a problem), preview it and publish it. Every
change is checked by the form's own rules; a refused one comes back beside its field."""

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.reference import Theme
from eom.field import forms
from eom.field.models import Form, FormScope, FormStatus
from eom.field.standard_forms import FIELD_INSTRUMENTS, STANDARD_CHECKLISTS
from eom.planning.missions import service as missions
from eom.planning.missions.models import Mission
from tests.factories import make_form, make_mission, make_user
from tests.support.pages import csrf_of, sign_in


@pytest.fixture
def staff(client: TestClient, db: Database, hasher: PasswordHasher) -> str:
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    return csrf_of(client.get("/").text)


def _forms(db: Database, mission: Mission) -> list[Form]:
    with db.session_scope() as session:
        return forms.list_forms(session, missions.get_mission(session, mission.id or 0))


def _ids(db: Database, mission: Mission, form_id: int | None) -> list[str]:
    [form] = [f for f in _forms(db, mission) if f.id == form_id]
    return [q["id"] for q in form.questions]


NEW_FORM = {
    "title_en": "Media monitoring",
    "title_es": "Monitoreo de medios",
    "key": "media_monitoring",
    "phase": "long_term",
    "text_en": "Did the public broadcaster cover every candidate?",
    "text_es": "¿Cubrió el canal público a todas las candidaturas?",
    "type": "yes_no",
}


def test_staff_copy_the_standard_set_then_another_missions_forms(
    client: TestClient, db: Database, staff: str
) -> None:
    mission, other = make_mission(db), make_mission(db)
    done = client.post(
        f"/missions/{mission.id}/forms/copy", data={"source": "standard", "csrf": staff}
    )
    standard_set = (*STANDARD_CHECKLISTS, *FIELD_INSTRUMENTS)
    assert f"Copied {len(standard_set)} forms as drafts" in done.text
    stored = _forms(db, mission)
    assert {f.key for f in stored} == {c.key for c in standard_set}
    gender = next(f for f in stored if f.key == "gender")
    assert (gender.scope, gender.theme) == (FormScope.mission, Theme.gender)
    assert {f.status for f in stored} == {FormStatus.draft}
    make_form(db, other, key="media_monitoring")
    again = client.post(
        f"/missions/{mission.id}/forms/copy", data={"source": str(other.id), "csrf": staff}
    )
    assert "Copied 1 forms as drafts" in again.text
    twice = client.post(
        f"/missions/{mission.id}/forms/copy", data={"source": "standard", "csrf": staff}
    )
    assert "Copied 0 forms as drafts" in twice.text and "opening" in twice.text
    assert len(_forms(db, mission)) == len(standard_set) + 1


def test_staff_build_a_draft_question_by_question_and_publish_it(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    made = client.post(f"/missions/{mission.id}/forms/new", data={**NEW_FORM, "csrf": staff})
    assert "Draft of Media monitoring made." in made.text
    [form] = _forms(db, mission)
    base = f"/missions/{mission.id}/forms/{form.id}"
    choice = {
        "text_en": "Which outlets showed bias?",
        "text_es": "¿Qué medios mostraron sesgo?",
        "type": "multiple_choice",
        "choice_en_0": "Television",
        "choice_es_0": "Televisión",
        "choice_en_1": "Radio",
        "choice_es_1": "Radio",
        "choice_concern_1": "true",
        "choice_value_2": "",
        "choice_en_2": "",
        "choice_es_2": "",
        "csrf": staff,
    }
    client.post(f"{base}/questions/new", data=choice)
    number = {"text_en": "How many outlets?", "text_es": "¿Cuántos medios?", "type": "integer"}
    client.post(
        f"{base}/questions/new", data={**number, "minimum": "0", "maximum": "40", "csrf": staff}
    )
    first = "did_the_public_broadcaster_cover"
    assert _ids(db, mission, form.id) == [first, "which_outlets_showed_bias", "how_many_outlets"]
    client.post(f"{base}/questions/how_many_outlets/move", data={"offset": "-1", "csrf": staff})
    client.post(f"{base}/questions/{first}/remove", data={"csrf": staff})
    assert _ids(db, mission, form.id) == ["how_many_outlets", "which_outlets_showed_bias"]
    [stored] = _forms(db, mission)
    bias = stored.questions[1]
    assert [(c["value"], c["concern"]) for c in bias["choices"]] == [
        ("television", False),
        ("radio", True),
    ]
    assert stored.questions[0]["minimum"] == 0 and stored.questions[0]["maximum"] == 40
    preview = client.get(f"{base}/preview")
    assert "Which outlets showed bias?" in preview.text and 'max="40"' in preview.text
    published = client.post(f"{base}/publish", data={"csrf": staff})
    assert "Version 1 of Media monitoring is published" in published.text
    frozen = client.post(f"{base}/questions/how_many_outlets/remove", data={"csrf": staff})
    assert frozen.status_code == 422 and "make a new version" in frozen.text
    nxt = client.post(f"{base}/new-version", data={"csrf": staff})
    assert "Draft of version 2 made." in nxt.text
    assert [(f.version, f.status) for f in _forms(db, mission)] == [
        (1, FormStatus.published),
        (2, FormStatus.draft),
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_staff_make_a_thematic_instrument_for_the_whole_mission_then_an_area_report(
    client: TestClient, db: Database, staff: str, language: str
) -> None:
    mission = make_mission(db)
    page = client.get(f"/missions/{mission.id}/forms?lang={language}")
    words = {"en": ("The whole mission", "Gender"), "es": ("Toda la misión", "Género")}[language]
    assert all(word in page.text for word in words)
    thematic = {**NEW_FORM, "scope": "mission", "theme": "media", "csrf": staff}
    client.post(f"/missions/{mission.id}/forms/new", data=thematic)
    [form] = _forms(db, mission)
    assert (form.scope, form.theme) == (FormScope.mission, Theme.media)
    details = {"phase": "long_term", "title_en": "Weekly", "title_es": "Semanal", "csrf": staff}
    client.post(
        f"/missions/{mission.id}/forms/{form.id}/details",
        data={**details, "scope": "area", "theme": ""},
    )
    [form] = _forms(db, mission)
    assert (form.scope, form.theme, form.title_en) == (FormScope.area, None, "Weekly")
    refused = client.post(
        f"/missions/{mission.id}/forms/{form.id}/details", data={**details, "scope": "planet"}
    )
    assert refused.status_code == 422 and 'id="scope-error"' in refused.text
    assert 'value="Weekly"' in refused.text  # the reader's input is kept


def test_a_refused_question_keeps_the_input_and_says_why_beside_the_field(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    form = make_form(db, mission, publish=False)
    base = f"/missions/{mission.id}/forms/{form.id}"
    before = _ids(db, mission, form.id)
    no_choices = {"text_en": "Which?", "text_es": "¿Cuál?", "type": "single_choice", "csrf": staff}
    refused = client.post(f"{base}/questions/new?lang=es", data=no_choices)
    assert refused.status_code == 422 and 'id="choices-error"' in refused.text
    assert "Indique las opciones" in refused.text and 'value="¿Cuál?"' in refused.text
    bounds = {"text_en": "How many?", "text_es": "¿Cuántos?", "type": "integer"}
    upside = client.post(
        f"{base}/questions/new?lang=en",
        data={**bounds, "minimum": "10", "maximum": "2", "csrf": staff},
    )
    assert upside.status_code == 422 and 'id="maximum-error"' in upside.text
    assert "The maximum is below the minimum." in upside.text
    taken = client.post(f"{base}/questions/new", data={**bounds, "id": before[0], "csrf": staff})
    assert taken.status_code == 422 and "needs an id of its own" in taken.text
    assert _ids(db, mission, form.id) == before


def test_the_last_question_is_not_removed_and_a_new_form_needs_its_titles(
    client: TestClient, db: Database, staff: str
) -> None:
    mission = make_mission(db)
    refused = client.post(
        f"/missions/{mission.id}/forms/new", data={**NEW_FORM, "title_en": "", "csrf": staff}
    )
    assert refused.status_code == 422 and 'id="title_en-error"' in refused.text
    assert 'value="Monitoreo de medios"' in refused.text and _forms(db, mission) == []
    client.post(f"/missions/{mission.id}/forms/new", data={**NEW_FORM, "csrf": staff})
    [form] = _forms(db, mission)
    only = form.questions[0]["id"]
    last = client.post(
        f"/missions/{mission.id}/forms/{form.id}/questions/{only}/remove", data={"csrf": staff}
    )
    assert last.status_code == 422 and 'id="questions-error"' in last.text
    assert _ids(db, mission, form.id) == [only]


@pytest.mark.parametrize("path", ["", "/{form}", "/{form}/preview", "/{form}/questions/new"])
def test_only_staff_open_the_form_pages(
    client: TestClient, db: Database, hasher: PasswordHasher, path: str
) -> None:
    mission = make_mission(db)
    form = make_form(db, mission, publish=False)
    url = f"/missions/{mission.id}/forms" + path.format(form=form.id)
    signed_out = client.get(url, follow_redirects=False)
    assert signed_out.status_code == 303 and signed_out.headers["location"].startswith("/login")
    for role in (Role.observer, Role.donor):
        client.cookies.clear()
        sign_in(client, make_user(db, hasher, role=role).email)
        assert client.get(url).status_code == 403, role


@pytest.mark.parametrize(
    "action",
    [
        "/new",
        "/copy",
        "/{form}/details",
        "/{form}/publish",
        "/{form}/new-version",
        "/{form}/questions/new",
        "/{form}/questions/{q}/move",
        "/{form}/questions/{q}/remove",
    ],
)
def test_a_form_post_without_its_token_or_by_an_observer_changes_nothing(
    client: TestClient, db: Database, hasher: PasswordHasher, action: str
) -> None:
    mission = make_mission(db)
    form = make_form(db, mission, publish=False)
    url = f"/missions/{mission.id}/forms" + action.format(form=form.id, q=form.questions[0]["id"])
    data = {**NEW_FORM, "source": "standard", "offset": "1"}
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    assert client.post(url, data=data).status_code == 403
    client.cookies.clear()
    sign_in(client, make_user(db, hasher, role=Role.observer).email)
    assert client.post(url, data={**data, "csrf": csrf_of(client.get("/").text)}).status_code == 403
    [stored] = _forms(db, mission)
    assert stored.status == FormStatus.draft and stored.questions == form.questions
