"""Schemas of the OpenAPI document: the JSON shapes web/api/render.py produces."""

from __future__ import annotations

from typing import Any

JSON = "application/json"
DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["14:00"]}
CODE = {"type": "string", "pattern": "^[a-z0-9-]{1,32}$"}
MONTH = {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}
KEY_PATTERN = "^[\\x21-\\x7e]{1,100}$"  # visible ASCII
NULLABLE_STR = {"type": ["string", "null"]}


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
        "bookable": {
            "type": "boolean",
            "description": "inside the booking window and covered by a capacity plan",
        },
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
        note={**NULLABLE_STR, "description": "what the city says about an ad hoc closure"},
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
        status={
            "type": "string",
            "enum": ["active", "checked_in", "completed", "no_show", "cancelled"],
        },
        center=CODE,
        service=CODE,
        date=DATE,
        start=TIME,
        party_size={"type": "integer"},
    ),
    "CardLookup": obj(
        ["notice_number", "birth_date"],
        notice_number={"type": "string", "description": "交付通知書の番号 (9 digits, 3+6)"},
        birth_date=DATE,
    ),
    "CardStatus": obj(
        ["center", "ward", "earliest_date"],
        center=CODE,
        ward=CODE,
        earliest_date={**DATE, "description": "first date a transport can bring the card"},
    ),
    "CenterCapacity": obj(
        ["open_days", "issue_renew_slots", "issue_windows", "minutes_per_resident_per_window"],
        open_days={"type": "integer"},
        issue_renew_slots={"type": "integer"},
        issue_windows={"type": "integer"},
        minutes_per_resident_per_window={"type": "number"},
    ),
    "CapacityDay": obj(
        ["date", "bookable", "reason", "issue_renew_slots"],
        date={"type": "string", "format": "date"},
        bookable={"type": "boolean", "description": "some centre offers issue/renew places"},
        reason={
            "type": ["string", "null"],
            "description": "why not: a closure rule, not_open_yet (no capacity plan), no_places",
        },
        issue_renew_slots={"type": "integer"},
    ),
    "CapacityReport": obj(
        ["month", "floor", "issue_renew_slots", "meets_floor", "by_center", "days"],
        month=MONTH,
        floor={"type": "integer"},
        issue_renew_slots={"type": "integer"},
        meets_floor={"type": "boolean"},
        by_center={"type": "object", "additionalProperties": ref("CenterCapacity")},
        days={"type": "array", "items": ref("CapacityDay")},
    ),
    "NewVisitRequest": obj(
        ["service", "name", "birth_date", "phone", "address"],
        service={"type": "string", "enum": ["visit-apply", "visit-issue"]},
        name={"type": "string", "minLength": 1, "maxLength": 100},
        kana={"type": "string", "maxLength": 100},
        birth_date=DATE,
        phone={"type": "string", "examples": ["090-1234-5678", "045-200-1234"]},
        address={"type": "string", "minLength": 1, "maxLength": 200},
        facility={"type": "string", "maxLength": 100},
        access_notes={"type": "string", "maxLength": 500},
        postcode={"type": "string", "maxLength": 8},
        reason={
            "type": "string",
            "enum": ["bedridden", "care_facility", "disability", "hospital", "other"],
            "description": "why the resident cannot come to a centre",
        },
        notice_number={"type": "string", "description": "交付通知書の番号 (visit-issue only)"},
        language={"type": "string", "enum": ["ja", "en"]},
    ),
    "VisitRequest": obj(
        ["receipt", "status"],
        receipt={"type": "string", "pattern": "^[0-9]{8}$"},
        status={
            "type": "string",
            "enum": ["requested", "scheduled", "done", "not_at_home", "cancelled"],
        },
        date={**DATE, "description": "the visit day, once scheduled"},
    ),
}
