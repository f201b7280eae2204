"""The staff OpenAPI document's paths for staff accounts, the audit log, the go-live import and
retention; added to openapi.STAFF_PATHS when the package is imported (as routes register)."""

from __future__ import annotations

from typing import Any

from agent_console.openapi import STAFF_PATHS, STR, _body, _op

NULLABLE_STR = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}
ROLE = {"enum": ["agent", "reception", "transport", "supervisor", "admin"]}
ACCOUNT = {
    "type": "object",
    "required": ["username", "display_name", "role", "active", "last_sign_in_at"],
    "properties": {
        "username": STR, "display_name": STR, "role": ROLE, "active": {"type": "boolean"},
        "last_sign_in_at": NULLABLE_STR, "waiting": {"type": "boolean"},
        "second_factor_enrolled": {"type": "boolean"},
    },
}  # fmt: skip
USERNAME = {"name": "username", "in": "path", "required": True, "schema": STR}
EVENT = {
    "type": "object",
    "required": ["id", "at", "actor", "action", "entity", "entity_id"],
    "properties": {
        "id": INTEGER, "at": STR, "actor": STR, "action": STR, "entity": STR, "entity_id": STR,
        "channel": STR, "detail": {"type": "object"},
    },
}  # fmt: skip


def _query(name: str, schema: dict[str, Any], about: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": about}


AUDIT_QUERY = [
    _query("from", STR, "first day (YYYY-MM-DD, Tokyo)"),
    _query("to", STR, "last day (YYYY-MM-DD, Tokyo)"),
    _query("staff", STR, "username (or an actor label such as system:cli)"),
    _query("reference", STR, "booking reference: its events, its card's and its day lists'"),
    _query("action", STR, "an action, or a prefix ending in '.' (booking.)"),
    _query("before", STR, "only events older than this id (next page)"),
]
PROBLEM = {
    "type": "object",
    "properties": {"line": INTEGER, "field": NULLABLE_STR, "code": STR, "message": STR},
}
BAND = {
    "type": "object",
    "properties": {
        "center": STR, "group": STR, "date": STR, "start": STR, "wanted": INTEGER,
        "left": INTEGER, "lines": {"type": "array", "items": INTEGER},
    },
}  # fmt: skip
ONE_ACCOUNT = (401, 403, 404, 409, 422)
ADMIN_PATHS: dict[str, Any] = {
    "/api/v1/staff/accounts": {
        "get": _op("Every staff account with its role, state and last sign-in (administrators)",
                   200, {"type": "object", "properties": {"accounts": {"type": "array",
                                                                       "items": ACCOUNT}}},
                   (401, 403)),
        "post": _op("Open a staff account (password of at least 10 characters; administrators)",
                    201, ACCOUNT, (400, 401, 403, 409, 422),
                    body=_body(["username", "role", "password"], username=STR, role=ROLE,
                               password=STR, display_name=STR)),
    },
    "/api/v1/staff/accounts/{username}/role": {
        "put": _op("Give an account another role; the last administrator keeps theirs (409); "
                   "its sessions end", 200, ACCOUNT, (400, *ONE_ACCOUNT),
                   body=_body(["role"], role=ROLE)) | {"parameters": [USERNAME]},
    },
    "/api/v1/staff/accounts/{username}/disable": {
        "post": _op("Disable an account and end its sessions (never the last administrator)",
                    200, ACCOUNT, ONE_ACCOUNT) | {"parameters": [USERNAME]},
    },
    "/api/v1/staff/accounts/{username}/enable": {
        "post": _op("Enable a disabled account again", 200, ACCOUNT, ONE_ACCOUNT)
        | {"parameters": [USERNAME]},
    },
    "/api/v1/staff/accounts/{username}/password": {
        "post": _op("Set a new password; ends any wait after failures and the account's sessions; "
                    "new_second_factor makes the next sign-in enrol again", 200, ACCOUNT,
                    (400, *ONE_ACCOUNT),
                    body=_body(["password"], password=STR,
                               new_second_factor={"type": "boolean"})) | {"parameters": [USERNAME]},
    },
    "/api/v1/staff/audit": {
        "get": _op("The newest audit events matching the filter (at most `limit`, 200 by "
                   "default); next_before pages on (administrators)", 200,
                   {"type": "object", "required": ["events"],
                    "properties": {"events": {"type": "array", "items": EVENT},
                                   "next_before": {"type": ["integer", "null"]}}},
                   (401, 403, 422))
        | {"parameters": [*AUDIT_QUERY, _query("limit", STR, "at most 1000")]},
    },
    "/api/v1/staff/audit/export": {
        "get": _op("Every matching audit event as CSV, UTF-8 with BOM (administrators)", 200,
                   None, (401, 403, 422))
        | {"parameters": AUDIT_QUERY},
    },
    "/api/v1/staff/bookings/import": {
        "post": _op("Go-live import of the current system's bookings (text/csv body, UTF-8 or "
                    "Shift_JIS): dry_run=true lists every problem by line and every overbooked "
                    "band, changing nothing; otherwise imports in one transaction, skipping rows "
                    "imported before; notify=true owes texts; leave_out_full_bands=true leaves "
                    "overbooked bands out whole instead of refusing the file (administrators)",
                    201, {"type": "object", "properties": {
                        "imported": INTEGER, "already_imported": INTEGER, "notified": INTEGER,
                        "left_out": {"type": "array", "items": BAND}, "lines": INTEGER,
                        "new": INTEGER, "problems": {"type": "array", "items": PROBLEM},
                        "full_bands": {"type": "array", "items": BAND}}},
                    (401, 403, 422))
        | {
            "parameters": [
                _query(flag, {"enum": ["true"]}, about)
                for flag, about in (("dry_run", "only list the problems"),
                                    ("notify", "text the residents on mobiles"),
                                    ("leave_out_full_bands", "import the rest"))
            ],
            "requestBody": {"required": True,
                            "content": {"text/csv": {"schema": {"type": "string"}}}},
        },
    },
    "/api/v1/staff/retention": {
        "post": _op("Anonymise the personal data of bookings past the retention period and "
                    "disable unused staff accounts now; dry_run only counts (administrators)",
                    200, {"type": "object", "properties": {
                        "before": STR, "bookings": INTEGER, "home_visits": INTEGER,
                        "disabled": {"type": "array", "items": STR},
                        "dry_run": {"type": "boolean"}}},
                    (400, 401, 403, 422), body=_body([], dry_run={"type": "boolean"})),
    },
}  # fmt: skip
ADMIN_OPERATION_IDS = {
    ("/api/v1/staff/accounts", "get"): "listStaffAccounts",
    ("/api/v1/staff/accounts", "post"): "createStaffAccount",
    ("/api/v1/staff/accounts/{username}/role", "put"): "setStaffRole",
    ("/api/v1/staff/accounts/{username}/disable", "post"): "disableStaffAccount",
    ("/api/v1/staff/accounts/{username}/enable", "post"): "enableStaffAccount",
    ("/api/v1/staff/accounts/{username}/password", "post"): "resetStaffPassword",
    ("/api/v1/staff/audit", "get"): "listAuditEvents",
    ("/api/v1/staff/audit/export", "get"): "exportAuditEvents",
    ("/api/v1/staff/bookings/import", "post"): "importBookings",
    ("/api/v1/staff/retention", "post"): "runRetention",
}
for (_path, _method), _id in ADMIN_OPERATION_IDS.items():
    ADMIN_PATHS[_path][_method]["operationId"] = _id
CSV_TEXT = {"text/csv": {"schema": {"type": "string"}}}
ADMIN_PATHS["/api/v1/staff/audit/export"]["get"]["responses"]["200"]["content"] = CSV_TEXT
_IMPORT = ADMIN_PATHS["/api/v1/staff/bookings/import"]["post"]["responses"]
_IMPORT["200"] = {"description": "The dry run (dry_run=true)", "content": _IMPORT["201"]["content"]}
STAFF_PATHS.update(ADMIN_PATHS)
