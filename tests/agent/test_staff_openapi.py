"""The staff API's OpenAPI document covers every route of the staff API, with its errors."""

from __future__ import annotations

import re
from typing import Any

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


def test_every_staff_route_is_documented(app, client):
    document = client.get("/api/v1/staff/openapi.json").json
    documented = {
        (path, method.upper()) for path, ops in document["paths"].items() for method in ops
    }
    routes = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("staff_api.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == documented


def test_documented_errors_use_the_error_schema(client):
    document = client.get("/api/v1/staff/openapi.json").json
    presence = document["paths"]["/api/v1/staff/presence"]["put"]["responses"]
    assert set(presence) == {"200", "400", "401", "409", "422"}
    schema = presence["409"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/StaffError"}
    reply = client.put("/api/v1/staff/presence", json={"state": "available"})
    assert set(reply.json) == set(document["components"]["schemas"]["StaffError"]["required"])


def test_the_staff_document_is_the_staff_part_of_the_whole_api_document(client):
    whole = client.get("/api/v1/openapi.json").json
    staff = client.get("/api/v1/staff/openapi.json").json
    assert {p: whole["paths"][p] for p in staff["paths"]} == staff["paths"]
    for kind, entries in staff["components"].items():
        assert {name: whole["components"][kind][name] for name in entries} == entries


def test_staff_answers_match_the_whole_api_document(app, api_login):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]

    def call(path: str, method: str, **parts: Any) -> Any:
        case = schema[path][method].Case(**parts)
        return case.call_and_validate(checks=checks)

    assert call("/api/v1/staff/me", "GET").status_code == 401
    agent = api_login("aoki")
    body = {"state": "break", "reason": "rest"}
    assert call("/api/v1/staff/presence", "PUT", headers=agent, body=body).status_code == 200
    assert call("/api/v1/staff/me", "GET", headers=agent).json()["agent"]["state"] == "break"
    assert call("/api/v1/stats/live", "GET", headers=agent).status_code == 403
    supervisor = api_login("sato", role="supervisor")
    live = call("/api/v1/stats/live", "GET", headers=supervisor).json()
    assert {q["queue"] for q in live["queues"]} >= {"general", "english"}
