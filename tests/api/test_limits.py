"""Body size and JSON depth limits on every route: 413 or 400 in a readable body, never 500."""

from __future__ import annotations

import pytest

from runtime.limits import MAX_BODY_BYTES, MAX_JSON_DEPTH, depth_of, nests_too_deep, safe_loads

VERY_DEEP = "[" * 100_000 + "]" * 100_000  # 200 KB: over the size cap as well
DEEP_BUT_SMALL = '{"a":' * (MAX_JSON_DEPTH + 8) + "1" + "}" * (MAX_JSON_DEPTH + 8)
JSON = {"Content-Type": "application/json"}


def test_safe_loads_refuses_nesting_past_the_bound_as_a_value_error():
    assert depth_of(safe_loads("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)) == MAX_JSON_DEPTH
    with pytest.raises(ValueError, match="too deeply"):
        safe_loads(DEEP_BUT_SMALL)
    with pytest.raises(ValueError, match="too deeply"):
        safe_loads(VERY_DEEP)


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert not nests_too_deep(b'{"a": "' + b"[" * 100 + b'\\"[[["}')
    assert nests_too_deep(VERY_DEEP[:4096].encode())


@pytest.mark.parametrize("body", [VERY_DEEP, DEEP_BUT_SMALL])
def test_deep_json_to_the_staff_login_is_a_400_with_a_json_body(client, body):
    reply = client.post("/api/v1/staff/login", data=body, headers=JSON)
    assert reply.status_code == 400
    assert reply.is_json and reply.json["error"] in {"malformed_json", "invalid"}


@pytest.mark.parametrize("body", [VERY_DEEP, DEEP_BUT_SMALL])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/bookings"),
        ("patch", "/api/v1/bookings/1234567897"),
        ("put", "/api/v1/staff/presence"),
        ("post", "/api/v1/staff/wrap-up"),
        ("post", "/api/v1/no-such-endpoint"),
    ],
)
def test_deep_json_to_any_json_endpoint_is_a_400_never_a_500(client, method, path, body):
    reply = getattr(client, method)(path, data=body, headers=JSON)
    assert reply.status_code in {400, 401, 404}  # 401/404 only when the path refuses first
    assert reply.status_code != 500 and reply.is_json
    if body is VERY_DEEP:
        assert reply.status_code == 400
        assert reply.json["error"] == "malformed_json"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/book"),
        ("post", "/manage"),
        ("post", "/console/login"),
        ("post", "/ivr/incoming"),
        ("get", "/"),
        ("post", "/api/v1/staff/login"),
        ("post", "/api/v1/bookings"),
    ],
)
def test_an_over_size_body_is_a_413_on_any_route(client, method, path):
    reply = getattr(client, method)(
        path, data=b"x=" + b"a" * MAX_BODY_BYTES, content_type="application/x-www-form-urlencoded"
    )
    assert reply.status_code == 413


def test_an_over_size_api_body_is_answered_in_json(client):
    reply = client.post("/api/v1/staff/login", data=" " * (MAX_BODY_BYTES + 1), headers=JSON)
    assert reply.status_code == 413
    assert reply.json["error"] == "payload_too_large"
