"""Capacity plans, wards and procedures by administrators: the staff API and the screens."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.policy import Actor

from .conftest import axe_check, sign_in

SHOTS = Path("/tmp/admin-plans-shots")
PLAN = {
    "center": "yokohama",
    "group": "issue_renew",
    "day_kind": "weekday",
    "valid_from": "2027-04-01",
    "valid_to": "2027-09-30",
    "band_start": "11:30",
    "band_end": "19:30",
    "places": 40,
    "note": "令和9年度上期",
}


def test_april_2027_without_a_plan_is_not_yet_open_in_the_capacity_report(client):
    reply = client.get("/api/v1/reports/capacity?month=2027-04")
    friday = next(d for d in reply.json["days"] if d["date"] == "2027-04-02")
    assert reply.status_code == 200
    assert (friday["bookable"], friday["reason"], reply.json["meets_floor"]) == (
        False, "not_open_yet", False,
    )  # fmt: skip


def test_a_day_without_a_plan_is_not_bookable_in_the_api_availability(client, clock):
    clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=TOKYO))
    day = client.get("/api/v1/availability?center=yokohama&service=cert&date=2027-04-02").json
    assert (day["open"], day["bookable"], day["reason"], day["slots"]) == (
        False, False, "not_open_yet", [],
    )  # fmt: skip


def test_a_plan_saved_through_the_api_opens_its_days_in_the_report_and_availability(
    client, api_login, clock
):
    admin = api_login("kanri", role="admin")
    preview = client.post("/api/v1/staff/capacity-plans/preview", json=PLAN, headers=admin)
    saved = client.post("/api/v1/staff/capacity-plans", json=PLAN, headers=admin)
    report = client.get("/api/v1/reports/capacity?month=2027-04").json
    listed = client.get("/api/v1/staff/capacity-plans", headers=admin).json["plans"]
    clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=TOKYO))
    day = client.get("/api/v1/availability?center=yokohama&service=cert&date=2027-04-02").json
    april = preview.json["months"][0]
    assert (april["month"], april["before"], april["after"]) == ("2027-04", 0, 40 * 32 * 13)
    # 74 open weekdays (Mon, Tue, Fri but holidays) from April to September 2027, 32 bands each
    assert (saved.status_code, saved.json["slots_made"]) == (201, 32 * 74)
    assert report["issue_renew_slots"] == 40 * 32 * 13
    assert (day["open"], day["bookable"], len(day["slots"])) == (True, True, 32)
    mine = [p for p in listed if p["note"] == "令和9年度上期"]
    assert [(p["id"], p["changed_by"]) for p in mine] == [(saved.json["id"], "kanri")]


def test_a_plan_below_the_bookings_is_previewed_with_its_conflicts(
    client, api_login, runtime, clock, booking_request
):
    made = create_booking(runtime.uow(), booking_request(), now=clock.now(),
                          actor=Actor.resident("web"), policy=runtime.policy)  # fmt: skip
    admin = api_login("kanri", role="admin")
    day = made.day.isoformat()
    quiet = PLAN | {"valid_from": day, "valid_to": day, "places": 0}
    reply = client.post("/api/v1/staff/capacity-plans/preview", json=quiet, headers=admin)
    assert reply.json["conflicts"] == [
        {"center": "yokohama", "group": "issue_renew", "date": day, "start": "14:00",
         "booked": 1, "places": 0}
    ]  # fmt: skip


def test_a_removed_plan_is_gone_from_the_list(client, api_login):
    admin = api_login("kanri", role="admin")
    saved = client.post("/api/v1/staff/capacity-plans", json=PLAN, headers=admin).json
    gone = client.delete(f"/api/v1/staff/capacity-plans/{saved['id']}", headers=admin)
    again = client.delete(f"/api/v1/staff/capacity-plans/{saved['id']}", headers=admin)
    listed = client.get("/api/v1/staff/capacity-plans", headers=admin).json["plans"]
    assert (gone.status_code, again.status_code) == (200, 422)
    assert saved["id"] not in [p["id"] for p in listed]


def test_a_malformed_plan_is_refused_naming_its_fields(client, api_login):
    admin = api_login("kanri", role="admin")
    bad = PLAN | {"valid_to": "2027-03-01", "places": "many"}
    reply = client.post("/api/v1/staff/capacity-plans/preview", json=bad, headers=admin)
    worse = client.post("/api/v1/staff/capacity-plans", json=PLAN | {"valid_to": "2027-03-01"},
                        headers=admin)  # fmt: skip
    assert (reply.status_code, reply.json["fields"]) == (422, {"places": "integer_required"})
    missing = {k: v for k, v in PLAN.items() if k != "places"}
    none = client.post("/api/v1/staff/capacity-plans", json=missing, headers=admin)
    assert (worse.status_code, worse.json["fields"]) == (422, {"valid_to": "bad_date_range"})
    assert (none.status_code, none.json["fields"]) == (422, {"places": "required"})


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/staff/capacity-plans"),
        ("post", "/api/v1/staff/capacity-plans"),
        ("post", "/api/v1/staff/capacity-plans/preview"),
        ("delete", "/api/v1/staff/capacity-plans/1"),
        ("get", "/api/v1/staff/capacity-plans/1/removal-preview"),
        ("get", "/api/v1/staff/wards"),
        ("post", "/api/v1/staff/wards/nishi/assignments"),
        ("get", "/api/v1/staff/procedures"),
        ("put", "/api/v1/staff/procedures/cert"),
    ],
)
def test_only_administrators_reach_the_admin_endpoints(client, api_login, method, path):
    supervisor = api_login("boss", role="supervisor")
    agent = api_login("agent1")
    for who in (supervisor, agent):
        assert getattr(client, method)(path, json={}, headers=who).status_code == 403
    assert getattr(client, method)(path, json={}).status_code == 401


def test_a_ward_moved_through_the_api_shows_who_moved_it(client, api_login):
    admin = api_login("kanri", role="admin")
    body = {"center": "kamiooka", "valid_from": "2026-12-01", "valid_to": "2027-03-31"}
    reply = client.post("/api/v1/staff/wards/nishi/assignments", json=body, headers=admin)
    wards = client.get("/api/v1/staff/wards", headers=admin).json["wards"]
    nishi = next(w for w in wards if w["ward"] == "nishi")
    assert (reply.status_code, reply.json["bookings_elsewhere"]) == (201, 0)
    assert nishi["center_today"] == "yokohama"
    assert (nishi["assignments"][0]["center"], nishi["assignments"][0]["changed_by"]) == (
        "kamiooka", "kanri",
    )  # fmt: skip


def test_a_procedure_closed_to_the_web_disappears_from_the_web_and_its_api(
    client, api_login, no_ratelimit
):
    admin = api_login("kanri", role="admin")
    body = {"name_ja": "暗証番号の変更・初期化", "name_en": "PIN change or reset",
            "channels": ["phone", "staff"], "phone_key": "2"}  # fmt: skip
    reply = client.put("/api/v1/staff/procedures/pin", json=body, headers=admin)
    page = client.get("/book").get_data(as_text=True)
    booking = {"service": "pin", "center": "yokohama", "date": "2026-11-06", "start": "14:00",
               "birth_date": "1960-05-05", "phone": "090-1234-5678", "name": "横浜 花子",
               "kana": "ヨコハマ ハナコ", "party_size": 1}  # fmt: skip
    refused = client.post("/api/v1/bookings", json=booking)
    assert (reply.status_code, reply.json["channels"], reply.json["changed_by"]) == (
        200, ["phone", "staff"], "kanri",
    )  # fmt: skip
    assert "暗証番号の変更・初期化" not in page
    assert refused.json["fields"] == {"service": "not_bookable_on_this_channel"}


def test_a_phone_key_already_taken_is_refused(client, api_login):
    admin = api_login("kanri", role="admin")
    body = {"name_ja": "暗証番号", "name_en": "PIN", "channels": ["phone"], "phone_key": "1"}
    reply = client.put("/api/v1/staff/procedures/pin", json=body, headers=admin)
    assert (reply.status_code, reply.json["fields"]) == (422, {"phone_key": "key_taken"})


def test_admin_answers_match_the_staff_document(app, api_login):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    checks = [not_a_server_error, status_code_conformance, response_schema_conformance]
    admin = api_login("kanri", role="admin")

    def call(path: str, method: str, **parts: object) -> int:
        case = schema[path][method].Case(headers=admin, **parts)  # type: ignore[arg-type]
        return int(case.call_and_validate(checks=checks).status_code)

    saved = schema["/api/v1/staff/capacity-plans"]["POST"].Case(headers=admin, body=PLAN)
    plan_id = saved.call_and_validate(checks=checks).json()["id"]
    procedure = {"name_ja": "暗証番号", "name_en": "PIN", "channels": ["web"], "phone_key": None}
    assert [
        call("/api/v1/staff/capacity-plans/preview", "POST", body=PLAN),
        call("/api/v1/staff/capacity-plans", "GET"),
        call("/api/v1/staff/capacity-plans/{plan_id}/removal-preview", "GET",
             path_parameters={"plan_id": plan_id}),
        call("/api/v1/staff/capacity-plans/{plan_id}", "DELETE",
             path_parameters={"plan_id": plan_id}),
        call("/api/v1/staff/wards", "GET"),
        call("/api/v1/staff/wards/{ward_id}/assignments", "POST",
             path_parameters={"ward_id": "seya"},
             body={"center": "yokohama", "valid_from": "2026-12-01"}),
        call("/api/v1/staff/procedures", "GET"),
        call("/api/v1/staff/procedures/{code}", "PUT", path_parameters={"code": "pin"},
             body=procedure),
    ] == [200, 200, 200, 200, 200, 201, 200, 200]  # fmt: skip


def saved_id(page) -> str:
    """The id of the plan from 2027-04-01 in the list on the screen."""
    row = page.locator("#plans tr", has_text="2027-04-01〜2028-03-31")
    return row.locator("button").get_attribute("id").removeprefix("plan-remove-")


@pytest.mark.browser
def test_an_admin_walks_through_plans_wards_and_procedures(
    chromium, live_server, make_staff, totp_code
):
    make_staff("kanri", role="admin")
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP",
                             bypass_csp=True)  # fmt: skip
    sign_in(page, live_server, "kanri", code=totp_code())
    page.goto(f"{live_server}/console/admin/capacity")
    axe_check(page, SHOTS / "01-plans.png")
    form = "#plan-form"
    page.select_option(f"{form} [name=center]", "kamiooka")
    page.fill(f"{form} [name=valid_from]", "2027-04-01")
    page.fill(f"{form} [name=valid_to]", "2028-03-31")
    page.fill(f"{form} [name=places]", "30")
    page.fill(f"{form} [name=walk_in_share]", "20")
    page.click("#plan-preview-button")
    assert "当日受付に回す割合（受付（受付窓口）の計画でのみ指定できます）" in page.text_content(
        ".messages"
    )
    axe_check(page, SHOTS / "01b-plan-refused.png")
    page.fill(f"{form} [name=walk_in_share]", "")
    page.click("#plan-preview-button")
    assert "2027-04" in page.text_content("#preview-months")
    axe_check(page, SHOTS / "02-plan-preview.png")
    page.click("#plan-save")
    assert "計画を保存しました" in page.text_content(".messages")
    assert "2027-04-01〜2028-03-31" in page.text_content("#plans")
    axe_check(page, SHOTS / "03-plan-saved.png")
    page.click(f"#plan-remove-{saved_id(page)}")
    assert "削除前の確認" in page.text_content("#plan-preview")
    axe_check(page, SHOTS / "03b-plan-removal-preview.png")
    page.click("#plan-remove-confirm")
    assert "計画を削除しました" in page.text_content(".messages")
    assert "2027-04-01〜2028-03-31" not in page.text_content("#plans")
    page.goto(f"{live_server}/console/admin/wards")
    axe_check(page, SHOTS / "04-wards.png")
    page.select_option("#ward-form [name=ward]", "seya")
    page.select_option("#ward-form [name=center]", "yokohama")
    page.fill("#ward-form [name=valid_from]", "2026-12-01")
    page.click("#ward-save")
    assert "kanri" in page.text_content("#ward-seya")
    axe_check(page, SHOTS / "05-ward-moved.png")
    page.goto(f"{live_server}/console/admin/procedures")
    axe_check(page, SHOTS / "06-procedures.png")
    page.fill("#procedure-cert [name=name_ja]", "電子証明書の更新")
    page.click("#procedure-cert-save")
    assert "「電子証明書の更新」の設定を保存しました" in page.text_content(".messages")
    axe_check(page, SHOTS / "07-procedure-saved.png")
    page.close()
