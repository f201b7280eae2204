"""A whole call through the phone simulator: press 0, wait, hear the place, an agent answers,
books for the caller and wraps up; the figures follow."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from booking_core.models import Booking
from ivr.simulator import FlaskTransport, SimulatedCall
from queues import acd, presence, stats

CALLER = "+819012345678"


def _call(app: Flask, runtime) -> tuple[SimulatedCall, FlaskTransport]:
    settings = runtime.settings
    transport = FlaskTransport(app.test_client(), settings.public_base_url)
    return SimulatedCall(settings.public_base_url, settings.twilio_auth_token, caller=CALLER), (
        transport
    )


def test_a_caller_waits_hears_the_place_and_an_agent_books_for_them(
    app, client, r, runtime, clock, page_login
):
    csrf = page_login("aoki")
    client.post("/console/presence", data={"state": "break", "reason": "rest", "csrf_token": csrf})
    call, transport = _call(app, runtime)
    call.run(transport, ["1", "0"])  # Japanese, then 0 for a person
    assert (call.status, call.queue) == ("queued", "general")
    assert "ただいま、1番目にお待ちいただいております。" in call.said()
    board = stats.queue_figures(r, "general", clock.now())
    assert (board["waiting"], board["offered"]) == (1, 1)

    clock.set(clock.now() + timedelta(seconds=12))
    client.post("/console/presence", data={"state": "available", "csrf_token": csrf})
    page = client.get("/console/").get_data(as_text=True)
    assert 'id="caller-number" class="mono">090-1234-5678<' in page  # as staff write it
    client.post("/console/answer", data={"csrf_token": csrf})
    client.post(
        "/console/bookings/new",
        data={
            "csrf_token": csrf,
            "service": "pin",
            "center": "futamatagawa",
            "day": "2026-11-06",
            "start": "14:00",
            "birth_date": "1948-02-29",
            "phone": CALLER,
            "name": "横浜 次郎",
        },
    )
    clock.set(clock.now() + timedelta(minutes=6))
    client.post("/console/hangup", data={"csrf_token": csrf})
    client.post(
        "/console/wrap-up",
        data={"csrf_token": csrf, "code": "booked", "topic": "booking", "next_state": "break"},
    )

    with runtime.uow() as uow:
        made = uow.session.scalars(select(Booking)).one()
        assert (made.phone, made.channel, made.center_id) == (CALLER, "agent", "futamatagawa")
    board = stats.queue_figures(r, "general", clock.now())
    assert (board["waiting"], board["answered"], board["service_level"]) == (0, 1, 1.0)
    assert board["average_wait_seconds"] == 12
    assert stats.recent_handle_seconds(r, "general") == 360.0
    assert presence.agent(r, "aoki")["state"] == "break"
    assert acd.call_info(r, call.call_sid)["state"] == "ended"
