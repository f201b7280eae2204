"""Limits every route shares: a body size cap (413) and JSON nested no deeper than a bound (400)."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

# Our largest bodies are console forms (a 2,000-character note) and 16 KiB API bodies.
MAX_BODY_BYTES = 64 * 1024
MAX_JSON_DEPTH = 32
# The go-live import's upload (10,000 bookings are about 1.3 MB): its two routes take more.
UPLOAD_BYTES = 8 * 1024 * 1024
UPLOAD_ENDPOINTS = frozenset(
    {"staff_api.upload_booking_import", "agent_console.booking_import_preview"}
)
PEEK_BYTES = 4096  # of an over-size JSON body: enough to tell deep nesting from mere size


class JSONTooDeep(ValueError):
    """A JSON document nested deeper than MAX_JSON_DEPTH (a ValueError, so a 400, never a 500)."""

    code = "json_too_deep"


def depth_of(value: Any) -> int:
    """How deeply lists and objects nest in a parsed JSON value (a loop: no recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            inner = item.values() if isinstance(item, dict) else item
            pending += [(child, level + 1) for child in inner if isinstance(child, dict | list)]
    return deepest


def safe_loads(data: str | bytes, **kwargs: Any) -> Any:
    """json.loads that refuses deep nesting with ValueError instead of a RecursionError (500)."""
    try:
        value = json.loads(data, **kwargs)
    except RecursionError:
        raise JSONTooDeep("JSON nested too deeply") from None
    if depth_of(value) > MAX_JSON_DEPTH:
        raise JSONTooDeep("JSON nested too deeply")
    return value


class SafeJSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading request bodies with safe_loads (request.get_json uses it)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse JSON, refusing documents nested deeper than MAX_JSON_DEPTH."""
        return safe_loads(s, **kwargs)


def nests_too_deep(prefix: bytes) -> bool:
    """True when the start of a JSON text already opens more than MAX_JSON_DEPTH levels."""
    depth, in_string, escaped = 0, False, False
    for byte in prefix:
        if in_string:
            escaped, in_string = (False, True) if escaped else (byte == 0x5C, byte != 0x22)
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif byte in b"]}":
            depth -= 1
    return False


def check_body_size(limit: int | None) -> None:
    """413 for a body over `limit`, checked before anything reads it; a JSON body whose start is
    already nested too deep is a 400 (JSONTooDeep) instead, whatever its length."""
    length = request.content_length
    if limit is None or length is None or length <= limit:
        return
    if request.is_json:
        stream = request.environ.get("wsgi.input")
        if stream is not None and nests_too_deep(stream.read(min(length, PEEK_BYTES))):
            raise BadRequest(JSONTooDeep.code)
    raise RequestEntityTooLarge()


def _cap_body() -> None:
    """Refuse an over-size body before any view, also on routes that never read one."""
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = UPLOAD_BYTES
    check_body_size(request.max_content_length)
    if (
        request.content_length is None
        and "chunked" in request.headers.get("Transfer-Encoding", "").lower()
    ):
        request.get_data(cache=True)  # werkzeug stops reading at the limit with 413


def install_limits(app: Flask) -> None:
    """Give the app the body cap and the safe JSON reader."""
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json = SafeJSONProvider(app)
    app.before_request(_cap_body)
