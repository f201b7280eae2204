"""HTTP-level errors under /api/v1 are JSON with a 4xx status, never HTML or a 5xx."""

from __future__ import annotations

import io
import json

import pytest

BOOKINGS = "/api/v1/bookings"


def test_an_unknown_path_is_json_404(client):
    response = client.get("/api/v1/nothing/here")
    assert response.status_code == 404
    assert response.content_type == "application/json"
    assert response.json == {
        "error": "not_found",
        "message": "このURLは存在しません。",
        "fields": {},
    }


def test_the_api_root_is_json_404_too(client):
    response = client.get("/api/v1/")
    assert (response.status_code, response.json["error"]) == (404, "not_found")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_wrong_method_is_json_405_with_allow(client):
    response = client.put("/api/v1/centers")
    assert response.status_code == 405
    assert response.json["error"] == "method_not_allowed"
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    on_booking = client.post(f"{BOOKINGS}/1234567890")
    assert on_booking.status_code == 405
    assert set(on_booking.headers["Allow"].split(", ")) == {
        "GET",
        "HEAD",
        "PATCH",
        "DELETE",
        "OPTIONS",
    }


def test_a_body_that_is_not_json_is_415(client):
    response = client.post(
        BOOKINGS, data="center=yokohama", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert response.json["error"] == "unsupported_media_type"


@pytest.mark.parametrize("raw", ['{"center": ', "[" * 10000, "\xff\xfe", '{"a": NaN'])
def test_malformed_json_is_400(client, raw):
    response = client.post(BOOKINGS, data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json["error"] == "malformed_json"


def test_deeply_nested_json_is_a_4xx(client):
    for depth in (800, 5000):
        raw = '{"a": ' + "[" * depth + "]" * depth + "}"
        response = client.post(BOOKINGS, data=raw, content_type="application/json")
        assert response.status_code in {400, 422}


def test_json_that_is_not_an_object_is_422(client):
    response = client.post(BOOKINGS, json=["center", "yokohama"])
    assert response.status_code == 422
    assert response.json["fields"] == {"body": "not_an_object"}


def test_a_huge_body_is_413(client, booking_body):
    response = client.post(BOOKINGS, json=booking_body(address="横" * 20000))
    assert response.status_code == 413
    assert response.json["error"] == "payload_too_large"
    streamed = client.post(
        BOOKINGS,
        input_stream=io.BytesIO(b"[" + b"0," * 20000 + b"0]"),
        content_type="application/json",
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("name", "横浜\x00花子", "invalid_text"),
        ("name", "あ" * 101, "too_long"),
        ("name", 42, "invalid_type"),
        ("party_size", True, "invalid_type"),
        ("party_size", 1.5, "invalid_type"),
        ("center", "Yokohama Centre", "unknown_center"),
        ("language", "fr", "unknown_language"),
        ("date", "2026-11-06T10:00", "bad_date"),
        ("date", "1999-12-31", "out_of_range"),
        ("start", "24:00", "bad_time"),
        ("birth_date", "1899-12-31", "out_of_range"),
        ("phone", "+" + "9" * 50, "invalid_phone"),
    ],
)
def test_odd_values_are_field_errors(book, field, value, code):
    response = book(**{field: value})
    assert response.status_code == 422
    assert response.json["fields"] == {field: code}


def test_a_lone_surrogate_escape_is_refused(client, booking_body):
    raw = json.dumps(booking_body(name="\ud800"))  # ASCII JSON: "\\ud800"
    response = client.post(BOOKINGS, data=raw, content_type="application/json")
    assert response.status_code == 422
    assert response.json["fields"] == {"name": "invalid_text"}


def test_a_huge_party_size_is_a_rule_error_not_a_crash(book):
    response = book(party_size=10**30)
    assert response.status_code == 422
    assert response.json["fields"] == {"party_size": "party_size_out_of_range"}


def test_a_nul_in_a_path_or_query_is_a_4xx(client):
    assert client.get("/api/v1/centers/yoko%00hama/calendar").status_code == 404
    response = client.get("/api/v1/availability?center=yoko%00&service=cert&date=2026-11-06")
    assert response.json["fields"] == {"center": "unknown_center"}
