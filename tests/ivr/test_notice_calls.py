"""Reminder and closure calls to landlines, played through the call simulator: the resident
picks up, hears the booking, and keeps it (1), cancels it (2, then 1) or asks again (*)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from booking_core.admin import add_closure
from booking_core.calendar import TOKYO
from booking_core.policy import Actor
from booking_core.reminders import owe_reminders
from booking_core.report_models import PhoneMenuCall
from tests.conftest import owed_texts, work_notifications

from .conftest import LANDLINE

THURSDAY_10 = datetime(2026, 11, 5, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def reminded(runtime, clock, appointment, texts):
    """A landline's booking on Friday 6 November 14:00, its reminder call placed Thursday."""
    reference = appointment(phone=LANDLINE)
    clock.set(THURSDAY_10)
    owe_reminders(runtime.uow(), days=[date(2026, 11, 6)], now=clock.now(), policy=runtime.policy)
    work_notifications(runtime)
    return reference


def status_of(client, reference: str) -> str:
    return client.get(f"/api/v1/bookings/{reference}?birth_date=1960-05-05").json["status"]


def test_a_reminder_call_says_the_booking_and_1_keeps_it(phone, texts, reminded, client, runtime):
    [placed] = texts.calls_to(LANDLINE)
    call = phone.pick_up(placed, ["1"])
    heard = " ".join(call.said())
    assert "11月6日" in heard and "午後2時" in heard and "横浜駅" in heard
    assert "ご来所をお待ちしております" in heard
    assert call.status == "completed"
    assert status_of(client, reminded) == "active"
    assert owed_texts(runtime, reminded)[-1] == ("call_reminder:2026-11-06", "delivered")


def test_2_then_1_on_a_reminder_call_cancels_the_booking(phone, texts, reminded, client):
    [placed] = texts.calls_to(LANDLINE)
    call = phone.pick_up(placed, ["2", "1"])
    assert "ご予約を取り消しました。" in call.said()
    assert status_of(client, reminded) == "cancelled"


def test_star_repeats_the_reminder_and_2_then_2_keeps_the_booking(phone, texts, reminded, client):
    [placed] = texts.calls_to(LANDLINE)
    call = phone.pick_up(placed, ["*", "*", "*", "2", "2", "1"])
    heard = call.said()
    assert sum("のお知らせです" in s for s in heard) == 5  # said first, 3 repeats, after 2-2
    assert "ご来所をお待ちしております" in " ".join(heard)  # stars never counted as failures
    assert status_of(client, reminded) == "active"


def test_an_unanswered_reminder_call_is_placed_once_more_an_hour_later(
    phone, texts, reminded, runtime, clock
):
    [placed] = texts.calls_to(LANDLINE)
    phone.new_call().placed(
        runtime.settings.public_base_url, runtime.settings.twilio_auth_token, to=LANDLINE,
        url=placed.body, status_callback=placed.status_callback,
    ).not_answered(phone.transport())  # fmt: skip
    work_notifications(runtime)
    assert len(texts.calls_to(LANDLINE)) == 1  # not yet: the second try waits an hour
    clock.set(datetime(2026, 11, 5, 11, 0, tzinfo=TOKYO))
    work_notifications(runtime)
    assert len(texts.calls_to(LANDLINE)) == 2
    assert [s for _k, s in owed_texts(runtime, reminded)][-2:] == ["unanswered", "sent"]


def test_a_notice_call_answered_by_another_number_is_refused(phone, texts, reminded, runtime):
    [placed] = texts.calls_to(LANDLINE)
    settings = runtime.settings
    wrong = phone.new_call().placed(
        settings.public_base_url, settings.twilio_auth_token, to="+81452009999", url=placed.body,
        status_callback=None,
    )  # fmt: skip
    wrong.pick_up(phone.transport(), placed.body)
    assert [h.text for h in wrong.transcript if h.kind == "error"] == ["HTTP 404"]


def test_a_closure_call_offers_an_operator_and_a_cancel(phone, texts, runtime, clock, appointment):
    reference = appointment(phone=LANDLINE)
    add_closure(runtime.uow(), center_id="yokohama", day=date(2026, 11, 6), note="停電",
                now=clock.now(), actor=Actor.system("test"), notify=True)  # fmt: skip
    work_notifications(runtime)
    [placed] = texts.calls_to(LANDLINE)
    call = phone.pick_up(placed, ["2", "1"])
    assert any("臨時休所" in s for s in call.said())
    assert owed_texts(runtime, reference)[-1][0] == "call_closure:1"


def test_a_caller_whose_booking_a_closure_hits_hears_it_before_the_menu(
    phone, runtime, clock, appointment
):
    appointment(phone=LANDLINE, start=time(15, 0))
    add_closure(runtime.uow(), center_id="yokohama", day=date(2026, 11, 6), note="停電",
                now=clock.now(), actor=Actor.system("test"))  # fmt: skip
    call = phone.ring(["1"], caller=LANDLINE)
    heard = call.said()
    told = [s for s in heard if "臨時休所" in s]
    assert told and "午後3時" in told[0]
    menu = next(i for i, s in enumerate(heard) if s.startswith("ご用件をお選びください"))
    assert heard.index(told[0]) < menu
    other = phone.ring(["1"], caller="+819099990000")
    assert not any("臨時休所のため" in s for s in other.said())


def test_a_call_the_city_placed_is_not_counted_as_a_call_to_the_line(
    phone, texts, reminded, runtime
):
    [placed] = texts.calls_to(LANDLINE)
    phone.pick_up(placed, ["1"])
    with runtime.uow() as uow:
        assert uow.session.scalars(select(PhoneMenuCall)).all() == []
    phone.hang_up(phone.ring(["1"]))  # a resident rings the line: that one counts
    with runtime.uow() as uow:
        assert len(uow.session.scalars(select(PhoneMenuCall)).all()) == 1
