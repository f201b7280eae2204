"""Booking, reading, moving and cancelling over HTTP, with every error the API gives."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, time

import pytest
from sqlalchemy import select

from booking_core.models import Booking, Slot

BOOKINGS = "/api/v1/bookings"


def _row(runtime, reference):
    """The stored columns of a booking, read outside the API."""
    with runtime.uow() as uow:
        row = uow.session.scalar(select(Booking).where(Booking.reference == reference))
        return {c.name: getattr(row, c.key) for c in Booking.__table__.columns}


def _booked(runtime, center="yokohama", day=date(2026, 11, 6), start=time(14, 0)):
    with runtime.uow() as uow:
        return uow.session.scalar(
            select(Slot.booked).where(
                Slot.center_id == center, Slot.day == day, Slot.start == start
            )
        )


def test_a_booking_is_created_with_201_and_stored_with_an_e164_phone(book, runtime):
    response = book(party_size=2)
    assert response.status_code == 201
    body = response.json
    assert body == {
        "reference": body["reference"],
        "status": "active",
        "center": "yokohama",
        "service": "cert",
        "date": "2026-11-06",
        "start": "14:00",
        "party_size": 2,
    }
    assert len(body["reference"]) == 10 and body["reference"].isdigit()
    assert response.headers["Cache-Control"] == "no-store"
    row = _row(runtime, body["reference"])
    assert (row["phone"], row["name"], row["kana"], row["channel"]) == (
        "+819012345678",
        "横浜 花子",
        "ヨコハマ ハナコ",
        "api",
    )
    assert _booked(runtime) == 2


def test_phones_in_every_accepted_form_are_stored_as_e164(book, runtime):
    for n, phone in enumerate(["09012345678", "+81 90-1234-5678", "045-671-2111"]):
        response = book(phone=phone, birth_date=f"197{n}-01-01")
        assert response.status_code == 201, response.json
    with runtime.uow() as uow:
        stored = set(uow.session.scalars(select(Booking.phone)))
    assert stored == {"+819012345678", "+81456712111"}


def test_an_e164_phone_that_looks_like_a_my_number_is_still_a_phone(book, runtime):
    # +81 and ten digits are twelve digits; about one mobile number in eleven passes the
    # My Number check digit, like this one.
    response = book(phone="+81 90-1000-0008")
    assert response.status_code == 201
    assert _row(runtime, response.json["reference"])["phone"] == "+819010000008"
    in_name = book(service="pin", name="+819010000008")
    assert in_name.json["error"] == "my_number_not_accepted"


def test_the_same_idempotency_key_returns_the_same_booking(book, runtime):
    first = book(key="retry-7f3a")
    again = book(key="retry-7f3a")
    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert _booked(runtime) == 1


def test_an_idempotency_key_reused_for_another_body_is_refused(book):
    book(key="k-1")
    other = book(key="k-1", start="15:00")
    assert other.status_code == 422
    assert other.json["error"] == "idempotency_key_reused"


def test_an_idempotency_key_must_be_visible_ascii_up_to_100(book):
    response = book(key="x" * 101)
    assert response.status_code == 422
    assert response.json["fields"] == {"Idempotency-Key": "invalid_idempotency_key"}


@pytest.mark.parametrize("key", ["123456789018", "order-1234-5678-9018"])
def test_a_my_number_in_the_idempotency_key_gets_422_and_is_not_kept(book, runtime, key):
    response = book(key=key)
    assert response.status_code == 422
    assert response.json["error"] == "my_number_not_accepted"
    assert response.json["fields"] == {"Idempotency-Key": "my_number_not_accepted"}
    assert "123456789018" not in response.get_data(as_text=True)
    with runtime.uow() as uow:
        assert uow.session.scalars(select(Booking)).all() == []


def test_field_errors_are_reported_together(client):
    response = client.post(
        BOOKINGS,
        json={
            "center": "yokohama",
            "service": "cert",
            "date": "6 Nov",
            "start": "2pm",
            "phone": "12345",
            "birth_date": "2030-01-01",
            "party_size": "two",
            "kana": "yokohama",
        },
    )
    assert response.status_code == 422
    assert response.json["error"] == "invalid_request"
    assert response.json["fields"] == {
        "date": "bad_date",
        "start": "bad_time",
        "birth_date": "in_future",
        "phone": "invalid_phone",
        "name": "required",
        "kana": "not_kana",
        "party_size": "invalid_type",
    }
    assert response.json["message"] == "入力内容に誤りがあります。各項目をご確認ください。"


def test_messages_follow_accept_language(client):
    response = client.post(BOOKINGS, json={}, headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.json["message"] == "Some fields are not valid; see `fields`."
    assert response.json["fields"] == {
        "service": "required",
        "date": "required",
        "start": "required",
        "phone": "required",
        "birth_date": "required",
        "center": "required",
        "name": "required",
    }


def test_core_rules_come_back_as_field_errors(book):
    too_many = book(party_size=5)
    assert too_many.status_code == 422
    assert too_many.json["fields"] == {"party_size": "party_size_out_of_range"}
    unknown = book(center="shibuya")
    assert unknown.json["fields"] == {"center": "unknown_center"}
    visit = book(service="visit-apply", date="2026-11-09", start="13:00")
    assert visit.json["fields"] == {"service": "visit_by_request"}  # POST /visit-requests


def test_a_closed_day_or_past_time_is_not_bookable_with_the_reason(book):
    wednesday = book(date="2026-11-04")
    assert wednesday.status_code == 422
    assert (wednesday.json["error"], wednesday.json["reason"]) == (
        "not_bookable",
        "closed:weekly_closure",
    )
    assert wednesday.json["message"] == "ご指定の日はセンターの休所日です。"
    past = book(date="2026-11-01")
    assert past.json["reason"] == "past"
    late = book(start="19:30")
    assert late.json["reason"] == "outside_hours"
    far = book(date="2027-01-05")
    assert far.json["reason"] == "beyond_horizon"


def test_a_full_band_gives_409_with_nearby_alternatives(book, one_place_band):
    one_place_band()
    assert book().status_code == 201
    full = book(birth_date="1970-01-01")
    assert full.status_code == 409
    assert full.json["error"] == "slot_full"
    assert full.json["alternatives"] == [
        {"date": "2026-11-06", "start": "13:45", "remaining": 22},
        {"date": "2026-11-06", "start": "14:15", "remaining": 25},
        {"date": "2026-11-06", "start": "13:30", "remaining": 22},
    ]


def test_a_second_booking_of_the_same_procedure_is_409_already_booked(book):
    assert book().status_code == 201
    again = book(start="16:00")
    assert again.status_code == 409
    assert again.json["error"] == "already_booked"


def test_an_issuance_booking_finds_its_centre_from_the_card(client, book, ready_card, runtime):
    ready_card()
    response = book(
        service="issue",
        center=None,
        notice_number="123-456789",
        birth_date="1950-04-01",
        date="2026-11-07",
        start="10:00",
    )
    assert response.status_code == 201, response.json
    assert (response.json["center"], response.json["service"]) == ("yokohama", "issue")
    assert _row(runtime, response.json["reference"])["notice_number"] == "123456789"


def test_issuance_errors_card_not_ready_wrong_centre_and_transport(book, ready_card):
    ready_card()
    issue = {
        "service": "issue",
        "notice_number": "123456789",
        "birth_date": "1950-04-01",
        "start": "10:00",
    }
    missing = book(**{**issue, "notice_number": None, "date": "2026-11-07"})
    assert missing.json["fields"] == {"notice_number": "required"}
    unknown = book(**{**issue, "notice_number": "999999999", "date": "2026-11-07"})
    assert (unknown.status_code, unknown.json["error"]) == (422, "card_not_ready")
    elsewhere = book(**{**issue, "center": "kamiooka", "date": "2026-11-07"})
    assert (elsewhere.status_code, elsewhere.json["error"]) == (422, "wrong_center")
    early = book(**{**issue, "date": "2026-11-06"})
    assert (early.status_code, early.json["error"]) == (422, "transport_too_late")
    assert early.json["earliest_date"] == "2026-11-07"


def test_a_my_number_anywhere_is_refused_without_being_echoed(book, client):
    response = book(name="横浜 花子 1234-5678-9018")
    assert response.status_code == 422
    assert response.json["error"] == "my_number_not_accepted"
    assert response.json["fields"] == {"name": "my_number_not_accepted"}
    assert "9018" not in response.get_data(as_text=True)
    as_number = book(notice_number=123456789018)
    assert as_number.json["fields"] == {"notice_number": "my_number_not_accepted"}
    in_query = client.get("/api/v1/bookings/1234567890?birth_date=1960-05-05&x=1&x=123456789018")
    assert in_query.json["error"] == "my_number_not_accepted"
    assert in_query.json["fields"] == {"x": "my_number_not_accepted"}
    on_a_list = client.get("/api/v1/centers?note=1234 5678 9018")
    assert (on_a_list.status_code, on_a_list.json["error"]) == (422, "my_number_not_accepted")


def test_a_booking_is_read_back_by_reference_and_birth_date(book, client):
    made = book().json
    read = client.get(f"{BOOKINGS}/{made['reference']}?birth_date=1960-05-05")
    assert read.status_code == 200
    assert read.json == made
    assert read.headers["Cache-Control"] == "no-store"


def test_a_wrong_birth_date_or_reference_is_404(book, client):
    made = book().json
    wrong_birth = client.get(f"{BOOKINGS}/{made['reference']}?birth_date=1960-05-06")
    assert (wrong_birth.status_code, wrong_birth.json["error"]) == (404, "not_found")
    bad_check_digit = client.get(f"{BOOKINGS}/1234567890?birth_date=1960-05-05")
    assert bad_check_digit.status_code == 404
    no_birth = client.get(f"{BOOKINGS}/{made['reference']}")
    assert (no_birth.status_code, no_birth.json["fields"]) == (422, {"birth_date": "required"})


def test_a_booking_is_moved_and_the_old_place_given_back(book, client, runtime):
    made = book().json
    moved = client.patch(
        f"{BOOKINGS}/{made['reference']}",
        json={"birth_date": "1960-05-05", "date": "2026-11-07", "start": "10:30"},
    )
    assert moved.status_code == 200
    assert (moved.json["date"], moved.json["start"], moved.json["reference"]) == (
        "2026-11-07",
        "10:30",
        made["reference"],
    )
    assert _booked(runtime) == 0
    assert _booked(runtime, day=date(2026, 11, 7), start=time(10, 30)) == 1


def test_moving_into_a_full_band_is_409_and_keeps_the_old_place(
    book, client, runtime, one_place_band
):
    one_place_band(date(2026, 11, 7), time(10, 30))
    book(birth_date="1970-01-01", date="2026-11-07", start="10:30")
    made = book().json
    response = client.patch(
        f"{BOOKINGS}/{made['reference']}",
        json={"birth_date": "1960-05-05", "date": "2026-11-07", "start": "10:30"},
    )
    assert (response.status_code, response.json["error"]) == (409, "slot_full")
    assert _booked(runtime) == 1


def test_a_change_needs_birth_date_date_and_start(book, client):
    made = book().json
    response = client.patch(f"{BOOKINGS}/{made['reference']}", json={"date": "2026-11-31"})
    assert response.status_code == 422
    assert response.json["fields"] == {
        "birth_date": "required",
        "date": "bad_date",
        "start": "required",
    }


def test_cancel_gives_200_cancelled_and_is_idempotent(book, client, runtime):
    made = book(party_size=3).json
    url = f"{BOOKINGS}/{made['reference']}?birth_date=1960-05-05"
    first, second = client.delete(url), client.delete(url)
    assert first.status_code == second.status_code == 200
    assert first.json == second.json == {**made, "status": "cancelled"}
    assert _booked(runtime) == 0
    assert client.get(url).json["status"] == "cancelled"


def test_the_same_key_at_the_same_moment_gives_one_booking(app, booking_body, runtime):
    barrier = threading.Barrier(6)

    def post(_: int) -> tuple[int, dict]:
        client = app.test_client()
        barrier.wait()
        response = client.post(BOOKINGS, json=booking_body(), headers={"Idempotency-Key": "twin"})
        return response.status_code, response.json

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(post, range(6)))
    assert {status for status, _ in answers} == {201}
    assert len({body["reference"] for _, body in answers}) == 1
    assert _booked(runtime) == 1


def test_a_reference_already_in_use_is_never_given_twice(book, monkeypatch):
    # References are random: make the generator repeat itself to see the clash handled.
    drawn = iter(["2442725094", "2442725094", "7111780021"])
    monkeypatch.setattr("booking_core.bookings.new_reference", lambda: next(drawn))
    first = book()
    second = book(service="pin", start="15:00")
    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json["reference"], second.json["reference"]) == ("2442725094", "7111780021")
