"""Closures by administrators: the API, the CLI, texts owed to the bookings hit, the screen."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from booking_core.bookings import create_booking
from booking_core.policy import Actor
from tests.conftest import owed_texts, work_notifications

from .conftest import axe_check, sign_in

SHOTS = Path("/tmp/admin-shots")


@pytest.fixture
def booked(runtime, clock, booking_request):
    """Factory: a booking at yokohama on Friday 6 November (a mobile by default)."""

    def make(**overrides):
        request = booking_request(**{"day": date(2026, 11, 6), "start": time(14, 0), **overrides})
        made = create_booking(
            runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"),
            policy=runtime.policy,
        )  # fmt: skip
        return made.reference

    return make


def test_an_admin_closes_a_centre_and_the_residents_hit_are_texted_or_called(
    client, api_login, runtime, booked, texts
):
    mobile, landline = booked(), booked(phone="+81451234567", start=time(15, 0))
    booked(center="kamiooka", phone="+819055556666")
    admin = api_login("kanri", role="admin")
    body = {"center": "yokohama", "date": "2026-11-06", "reason": "停電", "notify": True}
    reply = client.post("/api/v1/staff/closures", json=body, headers=admin)
    assert reply.status_code == 201
    assert (sorted(reply.json["affected"]), reply.json["notified"]) == (
        sorted([mobile, landline]), 2,
    )  # fmt: skip
    day = client.get("/api/v1/availability?center=yokohama&service=cert&date=2026-11-06").json
    assert (day["open"], day["reason"]) == (False, "ad_hoc")
    work_notifications(runtime)
    assert owed_texts(runtime, mobile)[-1] == ("sms_closure:1", "sent")
    assert owed_texts(runtime, landline)[-1] == ("call_closure:1", "sent")
    assert len(texts.calls_to("+81451234567")) == 1
    [sent] = [m for m in texts.sent if "臨時休所" in m.body]
    assert mobile in sent.body
    listed = client.get("/api/v1/staff/closures", headers=admin).json["closures"]
    assert [(c["center"], c["date"], c["reason"]) for c in listed] == [
        ("yokohama", "2026-11-06", "停電")
    ]


def test_only_administrators_add_closures(client, api_login):
    body = {"center": "yokohama", "date": "2026-11-06", "reason": "停電"}
    agent = api_login("agent1")
    assert client.post("/api/v1/staff/closures", json=body, headers=agent).status_code == 403
    boss = api_login("boss", role="supervisor")
    assert client.post("/api/v1/staff/closures", json=body, headers=boss).status_code == 403
    admin = api_login("kanri", role="admin")
    bad = client.post("/api/v1/staff/closures", json={**body, "date": "6 Nov"}, headers=admin)
    assert (bad.status_code, bad.json["fields"]) == (422, {"date": "invalid_date"})
    unknown = client.post("/api/v1/staff/closures", json={**body, "center": "mars"}, headers=admin)
    assert unknown.status_code == 422


def test_the_cli_adds_a_closure_and_notifies(app, runtime, booked):
    booked()
    result = app.test_cli_runner().invoke(
        args=["add-closure", "yokohama", "2026-11-06", "--reason", "停電", "--notify"]
    )
    assert result.exit_code == 0, result.output
    assert "1 booking(s) hit, 1 message(s) owed" in result.output


@pytest.mark.browser
def test_an_admin_adds_a_closure_on_the_screen(
    chromium, live_server, make_staff, totp_code, booked
):
    reference = booked()
    make_staff("kanri", role="admin")
    page = chromium.new_page(viewport={"width": 1024, "height": 768}, locale="ja-JP",
                             bypass_csp=True)  # fmt: skip
    sign_in(page, live_server, "kanri", code=totp_code())
    page.goto(f"{live_server}/console/admin/closures")
    axe_check(page, SHOTS / "01-closures.png")
    page.select_option("#closure-center", "yokohama")
    page.fill("#closure-date", "2026-11-06")
    page.fill("#closure-reason", "停電のため")
    page.check("#closure-notify")
    page.click("#closure-save")
    messages = page.text_content(".messages")
    assert "対象のご予約 1件、お知らせ（SMS・電話） 1件" in messages and reference in messages
    assert "停電のため" in page.text_content("main")
    axe_check(page, SHOTS / "02-closure-added.png")
    page.close()
