"""The observers' field app: an installable web app served by EOM under ``/field/``.

The shell (one HTML page, its scripts and styles) is public and the same for everyone,
so the service worker can keep it on the device; what is the observer's own comes from
the API with their device token, never from these routes. The app's words are catalogue
messages like every page's, served in every language at once so that the app can switch
language with the network off.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.middleware import content_security_policy
from api.pages.assets import BROWSER_CODE, NODE_MODULES
from eom.core.i18n import LANGUAGES, N_, translate
from eom.core.reference import THEME_LABELS
from eom.field.models import (
    CATEGORY_LABELS,
    INSTITUTION_TYPE_LABELS,
    SEVERITY_LABELS,
    VERIFICATION_LABELS,
)
from eom.planning.members.models import MEMBER_STATUS_LABELS, ROLE_LABELS

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parent.parent / "static"
APP = STATIC / "field"

# What the service worker keeps on the device: the app shell and the browser code it
# imports. A change to any of them gives the worker a new version, so phones update.
SHELL = [
    "/field/",
    "/field/manifest.webmanifest",
    "/static/field/app.js",
    "/static/field/store.js",
    "/static/field/sync.js",
    "/static/field/filling.js",
    "/static/field/photos.js",
    "/static/field/icon.svg",
    "/static/field/icon-192.png",
    "/static/field/icon-512.png",
]
# The browser code the app imports, every module of each package (they import each other).
VENDOR = ("idb", "json-schema")


# Every word the app shows, by the key its code uses.
MESSAGES = {
    "app_name": N_("EOM field"),
    "sign_in": N_("Sign in"),
    "sign_in_once": N_("Sign in once while online; the app then works without a network."),
    "email": N_("Email"),
    "password": N_("Password"),
    "sign_out": N_("Sign out"),
    "signed_in_as": N_("Signed in as {name}"),
    "online": N_("Online"),
    "offline": N_("Offline: filings wait on this phone"),
    "refresh": N_("Refresh my missions"),
    "refreshed_at": N_("Missions as of {time}"),
    "my_missions": N_("My missions"),
    "your_days": N_("Your days: {from} – {to}"),
    "no_missions": N_("You are not a member of any mission yet."),
    "my_stations": N_("My stations"),
    "no_stations": N_("No station is assigned to you yet."),
    "forms": N_("Checklists"),
    "no_forms": N_("No checklist is published for this mission yet."),
    "fill_in": N_("Fill in"),
    "report_incident": N_("Report an incident"),
    "code_of_conduct": N_("Code of conduct"),
    "code_done": N_("You have acknowledged the code of conduct."),
    "code_to_do": N_("You have not acknowledged every item of the code of conduct yet."),
    "acknowledge": N_("I acknowledge these items"),
    "acknowledged_on": N_("Acknowledged {time}"),
    "needs_network": N_("This needs the network: try again when you are online."),
    "station": N_("Polling station"),
    "choose": N_("Choose"),
    "observed_at": N_("Observed at"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "required": N_("required"),
    "save": N_("Save to send"),
    "save_draft": N_("Keep as draft"),
    "draft_kept": N_("Draft kept on this phone."),
    "fix_fields": N_("Some answers need fixing: see the messages beside them."),
    "msg_required": N_("This question needs an answer."),
    "msg_number": N_("Give a whole number."),
    "msg_minimum": N_("The smallest allowed is {n}."),
    "msg_maximum": N_("The largest allowed is {n}."),
    "msg_choice": N_("Choose one of the answers."),
    "msg_time": N_("Give a time as HH:MM."),
    "msg_text": N_("Write up to 2,000 characters."),
    "msg_invalid": N_("This answer is not valid."),
    "outbox": N_("Outbox"),
    "outbox_empty": N_("Nothing is waiting to be sent."),
    "send_now": N_("Send now"),
    "waiting": N_("{n} waiting"),
    "state_queued": N_("Waiting to be sent"),
    "state_sending": N_("Sending"),
    "state_created": N_("Stored by the server"),
    "state_duplicate": N_("Already stored by the server"),
    "state_conflict": N_("Refused: another filing already has this id"),
    "state_invalid": N_("Needs fixing"),
    "state_refused": N_("Refused"),
    "fix_and_resend": N_("Fix and send again"),
    "what_i_sent": N_("What I sent"),
    "nothing_sent": N_("You have not sent anything yet."),
    "sent_reports": N_("Checklists and reports"),
    "sent_incidents": N_("Incidents"),
    "sent_meetings": N_("Meetings"),
    "staff_note": N_("Note from the mission: {note}"),
    "correct": N_("File a correction"),
    "correction_of": N_("Correction of a filing from {time}"),
    "superseded": N_("Replaced by a correction"),
    "category": N_("Category"),
    "severity": N_("Severity"),
    "place": N_("Place (if not at a station)"),
    "occurred_at": N_("When it happened"),
    "description": N_("What happened"),
    "add_position": N_("Add my position"),
    "position_taken": N_("Position within {metres} m"),
    "position_failed": N_("The position could not be taken."),
    "photos": N_("Photos (up to 3)"),
    "add_photo": N_("Add a photo"),
    "remove": N_("Remove"),
    "too_many_photos": N_("At most 3 photos."),
    "photo_alt": N_("Photo {n} of the incident"),
    "msg_place": N_("Give the station or name the place."),
    "msg_station": N_("Choose the polling station you observed."),
    "msg_area": N_("Choose the area you report on."),
    "area": N_("Area (region or municipality)"),
    "about_mission": N_("This report is about the whole mission."),
    "other_forms": N_("Other forms"),
    "msg_description": N_("Describe what happened in at least 3 characters."),
    "back": N_("Back"),
    "language": N_("Language"),
    "session_expired": N_("Your session has ended: sign in again to send. Nothing is lost."),
    "sign_in_failed": N_("The email or password is not right."),
    "code": N_("Code"),
    "code_needed": N_(
        "Your account has two-factor sign-in: enter the code of your app, or a recovery code."
    ),
    "code_wrong": N_("This code is not right, or was already used."),
    "server_said": N_("The server said: {message}"),
    "last_sync": N_("Last sent {time}"),
    "record_meeting": N_("Record a meeting"),
    "meeting_with": N_("Meeting: {institution}"),
    "meeting_met_on": N_("Day of the meeting"),
    "meeting_institution_type": N_("Kind of interlocutor"),
    "meeting_institution": N_("Institution, party or organisation"),
    "meeting_attendees": N_("Who met"),
    "meeting_theme": N_("Theme"),
    "no_theme": N_("No particular theme"),
    "meeting_summary": N_("Summary"),
    "meeting_follow_up": N_("Follow-up (optional)"),
    "msg_at_least": N_("Write at least {n} characters."),
}
MESSAGES.update({f"category_{code}": label for code, label in CATEGORY_LABELS.items()})
MESSAGES.update({f"role_{code}": label for code, label in ROLE_LABELS.items()})
MESSAGES.update({f"status_{code}": label for code, label in MEMBER_STATUS_LABELS.items()})
MESSAGES.update({f"severity_{code}": label for code, label in SEVERITY_LABELS.items()})
MESSAGES.update({f"verification_{code}": label for code, label in VERIFICATION_LABELS.items()})
MESSAGES.update({f"institution_{code}": label for code, label in INSTITUTION_TYPE_LABELS.items()})
MESSAGES.update({f"theme_{code}": label for code, label in THEME_LABELS.items()})


@cache
def _shell_version() -> str:
    """A digest of the files the worker keeps: a new one whenever any of them changes."""
    digest = hashlib.sha256()
    for path in sorted(APP.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    for language in LANGUAGES:
        digest.update(repr(sorted(_messages_in(language).items())).encode())
    return digest.hexdigest()[:16]


def _messages_in(language: str) -> dict[str, str]:
    return {key: translate(language, message) for key, message in MESSAGES.items()}


def _shell() -> list[str]:
    """Every file the app needs to open: its own and every module of its browser code."""
    return SHELL + [
        f"/static/vendor/{name}/{path.name}"
        for name in VENDOR
        for path in sorted((NODE_MODULES / BROWSER_CODE[name]).glob("*.js"))
        if path.name != "umd.js"
    ]


# The modules the app imports to open; the others (the JSON Schema checker) it imports
# when a form opens, and the worker keeps them all.
FIRST = ["app.js", "store.js", "sync.js", "filling.js", "photos.js"]


@cache
def _page() -> str:
    """The shell's page, with its styles and its words in every language inside and every
    module it opens with asked for at once: on Slow 3G each round trip is 2 s and a
    browser opens 6 connections, so the app is usable after two (the page, the modules)."""
    first = [f"/static/field/{name}" for name in FIRST] + ["/static/vendor/idb/index.js"]
    preloads = [f'<link rel="modulepreload" href="{url}">' for url in first]
    words = json.dumps({language: _messages_in(language) for language in LANGUAGES})
    page = (APP / "app.html").read_text()
    page = page.replace("<!-- preloads -->", "\n  ".join(preloads))
    page = page.replace("/* field.css */", (APP / "field.css").read_text())
    return page.replace("{/* words */}", words.replace("</", "<\\/"))


@router.get("/field")
def field_without_slash() -> Response:
    return Response(status_code=308, headers={"location": "/field/"})


@router.get("/field/")
def field_app() -> HTMLResponse:
    """The app shell: the same page for everyone, signed in or not."""
    policy = content_security_policy(styles=[(APP / "field.css").read_text()])
    return HTMLResponse(
        _page(), headers={"cache-control": "no-cache", "content-security-policy": policy}
    )


@router.get("/field/manifest.webmanifest")
def field_manifest() -> JSONResponse:
    manifest = {
        "name": "EOM — field",
        "short_name": "EOM field",
        "description": "Checklists, incident reports and meetings of OAS electoral observation "
        "missions",
        "start_url": "/field/",
        "scope": "/field/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b3d6b",
        "icons": [
            {"src": "/static/field/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "/static/field/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "/static/field/icon.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JSONResponse(manifest, media_type="application/manifest+json")


@router.get("/field/sw.js")
def field_service_worker() -> Response:
    """The service worker, told its version and what to keep; served from ``/field/`` so
    that its scope is the app's, and never cached by the browser's HTTP cache."""
    shell = _shell()
    script = (APP / "sw.js").read_text()
    script = script.replace("__VERSION__", _shell_version()).replace(
        "__SHELL__", repr(shell).replace("'", '"')
    )
    return Response(script, media_type="text/javascript", headers={"cache-control": "no-cache"})
