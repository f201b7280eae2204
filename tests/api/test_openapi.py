"""The OpenAPI document: valid JSON, every path, and answers that match it."""

from __future__ import annotations

import json

import pytest

EXPECTED_PATHS = {
    "/api/v1/centers": {"get"},
    "/api/v1/centers/{center_id}/calendar": {"get"},
    "/api/v1/call-center/calendar": {"get"},
    "/api/v1/services": {"get"},
    "/api/v1/availability": {"get"},
    "/api/v1/bookings": {"post"},
    "/api/v1/bookings/{reference}": {"get", "patch", "delete"},
    "/api/v1/cards/lookup": {"post"},
    "/api/v1/reports/capacity": {"get"},
    "/api/v1/visit-requests": {"post"},
    "/api/v1/visit-requests/{receipt}": {"get"},
    "/api/v1/openapi.json": {"get"},
}
STAFF_PATHS = {
    "/api/v1/staff/login": {"post"},
    "/api/v1/staff/logout": {"post"},
    "/api/v1/staff/presence": {"put"},
    "/api/v1/staff/me": {"get"},
    "/api/v1/staff/answer": {"post"},
    "/api/v1/staff/hangup": {"post"},
    "/api/v1/staff/wrap-up": {"post"},
    "/api/v1/staff/callbacks": {"get"},
    "/api/v1/staff/call/hold": {"post"},
    "/api/v1/staff/call/transfer": {"post"},
    "/api/v1/staff/voice-token": {"get"},
    "/api/v1/stats/live": {"get"},
    "/api/v1/staff/openapi.json": {"get"},
    "/api/v1/staff/centers/{center_id}/day": {"get"},
    "/api/v1/staff/bookings/{reference}/check-in": {"post"},
    "/api/v1/staff/bookings/{reference}/complete": {"post"},
    "/api/v1/staff/bookings/{reference}/no-show": {"post"},
    "/api/v1/staff/centers/{center_id}/walk-ins": {"post"},
    "/api/v1/staff/transport": {"get"},
    "/api/v1/staff/cards/{notice_number}/custody": {"post"},
    "/api/v1/staff/cards/{notice_number}": {"get"},
    "/api/v1/staff/cards/list": {"post"},
    "/api/v1/staff/cards/{notice_number}/withdraw": {"post"},
    "/api/v1/staff/closures": {"post", "get"},
    "/api/v1/staff/bookings/{reference}": {"get"},
    "/api/v1/staff/bookings/{reference}/reminders": {"put"},
    "/api/v1/staff/reports/daily": {"get"},
    "/api/v1/staff/reports/monthly": {"get"},
    "/api/v1/staff/reports/days": {"get"},
    "/api/v1/staff/accounts": {"get", "post"},
    "/api/v1/staff/accounts/{username}/role": {"put"},
    "/api/v1/staff/accounts/{username}/disable": {"post"},
    "/api/v1/staff/accounts/{username}/enable": {"post"},
    "/api/v1/staff/accounts/{username}/password": {"post"},
    "/api/v1/staff/audit": {"get"},
    "/api/v1/staff/audit/export": {"get"},
    "/api/v1/staff/bookings/import": {"post"},
    "/api/v1/staff/retention": {"post"},
    "/api/v1/staff/visit-requests": {"post", "get"},
    "/api/v1/staff/visit-requests/batch": {"post"},
    "/api/v1/staff/visit-requests/{receipt}/schedule": {"post"},
    "/api/v1/staff/visit-requests/{receipt}/outcome": {"post"},
    "/api/v1/staff/visit-requests/{receipt}/card": {"post"},
    "/api/v1/staff/visit-requests/{receipt}/order": {"post"},
    "/api/v1/staff/visit-days": {"get"},
    "/api/v1/staff/visit-figures": {"get"},
    "/api/v1/staff/city-staff": {"get", "post"},
    "/api/v1/staff/city-staff/{staff_id}/active": {"post"},
    "/api/v1/staff/visit-teams": {"get", "post"},
    "/api/v1/staff/capacity-plans": {"get", "post"},
    "/api/v1/staff/capacity-plans/preview": {"post"},
    "/api/v1/staff/capacity-plans/{plan_id}": {"delete"},
    "/api/v1/staff/capacity-plans/{plan_id}/removal-preview": {"get"},
    "/api/v1/staff/wards": {"get"},
    "/api/v1/staff/wards/{ward_id}/assignments": {"post"},
    "/api/v1/staff/procedures": {"get"},
    "/api/v1/staff/procedures/{code}": {"put"},
    "/api/v1/staff/wallboard": {"get"},
    "/api/v1/staff/wallboard/targets": {"get", "put"},
    "/api/v1/staff/emergency/{language}": {"put", "delete"},
    "/api/v1/staff/inquiry-topics": {"get", "post"},
    "/api/v1/staff/inquiry-topics/{code}": {"put"},
    "/api/v1/staff/escalations": {"get"},
    "/api/v1/staff/escalations/{record_id}/close": {"post"},
    "/api/v1/staff/inquiries/counts": {"get"},
    "/api/v1/staff/caller-timeline": {"post"},
}


def test_the_document_is_openapi_3_1_json_with_every_path(client, app):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = json.loads(response.get_data(as_text=True))
    assert doc["openapi"] == "3.1.0"
    assert {p: set(ops) for p, ops in doc["paths"].items()} == EXPECTED_PATHS | STAFF_PATHS
    routes = {
        r.rule.replace("<center_id>", "{center_id}")
        .replace("<reference>", "{reference}")
        .replace("<receipt>", "{receipt}")
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith("api.") and r.endpoint != "api.unmatched"
    }
    assert routes == set(EXPECTED_PATHS)


def test_every_operation_has_a_unique_operation_id(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    ids = [op["operationId"] for ops in paths.values() for op in ops.values()]
    assert len(ids) == len(set(ids)) == 89
    assert paths["/api/v1/bookings"]["post"]["operationId"] == "createBooking"


def test_every_reference_points_at_a_schema(client):
    doc = client.get("/api/v1/openapi.json").json
    text = json.dumps(doc)
    refs = {part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]}
    assert refs <= set(doc["components"]["schemas"])
    assert {"Booking", "Error", "NewBooking", "CapacityReport"} <= refs


def test_every_operation_documents_its_error_answers(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    post = paths["/api/v1/bookings"]["post"]["responses"]
    assert {"201", "409", "422", "429"} <= set(post)
    assert "Retry-After" in post["429"]["headers"]
    lookup = paths["/api/v1/bookings/{reference}"]["get"]
    assert {"200", "404", "422", "429"} <= set(lookup["responses"])
    assert [p["name"] for p in lookup["parameters"]] == ["reference", "birth_date"]


def test_staff_operations_need_a_bearer_token_and_public_ones_do_not(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["components"]["securitySchemes"] == {"bearer": {"type": "http", "scheme": "bearer"}}
    secured = {
        path
        for path, ops in doc["paths"].items()
        if any(op.get("security") == [{"bearer": []}] for op in ops.values())
    }
    open_staff = {"/api/v1/staff/login", "/api/v1/staff/openapi.json"}
    assert secured == set(STAFF_PATHS) - open_staff
    assert "security" not in doc
    assert [tag["name"] for tag in doc["tags"]] == ["staff"]


def test_a_part_may_not_redefine_a_path_or_a_schema():
    from web.api.openapi import document

    with pytest.raises(ValueError, match="path defined twice: /api/v1/centers"):
        document([{"paths": {"/api/v1/centers": {}}}])
    with pytest.raises(ValueError, match="schemas defined twice: Error"):
        document([{"components": {"schemas": {"Error": {}}}}])
    assert "/api/v1/staff/login" not in document()["paths"]
