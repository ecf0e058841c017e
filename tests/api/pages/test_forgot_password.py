"""A person who forgot their password asks for a link by email on the "forgot password"
page, which answers the same whatever the email (it never tells who has an account); an
administrator may email the reset link too. The tests run a real SMTP server in this
process (aiosmtpd) and read what it received."""

import re
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from api.app import create_app
from eom.accounts.models import PasswordReset, Role, User
from eom.audit.models import AuditEntry
from eom.core.db import Database
from eom.core.settings import Settings
from tests.factories import bearer, make_user
from tests.support.network import free_port
from tests.support.pages import csrf_of, sign_in

SITE = "https://eom.example.org"
SAME_ANSWER = "If an account has this email, a link to set its password is on its way."


class Inbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def link_in(self, message: EmailMessage) -> str:
        body = str(message.get_content())
        match = re.search(rf"{re.escape(SITE)}(/reset/\S+)", body)
        assert match, body
        return match.group(1)


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def mailing(
    settings: Settings, db: Database, inbox: tuple[Inbox, int]
) -> Iterator[tuple[TestClient, Inbox]]:
    """The site with email configured, sending to the test's SMTP server."""
    handler, port = inbox
    configured = settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_from": "EOM <no-reply@eom.example.org>",
            "smtp_starttls": False,
            "public_url": SITE,
        }
    )
    application: FastAPI = create_app(configured)
    with TestClient(application) as client:
        yield client, handler
    application.state.db.dispose()


def _ask(client: TestClient, email: str, lang: str = "en") -> Any:
    token = csrf_of(client.get(f"/forgot?lang={lang}").text)
    return client.post(f"/forgot?lang={lang}", data={"email": email, "csrf": token})


def test_a_person_gets_a_link_by_email_and_sets_their_password(
    mailing: tuple[TestClient, Inbox], db: Database, hasher: PasswordHasher
) -> None:
    client, inbox = mailing
    user = make_user(db, hasher, email="nora@example.org")
    answer = _ask(client, "Nora@Example.org")
    assert answer.status_code == 200 and SAME_ANSWER in answer.text
    (message,) = inbox.messages
    assert message["To"] == "nora@example.org" and "password" in message["Subject"]
    link = inbox.link_in(message)
    token = csrf_of(client.get(link).text)
    new = "a brand new passphrase"
    done = client.post(
        link,
        data={"password": new, "password_again": new, "csrf": token},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert sign_in(client, user.email, new).status_code == 303


def test_the_answer_is_the_same_for_an_unknown_or_deactivated_email_and_nothing_is_sent(
    mailing: tuple[TestClient, Inbox], db: Database, hasher: PasswordHasher
) -> None:
    client, inbox = mailing
    make_user(db, hasher, email="off@example.org", is_active=False)
    known = make_user(db, hasher, email="on@example.org")
    answers = [_ask(client, email) for email in ("nobody@example.org", "off@example.org")]
    answers.append(_ask(client, known.email))
    texts = {re.sub(r'value="[0-9a-f]+"', "", a.text) for a in answers}
    assert [a.status_code for a in answers] == [200, 200, 200] and len(texts) == 1
    assert [m["To"] for m in inbox.messages] == [known.email]


def test_asking_again_within_minutes_sends_no_second_email(
    mailing: tuple[TestClient, Inbox], db: Database, hasher: PasswordHasher
) -> None:
    client, inbox = mailing
    user = make_user(db, hasher)
    for _ in range(3):
        assert SAME_ANSWER in _ask(client, user.email).text
    assert len(inbox.messages) == 1
    with db.session_scope() as session:
        assert len(session.exec(select(PasswordReset)).all()) == 1


def test_the_email_is_in_the_language_of_the_page(
    mailing: tuple[TestClient, Inbox], db: Database, hasher: PasswordHasher
) -> None:
    client, inbox = mailing
    user = make_user(db, hasher)
    answer = _ask(client, user.email, lang="es")
    assert "Si hay una cuenta con este correo" in answer.text
    (message,) = inbox.messages
    assert "contraseña" in str(message["Subject"])


def test_an_administrator_emails_the_link_to_the_person(
    mailing: tuple[TestClient, Inbox], db: Database, hasher: PasswordHasher
) -> None:
    client, inbox = mailing
    person = make_user(db, hasher, email="person@example.org")
    admin = bearer(client, make_user(db, hasher, role=Role.admin).email)
    response = client.post(
        f"/api/v1/users/{person.id}/password-reset", params={"send": "true"}, headers=admin
    )
    assert response.status_code == 201 and response.json()["emailed"] is True
    (message,) = inbox.messages
    assert message["To"] == person.email
    assert response.json()["url"].endswith(inbox.link_in(message))


def test_an_administrator_emails_the_link_from_the_account_page(
    mailing: tuple[TestClient, Inbox], db: Database, hasher: PasswordHasher
) -> None:
    client, inbox = mailing
    person = make_user(db, hasher, email="person@example.org")
    sign_in(client, make_user(db, hasher, role=Role.admin).email)
    token = csrf_of(client.get(f"/admin/accounts/{person.id}").text)
    page = client.post(
        f"/admin/accounts/{person.id}/reset-link", data={"csrf": token, "send": "true"}
    )
    assert page.status_code == 200 and "sent by email to person@example.org" in page.text
    assert [m["To"] for m in inbox.messages] == [person.email]


def test_without_email_configured_the_page_says_to_ask_an_administrator(
    client: TestClient, db: Database, hasher: PasswordHasher
) -> None:
    page = client.get("/forgot")
    assert page.status_code == 200 and "ask an administrator" in page.text
    assert 'action="/forgot"' not in page.text
    user: User = make_user(db, hasher)
    admin = bearer(client, make_user(db, hasher, role=Role.admin).email)
    refused = client.post(
        f"/api/v1/users/{user.id}/password-reset", params={"send": "true"}, headers=admin
    )
    assert refused.status_code == 409


def test_a_link_asked_for_on_the_page_is_audited_and_made_by_no_one_signed_in(
    mailing: tuple[TestClient, Inbox], db: Database, hasher: PasswordHasher
) -> None:
    client, _ = mailing
    make_user(db, hasher, email="nora@example.org")
    _ask(client, "nora@example.org")
    with db.session_scope() as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.entity_type == "password_reset")
        ).one()
    assert entry.actor == "forgot password page" and entry.actor_id is None
