"""Home visits in the staff API: schedule (contract), roles, outcomes, the card, the lists."""

from __future__ import annotations

from datetime import datetime

import pytest

from booking_core.calendar import TOKYO

VISITS = "/api/v1/staff/visit-requests"
PUBLIC = "/api/v1/visit-requests"
RESIDENT = {"service": "visit-apply", "name": "横浜 ハル", "kana": "ヨコハマ ハル",
            "birth_date": "1938-03-03", "phone": "090-1234-5678",
            "address": "横浜市西区北幸2-1-1", "reason": "bedridden"}  # fmt: skip


@pytest.fixture
def coordinator(api_login):
    """A visit coordinator's auth header."""
    return api_login("coord1", role="visit_coordinator")


@pytest.fixture
def team_and_staff(client, coordinator):
    """A team of the yokohama centre and a city staff member, added through the API."""
    new_team = {"name": "横浜A", "center": "yokohama", "operators": "山田、佐藤"}
    team = client.post("/api/v1/staff/visit-teams", headers=coordinator, json=new_team)
    member = {"name": "市役所 一郎", "section": "窓口サービス課"}
    staff = client.post("/api/v1/staff/city-staff", headers=coordinator, json=member)
    assert (team.status_code, staff.status_code) == (201, 201)
    return team.json["id"], staff.json["id"]


def _receipt(client) -> str:
    return client.post(PUBLIC, json=RESIDENT).json["receipt"]


def test_scheduling_answers_the_contract(client, coordinator, team_and_staff):
    team, staff = team_and_staff
    receipt = _receipt(client)
    body = {"date": "2026-11-06", "team": team, "city_staff": staff}
    done = client.post(f"{VISITS}/{receipt}/schedule", json=body, headers=coordinator)
    assert done.status_code == 200
    assert (done.json["status"], done.json["date"]) == ("scheduled", "2026-11-06")


def test_scheduling_without_city_staff_is_422(client, coordinator, team_and_staff):
    receipt = _receipt(client)
    body = {"date": "2026-11-06", "team": team_and_staff[0]}
    refused = client.post(f"{VISITS}/{receipt}/schedule", json=body, headers=coordinator)
    assert refused.status_code == 422
    assert refused.json["fields"] == {"city_staff": "required"}


def test_an_agent_may_take_a_request_but_not_schedule(client, api_login, team_and_staff):
    agent = api_login("agent1", role="agent")
    taken = client.post(VISITS, json=RESIDENT | {"phone": "045-200-1234"}, headers=agent)
    assert taken.status_code == 201 and taken.json["ward"] == "nishi"
    team, staff = team_and_staff
    body = {"date": "2026-11-06", "team": team, "city_staff": staff}
    refused = client.post(f"{VISITS}/{taken.json['receipt']}/schedule", json=body, headers=agent)
    assert (refused.status_code, refused.json["error"]) == (403, "forbidden")
    assert client.get(VISITS, headers=agent).status_code == 403


def test_a_supervisor_may_schedule(client, api_login, team_and_staff):
    supervisor = api_login("sv1", role="supervisor")
    team, staff = team_and_staff
    body = {"date": "2026-11-06", "team": team, "city_staff": staff}
    reply = client.post(f"{VISITS}/{_receipt(client)}/schedule", json=body, headers=supervisor)
    assert reply.status_code == 200


def test_a_facility_list_is_refused_by_line(client, coordinator):
    people = [RESIDENT | {"kana": "イチ"}, RESIDENT | {"kana": "ニ", "birth_date": "x"}]
    refused = client.post(f"{VISITS}/batch", json={"requests": people}, headers=coordinator)
    assert (refused.status_code, refused.json["fields"]) == (422, {"2.birth_date": "invalid_date"})
    people[1]["birth_date"] = "1940-01-01"
    taken = client.post(f"{VISITS}/batch", json={"requests": people}, headers=coordinator)
    assert taken.status_code == 201 and len(taken.json["requests"]) == 2


def test_the_day_outcomes_and_figures(
    client, clock, api_login, coordinator, team_and_staff, ready_card
):
    team, staff = team_and_staff
    ready_card()
    card_holder = {"service": "visit-issue", "notice_number": "123456789",
                   "birth_date": "1950-04-01"}  # fmt: skip
    issue = client.post(PUBLIC, json=RESIDENT | card_holder).json["receipt"]
    body = {"date": "2026-11-06", "team": team, "city_staff": staff}
    client.post(f"{VISITS}/{issue}/schedule", json=body, headers=coordinator)
    card = client.post(f"{VISITS}/{issue}/card", headers=coordinator)
    assert card.json == {"receipt": issue, "card_state": "with_team"}
    day = client.get("/api/v1/staff/visit-days?date=2026-11-06", headers=coordinator)
    assert day.json["teams"][0]["wards"][0]["visits"][0]["card_state"] == "with_team"
    early = client.post(f"{VISITS}/{issue}/outcome", json={"outcome": "done"}, headers=coordinator)
    assert (early.status_code, early.json["error"]) == (409, "visit_refused")
    clock.set(datetime(2026, 11, 6, 15, 0, tzinfo=TOKYO))
    coordinator = api_login("coord2", role="visit_coordinator")  # a new day's session
    done = client.post(f"{VISITS}/{issue}/outcome", json={"outcome": "done"}, headers=coordinator)
    assert done.json["status"] == "done"
    figures = client.get("/api/v1/staff/visit-figures?month=2026-11", headers=coordinator)
    assert figures.json["total"]["done"] == 1


def test_lists_by_status_and_area(client, coordinator):
    receipt = _receipt(client)
    found = client.get(f"{VISITS}?status=requested&ward=nishi", headers=coordinator)
    assert [v["receipt"] for v in found.json["requests"]] == [receipt]
    assert client.get(f"{VISITS}?ward=konan", headers=coordinator).json["requests"] == []


def test_a_city_staff_member_off_the_list_cannot_be_scheduled(client, coordinator, team_and_staff):
    team, staff = team_and_staff
    off = client.post(f"/api/v1/staff/city-staff/{staff}/active", json={"active": False},
                      headers=coordinator)  # fmt: skip
    assert off.json["active"] is False
    body = {"date": "2026-11-06", "team": team, "city_staff": staff}
    refused = client.post(f"{VISITS}/{_receipt(client)}/schedule", json=body, headers=coordinator)
    assert refused.json["fields"] == {"city_staff": "unknown_city_staff"}
    assert client.post("/api/v1/staff/city-staff/999/active", json={"active": True},
                       headers=coordinator).status_code == 404  # fmt: skip
