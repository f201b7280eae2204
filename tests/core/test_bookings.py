"""Booking use cases against the real database."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking_core.bookings import cancel_booking, change_booking, create_booking, get_booking
from booking_core.errors import AlreadyBooked, NotBookable, NotFound
from booking_core.policy import Actor

WEB = Actor.resident("web")


def test_a_booking_takes_places_and_can_be_read_back(uow, runtime, booking_request, clock):
    made = create_booking(
        uow, booking_request(party_size=2), now=clock.now(), actor=WEB, policy=runtime.policy
    )
    read = get_booking(
        runtime.uow(),
        reference=made.reference,
        birth_date=date(1960, 5, 5),
        now=clock.now(),
        actor=WEB,
    )
    assert read == made
    assert read.party_size == 2 and read.status == "active"


def test_a_wednesday_is_refused_as_a_weekly_closure(uow, runtime, booking_request, clock):
    with pytest.raises(NotBookable) as exc:
        create_booking(
            uow,
            booking_request(day=date(2026, 11, 4)),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )
    assert exc.value.reason == "closed:weekly_closure"


def test_one_active_booking_per_person_and_service(uow, runtime, booking_request, clock):
    create_booking(uow, booking_request(), now=clock.now(), actor=WEB, policy=runtime.policy)
    with pytest.raises(AlreadyBooked):
        create_booking(
            runtime.uow(),
            booking_request(start=time(15, 0)),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )


def test_change_then_cancel_gives_the_places_back(uow, runtime, booking_request, clock):
    made = create_booking(uow, booking_request(), now=clock.now(), actor=WEB, policy=runtime.policy)
    moved = change_booking(
        runtime.uow(),
        reference=made.reference,
        birth_date=date(1960, 5, 5),
        day=date(2026, 11, 9),
        start=time(12, 0),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )
    assert (moved.day, moved.start) == (date(2026, 11, 9), time(12, 0))
    cancelled = cancel_booking(
        runtime.uow(),
        reference=made.reference,
        birth_date=date(1960, 5, 5),
        now=clock.now(),
        actor=WEB,
    )
    assert cancelled.status == "cancelled"


def test_a_wrong_birth_date_looks_like_no_booking(uow, runtime, booking_request, clock):
    made = create_booking(uow, booking_request(), now=clock.now(), actor=WEB, policy=runtime.policy)
    with pytest.raises(NotFound):
        get_booking(
            runtime.uow(),
            reference=made.reference,
            birth_date=date(1960, 5, 6),
            now=clock.now(),
            actor=WEB,
        )
