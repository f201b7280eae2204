"""Centres, procedures and calendars over HTTP."""

from __future__ import annotations

from datetime import date, time

from booking_core.models import ClosureRecord


def test_centres_are_listed_with_names_station_and_windows(client):
    response = client.get("/api/v1/centers")
    assert response.status_code == 200
    centres = {c["id"]: c for c in response.json}
    assert list(centres) == ["yokohama", "center-kita", "kamiooka", "futamatagawa"]
    assert centres["kamiooka"] == {
        "id": "kamiooka",
        "name": {
            "ja": "上大岡駅マイナンバーカード特設センター",
            "en": "Kamiooka Station My Number Card Center",
        },
        "address": "横浜市港南区上大岡西1-18-3 ミオカリスト館2階",
        "station": {"ja": "上大岡駅", "en": "Kamiooka Station"},
        "windows": {"reception": 14, "issue_renew": 22},
    }


def test_services_carry_code_names_group_minutes_and_whether_booking_is_required(client):
    services = {s["code"]: s for s in client.get("/api/v1/services").json}
    assert len(services) == 10
    assert services["issue"] == {
        "code": "issue",
        "name": {"ja": "マイナンバーカードの交付", "en": "Card issuance"},
        "group": "issue_renew",
        "minutes": 15,
        "booking_required": True,
    }
    assert services["apply"]["booking_required"] is False
    assert services["visit-issue"]["group"] == "visit"


def test_centre_calendar_gives_hours_when_open_and_the_reason_when_closed(client):
    response = client.get("/api/v1/centers/yokohama/calendar?from=2026-11-02&to=2026-11-22")
    assert response.status_code == 200
    days = {d["date"]: d for d in response.json["days"]}
    assert response.json["center"] == "yokohama" and len(days) == 21
    assert days["2026-11-02"] == {
        "date": "2026-11-02",
        "open": True,
        "opens": "11:30",
        "closes": "19:30",
        "last_reception": "19:15",
        "closed_intervals": [],
        "reason": None,
        "note": None,
    }
    # 文化の日 (a Tuesday holiday) keeps weekend hours
    assert (days["2026-11-03"]["opens"], days["2026-11-03"]["closes"]) == ("09:00", "17:00")
    assert days["2026-11-04"] == {
        "date": "2026-11-04",
        "open": False,
        "reason": "weekly_closure",
        "note": None,
    }
    # the Sunday after the third Saturday (2026-11-21)
    assert days["2026-11-22"]["reason"] == "jlis_maintenance"
    assert days["2026-11-21"]["last_reception"] == "16:45"


def test_centre_calendar_shows_year_end_and_ad_hoc_closures(client, runtime, clock):
    with runtime.uow() as uow:
        uow.session.add(
            ClosureRecord(
                center_id="kamiooka", day=date(2026, 12, 27), note="点検", created_at=clock.now()
            )
        )
        uow.session.add(
            ClosureRecord(
                center_id=None,
                day=date(2026, 12, 28),
                start=time(11, 30),
                end=time(13, 0),
                created_at=clock.now(),
            )
        )
        uow.commit()
    days = client.get("/api/v1/centers/kamiooka/calendar?from=2026-12-27&to=2027-01-04").json[
        "days"
    ]
    reasons = [d["reason"] for d in days]
    assert reasons == ["ad_hoc", None, *["year_end"] * 6, None]
    assert days[1]["closed_intervals"] == [{"from": "11:30", "to": "13:00"}]
    assert days[0]["note"] == "点検"


def test_calendar_defaults_to_a_month_from_today(client):
    days = client.get("/api/v1/centers/futamatagawa/calendar").json["days"]
    assert (days[0]["date"], days[-1]["date"], len(days)) == ("2026-11-02", "2026-12-02", 31)


def test_calendar_of_an_unknown_centre_is_not_found(client):
    response = client.get("/api/v1/centers/shibuya/calendar")
    assert response.status_code == 404
    assert response.json["error"] == "not_found"


def test_calendar_range_over_92_days_or_backwards_is_refused(client):
    long = client.get("/api/v1/centers/yokohama/calendar?from=2026-11-01&to=2027-02-01")
    assert long.status_code == 422
    assert long.json == {
        **long.json,
        "error": "invalid_request",
        "fields": {"to": "range_too_long"},
    }
    backwards = client.get("/api/v1/centers/yokohama/calendar?from=2026-11-10&to=2026-11-01")
    assert backwards.json["fields"] == {"to": "before_from"}
    fine = client.get("/api/v1/centers/yokohama/calendar?from=2026-11-01&to=2027-01-31")
    assert len(fine.json["days"]) == 92


def test_calendar_dates_must_be_iso(client):
    response = client.get("/api/v1/centers/yokohama/calendar?from=2026/11/01&to=20261102")
    assert response.status_code == 422
    assert response.json["fields"] == {"from": "bad_date", "to": "bad_date"}
    impossible = client.get("/api/v1/centers/yokohama/calendar?from=2026-02-30")
    assert impossible.json["fields"] == {"from": "bad_date"}


def test_call_centre_calendar_has_staffed_hours_and_year_end(client):
    response = client.get("/api/v1/call-center/calendar?from=2026-12-26&to=2027-01-04")
    days = {d["date"]: d for d in response.json["days"]}
    assert days["2026-12-26"] == {
        "date": "2026-12-26",
        "open": True,
        "opens": "09:00",
        "closes": "17:30",
        "reason": None,
    }
    assert days["2026-12-28"]["opens"] == "08:30" and days["2026-12-28"]["closes"] == "20:00"
    assert days["2027-01-01"] == {"date": "2027-01-01", "open": False, "reason": "year_end"}
    # open on Wednesdays, unlike the centres
    assert (
        days["2026-12-30"]["open"] is False
        and client.get("/api/v1/call-center/calendar?from=2026-11-04&to=2026-11-04").json["days"][
            0
        ]["open"]
        is True
    )
