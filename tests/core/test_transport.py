"""Card transport: an issuance day must follow a transport whose manifest could take the card.

A card ready on day R (on the list from 00:00 that day) travels on the first transport day T
(Mon/Tue/Fri ward business day) whose manifest cut-off, 17:00 on the business day before T,
is not yet past at max(now, R). It can be issued from the day after T.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.cards import earliest_issue_day, lookup_card
from booking_core.errors import TransportTooLate
from booking_core.policy import Actor

WEB = Actor.resident("web")
LONG_AGO = date(2026, 10, 1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Tokyo moment."""
    return datetime.combine(day, time(hour, minute), TOKYO)


# (now, ready_on, first transport day, first issue day) worked out on a printed calendar.
CASES = [
    # Mon 2 Nov: its own manifest closed Fri 30 Oct; Tue 3 Nov is 文化の日; Fri 6 Nov it is.
    (at(date(2026, 11, 2), 9), LONG_AGO, date(2026, 11, 6), date(2026, 11, 7)),
    # Thu 5 Nov just before and just after the 17:00 cut-off of Friday's manifest.
    (at(date(2026, 11, 5), 16, 59), LONG_AGO, date(2026, 11, 6), date(2026, 11, 7)),
    (at(date(2026, 11, 5), 17, 1), LONG_AGO, date(2026, 11, 9), date(2026, 11, 10)),
    # Ready later than now: the card counts from 00:00 of its ready day.
    (at(date(2026, 11, 2), 9), date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 11)),
    # Ready Fri 20 Nov: Mon 23 Nov is 勤労感謝の日, so Tue 24 Nov (manifest Fri 20 Nov 17:00).
    (at(date(2026, 11, 2), 9), date(2026, 11, 20), date(2026, 11, 24), date(2026, 11, 25)),
    (at(date(2026, 11, 20), 17, 30), LONG_AGO, date(2026, 11, 27), date(2026, 11, 28)),
    # Year end: Mon 28 Dec is the last transport; then Mon 4 Jan (manifest Mon 28 Dec 17:00).
    (at(date(2026, 12, 25), 16), LONG_AGO, date(2026, 12, 28), date(2026, 12, 29)),
    (at(date(2026, 12, 25), 17, 30), LONG_AGO, date(2027, 1, 4), date(2027, 1, 5)),
    (at(date(2026, 12, 25), 9), date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 5)),
    (at(date(2026, 12, 25), 9), date(2026, 12, 29), date(2027, 1, 5), date(2027, 1, 6)),
]


@pytest.mark.parametrize(("now", "ready_on", "transport", "first"), CASES)
def test_first_issue_day_follows_the_first_transport_that_can_carry_the_card(
    now, ready_on, transport, first
):
    assert earliest_issue_day(ready_on, now, time(17, 0)) == first


def book_issue(runtime, clock, booking_request, day: date, start: time = time(14, 0)):
    """An issuance booking of the default ready card (西区 -> yokohama) through the use case."""
    return create_booking(
        runtime.uow(),
        booking_request(
            service="issue",
            center="yokohama",
            day=day,
            start=start,
            notice_number="123456789",
            birth_date=date(1950, 4, 1),
            phone=None,
        ),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )


def refused_with(runtime, clock, booking_request, day: date, start: time = time(14, 0)) -> date:
    """The earliest date a TransportTooLate refusal names."""
    with pytest.raises(TransportTooLate) as refused:
        book_issue(runtime, clock, booking_request, day, start)
    return refused.value.earliest


def test_a_card_cannot_be_booked_on_its_transport_day(runtime, clock, booking_request, ready_card):
    ready_card()
    assert refused_with(runtime, clock, booking_request, date(2026, 11, 6)) == date(2026, 11, 7)
    made = book_issue(runtime, clock, booking_request, date(2026, 11, 7), time(10, 0))
    assert (made.day, made.center_id) == (date(2026, 11, 7), "yokohama")


def test_missing_the_cut_off_by_a_minute_costs_a_transport(
    runtime, clock, booking_request, ready_card
):
    ready_card()
    clock.set(at(date(2026, 11, 5), 17, 1))
    assert refused_with(runtime, clock, booking_request, date(2026, 11, 7)) == date(2026, 11, 10)
    assert refused_with(runtime, clock, booking_request, date(2026, 11, 9)) == date(2026, 11, 10)
    assert book_issue(runtime, clock, booking_request, date(2026, 11, 10)).day == date(2026, 11, 10)


def test_across_a_holiday_the_next_transport_is_tuesday(
    runtime, clock, booking_request, ready_card
):
    ready_card(ready_on=date(2026, 11, 20))
    # Mon 23 Nov is a holiday: the centre opens (holiday hours) but no transport runs.
    assert refused_with(runtime, clock, booking_request, date(2026, 11, 23), time(10, 0)) == date(
        2026, 11, 25
    )
    assert refused_with(runtime, clock, booking_request, date(2026, 11, 24)) == date(2026, 11, 25)
    assert book_issue(runtime, clock, booking_request, date(2026, 11, 27)).day == date(2026, 11, 27)


def test_across_the_year_end_the_first_issue_day_is_in_january(
    runtime, clock, booking_request, ready_card
):
    ready_card()
    clock.set(at(date(2026, 12, 25), 17, 30))
    assert refused_with(runtime, clock, booking_request, date(2027, 1, 4)) == date(2027, 1, 5)
    assert book_issue(runtime, clock, booking_request, date(2027, 1, 5)).day == date(2027, 1, 5)


def test_before_the_last_cut_off_of_the_year_january_4_is_open(
    runtime, clock, booking_request, ready_card
):
    ready_card()
    clock.set(at(date(2026, 12, 25), 16))
    made = book_issue(runtime, clock, booking_request, date(2027, 1, 4), time(12, 0))
    assert made.day == date(2027, 1, 4)


def test_the_card_lookup_tells_the_same_first_day(runtime, clock, booking_request, ready_card):
    ready_card(ready_on=date(2026, 11, 20))
    status = lookup_card(
        runtime.uow(),
        notice_number="123456789",
        birth_date=date(1950, 4, 1),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )
    assert status.earliest_day == refused_with(
        runtime, clock, booking_request, date(2026, 11, 21), time(10, 0)
    )
