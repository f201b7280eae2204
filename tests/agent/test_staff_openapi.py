"""The staff API's OpenAPI document covers every route of the staff API, with its errors."""

from __future__ import annotations

import re


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
