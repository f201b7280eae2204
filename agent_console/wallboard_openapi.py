"""The staff OpenAPI paths of the wallboard (agent_console.wallboard_api); agent_console.openapi
merges them into the staff document."""

from __future__ import annotations

from typing import Any

from agent_console.admin_plans_openapi import _obj, _op

NUM = {"type": "number", "minimum": 0, "maximum": 1}
RATE = {"type": ["number", "null"]}
GRADE = {"enum": ["good", "warn", "bad", "none"]}
TARGETS = _obj(["answer_rate", "service_level", "warn_band"],
               answer_rate=NUM, service_level=NUM, warn_band=NUM)  # fmt: skip
EMERGENCIES = _obj(
    ["emergencies"],
    emergencies={"type": "array", "items": _obj(
        ["language", "text", "by", "at"],
        language={"enum": ["ja", "en"]}, text={"type": "string"}, by={"type": "string"},
        at={"type": "string"},
    )},
)  # fmt: skip
QUEUE = _obj(
    ["queue", "waiting", "offered", "answered", "abandoned", "answer_rate", "service_level"],
    queue={"type": "string"}, waiting={"type": "integer"}, offered={"type": "integer"},
    answered={"type": "integer"}, abandoned={"type": "integer"}, answer_rate=RATE,
    answer_rate_grade=GRADE, service_level=RATE, service_level_grade=GRADE,
)  # fmt: skip
STAFFING = _obj(
    ["queue", "agents_on_duty", "agents_needed", "expected_service_level"],
    queue={"type": "string"}, agents_on_duty={"type": "integer"},
    agents_needed={"type": "integer"}, short_by={"type": "integer"},
    expected_service_level={"type": "number"}, needed_service_level={"type": "number"},
    expected_wait_seconds={"type": ["integer", "null"]}, traffic_erlangs={"type": "number"},
)  # fmt: skip
BAR = _obj(["start", "offered", "answered", "abandoned"], start={"type": "string"},
           offered={"type": "integer"}, answered={"type": "integer"},
           abandoned={"type": "integer"})  # fmt: skip
WALLBOARD = _obj(
    ["day", "queues", "totals", "targets", "staffing", "agents", "bars", "emergencies", "centres"],
    day={"type": "string", "format": "date"},
    queues={"type": "array", "items": QUEUE},
    totals={"type": "object"},
    targets=TARGETS,
    staffing={"type": "array", "items": STAFFING},
    agents={"type": "array"},
    bars={"type": "array", "items": BAR},
    emergencies=EMERGENCIES["properties"]["emergencies"],
    centres={"type": "array"},
)
LANGUAGE = {"name": "language", "in": "path", "required": True, "schema": {"enum": ["ja", "en"]}}
DAY = {"name": "date", "in": "query", "required": False,
       "schema": {"type": "string", "format": "date"}}  # fmt: skip
ERRORS = (401, 403)

PATHS: dict[str, Any] = {
    "/api/v1/staff/wallboard": {
        "get": _op(
            "The wallboard: queues with 応答率 (answered / offered) and SL (answered within 20 s "
            "/ offered) graded against the targets, Erlang C for the agents on duty and the "
            "agents needed, operators, the day's half-hours (offered, answered, abandoned), the "
            "emergency announcements playing, centres today and their next open days "
            "(supervisors, admins)",
            200, WALLBOARD, (*ERRORS, 422),
        ) | {"parameters": [DAY]},
    },
    "/api/v1/staff/wallboard/targets": {
        "get": _op("The wallboard's targets (fractions)", 200, TARGETS, ERRORS),
        "put": _op("Set the wallboard's targets; every open board recolours", 200, TARGETS,
                   (400, *ERRORS, 422), body=TARGETS),
    },
    "/api/v1/staff/emergency/{language}": {
        "put": _op(
            "Play an emergency announcement first to every caller of the language; who set it "
            "and when are shown on the boards", 200, EMERGENCIES, (*ERRORS, 404, 422),
            body=_obj(["text"], text={"type": "string", "maxLength": 500}),
        ) | {"parameters": [LANGUAGE]},
        "delete": _op("Stop the language's emergency announcement", 200, EMERGENCIES,
                      (*ERRORS, 404)) | {"parameters": [LANGUAGE]},
    },
}  # fmt: skip
OPERATION_IDS = {
    ("/api/v1/staff/wallboard", "get"): "getWallboard",
    ("/api/v1/staff/wallboard/targets", "get"): "getWallboardTargets",
    ("/api/v1/staff/wallboard/targets", "put"): "setWallboardTargets",
    ("/api/v1/staff/emergency/{language}", "put"): "setEmergencyAnnouncement",
    ("/api/v1/staff/emergency/{language}", "delete"): "clearEmergencyAnnouncement",
}
