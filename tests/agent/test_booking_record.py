"""Staff read a booking with every message it owed (texts and calls) and set its reminder."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from booking_core.calendar import TOKYO
from booking_core.models import AuditEvent
from booking_core.reminders import owe_reminders
from tests.conftest import work_notifications

LANDLINE = "+81451234567"


def test_a_booking_s_record_lists_its_messages_with_channel_and_status(
    client, api_login, runtime, clock, appointment
):
    mobile, landline = appointment(), appointment(phone=LANDLINE, birth_date=date(1970, 1, 1))
    clock.set(datetime(2026, 11, 5, 10, 0, tzinfo=TOKYO))
    owe_reminders(runtime.uow(), days=[date(2026, 11, 6)], now=clock.now(), policy=runtime.policy)
    work_notifications(runtime)
    agent = api_login("agent1")
    record = client.get(f"/api/v1/staff/bookings/{mobile}", headers=agent).json
    fields = ("reference", "status", "center", "date", "start", "service")
    assert {k: record[k] for k in fields} == {
        "reference": mobile, "status": "active", "center": "yokohama", "date": "2026-11-06",
        "start": "14:00", "service": "cert",
    }  # fmt: skip
    assert [(t["kind"], t["channel"], t["status"]) for t in record["texts"]] == [
        ("confirmation", "sms", "sent"),
        ("reminder", "sms", "sent"),
    ]
    called = client.get(f"/api/v1/staff/bookings/{landline}", headers=agent).json
    assert [(t["kind"], t["channel"]) for t in called["texts"]] == [("reminder", "voice")]
    assert all(t["created_at"].startswith("2026-11-0") for t in called["texts"])


def test_only_desk_staff_read_a_booking_record_and_each_read_is_audited(
    client, api_login, appointment, runtime
):
    reference = appointment()
    clerk = api_login("uketsuke", role="reception")
    assert client.get(f"/api/v1/staff/bookings/{reference}", headers=clerk).status_code == 403
    boss = api_login("boss", role="supervisor")
    assert client.get(f"/api/v1/staff/bookings/{reference}", headers=boss).status_code == 200
    assert client.get("/api/v1/staff/bookings/0000000000", headers=boss).status_code == 404
    with runtime.uow() as uow:
        reads = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "booking.read")
        ).all()
    assert len(reads) == 1


def test_an_agent_turns_a_booking_s_reminder_off_for_the_caller(client, api_login, appointment):
    reference = appointment()
    agent = api_login("agent1")
    url = f"/api/v1/staff/bookings/{reference}/reminders"
    off = client.put(url, json={"enabled": False}, headers=agent)
    assert (off.status_code, off.json["reminders"]) == (200, False)
    assert (
        client.get(f"/api/v1/staff/bookings/{reference}", headers=agent).json["reminders"] is False
    )
    bad = client.put(url, json={"enabled": "no"}, headers=agent)
    assert (bad.status_code, bad.json["fields"]) == (422, {"enabled": "boolean_required"})
