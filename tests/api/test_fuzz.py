"""Schemathesis drives the API from its OpenAPI document: no input may give a server error."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from web.api.openapi import PATHS

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Negative data only where there is input to spoil (parameters or a body).
CASES = [
    (path, method, mode)
    for path, ops in PATHS.items()
    for method, op in ops.items()
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or {"parameters", "requestBody"} & set(op)
]
EXAMPLES = 60  # per operation and mode: the whole file stays well under a minute


@pytest.mark.slow
@pytest.mark.parametrize(("path", "method", "mode"), CASES)
def test_no_input_gives_a_server_error_and_answers_match_the_document(
    app: Flask, no_ratelimit: None, path: str, method: str, mode: GenerationMode
) -> None:
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS)

    call()


def _call(schema: schemathesis.BaseSchema, path: str, method: str, **parts: object) -> dict:
    """One hand-made request, its answer checked against the document; the JSON back."""
    case = schema[path][method].Case(**parts)  # type: ignore[arg-type]
    response = case.call_and_validate(checks=CHECKS)
    return response.json()


def test_the_success_answers_of_every_operation_match_the_document(app, ready_card):
    ready_card()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    body = {
        "center": "yokohama",
        "service": "cert",
        "date": "2026-11-06",
        "start": "14:00",
        "phone": "090-1234-5678",
        "birth_date": "1960-05-05",
        "name": "横浜 花子",
    }
    for path in ("/api/v1/centers", "/api/v1/services", "/api/v1/call-center/calendar"):
        assert _call(schema, path, "GET")
    _call(
        schema,
        "/api/v1/centers/{center_id}/calendar",
        "GET",
        path_parameters={"center_id": "kamiooka"},
    )
    _call(
        schema,
        "/api/v1/availability",
        "GET",
        query={"center": "yokohama", "service": "cert", "date": "2026-11-06"},
    )
    _call(
        schema,
        "/api/v1/availability",
        "GET",
        query={"center": "yokohama", "service": "apply", "from": "2026-11-01"},
    )
    _call(schema, "/api/v1/reports/capacity", "GET", query={"month": "2026-12"})
    card = {"notice_number": "123456789", "birth_date": "1950-04-01"}
    assert _call(schema, "/api/v1/cards/lookup", "POST", body=card)["center"] == "yokohama"
    made = _call(
        schema, "/api/v1/bookings", "POST", body=body, headers={"Idempotency-Key": "doc-1"}
    )
    ref = {"reference": made["reference"]}
    birth = {"birth_date": "1960-05-05"}
    _call(schema, "/api/v1/bookings/{reference}", "GET", path_parameters=ref, query=birth)
    moved = {**birth, "date": "2026-11-07", "start": "10:00"}
    _call(schema, "/api/v1/bookings/{reference}", "PATCH", path_parameters=ref, body=moved)
    gone = _call(schema, "/api/v1/bookings/{reference}", "DELETE", path_parameters=ref, query=birth)
    assert gone["status"] == "cancelled"
    full = _call(schema, "/api/v1/bookings", "POST", body={**body, "party_size": 9})
    assert full["fields"] == {"party_size": "party_size_out_of_range"}
    late = {**body, "service": "issue", "notice_number": "123456789", "birth_date": "1950-04-01"}
    assert _call(schema, "/api/v1/bookings", "POST", body=late)["earliest_date"] == "2026-11-07"
