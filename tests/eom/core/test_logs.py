"""Logging is configured once per process, as text or JSON lines, each with its request id."""

import json
import logging
import sys
from collections.abc import Iterator

import pytest

from eom.core.logs import JsonFormatter, RequestIdFilter, configure_logging, request_id


@pytest.fixture
def root_handlers() -> Iterator[None]:
    """Put the root logger back as it was (pytest's own handlers stay)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _record(message: str = "stored %d filings", *args: object) -> logging.LogRecord:
    return logging.LogRecord("eom.test", logging.WARNING, __file__, 1, message, args or (3,), None)


def test_a_json_line_carries_time_level_logger_message_and_request_id() -> None:
    record = _record()
    token = request_id.set("abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "eom.test"
    assert line["message"] == "stored 3 filings" and line["request_id"] == "abc123"
    assert line["time"].endswith("+00:00")


def test_a_line_written_outside_a_request_has_a_dash_for_its_id() -> None:
    record = _record()
    RequestIdFilter().filter(record)
    assert record.request_id == "-"  # type: ignore[attr-defined]


def test_an_exception_travels_in_the_json_line() -> None:
    try:
        raise ValueError("no such station")
    except ValueError:
        record = logging.LogRecord(
            "eom.test",
            logging.ERROR,
            __file__,
            1,
            "failed",
            (),
            exc_info=sys.exc_info(),
        )
    line = json.loads(JsonFormatter().format(record))
    assert "ValueError: no such station" in line["exception"]


def test_configuring_again_replaces_the_handler_instead_of_adding_one(root_handlers: None) -> None:
    configure_logging("text")
    configure_logging("json", "warning")
    ours = [h for h in logging.getLogger().handlers if h.get_name() == "eom"]
    assert len(ours) == 1 and isinstance(ours[0].formatter, JsonFormatter)
    assert logging.getLogger().level == logging.WARNING
