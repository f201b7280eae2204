"""The inquiry-record paths of the staff OpenAPI document (added to agent_console.openapi)."""

from __future__ import annotations

from typing import Any

from agent_console.openapi import STAFF_PATHS, _body, _op

STR = {"type": "string"}
BOOL = {"type": "boolean"}
OBJ = {"type": "object"}
DAY = {"type": "string", "format": "date"}
TOPIC = _body(["code", "name_ja", "name_en", "complaint", "active"], code=STR, name_ja=STR,
              name_en=STR, complaint=BOOL, active=BOOL)  # fmt: skip
INQUIRY = {"type": "object", "properties": {
    "id": {"type": "integer"}, "kind": STR, "queue": STR, "agent": STR, "caller": STR,
    "topic": STR, "outcome": STR, "note": STR, "escalation": STR, "wrapped_at": STR}}  # fmt: skip


def _with_range(op: dict[str, Any]) -> dict[str, Any]:
    op["parameters"] = [
        {"name": name, "in": "query", "required": False, "schema": DAY} for name in ("from", "to")
    ]
    return op


PATHS: dict[str, Any] = {
    "/api/v1/staff/inquiry-topics": {
        "get": _op("The city's inquiry topics (retired ones with active=false)", 200,
                   {"type": "object", "properties": {"topics": {"type": "array", "items": TOPIC}}},
                   (401, 403)),
        "post": _op("Add an inquiry topic (administrators)", 201, TOPIC,
                    (400, 401, 403, 409, 422),
                    body=_body(["code", "name_ja", "name_en"], code=STR, name_ja=STR,
                               name_en=STR, complaint=BOOL, active=BOOL)),
    },
    "/api/v1/staff/inquiry-topics/{code}": {
        "put": _op("Rename a topic, mark it a complaint or retire it (administrators)", 200, TOPIC,
                   (400, 401, 403, 404, 422),
                   body=_body(["name_ja", "name_en"], name_ja=STR, name_en=STR, complaint=BOOL,
                              active=BOOL)),
    },
    "/api/v1/staff/escalations": {
        "get": _op("Escalations to the city still open, oldest first (audited)", 200,
                   {"type": "object",
                    "properties": {"escalations": {"type": "array", "items": INQUIRY}}},
                   (401, 403)),
    },
    "/api/v1/staff/escalations/{record_id}/close": {
        "post": _op("The city took the escalation over (supervisors, administrators)", 200,
                    INQUIRY, (401, 403, 404)),
    },
    "/api/v1/staff/inquiries/counts": {
        "get": _with_range(_op(
            "Wrapped-up calls and callbacks per day and topic, from= to= (the last 7 days by "
            "default, at most 92; supervisors, administrators)", 200,
            {"type": "object", "properties": {"days": {"type": "array"},
                                              "topics": {"type": "array"}}},
            (401, 403, 422))),
    },
    "/api/v1/staff/caller-timeline": {
        "post": _op("A caller's number: bookings, texts with their delivery, home-visit requests, "
                    "earlier calls and inquiries, newest first (audited)", 200,
                    {"type": "object", "properties": {"events": {"type": "array"}}},
                    (400, 401, 403, 422), body=_body(["phone"], phone=STR)),
    },
}  # fmt: skip
OPERATION_IDS = {
    ("/api/v1/staff/inquiry-topics", "get"): "listInquiryTopics",
    ("/api/v1/staff/inquiry-topics", "post"): "addInquiryTopic",
    ("/api/v1/staff/inquiry-topics/{code}", "put"): "changeInquiryTopic",
    ("/api/v1/staff/escalations", "get"): "listOpenEscalations",
    ("/api/v1/staff/escalations/{record_id}/close", "post"): "closeEscalation",
    ("/api/v1/staff/inquiries/counts", "get"): "getInquiryCounts",
    ("/api/v1/staff/caller-timeline", "post"): "getCallerTimeline",
}
for (_path, _method), _id in OPERATION_IDS.items():
    PATHS[_path][_method]["operationId"] = _id
STAFF_PATHS.update(PATHS)
