"""Cards in the staff API: the manifest (JSON and CSV), hand-overs, history, roles."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.policy import Actor

NOTICE = "123456789"


@pytest.fixture
def issuance(runtime, clock, ready_card, booking_request):
    """The card on the ready list and its booking for Monday 9 November 14:00."""
    ready_card()
    request = booking_request(
        service="issue", center=None, notice_number=NOTICE, birth_date=date(1950, 4, 1),
        day=date(2026, 11, 9), start=time(14, 0),
    )  # fmt: skip
    made = create_booking(
        runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy
    )
    return made.reference


@pytest.fixture
def courier(api_login):
    """A courier's auth header."""
    return api_login("courier", role="transport")


def custody(client, headers, event, number=NOTICE):
    return client.post(
        f"/api/v1/staff/cards/{number}/custody", json={"event": event}, headers=headers
    )


def test_the_manifest_lists_the_cards_by_ward(client, courier, issuance):
    reply = client.get("/api/v1/staff/transport?date=2026-11-06", headers=courier)
    assert reply.status_code == 200
    assert reply.json["cutoff"] == "2026-11-05T17:00:00+09:00"
    assert reply.json["wards"] == [
        {
            "ward": "nishi",
            "center": "yokohama",
            "cards": [
                {"notice_number": NOTICE, "booking_reference": issuance,
                 "booking_date": "2026-11-09", "state": "at_ward"}
            ],
        }
    ]  # fmt: skip
    csv = client.get("/api/v1/staff/transport?date=2026-11-06&format=csv", headers=courier)
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[1] == f"2026-11-06,nishi,yokohama,{NOTICE},{issuance},2026-11-09,at_ward"


def test_hand_overs_move_the_card_and_refusals_say_its_state(client, courier, issuance):
    assert custody(client, courier, "picked_up").json == {
        "notice_number": NOTICE,
        "state": "in_transit",
    }
    refused = custody(client, courier, "picked_up")
    assert (refused.status_code, refused.json["error"], refused.json["state"]) == (
        409, "custody_refused", "in_transit",
    )  # fmt: skip
    assert custody(client, courier, "received").json["state"] == "at_centre"
    history = client.get(f"/api/v1/staff/cards/{NOTICE}", headers=courier).json
    assert history["state"] == "at_centre"
    assert [(e["event"], e["by"]) for e in history["events"]] == [
        ("picked_up", "staff:courier"), ("received", "staff:courier"),
    ]  # fmt: skip
    assert history["events"][0]["at"] == "2026-11-02T09:00:00+09:00"


def test_issued_needs_the_booking_checked_in_at_that_centre(
    client, courier, api_login, clock, issuance
):
    custody(client, courier, "picked_up")
    custody(client, courier, "received")
    clock.set(datetime(2026, 11, 9, 14, 0, tzinfo=TOKYO))  # a week on: sign in again
    clerk = api_login("clerk", role="reception")
    assert custody(client, api_login("courier2", role="transport"), "issued").status_code == 403
    early = custody(client, clerk, "issued")
    assert (early.status_code, early.json["state"]) == (409, "at_centre")
    client.post(f"/api/v1/staff/bookings/{issuance}/check-in", headers=clerk)
    assert custody(client, clerk, "issued").json == {"notice_number": NOTICE, "state": "issued"}
    booking = client.get(f"/api/v1/bookings/{issuance}?birth_date=1950-04-01").json
    assert booking["status"] == "completed"


def test_unknown_cards_events_and_roles_are_refused(client, courier, api_login, issuance):
    assert custody(client, courier, "picked_up", number="999999999").status_code == 404
    assert custody(client, courier, "picked_up", number="123456789012").status_code == 404
    assert custody(client, courier, "lost").status_code == 422
    agent = api_login("agent1")
    assert client.get("/api/v1/staff/transport", headers=agent).status_code == 403
    assert custody(client, agent, "picked_up").status_code == 403
    assert client.get(f"/api/v1/staff/cards/{NOTICE}").status_code == 401


def test_create_user_makes_a_courier(app, runtime):
    result = app.test_cli_runner().invoke(
        args=["create-user", "courier9", "--role", "transport"], input="long enough password\n"
    )
    assert result.exit_code == 0, result.output
    assert "courier9 (transport) ready" in result.output


def test_a_supervisor_previews_then_imports_the_card_list(client, api_login, courier):
    boss = api_login("boss", role="supervisor")
    body = "notice_number,birth_date,ward,ready_on\n323456789,1970-07-07,中区,2026-10-20\n"
    headers = {**boss, "Content-Type": "text/csv"}
    preview = client.post("/api/v1/staff/cards/list?dry_run=true", data=body, headers=headers)
    assert preview.status_code == 200
    assert preview.json["adds"] == [
        {"notice_number": "323456789", "ward": "中区", "ready_on": "2026-10-20"}
    ]
    assert client.get("/api/v1/staff/cards/323456789", headers=courier).status_code == 404
    done = client.post("/api/v1/staff/cards/list", data=body, headers=headers)
    assert (done.status_code, done.json["added"]) == (201, 1)
    assert client.get("/api/v1/staff/cards/323456789", headers=courier).json["state"] == "at_ward"
    bad = client.post(
        "/api/v1/staff/cards/list", data=body.replace("中区", "火星区"), headers=headers
    )
    assert (bad.status_code, bad.json["error"]) == (422, "card_list_rejected")
    assert any("火星区" in m for m in bad.json["fields"].values())
    refused = client.post(
        "/api/v1/staff/cards/list", data=body, headers={**courier, "Content-Type": "text/csv"}
    )
    assert refused.status_code == 403


def test_withdrawing_a_booked_card_says_whom_to_call(client, api_login, issuance):
    boss = api_login("boss", role="supervisor")
    url = f"/api/v1/staff/cards/{NOTICE}/withdraw"
    reply = client.post(url, json={"reason": "券面の誤り"}, headers=boss)
    assert reply.json == {
        "notice_number": NOTICE,
        "state": "withdrawn",
        "call": {"booking_reference": issuance, "name": "横浜 花子", "phone": "+819012345678"},
    }
    again = client.post(url, json={"reason": "券面の誤り"}, headers=boss)
    assert (again.status_code, again.json["state"]) == (409, "withdrawn")
