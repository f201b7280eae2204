"""How a day shows on the month calendar, from the core's availability of that day."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking_core.availability import DayAvailability, SlotView
from booking_core.calendar import centre_day
from web.pages.calendar_view import _state, month_param

FRIDAY = date(2026, 11, 6)
TODAY = date(2026, 11, 2)


def _plan(*remaining: int, capacity: int = 10, day: date = FRIDAY) -> DayAvailability:
    slots = tuple(
        SlotView(time(12, 15 * i % 60), capacity, left) for i, left in enumerate(remaining)
    )
    return DayAvailability(centre_day("yokohama", day), slots, bookable=True)


@pytest.mark.parametrize(
    ("remaining", "party", "state"),
    [
        ((10, 10), 1, "room"),
        ((2, 1), 1, "few"),
        ((1, 1), 2, "full"),
        ((0, 0), 1, "full"),
        ((), 1, "full"),
    ],
)
def test_a_day_is_room_few_or_full_for_the_party(remaining, party, state):
    assert _state(_plan(*remaining), party, None, TODAY).state == state


def test_a_closed_day_carries_its_reason():
    wednesday = _plan(day=date(2026, 11, 4))
    assert (_state(wednesday, 1, None, TODAY).state, _state(wednesday, 1, None, TODAY).reason) == (
        "closed",
        "weekly_closure",
    )


def test_days_before_the_card_arrives_cannot_be_picked():
    cell = _state(_plan(10), 1, date(2026, 11, 7), TODAY)
    assert cell.state == "not_yet" and not cell.selectable


def test_the_month_asked_for_stays_inside_the_booking_window():
    first, last = date(2026, 11, 2), date(2027, 1, 1)
    assert month_param("2026-12", first, last) == (2026, 12)
    assert month_param("2026-01", first, last) == (2026, 11)
    assert month_param("2027-05", first, last) == (2027, 1)
    assert month_param("nonsense", first, last) == (2026, 11)
