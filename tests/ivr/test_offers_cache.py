"""The IVR's offers come from day views cached a moment per centre, group and day."""

from __future__ import annotations

from datetime import date, time, timedelta

from booking_core import directory
from booking_core.availability import earliest_with_room, range_availability
from booking_core.bookings import create_booking
from booking_core.policy import Actor
from ivr.cached_availability import (
    AVAILABILITY_CACHE_SECONDS,
    day_plan,
    day_views,
    days_with_room,
    earliest,
)
from tests.conftest import statements_while

FRIDAY = date(2026, 11, 6)


def test_one_day_view_serves_every_procedure_of_its_group(runtime, clock):
    now = clock.now()
    with runtime.uow() as uow:  # the procedures' groups, as a process remembers them
        assert {directory.service_kind(uow.session, c).group for c in ("pin", "unlock")} == {
            "reception"
        }
    first, planned = statements_while(
        runtime, lambda: day_plan(runtime, center="yokohama", service="pin", day=FRIDAY, now=now)
    )
    again, read = statements_while(
        runtime, lambda: day_plan(runtime, center="yokohama", service="unlock", day=FRIDAY, now=now)
    )
    assert planned and not read  # pin and unlock share the reception group's bands
    assert again == first and first.remaining_at(time(14, 0)) is not None
    keys = runtime.redis.keys("*dayview*")
    assert len(keys) == 1 and 0 < runtime.redis.ttl(keys[0]) <= AVAILABILITY_CACHE_SECONDS


def test_day_views_read_the_cached_days_and_plan_only_the_missing(runtime, clock):
    now = clock.now()
    days = [FRIDAY + timedelta(days=n) for n in range(4)]
    day_views(runtime, center="kamiooka", group="reception", days=days[:2], now=now)
    views, _ = statements_while(
        runtime,
        lambda: day_views(runtime, center="kamiooka", group="reception", days=days, now=now),
    )
    assert sorted(views) == days
    _, read = statements_while(
        runtime,
        lambda: day_views(runtime, center="kamiooka", group="reception", days=days, now=now),
    )
    assert not read


def test_the_earliest_offer_is_the_cores_earliest_band_with_room(runtime, clock, booking_request):
    now = clock.now()
    for n, start in enumerate((time(9, 0), time(9, 15))):  # a party of 4 no longer fits at 9:00
        create_booking(
            runtime.uow(),
            booking_request(day=date(2026, 11, 3), start=start, party_size=4,
                            phone=f"+8190111100{n:02d}", service="pin"),
            now=now, actor=Actor.resident("ivr"), policy=runtime.policy,
        )  # fmt: skip
    for party in (1, 4):
        with runtime.uow() as uow:
            expected = earliest_with_room(
                uow.session, center_id="yokohama", group="reception", from_day=date(2026, 11, 2),
                party_size=party, now=now, policy=runtime.policy,
            )  # fmt: skip
        found = earliest(
            runtime, center="yokohama", service="surface", from_day=date(2026, 11, 2),
            party=party, now=now,
        )  # fmt: skip
        assert found == expected


def test_days_with_room_are_the_nearest_open_days(runtime, clock):
    now = clock.now()
    found = days_with_room(
        runtime, center="yokohama", service="cert", around=FRIDAY, party=1, now=now
    )
    plans = range_availability(
        runtime.uow(), center_id="yokohama", service_code="cert",
        start=FRIDAY - timedelta(days=7), end=FRIDAY + timedelta(days=14), now=now,
        policy=runtime.policy,
    )  # fmt: skip
    open_days = [p.hours.day for p in plans if p.has_room]
    nearest = sorted(open_days, key=lambda d: (abs((d - FRIDAY).days), d < FRIDAY))[:3]
    assert found == nearest and FRIDAY in found
