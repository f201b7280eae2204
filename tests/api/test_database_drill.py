"""Fault drill: PostgreSQL drops every connection again and again while residents book.

What a restart of the database looks like to the app is every connection ended under it; here
another connection ends them all every 50 ms while twelve residents race for five places. Each
resident retries with the same Idempotency-Key until the API gives a final answer. Nothing may
be oversold, nothing booked twice, and every resident gets an answer.
"""

from __future__ import annotations

import threading
from datetime import date, time

import pytest
from sqlalchemy import func, select, text

from booking_core.db import make_engine
from booking_core.models import Booking, Slot

pytestmark = pytest.mark.slow

BOOKINGS = "/api/v1/bookings"
RESIDENTS, PLACES, TRIES = 12, 5, 200


def _end_every_other_connection(url: str, stop: threading.Event, ended: list[int]) -> None:
    killer = make_engine(url, pool_size=1, max_overflow=0)
    try:
        with killer.connect() as conn:
            while not stop.wait(0.05):
                ended.append(
                    conn.execute(
                        text(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        )
                    ).scalar_one()
                )
                conn.commit()
    finally:
        killer.dispose()


def test_bookings_through_dropped_connections_lose_nothing_and_oversell_nothing(
    app, runtime, settings, one_place_band, booking_body, no_ratelimit
):
    url = settings.effective_database_url
    if not url.startswith("postgresql"):
        pytest.skip("a database server to drop connections: PostgreSQL only")
    one_place_band(places=PLACES)
    answers: dict[int, str] = {}
    stop, ended = threading.Event(), []
    killer = threading.Thread(target=_end_every_other_connection, args=(url, stop, ended))

    def resident(n: int) -> None:
        client = app.test_client()
        body = booking_body(phone=f"090-2000-{n:04d}")
        for _ in range(TRIES):
            reply = client.post(BOOKINGS, json=body, headers={"Idempotency-Key": f"drill-{n}"})
            if reply.status_code in (200, 201):
                answers[n] = "booked"
                return
            if reply.status_code == 409 and reply.json["error"] == "slot_full":
                answers[n] = "full"
                return
            stop.wait(0.02)  # the connection was ended under the request: the same key again

    killer.start()
    residents = [threading.Thread(target=resident, args=(n,)) for n in range(RESIDENTS)]
    for thread in residents:
        thread.start()
    for thread in residents:
        thread.join(timeout=120)
    stop.set()
    killer.join(timeout=10)
    runtime.engine.dispose()  # the pool's connections were ended too: later tests start afresh
    assert sum(ended) > 0, "no connection was ended: the drill proved nothing"
    assert len(answers) == RESIDENTS, f"residents left without an answer: {answers}"
    assert sorted(answers.values()).count("booked") == PLACES
    with runtime.uow() as uow:
        session = uow.session
        slot_id, booked, capacity = session.execute(
            select(Slot.id, Slot.booked, Slot.capacity).where(
                Slot.day == date(2026, 11, 6), Slot.start == time(14, 0),
                Slot.center_id == "yokohama", Slot.group == "issue_renew",
            )
        ).one()  # fmt: skip
        active = session.scalar(
            select(func.count()).where(Booking.status == "active", Booking.slot_id == slot_id)
        )
        keys = session.scalar(select(func.count(func.distinct(Booking.idempotency_key))))
    assert (booked, capacity, active, keys) == (PLACES, PLACES, PLACES, PLACES)
