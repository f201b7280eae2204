"""Places left per band, for a day and for a month."""

from __future__ import annotations

from datetime import datetime

from booking_core.clock import TOKYO

AVAILABILITY = "/api/v1/availability"


def test_a_day_lists_every_band_with_places_left(client, book):
    book(party_size=3)
    response = client.get(f"{AVAILABILITY}?center=yokohama&service=cert&date=2026-11-06")
    assert response.status_code == 200
    day = response.json
    assert {k: v for k, v in day.items() if k != "slots"} == {
        "center": "yokohama",
        "service": "cert",
        "date": "2026-11-06",
        "open": True,
        "bookable": True,
        "reason": None,
    }
    slots = {s["start"]: s["remaining"] for s in day["slots"]}
    assert (min(slots), max(slots), len(slots)) == ("11:30", "19:15", 32)
    assert (slots["13:45"], slots["14:00"], slots["14:15"]) == (22, 22, 25)


def test_a_closed_day_has_no_slots_and_says_why(client):
    day = client.get(f"{AVAILABILITY}?center=kamiooka&service=apply&date=2026-11-05").json
    assert (day["open"], day["reason"], day["slots"]) == (False, "weekly_closure", [])


def test_bands_already_begun_today_are_left_out(client, clock):
    clock.set(datetime(2026, 11, 2, 18, 50, tzinfo=TOKYO))
    slots = client.get(f"{AVAILABILITY}?center=yokohama&service=pin&date=2026-11-02").json["slots"]
    assert [s["start"] for s in slots] == ["19:00", "19:15"]
    assert slots[0]["remaining"] == 9  # 11 windows, 2 of them held back for walk-ins


def test_a_range_gives_days_with_slots_up_to_the_horizon(client):
    response = client.get(
        f"{AVAILABILITY}?center=futamatagawa&service=cert&from=2026-12-25&to=2027-01-05"
    )
    body = response.json
    assert (body["center"], body["service"], body["from"], body["to"]) == (
        "futamatagawa",
        "cert",
        "2026-12-25",
        "2027-01-05",
    )
    days = {d["date"]: d for d in body["days"]}
    assert len(days) == 12
    assert days["2026-12-25"]["slots"][0] == {"start": "11:30", "remaining": 12}
    assert days["2026-12-30"]["reason"] == "year_end"
    # 2027-01-02 is beyond the 60-day horizon from 2026-11-02
    assert days["2027-01-04"]["bookable"] is False and days["2027-01-04"]["slots"] == []
    assert days["2027-01-04"]["open"] is True


def test_availability_needs_centre_service_and_a_date(client):
    response = client.get(AVAILABILITY)
    assert response.status_code == 422
    assert response.json["fields"] == {
        "center": "required",
        "service": "required",
        "date": "required",
    }
    unknown = client.get(f"{AVAILABILITY}?center=yokohama&service=tea&date=2026-11-06")
    assert unknown.json["fields"] == {"service": "unknown_service"}
    too_long = client.get(
        f"{AVAILABILITY}?center=yokohama&service=cert&from=2026-11-01&to=2027-03-01"
    )
    assert too_long.json["fields"] == {"to": "range_too_long"}
