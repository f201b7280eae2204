"""Card look-up: which centre issues a ready card and from when, before booking issuance."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from booking_core.clock import TOKYO
from booking_core.models import AuditEvent

LOOKUP = "/api/v1/cards/lookup"


def test_a_ready_card_gives_its_centre_and_first_date(client, ready_card, runtime):
    ready_card(notice_number="987654321", birth_date=date(1985, 7, 7), ward_id="izumi")
    response = client.post(LOOKUP, json={"notice_number": "987-654321", "birth_date": "1985-07-07"})
    assert response.status_code == 200
    assert response.json == {
        "center": "futamatagawa",
        "ward": "izumi",
        "earliest_date": "2026-11-07",
    }
    assert response.headers["Cache-Control"] == "no-store"
    assert "987654321" not in response.get_data(as_text=True)
    with runtime.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEvent.action)))
    assert actions == ["card.read"]


def test_after_the_manifest_cutoff_the_first_date_moves_on(client, ready_card, clock):
    ready_card()
    clock.set(datetime(2026, 11, 5, 17, 30, tzinfo=TOKYO))  # Thursday, after Friday's cut-off
    body = client.post(LOOKUP, json={"notice_number": "123456789", "birth_date": "1950-04-01"}).json
    assert body["earliest_date"] == "2026-11-10"  # Monday's transport, issued from Tuesday


def test_a_wrong_birth_date_is_card_not_ready_and_counts_as_a_failed_lookup(client, ready_card):
    ready_card()
    for _ in range(10):
        wrong = client.post(LOOKUP, json={"notice_number": "123456789", "birth_date": "1950-04-02"})
        assert (wrong.status_code, wrong.json["error"]) == (422, "card_not_ready")
    right = client.post(LOOKUP, json={"notice_number": "123456789", "birth_date": "1950-04-01"})
    assert right.status_code == 429


def test_the_lookup_needs_both_fields(client):
    response = client.post(LOOKUP, json={"notice_number": "12-34"})
    assert response.status_code == 422
    assert response.json["fields"] == {
        "birth_date": "required",
        "notice_number": "invalid_notice_number",
    }
