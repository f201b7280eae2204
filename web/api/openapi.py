"""The OpenAPI 3.1 document of /api/v1, written by hand to match web/api/render.py."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from web.api import bp

JSON = "application/json"
DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["14:00"]}
CODE = {"type": "string", "pattern": "^[a-z0-9-]{1,32}$"}
MONTH = {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}
KEY_PATTERN = "^[\\x21-\\x7e]{1,100}$"  # visible ASCII
NULLABLE_STR = {"type": ["string", "null"]}
STATUS_TEXT = {
    400: "Malformed JSON or request",
    404: "Not found (for bookings: wrong reference or birth date)",
    405: "Method not allowed",
    409: "No room (slot_full, with alternatives), already_booked or concurrent_change",
    413: "Body too large",
    415: "Body is not application/json",
    422: "Field errors, or a rule of the booking core",
    429: "Too many failed look-ups (Retry-After says when to retry)",
}


def ref(name: str) -> dict[str, str]:
    """A reference to a schema of the document."""
    return {"$ref": f"#/components/schemas/{name}"}


def obj(required: list[str], **props: Any) -> dict[str, Any]:
    """An object schema; extra properties are allowed (fields may be added, never removed)."""
    return {"type": "object", "required": required, "properties": props}


def _localized() -> dict[str, Any]:
    return obj(["ja", "en"], ja={"type": "string"}, en={"type": "string"})


def _day_fields() -> dict[str, Any]:
    return {"date": DATE, "open": {"type": "boolean"}, "opens": TIME, "closes": TIME}


def _interval() -> dict[str, Any]:
    return obj(["from", "to"], **{"from": TIME, "to": TIME})


def _slot_day() -> dict[str, Any]:
    return {
        "date": DATE,
        "open": {"type": "boolean"},
        "bookable": {"type": "boolean", "description": "inside the booking window"},
        "reason": NULLABLE_STR,
        "slots": {"type": "array", "items": ref("Slot")},
    }


SCHEMAS: dict[str, Any] = {
    "Error": obj(
        ["error", "message", "fields"],
        error={"type": "string", "description": "machine code, e.g. slot_full"},
        message={"type": "string", "description": "text in the Accept-Language (ja or en)"},
        fields={"type": "object", "additionalProperties": {"type": "string"}},
        alternatives={"type": "array", "items": ref("Alternative")},
        earliest_date=DATE,
        reason={"type": "string", "description": "why a time is not bookable"},
    ),
    "Alternative": obj(
        ["date", "start", "remaining"], date=DATE, start=TIME, remaining={"type": "integer"}
    ),
    "Center": obj(
        ["id", "name", "address", "station", "windows"],
        id=CODE,
        name=_localized(),
        address={"type": "string"},
        station=_localized(),
        windows=obj(
            ["reception", "issue_renew"],
            reception={"type": "integer"},
            issue_renew={"type": "integer"},
        ),
    ),
    "CenterDay": obj(
        ["date", "open", "reason"],
        **_day_fields(),
        last_reception=TIME,
        closed_intervals={"type": "array", "items": _interval()},
        reason=NULLABLE_STR,
    ),
    "CenterCalendar": obj(
        ["center", "days"], center=CODE, days={"type": "array", "items": ref("CenterDay")}
    ),
    "CallCenterDay": obj(["date", "open", "reason"], **_day_fields(), reason=NULLABLE_STR),
    "CallCenterCalendar": obj(["days"], days={"type": "array", "items": ref("CallCenterDay")}),
    "Service": obj(
        ["code", "name", "group", "minutes", "booking_required"],
        code=CODE,
        name=_localized(),
        group={"type": "string", "enum": ["issue_renew", "reception", "visit"]},
        minutes={"type": "integer"},
        booking_required={"type": "boolean"},
    ),
    "Slot": obj(["start", "remaining"], start=TIME, remaining={"type": "integer", "minimum": 0}),
    "DayAvailability": obj(
        ["center", "service", "date", "open", "bookable", "reason", "slots"],
        center=CODE,
        service=CODE,
        **_slot_day(),
    ),
    "RangeAvailability": obj(
        ["center", "service", "from", "to", "days"],
        center=CODE,
        service=CODE,
        days={
            "type": "array",
            "items": obj(["date", "open", "bookable", "reason", "slots"], **_slot_day()),
        },
        **{"from": DATE, "to": DATE},
    ),
    "NewBooking": obj(
        ["service", "date", "start", "phone", "birth_date", "name"],
        center={**CODE, "description": "may be omitted for issue: the card's ward decides"},
        service=CODE,
        date=DATE,
        start=TIME,
        party_size={"type": "integer", "minimum": 1, "maximum": 4, "default": 1},
        phone={"type": "string", "examples": ["090-1234-5678", "+819012345678"]},
        birth_date=DATE,
        name={"type": "string", "minLength": 1, "maxLength": 100},
        kana={"type": "string", "maxLength": 100},
        address={"type": "string", "maxLength": 200, "description": "required for home visits"},
        notice_number={"type": "string", "description": "交付通知書の番号 (issue only)"},
        language={"type": "string", "enum": ["ja", "en"]},
    ),
    "BookingChange": obj(["birth_date", "date", "start"], birth_date=DATE, date=DATE, start=TIME),
    "Booking": obj(
        ["reference", "status", "center", "service", "date", "start", "party_size"],
        reference={"type": "string", "pattern": "^[0-9]{10}$"},
        status={"type": "string", "enum": ["active", "cancelled"]},
        center=CODE,
        service=CODE,
        date=DATE,
        start=TIME,
        party_size={"type": "integer"},
    ),
    "CenterCapacity": obj(
        ["open_days", "issue_renew_slots", "issue_windows", "minutes_per_resident_per_window"],
        open_days={"type": "integer"},
        issue_renew_slots={"type": "integer"},
        issue_windows={"type": "integer"},
        minutes_per_resident_per_window={"type": "number"},
    ),
    "CapacityReport": obj(
        ["month", "floor", "issue_renew_slots", "meets_floor", "by_center"],
        month=MONTH,
        floor={"type": "integer"},
        issue_renew_slots={"type": "integer"},
        meets_floor={"type": "boolean"},
        by_center={"type": "object", "additionalProperties": ref("CenterCapacity")},
    ),
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


LOOKUP_ERRORS = (400, 404, 405, 413, 415, 422, 429)
BOOKING_ERRORS = (400, 405, 409, 413, 415, 422, 429)
PATHS: dict[str, Any] = {
    "/api/v1/centers": {
        "get": op("The centres", 200, {"type": "array", "items": ref("Center")}, (405,))
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
        "get": op("The procedures", 200, {"type": "array", "items": ref("Service")}, (405,))
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
            parameters=[param("Idempotency-Key", "header", {"type": "string", "maxLength": 100})],
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
    "/api/v1/reports/capacity": {
        "get": op(
            "Bookable issue/renew places of a month against the 50,000 floor",
            200,
            ref("CapacityReport"),
            (405, 422),
            parameters=[param("month", "query", MONTH, required=True)],
        )
    },
    "/api/v1/openapi.json": {"get": op("This document", 200, {"type": "object"}, (405,))},
}


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mynacall public API",
            "version": "1.0.0",
            "description": (
                "Bookings at Yokohama's My Number Card centres. Dates YYYY-MM-DD, times HH:MM, "
                "Asia/Tokyo. Errors: {error, message, fields} with a 4xx status. "
                "Never send a My Number (12-digit individual number): it is refused."
            ),
        },
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }


@bp.get("/openapi.json")
def openapi_json() -> Response:
    """Serve the OpenAPI document."""
    return jsonify(document())
