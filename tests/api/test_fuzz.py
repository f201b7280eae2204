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
