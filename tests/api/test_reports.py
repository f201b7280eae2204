"""The monthly capacity report against the 50,000 floor."""

from __future__ import annotations

import pytest

# (bookable issue/renew places over the four centres, opening days) under the seeded plan.
FY2026 = {
    "2026-04": (52288, 19),
    "2026-05": (60544, 22),
    "2026-06": (57792, 21),
    "2026-07": (55040, 20),
    "2026-08": (60544, 22),
    "2026-09": (55040, 20),
    "2026-10": (63312, 21),
    "2026-11": (63412, 21),
    "2026-12": (57168, 19),
    "2027-01": (57268, 19),
    "2027-02": (57268, 19),
    "2027-03": (63212, 21),
}


@pytest.mark.parametrize("month", list(FY2026))
def test_every_month_of_fy2026_meets_the_floor(client, month):
    response = client.get(f"/api/v1/reports/capacity?month={month}")
    assert response.status_code == 200
    report = response.json
    places, open_days = FY2026[month]
    assert (report["month"], report["floor"], report["meets_floor"]) == (month, 50000, True)
    assert report["issue_renew_slots"] == places
    assert places == sum(c["issue_renew_slots"] for c in report["by_center"].values())
    assert {c["open_days"] for c in report["by_center"].values()} == {open_days}


def test_fy2026_has_244_opening_days():
    assert sum(days for _, days in FY2026.values()) == 244


def test_the_report_shows_windows_and_minutes_per_resident(client):
    yokohama = client.get("/api/v1/reports/capacity?month=2026-11").json["by_center"]["yokohama"]
    assert yokohama == {
        "open_days": 21,
        "issue_renew_slots": 16470,
        "issue_windows": 18,
        "minutes_per_resident_per_window": 11.0,
    }


def test_a_month_outside_the_plan_reports_zero_and_misses_the_floor(client):
    report = client.get("/api/v1/reports/capacity?month=2030-01").json
    assert (report["issue_renew_slots"], report["meets_floor"]) == (0, False)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "required"),
        ("?month=2026-13", "bad_month"),
        ("?month=2026-1", "bad_month"),
        ("?month=1999-12", "out_of_range"),
    ],
)
def test_a_bad_month_is_422(client, query, code):
    response = client.get(f"/api/v1/reports/capacity{query}")
    assert response.status_code == 422
    assert response.json["fields"] == {"month": code}
