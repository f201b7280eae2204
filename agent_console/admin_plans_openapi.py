"""The staff OpenAPI paths of capacity plans, wards and procedures (agent_console.admin_plans_api);
agent_console.openapi merges them into the staff document."""

from __future__ import annotations

from typing import Any

BEARER: list[dict[str, list[str]]] = [{"bearer": []}]
ERROR = {"$ref": "#/components/schemas/StaffError"}
STR = {"type": "string"}
NULL_STR = {"type": ["string", "null"]}
INT = {"type": "integer"}
DATE = {"type": "string", "format": "date"}
ADMIN_ERRORS = (400, 401, 403, 422)


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _obj(required: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


def _op(
    summary: str,
    ok: int,
    schema: dict[str, Any],
    errors: tuple[int, ...],
    *,
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    responses: dict[str, Any] = {str(ok): {"description": "OK", **_json(schema)}}
    for status in errors:
        responses[str(status)] = {"description": "Error", **_json(ERROR)}
    op: dict[str, Any] = {
        "summary": summary, "tags": ["staff"], "responses": responses, "security": BEARER,
    }  # fmt: skip
    if body:
        op["requestBody"] = {"required": True, **_json(body)}
    return op


CHANGED = {"changed_by": NULL_STR, "changed_at": NULL_STR}
PLAN = _obj(
    ["id", "center", "group", "day_kind", "valid_from", "valid_to", "places"],
    id=INT, center=STR, group=STR, day_kind=STR, valid_from=DATE, valid_to=DATE,
    band_start=STR, band_end=STR, band_minutes=INT, places=INT, note=STR, **CHANGED,
)  # fmt: skip
PLAN_BODY = _obj(
    ["center", "group", "day_kind", "valid_from", "valid_to", "band_start", "band_end", "places"],
    center=STR, group={"enum": ["issue_renew", "reception", "visit", "walk_in"]},
    day_kind={"enum": ["weekday", "weekend_holiday"]}, valid_from=DATE, valid_to=DATE,
    band_start=STR, band_end=STR, places=INT, band_minutes=INT, note=STR,
    walk_in_share={"type": ["integer", "null"], "minimum": 0, "maximum": 100,
                   "description": "reception only: % of each band's places kept for walk-ins"},
)  # fmt: skip
CONFLICT = _obj(
    ["center", "group", "date", "start", "booked", "places"],
    center=STR, group=STR, date=DATE, start=STR, booked=INT, places=INT,
)  # fmt: skip
CONFLICTS = {"type": "array", "items": CONFLICT}
MONTH = _obj(
    ["month", "floor", "before", "after", "meets_floor", "empty_days"],
    month=STR, floor=INT, before=INT, after=INT, meets_floor={"type": "boolean"}, empty_days=INT,
)  # fmt: skip
PREVIEW = _obj(
    ["months", "conflicts"], months={"type": "array", "items": MONTH}, conflicts=CONFLICTS
)
SAVED = _obj(
    ["id", "slots_made", "slots_updated", "conflicts"],
    id=INT, slots_made=INT, slots_updated=INT, conflicts=CONFLICTS,
)  # fmt: skip
ASSIGNMENT = _obj(
    ["id", "ward", "center", "valid_from", "valid_to"],
    id=INT, ward=STR, center=STR, valid_from=DATE, valid_to={"type": ["string", "null"]},
    bookings_elsewhere=INT, **CHANGED,
)  # fmt: skip
WARD = _obj(
    ["ward", "name_ja", "center_today", "assignments"],
    ward=STR, name_ja=STR, name_en=STR, center_today=NULL_STR,
    assignments={"type": "array", "items": ASSIGNMENT},
)  # fmt: skip
CHANNELS = {"type": "array", "items": {"enum": ["web", "phone", "staff"]}}
PROCEDURE = _obj(
    ["code", "name_ja", "name_en", "channels", "phone_key"],
    code=STR, name_ja=STR, name_en=STR, group=STR, booking_required={"type": "boolean"},
    channels=CHANNELS, phone_key=NULL_STR, in_phone_menu={"type": "boolean"}, **CHANGED,
)  # fmt: skip
PLAN_ID = {"name": "plan_id", "in": "path", "required": True, "schema": INT}
WARD_ID = {"name": "ward_id", "in": "path", "required": True, "schema": STR}
CODE = {"name": "code", "in": "path", "required": True, "schema": STR}

PATHS: dict[str, Any] = {
    "/api/v1/staff/capacity-plans": {
        "get": _op(
            "Capacity plans in force today or later, with who changed them and when "
            "(administrators)",
            200, _obj(["plans"], plans={"type": "array", "items": PLAN}), (401, 403),
        ),
        "post": _op(
            "Save a capacity plan for a period: places per band of a kind of day at a centre "
            "and group; slot rows are made or moved, never below what is booked (administrators)",
            201, SAVED, ADMIN_ERRORS, body=PLAN_BODY,
        ),
    },
    "/api/v1/staff/capacity-plans/preview": {
        "post": _op(
            "What saving the plan would do: issue/renew places per month against the 50,000 "
            "floor, and bands already holding more than the plan gives (administrators)",
            200, PREVIEW, ADMIN_ERRORS, body=PLAN_BODY,
        ),
    },
    "/api/v1/staff/capacity-plans/{plan_id}": {
        "delete": _op(
            "Remove a plan: its days fall back to earlier plans or to not yet open; bookings "
            "stay (administrators)",
            200, SAVED, (401, 403, 422),
        )
        | {"parameters": [PLAN_ID]},
    },
    "/api/v1/staff/capacity-plans/{plan_id}/removal-preview": {
        "get": _op(
            "What removing the plan would do: places per month against the floor, and bands "
            "already holding more than would be left (administrators)",
            200, PREVIEW, (401, 403, 422),
        )
        | {"parameters": [PLAN_ID]},
    },
    "/api/v1/staff/wards": {
        "get": _op(
            "Every ward, the centre serving it today and its effective-dated assignments "
            "(administrators)",
            200, _obj(["wards"], wards={"type": "array", "items": WARD}), (401, 403),
        ),
    },
    "/api/v1/staff/wards/{ward_id}/assignments": {
        "post": _op(
            "Serve a ward from a centre from a date after today (to a date, or until changed "
            "again); counts the ward's issuance bookings left at another centre (administrators)",
            201, ASSIGNMENT, ADMIN_ERRORS,
            body=_obj(["center", "valid_from"], center=STR, valid_from=DATE, valid_to=DATE),
        )
        | {"parameters": [WARD_ID]},
    },
    "/api/v1/staff/procedures": {
        "get": _op(
            "Every procedure: names per language, booking channels, phone key (administrators)",
            200, _obj(["procedures"], procedures={"type": "array", "items": PROCEDURE}),
            (401, 403),
        ),
    },
    "/api/v1/staff/procedures/{code}": {
        "put": _op(
            "Change a procedure's names, the channels that may book it and its phone key; the "
            "phone menu and the web read them at once (administrators)",
            200, PROCEDURE, ADMIN_ERRORS,
            body=_obj(["name_ja", "name_en"], name_ja=STR, name_en=STR, channels=CHANNELS,
                      phone_key=NULL_STR),
        )
        | {"parameters": [CODE]},
    },
}  # fmt: skip
OPERATION_IDS = {
    ("/api/v1/staff/capacity-plans", "get"): "listCapacityPlans",
    ("/api/v1/staff/capacity-plans", "post"): "createCapacityPlan",
    ("/api/v1/staff/capacity-plans/preview", "post"): "previewCapacityPlan",
    ("/api/v1/staff/capacity-plans/{plan_id}", "delete"): "deleteCapacityPlan",
    ("/api/v1/staff/capacity-plans/{plan_id}/removal-preview", "get"): "previewCapacityPlanRemoval",
    ("/api/v1/staff/wards", "get"): "listWards",
    ("/api/v1/staff/wards/{ward_id}/assignments", "post"): "assignWard",
    ("/api/v1/staff/procedures", "get"): "listProcedures",
    ("/api/v1/staff/procedures/{code}", "put"): "updateProcedure",
}
