"""Staff accounts, the audit log, the go-live import and retention in the staff JSON API and
the CLI: administrators only (others 403), every change audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from booking_core.bookings import create_booking
from booking_core.policy import Actor
from booking_core.resident_records import search

ADMIN_ONLY = [
    ("get", "/api/v1/staff/accounts", None),
    ("post", "/api/v1/staff/accounts", {"username": "x", "role": "agent", "password": "x"}),
    ("put", "/api/v1/staff/accounts/aoki/role", {"role": "admin"}),
    ("post", "/api/v1/staff/accounts/aoki/disable", None),
    ("post", "/api/v1/staff/accounts/aoki/enable", None),
    ("post", "/api/v1/staff/accounts/aoki/password", {"password": "x" * 12}),
    ("get", "/api/v1/staff/audit", None),
    ("get", "/api/v1/staff/audit/export", None),
    ("post", "/api/v1/staff/bookings/import?dry_run=true", None),
    ("post", "/api/v1/staff/retention", {}),
]


@pytest.mark.parametrize("role", ["agent", "reception", "transport", "supervisor"])
def test_only_administrators_reach_the_administration_endpoints(client, api_login, role):
    headers = api_login("someone", role=role)
    for method, path, body in ADMIN_ONLY:
        reply = getattr(client, method)(path, json=body, headers=headers)
        assert (path, reply.status_code, reply.json["error"]) == (path, 403, "forbidden")


def test_an_administrator_manages_accounts_and_the_last_admin_stays(client, api_login):
    admin = api_login("kanri", role="admin")
    made = client.post("/api/v1/staff/accounts", headers=admin, json={
        "username": "aoki", "role": "agent", "password": "correct horse battery",
        "display_name": "青木"})  # fmt: skip
    assert (made.status_code, made.json["role"], made.json["last_sign_in_at"]) == (
        201, "agent", None,
    )  # fmt: skip
    again = client.post("/api/v1/staff/accounts", headers=admin, json={
        "username": "aoki", "role": "agent", "password": "correct horse battery"})  # fmt: skip
    assert (again.status_code, again.json["error"]) == (409, "staff_exists")
    role = client.put("/api/v1/staff/accounts/aoki/role", headers=admin, json={"role": "reception"})
    assert role.json["role"] == "reception"
    last = client.post("/api/v1/staff/accounts/kanri/disable", headers=admin)
    assert (last.status_code, last.json["error"]) == (409, "last_admin")
    demote = client.put("/api/v1/staff/accounts/kanri/role", headers=admin, json={"role": "agent"})
    assert demote.status_code == 409
    missing = client.post("/api/v1/staff/accounts/nobody/disable", headers=admin)
    assert missing.status_code == 404
    listed = client.get("/api/v1/staff/accounts", headers=admin).json["accounts"]
    assert [(a["username"], a["role"], a["last_sign_in_at"] is not None) for a in listed] == [
        ("kanri", "admin", True), ("aoki", "reception", False),
    ]  # fmt: skip


def test_disabling_an_account_ends_its_sessions(client, api_login):
    admin = api_login("kanri", role="admin")
    agent = api_login("aoki")
    assert client.get("/api/v1/staff/me", headers=agent).status_code == 200
    assert client.post("/api/v1/staff/accounts/aoki/disable", headers=admin).status_code == 200
    assert client.get("/api/v1/staff/me", headers=agent).status_code == 401
    body = {"username": "aoki", "password": "correct horse battery"}
    assert client.post("/api/v1/staff/login", json=body).status_code == 401


def test_a_password_reset_through_the_api_ends_the_wait(client, api_login, make_staff):
    admin = api_login("kanri", role="admin")
    make_staff("aoki")
    for _ in range(5):
        client.post("/api/v1/staff/login", json={"username": "aoki", "password": "wrong guess!"})
    listed = client.get("/api/v1/staff/accounts", headers=admin).json["accounts"]
    assert [a["waiting"] for a in listed if a["username"] == "aoki"] == [True]
    reply = client.post("/api/v1/staff/accounts/aoki/password", headers=admin,
                        json={"password": "a brand new one"})  # fmt: skip
    assert (reply.status_code, reply.json["waiting"]) == (200, False)
    short = client.post("/api/v1/staff/accounts/aoki/password", headers=admin,
                        json={"password": "short"})  # fmt: skip
    assert (short.status_code, short.json["fields"]) == (422, {"password": "too_short"})


def test_the_audit_log_shows_a_read_by_reference_and_exports_csv(
    client, api_login, runtime, clock, booking_request
):
    made = create_booking(runtime.uow(), booking_request(), now=clock.now(),
                          actor=Actor.resident("web"), policy=runtime.policy)  # fmt: skip
    api_login("aoki")
    search(runtime.uow(), reference=made.reference, now=clock.now(), actor=Actor.staff("aoki"),
           policy=runtime.policy)  # fmt: skip
    admin = api_login("kanri", role="admin")
    found = client.get(f"/api/v1/staff/audit?reference={made.reference}", headers=admin).json
    assert [(e["actor"], e["action"]) for e in found["events"]] == [
        ("staff:aoki", "booking.read"), ("resident:anonymous", "booking.create"),
    ]  # fmt: skip
    by_day = client.get("/api/v1/staff/audit?from=2026-11-02&to=2026-11-02&action=staff.login",
                        headers=admin).json["events"]  # fmt: skip
    assert sorted(e["actor"] for e in by_day) == ["staff:aoki", "staff:kanri"]
    bad = client.get("/api/v1/staff/audit?from=yesterday", headers=admin)
    assert (bad.status_code, bad.json["fields"]) == (422, {"from": "invalid_date"})
    export = client.get("/api/v1/staff/audit/export?action=booking.create", headers=admin)
    assert export.mimetype == "text/csv"
    assert export.get_data(as_text=True).splitlines()[1].split(",")[3] == "booking.create"


def test_the_import_endpoint_dry_runs_then_imports_once(client, api_login, bookings_csv):
    admin = api_login("kanri", role="admin") | {"Content-Type": "text/csv"}
    bad = bookings_csv({}, {"center": "mars", "phone": "090-2222-3333"})
    dry = client.post("/api/v1/staff/bookings/import?dry_run=true", data=bad, headers=admin)
    assert (dry.status_code, [(p["line"], p["code"]) for p in dry.json["problems"]]) == (
        200, [(3, "unknown_center")],
    )  # fmt: skip
    refused = client.post("/api/v1/staff/bookings/import", data=bad, headers=admin)
    assert (refused.status_code, refused.json["error"]) == (422, "import_refused")
    assert list(refused.json["fields"]) == ["line_3_center"]
    good = bookings_csv({}, {"phone": "090-2222-3333"})
    done = client.post("/api/v1/staff/bookings/import", data=good, headers=admin)
    assert (done.status_code, done.json["imported"], done.json["notified"]) == (201, 2, 0)
    again = client.post("/api/v1/staff/bookings/import", data=good, headers=admin)
    assert (again.json["imported"], again.json["already_imported"]) == (0, 2)


def test_the_cli_dry_run_changes_nothing_and_a_second_import_adds_nothing(
    app, bookings_csv, tmp_path
):
    path = tmp_path / "bookings.csv"
    path.write_bytes(bookings_csv({}, {"date": "2026-11-04", "phone": "090-2222-3333"}))
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["import-bookings", str(path), "--dry-run"])
    assert dry.exit_code == 1
    assert "3行目: この日はセンターの休所日です" in dry.output
    assert "1 to import" in dry.output and "nothing changed" in dry.output
    refused = runner.invoke(args=["import-bookings", str(path)])
    assert refused.exit_code == 1 and "nothing imported" in refused.output
    path.write_bytes(bookings_csv({}, {"phone": "090-2222-3333"}))
    first = runner.invoke(args=["import-bookings", str(path)])
    assert "imported: 2 booking(s), 0 imported before" in first.output
    second = runner.invoke(args=["import-bookings", str(path)])
    assert "imported: 0 booking(s), 2 imported before" in second.output


def test_retention_runs_from_the_cli_and_the_api(app, client, api_login, runtime, clock,
                                                 booking_request):  # fmt: skip
    create_booking(runtime.uow(), booking_request(), now=clock.now(),
                   actor=Actor.resident("web"), policy=runtime.policy)  # fmt: skip
    clock.set(clock.now() + timedelta(days=370))
    admin = api_login("kanri", role="admin")
    dry = app.test_cli_runner().invoke(args=["anonymise-old", "--dry-run"])
    assert "would anonymise: 1 booking(s) before 2026-11-07" in dry.output
    done = client.post("/api/v1/staff/retention", headers=admin, json={})
    assert (done.status_code, done.json["bookings"], done.json["disabled"]) == (200, 1, [])
    assert "anonymised: 0 booking(s)" in app.test_cli_runner().invoke(args=["anonymise-old"]).output


def test_admin_answers_match_the_api_document(app, api_login, bookings_csv):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]  # fmt: skip

    def call(path: str, method: str, **parts: Any) -> Any:
        return schema[path][method].Case(**parts).call_and_validate(checks=checks)

    admin = api_login("kanri", role="admin")
    assert call("/api/v1/staff/accounts", "GET", headers=admin).status_code == 200
    body = {"username": "aoki", "role": "agent", "password": "correct horse battery"}
    assert call("/api/v1/staff/accounts", "POST", headers=admin, body=body).status_code == 201
    named = {"username": "kanri"}
    assert call("/api/v1/staff/accounts/{username}/disable", "POST", headers=admin,
                path_parameters=named).status_code == 409  # fmt: skip
    assert call("/api/v1/staff/audit", "GET", headers=admin,
                query={"action": "staff."}).status_code == 200  # fmt: skip
    assert call("/api/v1/staff/audit/export", "GET", headers=admin).status_code == 200
    csv_body = bookings_csv({}).decode()
    dry = call("/api/v1/staff/bookings/import", "POST", headers=admin, body=csv_body,
               media_type="text/csv", query={"dry_run": "true"})  # fmt: skip
    assert dry.json()["new"] == 1
    assert call("/api/v1/staff/retention", "POST", headers=admin, body={"dry_run": True}).json()[
        "dry_run"
    ]


def test_the_import_takes_a_file_larger_than_a_form(client, api_login, bookings_csv):
    admin = api_login("kanri", role="admin") | {"Content-Type": "text/csv"}
    rows = [{"phone": f"090{20_000_000 + n:08d}", "start": "15:00"} for n in range(1200)]
    data = bookings_csv(*rows)
    assert len(data) > 64 * 1024
    dry = client.post("/api/v1/staff/bookings/import?dry_run=true", data=data, headers=admin)
    assert (dry.status_code, dry.json["lines"]) == (200, 1200)
    assert [b["start"] for b in dry.json["full_bands"]] == ["15:00"]
