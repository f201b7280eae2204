"""The OpenAPI document: valid JSON, every path, and answers that match it."""

from __future__ import annotations

import json

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
    "/api/v1/openapi.json": {"get"},
}


def test_the_document_is_openapi_3_1_json_with_every_path(client, app):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = json.loads(response.get_data(as_text=True))
    assert doc["openapi"] == "3.1.0"
    assert {p: set(ops) for p, ops in doc["paths"].items()} == EXPECTED_PATHS
    routes = {
        r.rule.replace("<center_id>", "{center_id}").replace("<reference>", "{reference}")
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith("api.") and r.endpoint != "api.unmatched"
    }
    assert routes == set(EXPECTED_PATHS)


def test_every_operation_has_a_unique_operation_id(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    ids = [op["operationId"] for ops in paths.values() for op in ops.values()]
    assert len(ids) == len(set(ids)) == 12
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
