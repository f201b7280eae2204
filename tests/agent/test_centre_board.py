"""Centres today on the supervisors' board: places left for the rest of the day, no-shows."""

from __future__ import annotations

from datetime import date, datetime, time

from booking_core.booking_life import check_in, complete
from booking_core.bookings import create_booking
from booking_core.centre_board import centres_today
from booking_core.clock import TOKYO
from booking_core.policy import Actor
from booking_core.walk_ins import issue_walk_in


def test_a_booking_not_checked_in_fifteen_minutes_after_its_time_is_a_no_show(
    runtime, clock, booking_request
):
    create_booking(
        runtime.uow(),
        booking_request(day=date(2026, 11, 2), start=time(12, 0)),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    before = {
        c.center_id: c for c in centres_today(runtime.uow(), now=clock.now(), policy=runtime.policy)
    }
    clock.set(datetime(2026, 11, 2, 12, 20, tzinfo=TOKYO))
    after = {
        c.center_id: c for c in centres_today(runtime.uow(), now=clock.now(), policy=runtime.policy)
    }
    assert (before["yokohama"].booked_today, before["yokohama"].no_shows) == (1, 0)
    assert (after["yokohama"].booked_today, after["yokohama"].no_shows) == (1, 1)
    assert after["kamiooka"].no_shows == 0
    assert before["yokohama"].open
    assert (
        0
        < after["yokohama"].places_left["issue_renew"]
        < before["yokohama"].places_left["issue_renew"]
    )  # bands already begun no longer count


def test_a_wednesday_shows_every_centre_closed(runtime, clock):
    clock.set(datetime(2026, 11, 4, 10, 0, tzinfo=TOKYO))
    board = centres_today(runtime.uow(), now=clock.now(), policy=runtime.policy)
    assert [(c.open, sum(c.places_left.values())) for c in board] == [(False, 0)] * 4


def test_the_board_follows_the_counter_and_counts_no_shows_only_after_the_grace(
    runtime, clock, booking_request
):
    refs = [
        create_booking(
            runtime.uow(),
            booking_request(day=date(2026, 11, 2), start=time(12, 0), phone=phone),
            now=clock.now(),
            actor=Actor.resident("web"),
            policy=runtime.policy,
        ).reference
        for phone in ("+819011110001", "+819011110002", "+819011110003")
    ]
    clerk = Actor.staff("clerk", channel="counter")
    clock.set(datetime(2026, 11, 2, 12, 1, tzinfo=TOKYO))
    for ref in refs[:2]:
        check_in(runtime.uow(), reference=ref, now=clock.now(), actor=clerk, policy=runtime.policy)
    complete(runtime.uow(), reference=refs[0], now=clock.now(), actor=clerk)
    issue_walk_in(
        runtime.uow(), center_id="yokohama", service_code="pin", party_size=1, now=clock.now(),
        actor=clerk, policy=runtime.policy,
    )  # fmt: skip

    def yokohama():
        board = centres_today(runtime.uow(), now=clock.now(), policy=runtime.policy)
        c = next(c for c in board if c.center_id == "yokohama")
        return (c.booked_today, c.checked_in, c.waiting, c.served, c.no_shows, c.walk_ins)

    clock.set(datetime(2026, 11, 2, 12, 14, tzinfo=TOKYO))
    assert yokohama() == (3, 2, 1, 1, 0, 1)  # within the grace: not yet a no-show
    clock.set(datetime(2026, 11, 2, 12, 15, tzinfo=TOKYO))
    assert yokohama() == (3, 2, 1, 1, 1, 1)
