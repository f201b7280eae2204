"""Races for the last places: many threads at once, on the real database (SQLite or PostgreSQL).

Capacity is held by one conditional UPDATE per slot backed by a CHECK constraint; these tests
throw concurrent creates, changes and cancels at it and count what was sold.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from werkzeug.serving import make_server

from booking_core.bookings import (
    BookingDetails,
    BookingRequest,
    cancel_booking,
    change_booking,
    create_booking,
)
from booking_core.capacity import band_starts
from booking_core.errors import ConcurrentChange, SlotFull
from booking_core.models import AuditEvent, Booking, CapacityOverride, Slot
from booking_core.policy import Actor

pytestmark = pytest.mark.slow

WEB = Actor.resident("web")
DAY = date(2026, 11, 6)  # a Friday inside the booking window of the frozen clock
CAPACITY = 5
THREADS = 24
ROUNDS = 20
BANDS = band_starts(time(11, 30), time(19, 30), 15)  # 32 weekday bands
BIRTH = date(1970, 1, 1)


def run_together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(i) in `count` threads released at the same instant; results or exceptions."""
    gate = threading.Barrier(count)

    def one(i: int) -> Any:
        gate.wait()
        try:
            return work(i)
        except Exception as exc:  # collected and asserted on by the caller
            return exc

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


@pytest.fixture
def small_day(runtime) -> None:
    """Every issue/renew band of DAY at yokohama holds CAPACITY places."""
    with runtime.uow() as uow:
        uow.session.add(
            CapacityOverride(
                center_id="yokohama",
                group="issue_renew",
                day=DAY,
                band_start=time(11, 30),
                band_end=time(19, 30),
                places=CAPACITY,
            )
        )
        uow.commit()


def request(start: time, who: str, *, day: date = DAY, party: int = 1) -> BookingRequest:
    """A cert booking at yokohama for a distinct person (phone)."""
    return BookingRequest(
        service="cert",
        center="yokohama",
        day=day,
        start=start,
        birth_date=BIRTH,
        phone=f"+8190{who:0>8}",
        party_size=party,
    )


def book(runtime, clock, req: BookingRequest, key: str | None = None) -> BookingDetails:
    """Create a booking through the use case."""
    return create_booking(
        runtime.uow(), req, now=clock.now(), actor=WEB, policy=runtime.policy, idempotency_key=key
    )


def slot_state(runtime, start: time, day: date = DAY) -> tuple[int, int, int]:
    """(capacity, booked, active people booked) of a band at yokohama."""
    with runtime.uow() as uow:
        slot = uow.session.scalars(
            select(Slot).where(Slot.center_id == "yokohama", Slot.day == day, Slot.start == start)
        ).one()
        people = uow.session.scalar(
            select(func.coalesce(func.sum(Booking.party_size), 0)).where(
                Booking.slot_id == slot.id, Booking.status == "active"
            )
        )
        return slot.capacity, slot.booked, int(people or 0)


def kinds(results: list[Any]) -> Counter[str]:
    """How many of each outcome: 'ok' or the exception class name."""
    return Counter(type(r).__name__ if isinstance(r, Exception) else "ok" for r in results)


def test_racers_for_the_last_places_get_exactly_the_free_ones(runtime, clock, small_day):
    for round_no in range(ROUNDS):
        start = BANDS[round_no]
        free = 1 + round_no % 4
        for taken in range(CAPACITY - free):
            book(runtime, clock, request(start, f"9{round_no:02d}{taken:03d}"))
        results = run_together(
            THREADS,
            lambda i, r=round_no, s=start: book(runtime, clock, request(s, f"{r:02d}{i:04d}")),
        )
        assert kinds(results) == {"ok": free, "SlotFull": THREADS - free}, round_no
        assert slot_state(runtime, start) == (CAPACITY, CAPACITY, CAPACITY)
    with runtime.uow() as uow:
        oversold = uow.session.scalar(
            select(func.count()).select_from(Slot).where(Slot.booked > Slot.capacity)
        )
        active = uow.session.scalar(
            select(func.count()).select_from(Booking).where(Booking.status == "active")
        )
    assert oversold == 0
    assert active == ROUNDS * CAPACITY


def test_first_bookings_of_a_fresh_day_all_land_while_its_rows_are_made(runtime, clock, small_day):
    # No slot row of DAY exists yet: the first booking makes the whole day's rows, and the
    # others, on other bands, must book into them, not take a row they did not see as full.
    results = run_together(THREADS, lambda i: book(runtime, clock, request(BANDS[i], f"7{i:04d}")))
    assert kinds(results) == {"ok": THREADS}
    assert {slot_state(runtime, BANDS[i]) for i in range(THREADS)} == {(CAPACITY, 1, 1)}


def test_racers_for_a_fresh_band_get_exactly_its_places(runtime, clock, small_day):
    results = run_together(THREADS, lambda i: book(runtime, clock, request(BANDS[0], f"6{i:04d}")))
    assert kinds(results) == {"ok": CAPACITY, "SlotFull": THREADS - CAPACITY}
    assert slot_state(runtime, BANDS[0]) == (CAPACITY, CAPACITY, CAPACITY)


def test_a_full_slot_offers_alternatives_with_room(runtime, clock, small_day):
    results = run_together(
        8, lambda i: book(runtime, clock, request(BANDS[0], f"77{i:04d}", party=1))
    )
    refused = [r for r in results if isinstance(r, SlotFull)]
    assert len(refused) == 8 - CAPACITY
    for lost in refused:
        assert lost.alternatives and all(a.remaining >= 1 for a in lost.alternatives)
        assert (DAY, BANDS[0]) not in {(a.day, a.start) for a in lost.alternatives}


def test_concurrent_changes_into_a_nearly_full_slot_move_only_the_free_places(
    runtime, clock, small_day
):
    target = BANDS[10]
    for taken in range(CAPACITY - 2):
        book(runtime, clock, request(target, f"55{taken:04d}"))
    # Movers come from bands before and after the target, so both lock orders are exercised.
    sources = [BANDS[2], BANDS[3], BANDS[20], BANDS[21]]
    movers = [
        book(runtime, clock, request(sources[i % 4], f"66{i:04d}")).reference for i in range(16)
    ]

    def move(i: int) -> BookingDetails:
        return change_booking(
            runtime.uow(),
            reference=movers[i],
            birth_date=BIRTH,
            day=DAY,
            start=target,
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )

    results = run_together(len(movers), move)
    assert kinds(results) == {"ok": 2, "SlotFull": 14}
    assert slot_state(runtime, target) == (CAPACITY, CAPACITY, CAPACITY)
    moved = sum(1 for r in results if not isinstance(r, Exception))
    for start in sources:
        _, booked, people = slot_state(runtime, start)
        assert booked == people
    assert sum(slot_state(runtime, s)[1] for s in sources) == len(movers) - moved


def test_concurrent_cancels_of_one_booking_release_its_places_once(runtime, clock, small_day):
    start = BANDS[5]
    made = book(runtime, clock, request(start, "440001", party=3))
    book(runtime, clock, request(start, "440002", party=1))
    assert slot_state(runtime, start) == (CAPACITY, 4, 4)

    def cancel(_: int) -> BookingDetails:
        return cancel_booking(
            runtime.uow(), reference=made.reference, birth_date=BIRTH, now=clock.now(), actor=WEB
        )

    results = run_together(16, cancel)
    outcome = kinds(results)
    assert set(outcome) <= {"ok", "ConcurrentChange"}, outcome
    assert all(r.status == "cancelled" for r in results if isinstance(r, BookingDetails))
    assert slot_state(runtime, start) == (CAPACITY, 1, 1)
    with runtime.uow() as uow:
        cancels = uow.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "booking.cancel")
        )
    assert cancels == 1
    assert not any(
        isinstance(r, Exception) and not isinstance(r, ConcurrentChange) for r in results
    )


def test_one_idempotency_key_from_ten_threads_makes_one_booking(runtime, clock, small_day):
    req = request(BANDS[7], "330001", party=2)
    results = run_together(10, lambda _: book(runtime, clock, req, key="key-race-0001"))
    assert kinds(results) == {"ok": 10}
    assert len({r.reference for r in results}) == 1
    assert slot_state(runtime, BANDS[7]) == (CAPACITY, 2, 2)
    with runtime.uow() as uow:
        count = uow.session.scalar(select(func.count()).select_from(Booking))
    assert count == 1


@pytest.mark.parametrize("booked", [CAPACITY + 1, -1])
def test_the_database_refuses_a_slot_booked_beyond_its_capacity(runtime, clock, small_day, booked):
    book(runtime, clock, request(BANDS[0], "220001"))
    with runtime.uow() as uow, pytest.raises(IntegrityError):
        uow.session.execute(update(Slot).values(booked=booked))
        uow.commit()
    with runtime.engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(text("UPDATE slot SET booked = capacity + 1"))
    assert slot_state(runtime, BANDS[0]) == (CAPACITY, 1, 1)


# --- The same races over HTTP: the real app under a real threaded server, many clients. ---


@pytest.fixture
def live_server(app, no_ratelimit) -> Iterator[tuple[str, int]]:
    """The app served by werkzeug's threaded server on a free loopback port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", server.server_port
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def http_together(
    address: tuple[str, int], count: int, call: Callable[[int], tuple[str, str, Any, dict]]
) -> list[tuple[int, dict[str, Any]]]:
    """`count` clients, connected first, then sending call(i) = (method, path, body, headers)
    at the same instant; (status, JSON) of each answer."""
    gate = threading.Barrier(count)

    def one(i: int) -> tuple[int, dict[str, Any]]:
        method, path, body, headers = call(i)
        conn = http.client.HTTPConnection(*address, timeout=120)
        try:
            conn.connect()
            gate.wait()
            payload = json.dumps(body).encode() if body is not None else None
            conn.request(
                method, path, body=payload, headers={"Content-Type": "application/json", **headers}
            )
            response = conn.getresponse()
            return response.status, json.loads(response.read() or b"{}")
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def booking_body(start: time, who: str, *, party: int = 1) -> dict[str, Any]:
    """A JSON body for POST /api/v1/bookings (a distinct person per phone)."""
    return {
        "center": "yokohama",
        "service": "cert",
        "date": DAY.isoformat(),
        "start": start.strftime("%H:%M"),
        "party_size": party,
        "phone": f"0901{who:0>7}",
        "birth_date": BIRTH.isoformat(),
        "name": "横浜 太郎",
    }


def statuses(answers: list[tuple[int, dict[str, Any]]]) -> Counter[tuple[int, str]]:
    """How many of each (status, error code) came back; successes as (201/200, 'ok')."""
    return Counter((status, body.get("error", "ok")) for status, body in answers)


def test_http_clients_racing_for_the_last_places_get_exactly_the_free_ones(
    runtime, clock, small_day, live_server
):
    for round_no in range(ROUNDS):
        start = BANDS[round_no]
        free = 1 + round_no % 4
        for taken in range(CAPACITY - free):
            book(runtime, clock, request(start, f"9{round_no:02d}{taken:03d}"))
        answers = http_together(
            live_server,
            THREADS,
            lambda i, r=round_no, s=start: (
                "POST",
                "/api/v1/bookings",
                booking_body(s, f"{r:02d}{i:05d}"),
                {"Idempotency-Key": f"race-{r}-{i}"},
            ),
        )
        got = statuses(answers)
        assert got == {(201, "ok"): free, (409, "slot_full"): THREADS - free}, (round_no, got)
        assert slot_state(runtime, start) == (CAPACITY, CAPACITY, CAPACITY)
    with runtime.uow() as uow:
        oversold = uow.session.scalar(
            select(func.count()).select_from(Slot).where(Slot.booked > Slot.capacity)
        )
    assert oversold == 0


def test_http_changes_and_cancels_race_without_losing_or_doubling_places(
    runtime, clock, small_day, live_server
):
    target = BANDS[12]
    for taken in range(CAPACITY - 2):
        book(runtime, clock, request(target, f"81{taken:04d}"))
    sources = [BANDS[1], BANDS[25]]
    movers = [
        book(runtime, clock, request(sources[i % 2], f"82{i:04d}")).reference for i in range(10)
    ]
    moved = http_together(
        live_server,
        len(movers),
        lambda i: (
            "PATCH",
            f"/api/v1/bookings/{movers[i]}",
            {
                "date": DAY.isoformat(),
                "start": target.strftime("%H:%M"),
                "birth_date": BIRTH.isoformat(),
            },
            {},
        ),
    )
    assert statuses(moved) == {(200, "ok"): 2, (409, "slot_full"): 8}
    assert slot_state(runtime, target) == (CAPACITY, CAPACITY, CAPACITY)
    assert sum(slot_state(runtime, s)[1] for s in sources) == 8
    victim = book(runtime, clock, request(BANDS[30], "830001", party=3))
    cancelled = http_together(
        live_server,
        12,
        lambda _: ("DELETE", f"/api/v1/bookings/{victim.reference}?birth_date={BIRTH}", None, {}),
    )
    assert set(statuses(cancelled)) <= {(200, "ok"), (409, "concurrent_change")}
    assert all(body["status"] == "cancelled" for status, body in cancelled if status == 200)
    assert slot_state(runtime, BANDS[30]) == (CAPACITY, 0, 0)


def test_http_one_idempotency_key_from_ten_clients_makes_one_booking(
    runtime, clock, small_day, live_server
):
    body = booking_body(BANDS[9], "8400001", party=2)
    answers = http_together(
        live_server,
        10,
        lambda _: ("POST", "/api/v1/bookings", body, {"Idempotency-Key": "same-key-1"}),
    )
    assert {status for status, _ in answers} == {201}
    assert len({answer["reference"] for _, answer in answers}) == 1
    assert slot_state(runtime, BANDS[9]) == (CAPACITY, 2, 2)
