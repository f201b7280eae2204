"""Fixtures of the JSON API tests: a valid booking body and a helper that posts it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

BOOKINGS = "/api/v1/bookings"


@pytest.fixture
def booking_body() -> Callable[..., dict[str, Any]]:
    """Factory: a valid cert booking body at yokohama on Friday 2026-11-06 14:00."""

    def make(**overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "center": "yokohama",
            "service": "cert",
            "date": "2026-11-06",
            "start": "14:00",
            "party_size": 1,
            "phone": "090-1234-5678",
            "birth_date": "1960-05-05",
            "name": "横浜 花子",
            "kana": "ヨコハマ ハナコ",
        }
        body.update(overrides)
        return {k: v for k, v in body.items() if v is not None}

    return make


@pytest.fixture
def book(
    client: FlaskClient, booking_body: Callable[..., dict[str, Any]]
) -> Callable[..., TestResponse]:
    """Factory: POST a booking (overrides change the body; key= sets Idempotency-Key)."""

    def post(key: str | None = None, **overrides: Any) -> TestResponse:
        headers = {"Idempotency-Key": key} if key else {}
        return client.post(BOOKINGS, json=booking_body(**overrides), headers=headers)

    return post


@pytest.fixture
def visit_body() -> Callable[..., dict[str, Any]]:
    """Factory: a valid home-visit request body (application support at home, 西区)."""

    def make(**overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "service": "visit-apply",
            "name": "横浜 ハル",
            "kana": "ヨコハマ ハル",
            "birth_date": "1938-03-03",
            "phone": "090-1234-5678",
            "address": "横浜市西区北幸2-1-1",
            "access_notes": "オートロック 302号室",
            "reason": "bedridden",
        }
        body.update(overrides)
        return {k: v for k, v in body.items() if v is not None}

    return make
