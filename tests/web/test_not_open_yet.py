"""A day no capacity plan covers, as the web calendar and the phone front show it."""

from __future__ import annotations

from datetime import date, time

from booking_core.availability import DayAvailability
from booking_core.calendar import centre_day, not_open_yet
from ivr.day_view import DayView, day_problem
from web.pages.calendar_view import _state

FRIDAY_FY2027 = date(2027, 4, 2)
TODAY = date(2027, 3, 20)


def test_an_unplanned_day_is_not_open_on_the_calendar_rather_than_closed_or_full():
    unplanned = DayAvailability(not_open_yet(centre_day("yokohama", FRIDAY_FY2027)), (), True)
    cell = _state(unplanned, 1, None, TODAY)
    assert (cell.state, cell.selectable) == ("not_open", False)


def test_the_phone_front_says_an_unplanned_day_is_not_open_yet():
    cached = DayView.from_json(DayView(False, True, (), "not_open_yet").to_json())
    assert day_problem(cached, 1) == "not_open_yet"
    assert day_problem(DayView(False, True, ((time(14, 0), 3),)), 1) == "closed"
