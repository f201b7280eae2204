"""A day no capacity plan covers, as the web calendar and the phone front show it."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from booking_core.availability import DayAvailability
from booking_core.calendar import TOKYO, centre_day, not_open_yet
from ivr.day_view import DayView, day_problem
from web.pages.calendar_view import _state

from .test_browser import check

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


def test_april_2027_shows_its_unplanned_days_as_not_yet_open(resident, clock):
    clock.set(datetime(2027, 3, 20, 9, 0, tzinfo=TOKYO))
    resident.submit("/book", "/book", {"service": "cert"})
    resident.submit("/book/centre", "/book/centre", {"center": "yokohama", "party_size": "1"})
    html = resident.get("/book/calendar?month=2027-04").get_data(as_text=True)
    assert html.count('class="day day-not_open"') == 20  # every open day of April 2027
    assert "予約受付開始前（準備中）" in html


@pytest.mark.browser
def test_the_calendar_with_unplanned_days_passes_axe(phone_page, live_server, clock):
    clock.set(datetime(2027, 3, 20, 9, 0, tzinfo=TOKYO))
    page = phone_page
    page.goto(f"{live_server}/book")
    page.get_by_label("電子証明書の発行・更新").check()
    page.get_by_role("button", name="次へ進む").click()
    page.get_by_label("横浜駅マイナンバーカード特設センター").check()
    page.get_by_role("button", name="次へ進む").click()
    page.goto(f"{live_server}/book/calendar?month=2027-04")
    assert page.locator("td.day-not_open").count() == 20
    check(page, "not-open-01-calendar-april-2027")
