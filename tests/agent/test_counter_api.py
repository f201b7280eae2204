"""The counter in the staff API: the day's list, check-in, complete, no-show, walk-ins; roles."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.policy import Actor

MONDAY = date(2026, 11, 2)


@pytest.fixture
def booked(runtime, clock, booking_request):
    """Factory: a booking today at yokohama (12:00 by default); its reference."""

    def make(**overrides):
        request = booking_request(**{"day": MONDAY, "start": time(12, 0), **overrides})
        made = create_booking(
            runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"),
            policy=runtime.policy,
        )  # fmt: skip
        return made.reference

    return make


@pytest.fixture
def clerk(api_login):
    """A reception clerk's auth header."""
    return api_login("clerk", role="reception")


def test_the_day_lists_bookings_by_time_with_their_status(client, clerk, booked):
    late, early = booked(start=time(13, 0)), booked(start=time(12, 0), phone="+819011112222")
    reply = client.get("/api/v1/staff/centers/yokohama/day?date=2026-11-02", headers=clerk)
    assert reply.status_code == 200
    assert reply.json == {
        "date": "2026-11-02",
        "center": "yokohama",
        "bookings": [
            {"reference": ref, "start": start, "service": "cert", "party_size": 1,
             "status": "active", "late": False}
            for ref, start in ((early, "12:00"), (late, "13:00"))
        ],
        "walk_ins": [],
    }  # fmt: skip
    assert "name" not in reply.get_data(as_text=True)


def test_a_resident_is_checked_in_late_then_completed(client, clerk, clock, booked):
    reference = booked()
    clock.set(datetime(2026, 11, 2, 12, 6, tzinfo=TOKYO))
    reply = client.post(f"/api/v1/staff/bookings/{reference}/check-in", headers=clerk)
    assert (reply.status_code, reply.json) == (
        200,
        {"reference": reference, "status": "checked_in", "late": True},
    )
    again = client.post(f"/api/v1/staff/bookings/{reference}/check-in", headers=clerk)
    assert (again.status_code, again.json["error"]) == (409, "not_active")
    done = client.post(f"/api/v1/staff/bookings/{reference}/complete", headers=clerk)
    assert (done.status_code, done.json["status"]) == (200, "completed")
    public = client.get(f"/api/v1/bookings/{reference}?birth_date=1960-05-05")
    assert public.json["status"] == "completed"


def test_refusals_are_409_with_the_reason(client, clerk, clock, booked):
    later_day = booked(day=date(2026, 11, 6), start=time(14, 0))
    reply = client.post(f"/api/v1/staff/bookings/{later_day}/check-in", headers=clerk)
    assert (reply.status_code, reply.json["error"]) == (409, "not_today")
    today = booked(phone="+819011112222")
    complete = client.post(f"/api/v1/staff/bookings/{today}/complete", headers=clerk)
    assert (complete.status_code, complete.json["error"]) == (409, "not_checked_in")
    early = client.post(f"/api/v1/staff/bookings/{today}/no-show", headers=clerk)
    assert (early.status_code, early.json["error"]) == (409, "too_early")
    clock.set(datetime(2026, 11, 2, 12, 15, tzinfo=TOKYO))
    missed = client.post(f"/api/v1/staff/bookings/{today}/no-show", headers=clerk)
    assert (missed.status_code, missed.json["status"]) == (200, "no_show")
    unknown = client.post("/api/v1/staff/bookings/0000000000/check-in", headers=clerk)
    assert (unknown.status_code, unknown.json["error"]) == (404, "not_found")


def test_walk_ins_are_numbered_refused_for_issuance_and_when_full(client, clerk, clock):
    clock.set(datetime(2026, 11, 2, 19, 10, tzinfo=TOKYO))
    url = "/api/v1/staff/centers/yokohama/walk-ins"
    first = client.post(url, json={"service": "pin", "party_size": 2}, headers=clerk)
    assert first.status_code == 201
    assert (first.json["ticket"], first.json["band"], first.json["party_size"]) == (
        "W001",
        "19:00",
        2,
    )
    issuance = client.post(url, json={"service": "issue", "party_size": 1}, headers=clerk)
    assert (issuance.status_code, issuance.json["fields"]) == (422, {"service": "booking_required"})
    assert (
        client.post(url, json={"service": "apply", "party_size": 2}, headers=clerk).status_code
        == 201
    )
    full = client.post(url, json={"service": "apply"}, headers=clerk)
    assert (full.status_code, full.json["error"]) == (409, "no_walk_in_place")
    day = client.get("/api/v1/staff/centers/yokohama/day", headers=clerk).json
    assert [w["ticket"] for w in day["walk_ins"]] == ["W001", "W002"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/staff/centers/yokohama/day"),
        ("post", "/api/v1/staff/bookings/1234567890/check-in"),
        ("post", "/api/v1/staff/bookings/1234567890/complete"),
        ("post", "/api/v1/staff/bookings/1234567890/no-show"),
        ("post", "/api/v1/staff/centers/yokohama/walk-ins"),
    ],
)
def test_agents_are_refused_and_supervisors_admitted(client, api_login, method, path):
    agent = api_login("agent1")
    reply = getattr(client, method)(path, headers=agent, json={"service": "pin"})
    assert (reply.status_code, reply.json["error"]) == (403, "forbidden")
    supervisor = api_login("boss", role="supervisor")
    assert (
        getattr(client, method)(path, headers=supervisor, json={"service": "pin"}).status_code
        != 403
    )
    assert getattr(client, method)(path).status_code == 401


def test_reception_cannot_use_the_agents_desk(client, clerk):
    assert client.get("/api/v1/staff/me", headers=clerk).status_code == 403


def test_create_user_makes_a_reception_clerk(app, runtime):
    result = app.test_cli_runner().invoke(
        args=["create-user", "desk1", "--role", "reception"], input="long enough password\n"
    )
    assert result.exit_code == 0, result.output
    assert "desk1 (reception) ready" in result.output


def test_close_day_by_hand_twice_changes_nothing_the_second_time(app, clock, booked):
    booked()
    clock.set(datetime(2026, 11, 3, 9, 0, tzinfo=TOKYO))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["close-day", "--date", "2026-11-02"])
    second = runner.invoke(args=["close-day", "--date", "2026-11-02"])
    assert "2026-11-02 yokohama: 1 marked no-show" in first.output
    assert "2026-11-02 yokohama: 0 marked no-show" in second.output
