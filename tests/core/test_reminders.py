"""Day-before reminders: owed once per booking and day, a text to a mobile and a call to a
landline, following changes, never for cancelled or opted-out bookings, never at night."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from booking_core import notices
from booking_core.booking_changes import cancel_booking, change_booking
from booking_core.calendar import TOKYO, Closure
from booking_core.messages import NotNow, Taken, take_owed
from booking_core.notices import claim_pending
from booking_core.policy import Actor, Policy
from booking_core.reminders import (
    may_go_at,
    owe_reminders,
    record_call_outcome,
    reminder_days,
    set_reminders,
)
from tests.conftest import owed_texts

FRIDAY = date(2026, 11, 6)
MOBILE, LANDLINE = "+819012345678", "+81451234567"
BIRTH = date(1960, 5, 5)
RESIDENT = Actor.resident("web")
YEAR_END = [date(2026, 12, d) for d in (29, 30, 31)] + [date(2027, 1, d) for d in (1, 2, 3)]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), TOKYO)


def owe(runtime, clock, day: date = FRIDAY):
    return owe_reminders(runtime.uow(), days=[day], now=clock.now(), policy=runtime.policy)


def ids(runtime, reference: str) -> list[int]:
    with runtime.uow() as uow:
        return [
            n.id
            for n in uow.session.query(notices.Notification)
            .join(notices.Booking, notices.Booking.id == notices.Notification.booking_id)
            .filter(notices.Booking.reference == reference)
            .order_by(notices.Notification.id)
        ]


@pytest.mark.parametrize(
    ("today", "reminded"),
    [
        (date(2026, 11, 2), [date(2026, 11, 3)]),  # Monday: Tuesday (a holiday, the line open)
        (date(2026, 11, 7), [date(2026, 11, 8)]),  # Saturday: Sunday
        # 28 December, the line's last day of the year: up to its first day back
        (
            date(2026, 12, 28),
            [date(2026, 12, d) for d in (29, 30, 31)] + [date(2027, 1, d) for d in (1, 2, 3, 4)],
        ),
        (date(2026, 12, 30), []),  # the line is closed: nobody reminded today
    ],
)
def test_reminders_are_owed_on_the_line_s_last_open_day_before_the_appointment(today, reminded):
    assert reminder_days(today) == reminded


def test_a_day_the_city_closes_the_line_moves_its_reminders_to_the_day_before():
    closed = [Closure(date(2026, 11, 3), "call-centre")]
    assert reminder_days(date(2026, 11, 2), closed) == [date(2026, 11, 3), date(2026, 11, 4)]
    assert reminder_days(date(2026, 11, 3), closed) == []


def test_each_booking_owes_one_reminder_a_text_to_a_mobile_a_call_to_a_landline(
    runtime, clock, appointment
):
    mobile, landline = appointment(), appointment(phone=LANDLINE, birth_date=date(1970, 1, 1))
    appointment(phone=None, birth_date=date(1980, 1, 1))  # a hidden number: nothing reaches it
    clock.set(at(date(2026, 11, 5), 10))
    run = owe(runtime, clock)
    assert (run.owed, run.due, run.unreachable) == (2, {"sms": 1, "voice": 1}, 1)
    assert owed_texts(runtime, mobile)[-1] == ("sms_reminder:2026-11-06", "pending")
    assert owed_texts(runtime, landline) == [("call_reminder:2026-11-06", "pending")]
    assert owe(runtime, clock).owed == 0  # run twice: nothing more owed
    assert len(owed_texts(runtime, mobile)) == 2  # the confirmation and one reminder


def test_a_cancelled_booking_owes_no_reminder_and_one_cancelled_later_gets_none(
    runtime, clock, appointment
):
    cancelled, later = appointment(), appointment(phone=LANDLINE, birth_date=date(1970, 1, 1))
    cancel_booking(runtime.uow(), reference=cancelled, birth_date=BIRTH, now=clock.now(),
                   actor=RESIDENT)  # fmt: skip
    clock.set(at(date(2026, 11, 5), 10))
    assert owe(runtime, clock).owed == 1
    cancel_booking(runtime.uow(), reference=later, birth_date=date(1970, 1, 1), now=clock.now(),
                   actor=RESIDENT)  # fmt: skip
    [reminder] = ids(runtime, later)
    assert take_owed(runtime.uow(), reminder, now=clock.now(), policy=runtime.policy) == NotNow(
        "not_active"
    )
    assert owed_texts(runtime, later) == [("call_reminder:2026-11-06", "skipped")]


def test_a_booking_moved_before_its_reminder_went_is_reminded_of_its_new_day(
    runtime, clock, appointment
):
    reference = appointment(phone=LANDLINE)
    clock.set(at(date(2026, 11, 5), 10))
    owe(runtime, clock)
    change_booking(runtime.uow(), reference=reference, birth_date=BIRTH, day=date(2026, 11, 9),
                   start=time(14, 0), now=clock.now(), actor=RESIDENT,
                   policy=runtime.policy)  # fmt: skip
    [first] = ids(runtime, reference)
    assert take_owed(runtime.uow(), first, now=clock.now(), policy=runtime.policy).reason == (
        "moved"
    )
    clock.set(at(date(2026, 11, 8), 10))
    assert owe(runtime, clock, date(2026, 11, 9)).owed == 1
    assert owed_texts(runtime, reference)[-1] == ("call_reminder:2026-11-09", "pending")


def test_a_resident_who_opts_out_is_not_reminded(runtime, clock, appointment):
    quiet, asked_later = appointment(), appointment(phone=LANDLINE, birth_date=date(1970, 1, 1))
    set_reminders(runtime.uow(), reference=quiet, birth_date=BIRTH, enabled=False,
                  now=clock.now(), actor=RESIDENT)  # fmt: skip
    clock.set(at(date(2026, 11, 5), 10))
    assert owe(runtime, clock).owed == 1
    set_reminders(runtime.uow(), reference=asked_later, birth_date=None, enabled=False,
                  now=clock.now(), actor=Actor.staff("agent1"))  # fmt: skip
    [reminder] = ids(runtime, asked_later)
    taken = take_owed(runtime.uow(), reminder, now=clock.now(), policy=runtime.policy)
    assert taken == NotNow("opted_out")


def test_reminders_owed_before_their_hour_wait_for_it(runtime, clock, appointment):
    appointment()
    with runtime.uow() as uow:  # the confirmation went long ago
        uow.session.query(notices.Notification).update({"status": "sent"})
        uow.commit()
    clock.set(at(date(2026, 11, 5), 7, 30))
    owe(runtime, clock)
    with runtime.uow() as uow:
        assert claim_pending(uow.session, limit=10, now=at(date(2026, 11, 5), 9, 59)) == []
        assert len(claim_pending(uow.session, limit=10, now=at(date(2026, 11, 5), 10))) == 1


def test_a_reminder_taken_at_night_waits_for_the_morning(runtime, clock, appointment):
    reference = appointment()
    clock.set(at(date(2026, 11, 5), 10))
    owe(runtime, clock)
    reminder = ids(runtime, reference)[-1]
    night = at(date(2026, 11, 5), 22, 30)
    found = take_owed(runtime.uow(), reminder, now=night, policy=runtime.policy)
    assert found == NotNow("not_now", at(date(2026, 11, 6), 8))
    assert owed_texts(runtime, reference)[-1] == ("sms_reminder:2026-11-06", "pending")
    morning = take_owed(
        runtime.uow(), reminder, now=at(date(2026, 11, 6), 8), policy=runtime.policy
    )
    assert isinstance(morning, Taken) and morning.purpose == "reminder"
    assert morning.channel == "sms"


def test_a_reminder_after_the_appointment_began_is_not_sent(runtime, clock, appointment):
    reference = appointment()
    clock.set(at(date(2026, 11, 5), 10))
    owe(runtime, clock)
    late = take_owed(runtime.uow(), ids(runtime, reference)[-1], now=at(FRIDAY, 14),
                     policy=runtime.policy)  # fmt: skip
    assert late == NotNow("too_late")


@pytest.mark.parametrize(
    ("now", "goes_at"),
    [
        (at(date(2026, 11, 5), 10), None),  # Thursday morning: the line is staffed
        (at(date(2026, 11, 5), 20, 30), at(date(2026, 11, 6), 8, 30)),  # to Friday's opening
        (at(date(2026, 11, 6), 21), at(date(2026, 11, 7), 9)),  # Saturday opens at 9:00
        (at(date(2026, 12, 28), 21), at(date(2027, 1, 4), 8, 30)),  # over the year end
    ],
)
def test_a_reminder_call_waits_for_the_call_centre_s_hours(now, goes_at):
    assert may_go_at("call_reminder:2026-11-09", now, [], Policy()) == goes_at


def test_texts_the_resident_just_asked_for_go_at_any_hour():
    assert may_go_at("sms_confirmation", at(date(2026, 11, 5), 23), [], Policy()) is None


def test_an_unanswered_reminder_call_is_tried_once_more_an_hour_later(runtime, clock, appointment):
    reference = appointment(phone=LANDLINE)
    clock.set(at(date(2026, 11, 5), 10))
    owe(runtime, clock)
    [first] = ids(runtime, reference)
    assert isinstance(
        take_owed(runtime.uow(), first, now=clock.now(), policy=runtime.policy), Taken
    )
    outcome = record_call_outcome(runtime.uow(), first, call_status="no-answer", now=clock.now(),
                                  policy=runtime.policy)  # fmt: skip
    assert outcome == "unanswered"
    assert owed_texts(runtime, reference) == [
        ("call_reminder:2026-11-06", "unanswered"),
        ("call_reminder:2026-11-06:2", "pending"),
    ]
    with runtime.uow() as uow:
        assert claim_pending(uow.session, limit=10, now=at(date(2026, 11, 5), 10, 59)) == []
    second = ids(runtime, reference)[-1]
    assert isinstance(take_owed(runtime.uow(), second, now=at(date(2026, 11, 5), 11),
                                policy=runtime.policy), Taken)  # fmt: skip
    record_call_outcome(runtime.uow(), second, call_status="busy", now=clock.now(),
                        policy=runtime.policy)  # fmt: skip
    assert [s for _k, s in owed_texts(runtime, reference)] == ["unanswered", "unanswered"]


def test_an_answered_call_is_recorded_as_delivered(runtime, clock, appointment):
    reference = appointment(phone=LANDLINE)
    clock.set(at(date(2026, 11, 5), 10))
    owe(runtime, clock)
    [call] = ids(runtime, reference)
    take_owed(runtime.uow(), call, now=clock.now(), policy=runtime.policy)
    assert record_call_outcome(runtime.uow(), call, call_status="completed", now=clock.now(),
                               policy=runtime.policy) == "delivered"  # fmt: skip
    again = record_call_outcome(runtime.uow(), call, call_status="no-answer", now=clock.now(),
                                policy=runtime.policy)  # fmt: skip
    assert again is None  # settled: not moved again


@pytest.mark.parametrize(
    ("kind", "parsed"),
    [
        ("sms_confirmation", notices.Kind("sms", "confirmation")),
        ("sms_change:3", notices.Kind("sms", "change")),
        ("call_closure:7:2", notices.Kind("voice", "closure", closure_id=7, attempt=2)),
        ("sms_reminder:2026-11-06", notices.Kind("sms", "reminder", day=FRIDAY)),
        ("sms_reminder:6 Nov", None),
        ("fax_reminder:2026-11-06", None),
    ],
)
def test_a_message_kind_names_its_channel_purpose_and_subject(kind, parsed):
    assert notices.parse_kind(kind) == parsed
