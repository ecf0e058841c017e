"""The home page: the work of the day for each person; signing in to and out of the web
pages with an HttpOnly, SameSite session cookie."""

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from api.app import create_app
from eom.accounts.models import Role
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import make_member, make_mission, make_observer, make_user
from tests.support.pages import csrf_of, sign_in


def test_signing_in_sets_an_httponly_samesite_session_cookie(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher, full_name="Sofía Pérez")
    response = sign_in(client, user.email)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("eom_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    home = client.get("/")
    assert "Welcome, Sofía Pérez." in home.text and "Sign out" in home.text


def test_a_wrong_password_shows_the_form_again_with_a_message(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    response = sign_in(client, user.email, "not the password")
    assert response.status_code == 401
    assert "Incorrect email or password." in response.text and user.email in response.text


def test_signing_out_revokes_the_web_session(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    user = make_user(db, hasher)
    sign_in(client, user.email)
    session_token = client.cookies.get("eom_session")
    token = csrf_of(client.get("/").text)
    response = client.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert response.status_code == 303
    client.cookies.set("eom_session", session_token or "")
    assert "Sign out" not in client.get("/").text


def test_the_home_page_shows_each_person_the_work_of_their_day(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    mission = make_mission(db, code="EOM-BOL-2031")
    assert (
        "Sign in" in client.get("/").text
        and "Missions by their next step" not in client.get("/").text
    )
    sign_in(client, make_user(db, hasher, role=Role.staff).email)
    staff = client.get("/").text
    assert "Missions by their next step" in staff and "EOM-BOL-2031" in staff
    assert f'href="/missions/{mission.id}/step?to=accepted"' in staff
    client.cookies.clear()
    email = "olivia@observers.example"
    make_member(db, mission, make_observer(db, email=email))
    sign_in(client, make_user(db, hasher, role=Role.observer, email=email).email)
    mine = client.get("/?lang=es").text
    assert "Sus misiones" in mine and "Lea y acepte el código de conducta." in mine
    assert "Misiones por su próximo paso" not in mine  # staff's work is not an observer's


def test_an_overlong_email_is_refused_with_a_422_not_a_slow_path(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    data = {"email": "a" * 100_000, "password": "whatever it is", "csrf": token}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 422


def test_over_https_the_cookies_are_host_only_and_secure(
    settings: Settings, migrated_db: Database, db: Database, hasher: PasswordHasher
) -> None:
    """``__Host-`` names: a browser keeps such a cookie only when this very host set it over
    HTTPS for the whole site, so a sibling subdomain cannot plant a session or CSRF seed."""
    app = create_app(settings.model_copy(update={"cookie_secure": True}))
    user = make_user(db, hasher, full_name="Sofía Pérez")
    with TestClient(app, base_url="https://testserver") as client:
        login = client.get("/login")
        (csrf,) = login.headers.get_list("set-cookie")
        assert csrf.startswith("__Host-eom_csrf=") and "Secure" in csrf and "Path=/" in csrf
        signed_in = sign_in(client, user.email)
        cookies = signed_in.headers.get_list("set-cookie")
        (session,) = [c for c in cookies if "eom_session=" in c]
        assert session.startswith("__Host-eom_session=") and "Secure" in session
        assert "Domain" not in session and "Path=/" in session
        assert "Welcome, Sofía Pérez." in client.get("/").text
        token = csrf_of(client.get("/").text)
        out = client.post("/logout", data={"csrf": token}, follow_redirects=False)
        assert out.status_code == 303 and "__Host-eom_session" not in client.cookies
    app.state.db.dispose()
