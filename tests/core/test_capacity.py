"""The capacity plan: places per band from templates, overrides, closures, last reception."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest

from booking_core import directory
from booking_core.availability import day_availability, range_availability
from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO, centre_day
from booking_core.capacity import Band, band_starts, day_bands
from booking_core.errors import InvalidRequest, NotBookable, SlotFull
from booking_core.models import CapacityOverride, CapacityTemplate, ClosureRecord
from booking_core.policy import Actor
from booking_core.reference_data import (
    BASE_PLACES,
    CENTERS,
    PEAK_PLACES,
    WALK_IN_GROUP,
    walk_in_places,
)
from tests.conftest import statements_while

WEB = Actor.resident("web")
FRIDAY_MAY = date(2026, 5, 1)  # first half of FY2026, weekday hours 11:30-19:30
SATURDAY_MAY = date(2026, 5, 2)  # first half, weekend hours 9:00-17:00
FRIDAY_NOV = date(2026, 11, 6)  # second half, inside the booking window of DEFAULT_NOW
MONDAY_NOV = date(2026, 11, 9)
SATURDAY_NOV = date(2026, 11, 7)
WEEKDAY_STARTS = band_starts(time(11, 30), time(19, 30), 15)  # 11:30 ... 19:15
WEEKEND_STARTS = band_starts(time(9, 0), time(17, 0), 15)  # 9:00 ... 16:45


def bands(runtime, center_id: str, day: date, group: str = "issue_renew") -> list[Band]:
    """The day's bands as the capacity rules compute them from the stored plan."""
    with runtime.uow() as uow:
        s = uow.session
        return day_bands(
            centre_day(center_id, day, directory.closures(s, day, day)),
            directory.templates(s, center_id, group, day, day),
            directory.overrides(s, center_id, group, day, day),
        )


def places(runtime, center_id: str, day: date, group: str = "issue_renew") -> dict[time, int]:
    """Places by band start."""
    return {b.start: b.places for b in bands(runtime, center_id, day, group)}


def add(runtime, *rows: object) -> None:
    """Store rows (templates, overrides, closures) as an administrator would."""
    with runtime.uow() as uow:
        uow.session.add_all(rows)
        uow.commit()


def available(runtime, clock, center_id: str, day: date, service: str = "cert") -> dict:
    """(capacity, remaining) by band start, through the availability use case."""
    plan = day_availability(
        runtime.uow(),
        center_id=center_id,
        service_code=service,
        day=day,
        now=clock.now(),
        policy=runtime.policy,
    )
    return {s.start: (s.capacity, s.remaining) for s in plan.slots}


def test_weekday_bands_run_from_opening_to_last_reception(runtime):
    got = places(runtime, "yokohama", FRIDAY_MAY)
    assert list(got) == WEEKDAY_STARTS
    assert len(got) == 32 and min(got) == time(11, 30) and max(got) == time(19, 15)
    assert time(19, 30) not in got


def test_weekend_bands_run_from_nine_to_quarter_to_five(runtime):
    got = places(runtime, "yokohama", SATURDAY_MAY)
    assert list(got) == WEEKEND_STARTS
    assert max(got) == time(16, 45) and time(17, 0) not in got


@pytest.mark.parametrize("center", [c.id for c in CENTERS])
def test_places_per_band_per_centre_in_the_first_half(runtime, center):
    for day in (FRIDAY_MAY, SATURDAY_MAY):
        assert set(places(runtime, center, day).values()) == {BASE_PLACES[center]}


@pytest.mark.parametrize("center", [c.id for c in CENTERS])
def test_second_half_peaks_except_quiet_weekday_early_afternoons(runtime, center):
    weekday = places(runtime, center, FRIDAY_NOV)
    base, peak = BASE_PLACES[center], PEAK_PLACES[center]
    assert {start: n for start, n in weekday.items() if start < time(14, 0)} == {
        start: base for start in WEEKDAY_STARTS if start < time(14, 0)
    }
    assert {n for start, n in weekday.items() if start >= time(14, 0)} == {peak}
    assert set(places(runtime, center, SATURDAY_NOV).values()) == {peak}


def test_reception_windows_are_shared_between_bookings_and_walk_ins(runtime):
    for center in CENTERS:
        booked = places(runtime, center.id, FRIDAY_NOV, group="reception")
        walk_ins = places(runtime, center.id, FRIDAY_NOV, group=WALK_IN_GROUP)
        assert booked.keys() == walk_ins.keys()
        assert {booked[s] + walk_ins[s] for s in booked} == {center.reception_windows}
        assert set(walk_ins.values()) == {walk_in_places(center.reception_windows)}
    assert [walk_in_places(c.reception_windows) for c in CENTERS] == [2, 3, 3, 1]


def test_closed_days_have_no_bands(runtime):
    assert bands(runtime, "yokohama", date(2026, 11, 4)) == []  # Wednesday
    assert bands(runtime, "yokohama", date(2026, 11, 22)) == []  # Sunday after 3rd Saturday
    assert bands(runtime, "yokohama", date(2026, 12, 30)) == []  # 年末年始


def test_a_later_template_range_overrides_an_earlier_one(runtime):
    december = CapacityTemplate(
        center_id="yokohama",
        group="issue_renew",
        day_kind="weekday",
        valid_from=date(2026, 12, 1),
        valid_to=date(2026, 12, 28),
        band_start=time(11, 30),
        band_end=time(19, 30),
        places=40,
    )
    add(runtime, december)
    assert set(places(runtime, "yokohama", date(2026, 12, 4)).values()) == {40}
    # Before its range, other kinds of day and other centres keep the seeded plan.
    assert places(runtime, "yokohama", date(2026, 11, 27))[time(15, 0)] == PEAK_PLACES["yokohama"]
    assert set(places(runtime, "yokohama", date(2026, 12, 5)).values()) == {25}
    assert places(runtime, "kamiooka", date(2026, 12, 4))[time(15, 0)] == PEAK_PLACES["kamiooka"]


@dataclass
class FakeTemplate:
    """A template as the pure rules see it."""

    id: int
    valid_from: date
    valid_to: date
    places: int
    day_kind: str = "weekday"
    band_start: time = time(11, 30)
    band_end: time = time(19, 30)
    band_minutes: int = 15


def test_on_the_same_start_date_the_template_added_last_wins():
    hours = centre_day("yokohama", FRIDAY_NOV)
    later_added = FakeTemplate(2, date(2026, 10, 1), date(2027, 3, 31), 7)
    first_added = FakeTemplate(1, date(2026, 10, 1), date(2027, 3, 31), 9)
    older_range = FakeTemplate(3, date(2026, 4, 1), date(2027, 3, 31), 5)
    got = day_bands(hours, [later_added, older_range, first_added])
    assert {b.places for b in got} == {7}


def test_a_one_day_override_changes_only_that_day_and_band_range(runtime, clock):
    quiet = CapacityOverride(
        center_id="yokohama",
        group="issue_renew",
        day=FRIDAY_NOV,
        band_start=time(12, 0),
        band_end=time(13, 0),
        places=3,
    )
    add(runtime, quiet)
    got = available(runtime, clock, "yokohama", FRIDAY_NOV)
    changed = {start for start, (cap, _) in got.items() if cap == 3}
    assert changed == {time(12, 0), time(12, 15), time(12, 30), time(12, 45)}
    assert got[time(11, 45)] == (22, 22) and got[time(13, 0)] == (22, 22)
    assert got[time(15, 0)] == (25, 25)
    assert available(runtime, clock, "yokohama", MONDAY_NOV)[time(12, 0)] == (22, 22)
    assert available(runtime, clock, "kamiooka", FRIDAY_NOV)[time(12, 0)] == (27, 27)
    reception = available(runtime, clock, "yokohama", FRIDAY_NOV, service="pin")
    assert reception[time(12, 0)] == (9, 9)  # 11 windows, 2 of them for walk-ins


def test_an_override_holds_bookings_to_its_places(runtime, clock, booking_request):
    add(
        runtime,
        CapacityOverride(
            center_id="yokohama",
            group="issue_renew",
            day=FRIDAY_NOV,
            band_start=time(14, 0),
            band_end=time(14, 15),
            places=3,
        ),
    )
    create_booking(
        runtime.uow(),
        booking_request(party_size=3),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )
    with pytest.raises(SlotFull):
        create_booking(
            runtime.uow(),
            booking_request(phone="+819011112222"),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )
    assert available(runtime, clock, "yokohama", FRIDAY_NOV)[time(14, 0)] == (3, 0)


def test_an_override_of_zero_removes_the_bands(runtime):
    add(
        runtime,
        CapacityOverride(
            center_id="center-kita",
            group="issue_renew",
            day=FRIDAY_NOV,
            band_start=time(11, 30),
            band_end=time(13, 0),
            places=0,
        ),
    )
    got = places(runtime, "center-kita", FRIDAY_NOV)
    assert min(got) == time(13, 0) and len(got) == 32 - 6


def test_a_partial_closure_removes_the_bands_it_covers(runtime, clock, booking_request):
    add(
        runtime,
        ClosureRecord(
            center_id="yokohama",
            day=FRIDAY_NOV,
            start=time(15, 0),
            end=time(16, 30),
            note="システム保守",
            created_at=clock.now(),
        ),
    )
    got = places(runtime, "yokohama", FRIDAY_NOV)
    gone = set(WEEKDAY_STARTS) - set(got)
    assert gone == set(band_starts(time(15, 0), time(16, 30), 15))
    assert time(14, 45) in got and time(16, 30) in got
    assert len(places(runtime, "kamiooka", FRIDAY_NOV)) == 32
    with pytest.raises(NotBookable) as refused:
        create_booking(
            runtime.uow(),
            booking_request(start=time(15, 15)),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )
    assert refused.value.reason == "outside_hours"


def test_a_whole_day_closure_of_all_centres_removes_every_band(runtime, clock):
    add(runtime, ClosureRecord(center_id=None, day=FRIDAY_NOV, created_at=clock.now()))
    for center in CENTERS:
        assert bands(runtime, center.id, FRIDAY_NOV) == []
        assert bands(runtime, center.id, FRIDAY_NOV, group="reception") == []


def test_the_last_reception_band_is_bookable_and_closing_time_is_not(
    runtime, clock, booking_request
):
    made = create_booking(
        runtime.uow(),
        booking_request(start=time(19, 15)),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )
    assert made.start == time(19, 15)
    with pytest.raises(NotBookable) as refused:
        create_booking(
            runtime.uow(),
            booking_request(start=time(19, 30), phone="+819011112222"),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )
    assert refused.value.reason == "outside_hours"
    saturday = create_booking(
        runtime.uow(),
        booking_request(day=SATURDAY_NOV, start=time(16, 45), phone="+819033334444"),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )
    assert saturday.start == time(16, 45)


def test_a_month_view_works_out_the_same_bands_as_day_by_day(runtime, clock):
    add(
        runtime,
        CapacityOverride(
            center_id="yokohama",
            group="issue_renew",
            day=date(2026, 11, 13),
            band_start=time(12, 0),
            band_end=time(13, 0),
            places=2,
        ),
        ClosureRecord(
            center_id="yokohama",
            day=date(2026, 11, 16),
            start=time(15, 0),
            end=time(16, 0),
            created_at=clock.now(),
        ),
    )
    first, last = date(2026, 4, 1), date(2027, 3, 31)
    with runtime.uow() as uow:
        s = uow.session
        for center in CENTERS:
            for group in ("issue_renew", "reception", "visit"):
                templates = directory.templates(s, center.id, group, first, last)
                overrides = directory.overrides(s, center.id, group, first, last)
                closures = directory.closures(s, first, last)
                memo: dict = {}
                day = first
                while day <= last:
                    hours = centre_day(center.id, day, closures)
                    alone = day_bands(hours, templates, overrides)
                    assert day_bands(hours, templates, overrides, memo=memo) == alone, day
                    day += timedelta(days=1)
                assert 0 < len(memo) <= 8  # a handful of kinds of day, not one per day


@pytest.mark.parametrize("days", [1, 30, 61])
def test_a_month_of_availability_costs_four_statements_whatever_its_length(runtime, clock, days):
    def plan():
        return range_availability(
            runtime.uow(), center_id="yokohama", service_code="cert", start=FRIDAY_NOV,
            end=FRIDAY_NOV + timedelta(days=days - 1), now=clock.now(), policy=runtime.policy,
        )  # fmt: skip

    plan()  # the process now knows the centre and the procedure (for a minute)
    found, statements = statements_while(runtime, plan)
    assert len(found) == days
    # closures, templates, overrides, slot rows (SQLite adds its BEGIN)
    assert statements.count("SELECT") == 4 and len(statements) <= 5


def test_an_unknown_centre_is_refused_even_after_known_ones_were_remembered(runtime, clock):
    known = {"center_id": "yokohama", "service_code": "cert", "start": FRIDAY_NOV,
             "end": FRIDAY_NOV, "now": clock.now(), "policy": runtime.policy}  # fmt: skip
    range_availability(runtime.uow(), **known)
    with pytest.raises(InvalidRequest):
        range_availability(runtime.uow(), **{**known, "center_id": "nowhere"})
    with pytest.raises(InvalidRequest):
        range_availability(runtime.uow(), **{**known, "service_code": "nothing"})


def test_today_shows_only_the_bands_still_ahead(runtime, clock):
    clock.set(datetime(2026, 11, 6, 14, 5, tzinfo=TOKYO))
    today = available(runtime, clock, "yokohama", FRIDAY_NOV)
    assert min(today) == time(14, 15) and max(today) == time(19, 15)
    assert len(available(runtime, clock, "yokohama", MONDAY_NOV)) == 32


def _nearest_over_the_whole_window(session, *, around, party_size, now, policy):
    """The plain reading of the rule: every band from a week before to two weeks after."""
    from booking_core.availability import last_bookable_day, plan_days

    start = max(around.date() - timedelta(days=7), now.astimezone(TOKYO).date())
    end = min(around.date() + timedelta(days=14), last_bookable_day(now, policy))
    days = plan_days(session, center_id="yokohama", group="issue_renew", start=start, end=end,
                     now=now, policy=policy)  # fmt: skip
    found = [(d.hours.day, s.start, s.remaining) for d in days for s in d.slots
             if s.remaining >= party_size]  # fmt: skip
    found.sort(key=lambda f: abs((datetime.combine(f[0], f[1], TOKYO) - around).total_seconds()))
    return found[: policy.alternatives]


@pytest.mark.parametrize(
    ("wish", "emptied_days"),
    [
        (datetime(2026, 11, 6, 14, 0, tzinfo=TOKYO), 0),  # the day itself has room
        (datetime(2026, 11, 6, 14, 0, tzinfo=TOKYO), 3),  # it and its neighbours are taken
        (datetime(2026, 11, 6, 19, 15, tzinfo=TOKYO), 1),  # the last band of a taken day
        (datetime(2026, 11, 3, 9, 0, tzinfo=TOKYO), 0),  # a holiday near today
        (datetime(2026, 12, 30, 10, 0, tzinfo=TOKYO), 0),  # new-year closure, near the horizon
    ],
    ids=["same-day", "three-days-taken", "last-band", "holiday-near-today", "new-year"],
)
def test_the_nearest_places_are_those_of_the_whole_three_week_window(
    runtime, clock, wish, emptied_days
):
    from booking_core.availability import nearest_with_room

    for offset in range(-1, emptied_days - 1) if emptied_days > 1 else range(emptied_days):
        add(
            runtime,
            CapacityOverride(
                center_id="yokohama",
                group="issue_renew",
                day=wish.date() + timedelta(days=offset),
                band_start=time(0, 0),
                band_end=time(23, 59),
                places=0,
            ),
        )
    with runtime.uow() as uow:
        got = nearest_with_room(
            uow.session,
            center_id="yokohama",
            group="issue_renew",
            around=wish,
            party_size=2,
            now=clock.now(),
            policy=runtime.policy,
        )
        expected = _nearest_over_the_whole_window(
            uow.session, around=wish, party_size=2, now=clock.now(), policy=runtime.policy
        )
    assert [(a.day, a.start, a.remaining) for a in got] == expected
    assert len(got) == runtime.policy.alternatives
