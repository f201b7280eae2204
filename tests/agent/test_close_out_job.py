"""The close-out beside the worker: due days are closed out once, a day still open is not."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.models import Booking
from booking_core.policy import Actor
from queues.close_out import close_out_due, done_key


def test_the_worker_closes_out_a_day_once_every_centre_has_closed(runtime, clock, booking_request):
    create_booking(
        runtime.uow(), booking_request(day=date(2026, 11, 2), start=time(12, 0)),
        now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
    )  # fmt: skip
    clock.set(datetime(2026, 11, 2, 17, 0, tzinfo=TOKYO))
    close_out_due(runtime)
    assert not runtime.redis.exists(done_key(date(2026, 11, 2)))
    clock.set(datetime(2026, 11, 2, 19, 31, tzinfo=TOKYO))
    [today] = [d for d in close_out_due(runtime) if d.day == date(2026, 11, 2)]
    assert today.no_shows["yokohama"] == 1
    assert runtime.redis.exists(done_key(date(2026, 11, 2)))
    assert [d.day for d in close_out_due(runtime)] == []  # yesterday and today both done
    with runtime.uow() as uow:
        assert uow.session.scalars(select(Booking.status)).all() == ["no_show"]
