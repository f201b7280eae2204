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
    ],
    ids=["e164", "national", "reference-in-path", "birth-date", "small-numbers-kept"],
)
def test_long_digit_runs_are_masked(text, expected):
    assert redact(text) == expected


def test_the_filter_masks_arguments_as_well_as_the_message():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "call from %s", ("+819012345678",), None
    )
    RedactingFilter().filter(record)
    assert record.getMessage() == "call from [redacted]"
