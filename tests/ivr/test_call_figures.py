"""The line's figures for the city: simulated calls end up counted as what they did."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from booking_core import city_reports
from booking_core.report_models import PhoneMenuCall
from queues import acd
from queues.history import persist_intervals

from .test_booking_calls import CERT_KEYS


def _stored(runtime) -> dict[str, tuple[str, str | None, str | None, int | None]]:
    with runtime.uow() as uow:
        rows = uow.session.execute(
            select(PhoneMenuCall.call_sid, PhoneMenuCall.outcome, PhoneMenuCall.queue,
                   PhoneMenuCall.queue_result, PhoneMenuCall.wait_seconds)
        ).all()  # fmt: skip
    return {sid: tuple(rest) for sid, *rest in rows}


def test_each_ended_call_is_stored_once_with_what_the_menu_did(phone, runtime, clock):
    booked = phone.ring([*CERT_KEYS, "1"])
    informed = phone.ring(["1", "4", "1"])
    silent = phone.ring([])
    for call in (booked, informed, silent):
        assert phone.hang_up(call) == 200
    assert phone.hang_up(booked) == 200  # Twilio retries a status callback
    assert _stored(runtime) == {
        booked.call_sid: ("booked", None, None, None),
        informed.call_sid: ("information", None, None, None),
        silent.call_sid: ("hung_up", None, None, None),
    }


def test_a_scripted_day_of_calls_gives_the_line_figures(phone, runtime, clock, agent_on_duty):
    phone.hang_up(phone.ring([*CERT_KEYS, "1"]))  # booked by the menu alone
    phone.hang_up(phone.ring(["1", "4", "1"]))  # heard a centre's hours
    agent_on_duty("agent-7")  # on a break: the next caller waits
    waiting = phone.ring(["1", "0"])
    clock.set(clock.now() + timedelta(seconds=45))
    phone.hang_up(waiting)  # abandoned after 45 s
    agent_on_duty("agent-8", state="available")
    talked = phone.ring(["1", "0"])  # put through at once
    acd.answer(runtime.redis, "agent-8", clock.now())
    clock.set(clock.now() + timedelta(seconds=200))
    phone.hang_up(talked)
    clock.set(clock.now().replace(hour=20, minute=30))  # after the staffed hours
    phone.ring(["1", "0", "1"])  # leaves a callback request; the menu hangs up
    persist_intervals(runtime.redis, runtime.uow, clock.now())
    calls = city_reports.daily_report(runtime.uow(), day=clock.now().date(), now=clock.now())[
        "calls"
    ]
    assert (calls["total"], calls["ivr_only"], calls["to_agent"]) == (5, 3, 2)
    menu = calls["ivr_outcomes"]
    assert (menu["booked"], menu["information"], menu["callback"]) == (1, 1, 1)
    assert (calls["offered"], calls["answered"], calls["abandoned"]) == (2, 1, 1)
    assert calls["answer_rate"] == 0.5 and calls["service_level"] == 0.5
    assert calls["abandoned_after"] == {"under_20s": 0, "20_to_59s": 1, "60_to_179s": 0,
                                        "180s_or_more": 0}  # fmt: skip
    assert (calls["average_handle_seconds"], calls["callbacks_requested"]) == (200, 1)


def test_an_issuance_call_is_counted_like_any_other_call_to_the_line(phone, runtime, ready_card):
    ready_card()
    call = phone.ring(["1", "1", "123456789#", "19500401#", "1", "1"])
    assert phone.hang_up(call) == 200
    assert _stored(runtime) == {call.call_sid: ("booked", None, None, None)}
