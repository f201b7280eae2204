"""Fixtures of the JSON API tests: a valid booking body and a helper that posts it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from booking_core.models import CapacityOverride
from runtime.bootstrap import Runtime

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
def one_place_band(runtime: Runtime) -> Callable[..., None]:
    """Factory: give one band of a centre a number of places for one day (default: 1)."""

    def make(
        day: date = date(2026, 11, 6),
        start: time = time(14, 0),
        *,
        center_id: str = "yokohama",
        group: str = "issue_renew",
        places: int = 1,
    ) -> None:
        end = time(start.hour, start.minute + 15) if start.minute < 45 else time(start.hour + 1, 0)
        with runtime.uow() as uow:
            uow.session.add(
                CapacityOverride(
                    center_id=center_id,
                    group=group,
                    day=day,
                    band_start=start,
                    band_end=end,
                    places=places,
                )
            )
            uow.commit()

    return make
