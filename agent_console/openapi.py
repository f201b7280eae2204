"""The staff API's part of the OpenAPI document: merged into /api/v1/openapi.json by wsgi.py,
and served alone at /api/v1/staff/openapi.json for scripts that only want the staff paths."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from agent_console import admin_plans_openapi, wallboard_openapi
from agent_console.api import api_bp
from queues.keys import QUEUE_NAMES

BEARER: list[dict[str, list[str]]] = [{"bearer": []}]
ERROR = {"$ref": "#/components/schemas/StaffError"}
SCHEMAS: dict[str, Any] = {
    "StaffError": {
        "type": "object",
        "required": ["error", "message", "fields"],
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "fields": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
    "AgentStatus": {
        "type": "object",
        "required": ["agent", "call", "wrap_up_owed"],
        "properties": {
            "agent": {"type": "object"},
            "call": {"type": ["object", "null"]},
            "wrap_up_owed": {"type": ["object", "null"]},
        },
    },
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _op(
    summary: str,
    ok: int,
    schema: dict[str, Any] | None,
    errors: tuple[int, ...],
    *,
    body: dict[str, Any] | None = None,
    secure: bool = True,
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        str(ok): {"description": "OK", **(_json(schema) if schema else {})}
    }
    for status in errors:
        responses[str(status)] = {"description": "Error", **_json(ERROR)}
    op: dict[str, Any] = {"summary": summary, "tags": ["staff"], "responses": responses}
    if body:
        op["requestBody"] = {"required": True, **_json(body)}
    if secure:
        op["security"] = BEARER
    return op


def _body(required: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


STATUS = {"$ref": "#/components/schemas/AgentStatus"}
STR = {"type": "string"}
STAFF_PATHS: dict[str, Any] = {
    "/api/v1/staff/login": {
        "post": _op(
            "Exchange a username and password for a bearer token (idle timeout 30 min, "
            "ends after STAFF_SESSION_HOURS); supervisors and admins add `totp`, the "
            "6-digit code of their authenticator app (not enrolled yet: 403 "
            "totp_enrolment_required, enrol on /console/login)",
            200,
            {"type": "object", "required": ["token"], "properties": {"token": STR}},
            (400, 401, 403, 422, 429, 503),
            body=_body(["username", "password"], username=STR, password=STR, totp=STR),
            secure=False,
        )
    },
    "/api/v1/staff/logout": {"post": _op("End the token's session", 204, None, (401,))},
    "/api/v1/staff/presence": {
        "put": _op(
            "Change presence: available, break (with a reason) or offline",
            200,
            STATUS,
            (400, 401, 409, 422),
            body=_body(
                ["state"],
                state={"enum": ["available", "break", "offline"]},
                reason={"enum": ["rest", "lunch", "meeting", "training", "other"]},
            ),
        )
    },
    "/api/v1/staff/me": {"get": _op("Presence, current call, wrap-up owed", 200, STATUS, (401,))},
    "/api/v1/staff/answer": {"post": _op("Pick up the routed call", 200, STATUS, (401, 409))},
    "/api/v1/staff/hangup": {"post": _op("End the call; wrap-up follows", 200, STATUS, (401, 409))},
    "/api/v1/staff/wrap-up": {
        "post": _op(
            "Record the inquiry (topic, outcome code, notes, escalation), then take the next state",
            200,
            STATUS,
            (400, 401, 409, 422),
            body=_body(
                ["code", "topic"],
                code=STR,
                topic=STR,
                note=STR,
                escalate={"type": "boolean"},
                next_state={"enum": ["available", "break", "offline"]},
            ),
        )
    },
    "/api/v1/staff/call/hold": {
        "post": _op(
            "Put the caller on hold with music; held=false brings them back to the browser",
            200,
            STATUS,
            (401, 409),
        )
    },
    "/api/v1/staff/call/transfer": {
        "post": _op(
            "Blind transfer to another agent who is available, or (with `queue`) into another "
            "queue, where the caller waits for its agents with the usual hold announcements "
            "and the wait starts again; this agent goes to wrap-up. Give `agent` or `queue`; "
            "an unknown queue is 422; a closed one, one with nobody on duty or a callback is 409 "
            "transfer_refused (fields.queue: closed, nobody_on_duty, callback)",
            200,
            STATUS,
            (400, 401, 409, 422),
            body=_body([], agent=STR, queue={"enum": list(QUEUE_NAMES)}),
        )
    },
    "/api/v1/staff/callbacks": {
        "get": _op(
            "Callback requests waiting, in serving order",
            200,
            {"type": "object", "properties": {"callbacks": {"type": "array"}}},
            (401,),
        )
    },
    "/api/v1/staff/voice-token": {
        "get": _op(
            "Access token of the agent's softphone (Twilio Voice JS SDK)",
            200,
            {
                "type": "object",
                "required": ["token", "identity"],
                "properties": {"token": STR, "identity": STR},
            },
            (401, 503),
        )
    },
    "/api/v1/stats/live": {
        "get": _op(
            "Per-queue and per-agent figures with Erlang C staffing (supervisors)",
            200,
            {
                "type": "object",
                "required": ["queues", "agents"],
                "properties": {"queues": {"type": "array"}, "agents": {"type": "array"}},
            },
            (401, 403),
        )
    },
    "/api/v1/staff/openapi.json": {
        "get": _op(
            "The staff paths alone, as a document", 200, {"type": "object"}, (), secure=False
        )
    },
}
COUNTER_ERRORS = (401, 403, 404, 409)
COUNTER_BOOKING = {
    "type": "object",
    "required": ["reference", "start", "service", "party_size", "status", "late"],
    "properties": {
        "reference": STR,
        "start": STR,
        "service": STR,
        "party_size": {"type": "integer"},
        "status": {"enum": ["active", "checked_in", "completed", "no_show"]},
        "late": {"type": "boolean"},
    },
}
WALK_IN = {
    "type": "object",
    "required": ["ticket", "center", "service", "party_size", "band", "at"],
    "properties": {
        "ticket": STR,
        "center": STR,
        "service": STR,
        "party_size": {"type": "integer"},
        "band": STR,
        "at": STR,
    },
}
MOVED = {
    "type": "object",
    "required": ["reference", "status", "late"],
    "properties": {"reference": STR, "status": STR, "late": {"type": "boolean"}},
}
CENTER_ID = {"name": "center_id", "in": "path", "required": True, "schema": STR}
REFERENCE = {"name": "reference", "in": "path", "required": True, "schema": STR}
DAY = {"name": "date", "in": "query", "required": False, "schema": {"type": "string"}}
STAFF_PATHS |= {
    "/api/v1/staff/centers/{center_id}/day": {
        "get": _op(
            "A centre's bookings of a day by time with their status, and its walk-ins (counter)",
            200,
            {
                "type": "object",
                "required": ["date", "center", "bookings", "walk_ins"],
                "properties": {
                    "date": STR,
                    "center": STR,
                    "bookings": {"type": "array", "items": COUNTER_BOOKING},
                    "walk_ins": {"type": "array", "items": WALK_IN},
                },
            },
            (401, 403, 404, 422),
        )
        | {"parameters": [CENTER_ID, DAY]}
    },
    "/api/v1/staff/bookings/{reference}/check-in": {
        "post": _op(
            "Check the resident in (today's active booking; late after 5 min)",
            200,
            MOVED,
            COUNTER_ERRORS,
        )
        | {"parameters": [REFERENCE]}
    },
    "/api/v1/staff/bookings/{reference}/complete": {
        "post": _op(
            "Mark a checked-in booking served (issuance: card handed over)",
            200,
            MOVED,
            COUNTER_ERRORS,
        )
        | {"parameters": [REFERENCE]}
    },
    "/api/v1/staff/bookings/{reference}/no-show": {
        "post": _op(
            "Mark an active booking a no-show (after start plus the grace)",
            200,
            MOVED,
            COUNTER_ERRORS,
        )
        | {"parameters": [REFERENCE]}
    },
    "/api/v1/staff/centers/{center_id}/walk-ins": {
        "post": _op(
            "Number a walk-in's ticket from the places held back (not issuance)",
            201,
            WALK_IN,
            (400, 401, 403, 409, 422),
            body=_body(["service"], service=STR, party_size={"type": "integer", "minimum": 1}),
        )
        | {"parameters": [CENTER_ID]}
    },
}
NOTICE = {"name": "notice_number", "in": "path", "required": True, "schema": STR}
CUSTODY_STATES = [
    "at_ward", "in_transit", "at_centre", "issued", "in_return", "back_at_ward", "withdrawn",
]  # fmt: skip
MANIFEST_CARD = {
    "type": "object",
    "required": ["notice_number", "booking_reference", "booking_date"],
    "properties": {
        "notice_number": STR,
        "booking_reference": STR,
        "booking_date": STR,
        "state": {"enum": CUSTODY_STATES},
    },
}
STAFF_PATHS |= {
    "/api/v1/staff/transport": {
        "get": _op(
            "The day's transport manifest: cards to carry by ward (fixed at the cut-off), late "
            "bookings, returns; CSV with format=csv or Accept: text/csv",
            200,
            {
                "type": "object",
                "required": ["date", "cutoff", "wards"],
                "properties": {
                    "date": STR,
                    "transport_day": {"type": "boolean"},
                    "cutoff": STR,
                    "wards": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ward", "center", "cards"],
                            "properties": {
                                "ward": STR,
                                "center": STR,
                                "cards": {"type": "array", "items": MANIFEST_CARD},
                            },
                        },
                    },
                    "late": {"type": "array"},
                    "returns": {"type": "array"},
                },
            },
            (401, 403, 422),
        )
        | {
            "parameters": [
                DAY,
                {"name": "format", "in": "query", "required": False, "schema": {"enum": ["csv"]}},
            ]
        }
    },
    "/api/v1/staff/cards/{notice_number}/custody": {
        "post": _op(
            "Record a hand-over of a card (issued only when its booking is checked in there)",
            200,
            {
                "type": "object",
                "required": ["notice_number", "state"],
                "properties": {"notice_number": STR, "state": {"enum": CUSTODY_STATES}},
            },
            (400, 401, 403, 404, 409, 422),
            body=_body(
                ["event"],
                event={"enum": ["picked_up", "received", "issued", "return_packed", "returned"]},
            ),
        )
        | {"parameters": [NOTICE]}
    },
    "/api/v1/staff/cards/{notice_number}": {
        "get": _op(
            "A card's custody state and every hand-over (who, when, where)",
            200,
            {
                "type": "object",
                "required": ["notice_number", "state", "events"],
                "properties": {
                    "notice_number": STR,
                    "state": {"enum": CUSTODY_STATES},
                    "events": {"type": "array"},
                },
            },
            (401, 403, 404),
        )
        | {"parameters": [NOTICE]}
    },
}
CARD_ROW = {"type": "object", "properties": {"notice_number": STR, "ward": STR, "ready_on": STR}}
STAFF_PATHS |= {
    "/api/v1/staff/cards/list": {
        "post": _op(
            "Import the card-ready list (text/csv body); dry_run=true only says what it would "
            "add, update and hold (supervisors, administrators)",
            201,
            {
                "type": "object",
                "properties": {
                    "added": {"type": "integer"},
                    "updated": {"type": "integer"},
                    "unchanged": {"type": "integer"},
                    "already_imported": {"type": "boolean"},
                    "adds": {"type": "array", "items": CARD_ROW},
                    "updates": {"type": "array", "items": CARD_ROW},
                    "held": {"type": "array", "items": CARD_ROW},
                },
            },
            (401, 403, 422),
        )
        | {
            "parameters": [
                {"name": "dry_run", "in": "query", "required": False, "schema": {"enum": ["true"]}}
            ],
            "requestBody": {
                "required": True,
                "content": {"text/csv": {"schema": {"type": "string"}}},
            },
        }
    },
    "/api/v1/staff/cards/{notice_number}/withdraw": {
        "post": _op(
            "Take a card still at its ward off the list; says whom to call if it was booked",
            200,
            {
                "type": "object",
                "required": ["notice_number", "state", "call"],
                "properties": {
                    "notice_number": STR,
                    "state": STR,
                    "call": {"type": ["object", "null"]},
                },
            },
            (400, 401, 403, 404, 409, 422),
            body=_body(["reason"], reason=STR),
        )
        | {"parameters": [NOTICE]}
    },
}
CLOSURE = {
    "type": "object",
    "required": ["id", "center", "date", "reason"],
    "properties": {
        "id": {"type": "integer"},
        "center": STR,
        "date": STR,
        "start": {"type": ["string", "null"]},
        "end": {"type": ["string", "null"]},
        "reason": STR,
        "affected": {"type": "array", "items": STR},
        "notified": {"type": "integer"},
    },
}
STAFF_PATHS |= {
    "/api/v1/staff/closures": {
        "post": _op(
            "Close a centre, all centres (center=all) or the call centre (call-centre) for a day "
            "or part of one; notify texts every booking it hits (administrators)",
            201,
            CLOSURE,
            (400, 401, 403, 422),
            body=_body(
                ["center", "date", "reason"],
                center=STR,
                date=STR,
                reason=STR,
                start=STR,
                end=STR,
                notify={"type": "boolean"},
            ),
        ),
        "get": _op(
            "The closures from today on (supervisors, administrators)",
            200,
            {"type": "object", "properties": {"closures": {"type": "array", "items": CLOSURE}}},
            (401, 403),
        ),
    },
}
MESSAGE = {
    "type": "object",
    "required": ["kind", "channel", "status", "created_at"],
    "properties": {
        "kind": {"enum": ["confirmation", "change", "cancellation", "reminder", "closure"]},
        "channel": {"enum": ["sms", "voice"]},
        "status": STR,
        "created_at": STR,
    },
}
BOOKING_RECORD = {
    "type": "object",
    "required": ["reference", "status", "center", "date", "start", "service", "texts"],
    "properties": {
        "reference": STR,
        "status": STR,
        "center": STR,
        "date": STR,
        "start": STR,
        "service": STR,
        "reminders": {"type": "boolean"},
        "texts": {"type": "array", "items": MESSAGE},
    },
}
STAFF_PATHS |= {
    "/api/v1/staff/bookings/{reference}": {
        "get": _op(
            "A booking and every message it owed (text or call) with how it went; the read is "
            "audited (agents, supervisors, administrators)",
            200,
            BOOKING_RECORD,
            (401, 403, 404),
        )
        | {"parameters": [REFERENCE]}
    },
    "/api/v1/staff/bookings/{reference}/reminders": {
        "put": _op(
            "Turn the reminder the day before on or off, as the resident asked",
            200,
            {"type": "object", "properties": {"reference": STR, "reminders": {"type": "boolean"}}},
            (400, 401, 403, 404, 422),
            body=_body(["enabled"], enabled={"type": "boolean"}),
        )
        | {"parameters": [REFERENCE]}
    },
}
INT = {"type": "integer"}
RATE = {"type": ["number", "null"]}
COUNTS = {"type": "object", "additionalProperties": True}
CITY_REPORT = {
    "type": "object",
    "required": ["kind", "period", "made_at", "closed", "bookings", "no_shows", "walk_ins",
                 "calls"],
    "properties": {
        "kind": {"enum": ["daily", "monthly"]},
        "period": STR,
        "made_at": STR,
        "closed": {"type": "boolean"},
        "bookings": {
            "type": "object",
            "required": ["made", "changed", "cancelled", "by_channel", "by_center", "by_service"],
            "properties": {"made": INT, "changed": INT, "cancelled": INT, "by_channel": COUNTS,
                           "by_center": COUNTS, "by_service": COUNTS},
        },
        "appointments": INT, "checked_in": INT, "completed": INT, "no_shows": INT, "late": INT,
        "walk_ins": INT, "visitors": INT, "cards": COUNTS, "places": COUNTS, "by_center": COUNTS,
        "calls": {
            "type": "object",
            "required": ["total", "ivr_only", "offered", "answered", "abandoned", "answer_rate",
                         "service_level"],
            "properties": {"total": INT, "ivr_only": INT, "offered": INT, "answered": INT,
                           "abandoned": INT, "answer_rate": RATE, "service_level": RATE,
                           "ivr_outcomes": COUNTS, "abandoned_after": COUNTS},
        },
        "days": {"type": "array", "items": {"type": "object"}},
        "capacity": COUNTS,
    },
}  # fmt: skip
REPORT_FORMAT = {"name": "format", "in": "query", "required": False,
                 "schema": {"enum": ["json", "csv", "pdf"]}}  # fmt: skip
REPORT_FILES = {"text/csv": {"schema": STR},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}}}  # fmt: skip


def _report_op(summary: str, period: dict[str, Any]) -> dict[str, Any]:
    op = _op(summary, 200, CITY_REPORT, (401, 403, 422))
    op["responses"]["200"]["content"] |= REPORT_FILES
    return op | {"parameters": [period, REPORT_FORMAT]}


def _days_op() -> dict[str, Any]:
    days = {"type": "array", "items": {"type": "object"}}
    body = {
        "type": "object",
        "required": ["from", "to", "days"],
        "properties": {"from": STR, "to": STR, "days": days},
    }
    op = _op(
        "The main figures of each day of a range (at most 62 days), counted now; CSV with "
        "format=csv or Accept: text/csv (supervisors, admins)",
        200,
        body,
        (401, 403, 422),
    )
    op["responses"]["200"]["content"]["text/csv"] = {"schema": STR}
    day = {"type": "string", "format": "date"}
    return op | {
        "parameters": [
            {"name": "from", "in": "query", "required": True, "schema": day},
            {"name": "to", "in": "query", "required": True, "schema": day},
            {
                "name": "format",
                "in": "query",
                "required": False,
                "schema": {"enum": ["json", "csv"]},
            },
        ]
    }


STAFF_PATHS |= {
    "/api/v1/staff/reports/daily": {
        "get": _report_op(
            "A day's figures for the city from every channel (bookings by channel, centre and "
            "service; visits, walk-ins, cards, places; calls); kept once the day has closed; "
            "CSV with format=csv or Accept: text/csv, PDF with format=pdf (supervisors, admins)",
            {"name": "date", "in": "query", "required": False,
             "schema": {"type": "string", "format": "date"}},
        )
    },
    "/api/v1/staff/reports/days": {"get": _days_op()},
    "/api/v1/staff/reports/monthly": {
        "get": _report_op(
            "A month's figures for the city by day and by centre, capacity against the 50,000 "
            "floor; kept once the month has closed; CSV or PDF as for the daily report "
            "(supervisors, admins)",
            {"name": "month", "in": "query", "required": False,
             "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}},
        )
    },
}  # fmt: skip
OPERATION_IDS = {
    ("/api/v1/staff/login", "post"): "staffLogin",
    ("/api/v1/staff/logout", "post"): "staffLogout",
    ("/api/v1/staff/presence", "put"): "setPresence",
    ("/api/v1/staff/me", "get"): "getMyStatus",
    ("/api/v1/staff/answer", "post"): "answerCall",
    ("/api/v1/staff/hangup", "post"): "hangUpCall",
    ("/api/v1/staff/wrap-up", "post"): "wrapUpCall",
    ("/api/v1/staff/callbacks", "get"): "listCallbacks",
    ("/api/v1/staff/call/hold", "post"): "holdCall",
    ("/api/v1/staff/call/transfer", "post"): "transferCall",
    ("/api/v1/staff/voice-token", "get"): "getVoiceToken",
    ("/api/v1/stats/live", "get"): "getLiveStats",
    ("/api/v1/staff/openapi.json", "get"): "getStaffOpenApiDocument",
    ("/api/v1/staff/centers/{center_id}/day", "get"): "getCounterDay",
    ("/api/v1/staff/bookings/{reference}/check-in", "post"): "checkInBooking",
    ("/api/v1/staff/bookings/{reference}/complete", "post"): "completeBooking",
    ("/api/v1/staff/bookings/{reference}/no-show", "post"): "markBookingNoShow",
    ("/api/v1/staff/centers/{center_id}/walk-ins", "post"): "issueWalkIn",
    ("/api/v1/staff/transport", "get"): "getTransportManifest",
    ("/api/v1/staff/cards/{notice_number}/custody", "post"): "recordCardCustody",
    ("/api/v1/staff/cards/{notice_number}", "get"): "getCardCustody",
    ("/api/v1/staff/cards/list", "post"): "uploadCardList",
    ("/api/v1/staff/cards/{notice_number}/withdraw", "post"): "withdrawCard",
    ("/api/v1/staff/closures", "post"): "createClosure",
    ("/api/v1/staff/closures", "get"): "listClosures",
    ("/api/v1/staff/bookings/{reference}", "get"): "getBookingRecord",
    ("/api/v1/staff/bookings/{reference}/reminders", "put"): "setBookingReminders",
    ("/api/v1/staff/reports/daily", "get"): "getDailyReport",
    ("/api/v1/staff/reports/monthly", "get"): "getMonthlyReport",
    ("/api/v1/staff/reports/days", "get"): "getDayRangeReport",
}
STAFF_PATHS |= admin_plans_openapi.PATHS
OPERATION_IDS |= admin_plans_openapi.OPERATION_IDS
STAFF_PATHS |= wallboard_openapi.PATHS
OPERATION_IDS |= wallboard_openapi.OPERATION_IDS
for (_path, _method), _id in OPERATION_IDS.items():
    STAFF_PATHS[_path][_method]["operationId"] = _id

SECURITY_SCHEMES = {"bearer": {"type": "http", "scheme": "bearer"}}
TAGS = [{"name": "staff", "description": "Agents' console and supervisors (bearer token)"}]
DESCRIPTION = (
    "Staff paths (tag staff) take `Authorization: Bearer <token>` from POST "
    "/api/v1/staff/login; their errors are StaffError."
)


def part() -> dict[str, Any]:
    """The staff paths, schemas, bearer scheme and tag, for the whole /api/v1 document."""
    return {
        "paths": STAFF_PATHS,
        "components": {"schemas": SCHEMAS, "securitySchemes": SECURITY_SCHEMES},
        "tags": TAGS,
        "description": DESCRIPTION,
    }


def document() -> dict[str, Any]:
    """The staff API alone as an OpenAPI 3.1 document (a subset of /api/v1/openapi.json)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "mynacall staff API", "version": "1.0.0", "description": DESCRIPTION},
        "paths": STAFF_PATHS,
        "tags": TAGS,
        "components": {"schemas": SCHEMAS, "securitySchemes": SECURITY_SCHEMES},
    }


@api_bp.get("/staff/openapi.json")
def staff_openapi() -> Response:
    """Serve the staff paths alone (the whole API is at /api/v1/openapi.json)."""
    return jsonify(document())
