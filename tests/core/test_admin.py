"""Administrators' closures and capacity overrides."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking_core.admin import add_closure, set_capacity_override
from booking_core.availability import day_availability
from booking_core.bookings import create_booking
from booking_core.errors import InvalidRequest, NotBookable
from booking_core.policy import Actor

ADMIN = Actor.staff("admin1", "admin")
WEB = Actor.resident("web")
FRIDAY = date(2026, 11, 6)


def test_a_whole_day_closure_lists_the_bookings_it_hits_and_stops_new_ones(
    runtime, booking_request, clock
):
    made = create_booking(
        runtime.uow(), booking_request(), now=clock.now(), actor=WEB, policy=runtime.policy
    )
    result = add_closure(
        runtime.uow(),
        center_id="yokohama",
        day=FRIDAY,
        note="設備点検",
        now=clock.now(),
        actor=ADMIN,
    )
    assert result.affected_references == (made.reference,)
    with pytest.raises(NotBookable) as exc:
        create_booking(
            runtime.uow(),
            booking_request(phone="+819099990000"),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )
    assert exc.value.reason == "closed:ad_hoc"


def test_a_partial_closure_removes_only_its_bands(runtime, clock):
    add_closure(
        runtime.uow(),
        center_id=None,
        day=FRIDAY,
        start=time(13, 0),
        end=time(15, 0),
        now=clock.now(),
        actor=ADMIN,
    )
    plan = day_availability(
        runtime.uow(),
        center_id="kamiooka",
        service_code="cert",
        day=FRIDAY,
        now=clock.now(),
        policy=runtime.policy,
    )
    starts = [s.start for s in plan.slots]
    assert time(12, 45) in starts and time(15, 0) in starts
    assert not [s for s in starts if time(13, 0) <= s < time(15, 0)]


def test_a_closure_with_an_inverted_time_range_is_refused(runtime, clock):
    with pytest.raises(InvalidRequest) as exc:
        add_closure(
            runtime.uow(),
            center_id="yokohama",
            day=FRIDAY,
            start=time(15, 0),
            end=time(13, 0),
            now=clock.now(),
            actor=ADMIN,
        )
    assert exc.value.fields == {"start": "bad_time_range"}


def test_lowering_capacity_below_bookings_keeps_them_and_sells_no_more(
    runtime, booking_request, clock
):
    create_booking(
        runtime.uow(),
        booking_request(party_size=3),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )
    result = set_capacity_override(
        runtime.uow(),
        center_id="yokohama",
        group="issue_renew",
        day=FRIDAY,
        band_start=time(14, 0),
        band_end=time(15, 0),
        places=2,
        now=clock.now(),
        actor=ADMIN,
    )
    assert result.over_booked_bands == (time(14, 0),)
    plan = day_availability(
        runtime.uow(),
        center_id="yokohama",
        service_code="cert",
        day=FRIDAY,
        now=clock.now(),
        policy=runtime.policy,
    )
    assert plan.remaining_at(time(14, 0)) == 0
    assert plan.remaining_at(time(14, 15)) == 2
