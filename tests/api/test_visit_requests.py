"""The home-visit contract: ask for a visit, follow it by receipt number and birth date."""

from __future__ import annotations

from datetime import date

from booking_core.policy import Actor
from booking_core.visit_life import schedule_visit
from booking_core.visit_teams import add_city_staff, add_team

VISITS = "/api/v1/visit-requests"


def test_a_request_answers_its_receipt_and_status(client, visit_body):
    made = client.post(VISITS, json=visit_body())
    assert made.status_code == 201
    assert made.json == {"receipt": made.json["receipt"], "status": "requested"}
    assert len(made.json["receipt"]) == 8 and made.headers["Cache-Control"] == "no-store"


def test_a_home_issuance_without_a_ready_card_is_422(client, visit_body, ready_card):
    body = visit_body(service="visit-issue", notice_number="123-456789", birth_date="1950-04-01")
    refused = client.post(VISITS, json=body)
    assert (refused.status_code, refused.json["error"]) == (422, "card_not_ready")
    ready_card()
    assert client.post(VISITS, json=body).status_code == 201


def test_missing_fields_and_a_my_number_are_422(client, visit_body):
    missing = client.post(VISITS, json=visit_body(address=None, service="visit-issue"))
    assert missing.status_code == 422
    assert missing.json["fields"] == {"notice_number": "required", "address": "required"}
    number = client.post(VISITS, json=visit_body(access_notes="1234 5678 9018"))
    assert number.status_code == 422


def test_the_status_shows_the_visit_date_once_scheduled(client, visit_body, runtime, clock):
    receipt = client.post(VISITS, json=visit_body()).json["receipt"]
    asked = client.get(f"{VISITS}/{receipt}?birth_date=1938-03-03")
    assert asked.json == {"receipt": receipt, "status": "requested"}
    staff = Actor.staff("coord1", channel="visits")
    team = add_team(runtime.uow(), name="横浜A", center_id="yokohama", operators="山田",
                    daily_visits=3, now=clock.now(), actor=staff)  # fmt: skip
    member = add_city_staff(runtime.uow(), name="市役所 一郎", section="", now=clock.now(),
                            actor=staff)  # fmt: skip
    schedule_visit(runtime.uow(), reference=receipt, day=date(2026, 11, 6), team_id=team.team_id,
                   city_staff_id=member.staff_id, now=clock.now(), actor=staff,
                   policy=runtime.policy)  # fmt: skip
    again = client.get(f"{VISITS}/{receipt}?birth_date=1938-03-03")
    assert again.json == {"receipt": receipt, "status": "scheduled", "date": "2026-11-06"}


def test_a_wrong_birth_date_or_receipt_is_404(client, visit_body):
    receipt = client.post(VISITS, json=visit_body()).json["receipt"]
    assert client.get(f"{VISITS}/{receipt}?birth_date=1938-03-04").status_code == 404
    assert client.get(f"{VISITS}/abc?birth_date=1938-03-03").status_code == 404
    assert client.get(f"{VISITS}/{receipt}").status_code == 422
