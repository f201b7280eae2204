"""Logs carry no personal data."""

from __future__ import annotations

import logging

import pytest

from runtime.logs import RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sms to +819012345678 sent", "sms to [redacted] sent"),
        ("lookup 090-1234-5678 failed", "lookup [redacted] failed"),
        ("GET /api/v1/bookings/4821937065 404", "GET /api/v1/bookings/[redacted] 404"),
        ("birth 19600505", "birth [redacted]"),
        ("worker 12 took 350 ms", "worker 12 took 350 ms"),
        ("GET /book/continue/" + "ab12" * 12 + " 302", "GET /book/continue/[token] 302"),
    ],
    ids=[
        "e164",
        "national",
        "reference-in-path",
        "birth-date",
        "small-numbers-kept",
        "phone-link-token",
    ],
)
def test_long_digit_runs_are_masked(text, expected):
    assert redact(text) == expected


def test_the_filter_masks_arguments_as_well_as_the_message():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "call from %s", ("+819012345678",), None
    )
    RedactingFilter().filter(record)
    assert record.getMessage() == "call from [redacted]"


def _gunicorn_access_logger():
    """The project's gunicorn settings, its logger class, a list catching access lines."""
    import runpy
    from pathlib import Path

    from gunicorn.config import Config

    from runtime.access_log import LeanAccessLogger

    settings = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))
    config = Config()
    for name in ("logger_class", "logconfig_dict"):
        config.set(name, settings[name])
    logger = LeanAccessLogger(config)
    caught: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            caught.append(self.format(record))

    catch = Catch()
    catch.addFilter(RedactingFilter())
    logger.access_log.handlers = [catch]
    return config, logger, caught


def test_the_access_log_line_has_the_configured_fields_and_no_query_or_reference():
    from datetime import timedelta
    from types import SimpleNamespace

    config, logger, caught = _gunicorn_access_logger()
    assert config.logger_class is type(logger)
    request = SimpleNamespace(method="GET", path="/api/v1/bookings/4821937065",
                              query="birth_date=1960-05-05")  # fmt: skip
    response = SimpleNamespace(status="404 NOT FOUND", sent=87)
    environ = {"REMOTE_ADDR": "10.0.0.7", "QUERY_STRING": "birth_date=1960-05-05"}
    logger.access(response, request, environ, timedelta(microseconds=3_400))
    assert caught == ['10.0.0.7 "GET /api/v1/bookings/[redacted]" 404 87 3ms']
