"""Sending an email through the configured SMTP server (``EOM_SMTP_*``): plain text, one
recipient, for the few messages EOM sends (a password reset link)."""

import logging
import smtplib
from email.message import EmailMessage

from eom.core.settings import Settings

log = logging.getLogger(__name__)

# An SMTP server that does not answer must not hold a worker for long.
_TIMEOUT_SECONDS = 15


def is_configured(settings: Settings) -> bool:
    """Whether EOM sends email: an SMTP host, a sender, and the site's public address for
    the links (never the request's Host header, which a caller chooses)."""
    return bool(settings.smtp_host and settings.smtp_from and settings.public_url)


def send(settings: Settings, *, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; raises ``smtplib.SMTPException`` or ``OSError`` when
    the server refuses it or cannot be reached."""
    assert settings.smtp_host and settings.smtp_from, "email is configured"
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=_TIMEOUT_SECONDS) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_user, password)
        smtp.send_message(message)


def send_or_log(settings: Settings, *, to: str, subject: str, body: str) -> bool:
    """``send``, for work done after the answer left (nobody is there to tell): a failure
    is logged, never raised. True when the server took the message."""
    try:
        send(settings, to=to, subject=subject, body=body)
    except (smtplib.SMTPException, OSError):
        log.exception("email to %s not sent", "".join(c for c in to if c.isprintable()))
        return False
    return True
