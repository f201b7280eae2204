"""Errors as JSON: one table from error class to HTTP status, and the blueprint's handlers."""

from __future__ import annotations

import logging
from typing import Any

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from booking_core.errors import (
    AlreadyBooked,
    BookingError,
    CardNotReady,
    ConcurrentChange,
    IdempotencyConflict,
    InvalidRequest,
    NotBookable,
    NotFound,
    SlotFull,
    TransportTooLate,
    WrongCenter,
)
from runtime.limits import JSONTooDeep
from web.api import render
from web.api.blueprint import bp
from web.api.catalog import DEFAULT_LANGUAGE, LANGUAGES, message

log = logging.getLogger(__name__)

# One table: which HTTP status each rule of the core answers with.
STATUS: dict[type[BookingError], int] = {
    InvalidRequest: 422,
    NotFound: 404,
    NotBookable: 422,
    SlotFull: 409,
    AlreadyBooked: 409,
    ConcurrentChange: 409,
    CardNotReady: 422,
    WrongCenter: 422,
    TransportTooLate: 422,
    IdempotencyConflict: 422,
}

# Codes for the HTTP errors werkzeug raises (routing, body parsing, size limits).
HTTP_CODES: dict[int, str] = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    503: "service_unavailable",
}


class ApiError(Exception):
    """An error of the API layer itself (rate limit, My Number, bad body)."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail
        self.fields = fields or {}
        self.headers = headers or {}


def language() -> str:
    """The language of messages: the client's Accept-Language, Japanese by default."""
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def error_response(
    status: int,
    code: str,
    *,
    fields: dict[str, str] | None = None,
    detail: str = "",
    extra: dict[str, Any] | None = None,
) -> tuple[Response, int]:
    """The JSON body every error has: error, message, fields (and extras of some codes)."""
    body: dict[str, Any] = {
        "error": code,
        "message": message(code, language(), detail=detail),
        "fields": fields or {},
    }
    body.update(extra or {})
    return jsonify(body), status


def status_of(error: BookingError) -> int:
    """The HTTP status of a core error, by the nearest class in the table (422 otherwise)."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 422


def extras_of(error: BookingError) -> dict[str, Any]:
    """Fields beyond error/message/fields that some errors carry."""
    if isinstance(error, SlotFull):
        return {"alternatives": [render.alternative(a) for a in error.alternatives]}
    if isinstance(error, TransportTooLate):
        return {"earliest_date": error.earliest.isoformat()}
    if isinstance(error, NotBookable):
        return {"reason": error.reason}
    return {}


@bp.errorhandler(BookingError)
def _booking_error(error: BookingError) -> tuple[Response, int]:
    detail = error.reason.split(":")[0] if isinstance(error, NotBookable) else ""
    return error_response(
        status_of(error), error.code, fields=error.fields, detail=detail, extra=extras_of(error)
    )


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> tuple[Response, int]:
    response, status = error_response(
        error.status, error.code, fields=error.fields, detail=error.detail
    )
    response.headers.update(error.headers)
    return response, status


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> tuple[Response, int]:
    """An HTTP error as JSON (also for /api/ paths outside the blueprint)."""
    status = error.code or 500
    if status >= 500 and status not in HTTP_CODES:
        return _server_error(error)
    code = "malformed_json" if error.description == JSONTooDeep.code else HTTP_CODES.get(status)
    response, status = error_response(status, code or "bad_request", detail="path")
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response, status


@bp.errorhandler(InternalServerError)
def _server_error(error: HTTPException) -> tuple[Response, int]:
    log.error("api: unexpected error on %s %s", request.method, request.url_rule)
    return error_response(500, "internal_error")
