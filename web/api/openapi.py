"""The OpenAPI 3.1 document of /api/v1, written by hand to match web/api/render.py.

Other blueprints under /api/v1 (the staff API) add their part with `add_part` when the app
is wired, so one document covers every path without `web` importing them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import Flask, Response, current_app, jsonify

from web.api.blueprint import bp
from web.api.openapi_schemas import CODE, DATE, JSON, KEY_PATTERN, MONTH, SCHEMAS, ref

STATUS_TEXT = {
    400: "Malformed JSON or request",
    404: "Not found (for bookings: wrong reference or birth date)",
    405: "Method not allowed",
    409: "No room (slot_full, with alternatives), already_booked or concurrent_change",
    413: "Body too large",
    415: "Body is not application/json",
    422: "Field errors, a rule of the booking core, or a My Number anywhere in the request",
    429: "Too many look-ups from this client (Retry-After says when to retry)",
    503: "The look-up counter is unreachable: refused, never let through uncounted",
}


def param(name: str, where: str, schema: dict[str, Any], *, required: bool = False) -> dict:
    """A parameter of an operation."""
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema}


RANGE = [param("from", "query", DATE), param("to", "query", DATE)]
REFERENCE = param("reference", "path", {"type": "string"})
BIRTH_DATE = param("birth_date", "query", DATE, required=True)
NO_STORE = {"Cache-Control": {"schema": {"type": "string", "const": "no-store"}}}


def op(
    summary: str, ok: int, schema: dict[str, Any], errors: tuple[int, ...], **extra: Any
) -> dict:
    """An operation: its success answer, its error answers (all Error) and any extras."""
    responses: dict[str, Any] = {
        str(ok): {"description": "OK", "content": {JSON: {"schema": schema}}}
    }
    for status in errors:
        responses[str(status)] = {
            "description": STATUS_TEXT[status],
            "content": {JSON: {"schema": ref("Error")}},
        }
    if 429 in errors:
        retry = {"Retry-After": {"schema": {"type": "string", "pattern": "^[0-9]+$"}}}
        responses["429"]["headers"] = retry
    if extra.pop("no_store", False):
        responses[str(ok)]["headers"] = NO_STORE
    return {"summary": summary, "responses": responses, **extra}


def _body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {JSON: {"schema": ref(name)}}}


LOOKUP_ERRORS = (400, 404, 405, 413, 415, 422, 429, 503)
BOOKING_ERRORS = (400, 405, 409, 413, 415, 422, 429, 503)
PATHS: dict[str, Any] = {
    "/api/v1/centers": {
        "get": op("The centres", 200, {"type": "array", "items": ref("Center")}, (405, 422))
    },
    "/api/v1/centers/{center_id}/calendar": {
        "get": op(
            "A centre's opening days (at most 92 days; default 31 from today)",
            200,
            ref("CenterCalendar"),
            (404, 405, 422),
            parameters=[param("center_id", "path", CODE), *RANGE],
        )
    },
    "/api/v1/call-center/calendar": {
        "get": op(
            "The call centre's staffed hours",
            200,
            ref("CallCenterCalendar"),
            (405, 422),
            parameters=RANGE,
        )
    },
    "/api/v1/services": {
        "get": op("The procedures", 200, {"type": "array", "items": ref("Service")}, (405, 422))
    },
    "/api/v1/availability": {
        "get": op(
            "Places left per band: one date, or from/to for a month view",
            200,
            {"oneOf": [ref("DayAvailability"), ref("RangeAvailability")]},
            (405, 422),
            parameters=[
                param("center", "query", CODE, required=True),
                param("service", "query", CODE, required=True),
                param("date", "query", DATE),
                *RANGE,
            ],
        )
    },
    "/api/v1/bookings": {
        "post": op(
            "Book (the same Idempotency-Key again returns the same booking)",
            201,
            ref("Booking"),
            BOOKING_ERRORS,
            parameters=[
                param("Idempotency-Key", "header", {"type": "string", "pattern": KEY_PATTERN})
            ],
            requestBody=_body("NewBooking"),
            no_store=True,
        )
    },
    "/api/v1/bookings/{reference}": {
        "get": op(
            "A booking",
            200,
            ref("Booking"),
            LOOKUP_ERRORS,
            parameters=[REFERENCE, BIRTH_DATE],
            no_store=True,
        ),
        "patch": op(
            "Move a booking to another date and time",
            200,
            ref("Booking"),
            (*LOOKUP_ERRORS, 409),
            parameters=[REFERENCE],
            requestBody=_body("BookingChange"),
            no_store=True,
        ),
        "delete": op(
            "Cancel a booking (again: the same answer)",
            200,
            ref("Booking"),
            LOOKUP_ERRORS,
            parameters=[REFERENCE, BIRTH_DATE],
            no_store=True,
        ),
    },
    "/api/v1/cards/lookup": {
        "post": op(
            "Which centre issues a ready card, and from which date (wrong data is rate-limited)",
            200,
            ref("CardStatus"),
            LOOKUP_ERRORS,
            requestBody=_body("CardLookup"),
            no_store=True,
        )
    },
    "/api/v1/reports/capacity": {
        "get": op(
            "Bookable issue/renew places of a month against the 50,000 floor",
            200,
            ref("CapacityReport"),
            (405, 422),
            parameters=[param("month", "query", MONTH, required=True)],
        )
    },
    "/api/v1/visit-requests": {
        "post": op(
            "Ask for a home visit (訪問申請支援・訪問交付); visit-issue needs a card on the list",
            201,
            ref("VisitRequest"),
            BOOKING_ERRORS,
            requestBody=_body("NewVisitRequest"),
            no_store=True,
        )
    },
    "/api/v1/visit-requests/{receipt}": {
        "get": op(
            "A home-visit request's status and visit date, by receipt number and birth date",
            200,
            ref("VisitRequest"),
            LOOKUP_ERRORS,
            parameters=[param("receipt", "path", {"type": "string"}), BIRTH_DATE],
            no_store=True,
        )
    },
    "/api/v1/openapi.json": {"get": op("This document", 200, {"type": "object"}, (405, 422))},
}


OPERATION_IDS = {
    ("/api/v1/centers", "get"): "listCenters",
    ("/api/v1/centers/{center_id}/calendar", "get"): "getCenterCalendar",
    ("/api/v1/call-center/calendar", "get"): "getCallCenterCalendar",
    ("/api/v1/services", "get"): "listServices",
    ("/api/v1/availability", "get"): "getAvailability",
    ("/api/v1/bookings", "post"): "createBooking",
    ("/api/v1/bookings/{reference}", "get"): "getBooking",
    ("/api/v1/bookings/{reference}", "patch"): "changeBooking",
    ("/api/v1/bookings/{reference}", "delete"): "cancelBooking",
    ("/api/v1/cards/lookup", "post"): "lookupCard",
    ("/api/v1/reports/capacity", "get"): "getCapacityReport",
    ("/api/v1/visit-requests", "post"): "createVisitRequest",
    ("/api/v1/visit-requests/{receipt}", "get"): "getVisitRequest",
    ("/api/v1/openapi.json", "get"): "getOpenApiDocument",
}
for (_path, _method), _id in OPERATION_IDS.items():
    PATHS[_path][_method]["operationId"] = _id

# A new booking leads on to reading and cancelling it (clients and stateful testers follow these).
_BOOKED = {"reference": "$response.body#/reference", "birth_date": "$request.body#/birth_date"}
PATHS["/api/v1/bookings"]["post"]["responses"]["201"]["links"] = {
    "GetBooking": {"operationId": "getBooking", "parameters": _BOOKED},
    "CancelBooking": {"operationId": "cancelBooking", "parameters": _BOOKED},
}


PARTS = "openapi_parts"  # app.extensions key: the parts other blueprints added


def add_part(app: Flask, part: Mapping[str, Any]) -> None:
    """Merge another blueprint's paths, components and tags into this app's document."""
    app.extensions.setdefault(PARTS, []).append(part)


def document(parts: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The whole OpenAPI document: the public paths, then each added part's."""
    description = (
        "Bookings at Yokohama's My Number Card centres. Dates YYYY-MM-DD, times HH:MM, "
        "Asia/Tokyo. Errors: {error, message, fields} with a 4xx status. "
        "Never send a My Number (12-digit individual number): it is refused."
    )
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "mynacall API", "version": "1.0.0", "description": description},
        "paths": dict(PATHS),
        "components": {"schemas": dict(SCHEMAS)},
    }
    for part in parts:
        _merge(doc, part)
    return doc


def _merge(doc: dict[str, Any], part: Mapping[str, Any]) -> None:
    _add_new(doc["paths"], part.get("paths", {}), "path")
    for kind, entries in part.get("components", {}).items():
        _add_new(doc["components"].setdefault(kind, {}), entries, kind)
    if part.get("tags"):
        doc["tags"] = [*doc.get("tags", []), *part["tags"]]
    if part.get("description"):
        doc["info"]["description"] += " " + part["description"]


def _add_new(target: dict[str, Any], entries: Mapping[str, Any], what: str) -> None:
    # Two blueprints describing the same path or schema differently would be a silent lie.
    if clash := sorted(set(target) & set(entries)):
        raise ValueError(f"OpenAPI {what} defined twice: {', '.join(clash)}")
    target.update(entries)


@bp.get("/openapi.json")
def openapi_json() -> Response:
    """Serve the OpenAPI document, with the parts other blueprints added."""
    return jsonify(document(current_app.extensions.get(PARTS, ())))
