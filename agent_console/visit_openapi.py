"""The home-visit paths of the staff OpenAPI document (added to agent_console.openapi)."""

from __future__ import annotations

from typing import Any

from agent_console.openapi import STAFF_PATHS, _body, _op

STR = {"type": "string"}
OUTCOMES = ["done", "not_at_home", "postponed", "cancelled"]
INT = {"type": "integer"}
OBJ = {"type": "object"}
VISIT_REQUEST = _body(
    ["service", "name", "birth_date", "phone", "address"],
    service={"enum": ["visit-apply", "visit-issue"]}, name=STR, kana=STR, birth_date=STR,
    phone=STR, address=STR, postcode=STR, facility=STR, access_notes=STR, notice_number=STR,
    reason={"enum": ["bedridden", "care_facility", "disability", "hospital", "other"]},
)  # fmt: skip
ROLES = "(visit coordinators, supervisors, administrators)"
PATHS: dict[str, Any] = {
    "/api/v1/staff/visit-requests": {
        "post": _op("Take a home-visit request for a resident (agents too)", 201, OBJ,
                    (400, 401, 403, 409, 422), body=VISIT_REQUEST),
        "get": _op(f"Home-visit requests by status= and ward=, oldest first {ROLES}", 200, OBJ,
                   (401, 403)),
    },
    "/api/v1/staff/visit-requests/batch": {
        "post": _op("A facility's list of residents: all taken or none (errors by line)", 201,
                    OBJ, (400, 401, 403, 409, 422),
                    body=_body(["requests"], requests={"type": "array", "items": VISIT_REQUEST})),
    },
    "/api/v1/staff/visit-requests/{receipt}/schedule": {
        "post": _op(f"Fix the visit day, team and city staff member (required) {ROLES}", 200,
                    _body(["status", "date"], status=STR, date=STR), (400, 401, 403, 404, 409, 422),
                    body=_body(["date", "team", "city_staff"], date=STR, team=INT, city_staff=INT)),
    },
    "/api/v1/staff/visit-requests/{receipt}/outcome": {
        "post": _op(f"done, not_at_home, postponed or cancelled (with a reason) {ROLES}", 200, OBJ,
                    (400, 401, 403, 404, 409, 422),
                    body=_body(["outcome"], reason=STR, outcome={"enum": OUTCOMES})),
    },
    "/api/v1/staff/visit-requests/{receipt}/card": {
        "post": _op(f"The team takes the card from its ward office (訪問交付) {ROLES}", 200, OBJ,
                    (401, 403, 404, 409, 422)),
    },
    "/api/v1/staff/visit-requests/{receipt}/order": {
        "post": _op(f"Place a visit in its day's route by hand {ROLES}", 200, OBJ,
                    (400, 401, 403, 404, 409, 422),
                    body=_body(["position"], position={"type": ["integer", "null"]})),
    },
    "/api/v1/staff/visit-days": {
        "get": _op(f"A day's rounds by team and ward in visiting order (date=, team=) {ROLES}",
                   200, OBJ, (401, 403, 422)),
    },
    "/api/v1/staff/visit-figures": {
        "get": _op(f"A month's home-visit figures per day and service (month=) {ROLES}", 200,
                   OBJ, (401, 403, 422)),
    },
    "/api/v1/staff/city-staff": {
        "get": _op(f"The city's list of staff who accompany visits {ROLES}", 200, OBJ, (401, 403)),
        "post": _op(f"Put a city staff member on the list {ROLES}", 201, OBJ, (400, 401, 403, 422),
                    body=_body(["name"], name=STR, section=STR)),
    },
    "/api/v1/staff/city-staff/{staff_id}/active": {
        "post": _op(f"Take a city staff member off the list, or back on {ROLES}", 200, OBJ,
                    (400, 401, 403, 404, 422),
                    body=_body(["active"], active={"type": "boolean"})),
    },
    "/api/v1/staff/visit-teams": {
        "get": _op(f"The visit teams {ROLES}", 200, OBJ, (401, 403)),
        "post": _op(f"A new visit team of a centre {ROLES}", 201, OBJ, (400, 401, 403, 422),
                    body=_body(["name", "center", "operators"], name=STR, center=STR,
                               operators=STR, daily_visits=INT)),
    },
}  # fmt: skip
OPERATION_IDS = {
    ("/api/v1/staff/visit-requests", "post"): "takeVisitRequest",
    ("/api/v1/staff/visit-requests", "get"): "listVisitRequests",
    ("/api/v1/staff/visit-requests/batch", "post"): "takeFacilityVisitRequests",
    ("/api/v1/staff/visit-requests/{receipt}/schedule", "post"): "scheduleVisit",
    ("/api/v1/staff/visit-requests/{receipt}/outcome", "post"): "recordVisitOutcome",
    ("/api/v1/staff/visit-requests/{receipt}/card", "post"): "handVisitCardToTeam",
    ("/api/v1/staff/visit-requests/{receipt}/order", "post"): "orderVisit",
    ("/api/v1/staff/visit-days", "get"): "getVisitDay",
    ("/api/v1/staff/visit-figures", "get"): "getVisitFigures",
    ("/api/v1/staff/city-staff", "get"): "listCityStaff",
    ("/api/v1/staff/city-staff", "post"): "addCityStaff",
    ("/api/v1/staff/city-staff/{staff_id}/active", "post"): "setCityStaffActive",
    ("/api/v1/staff/visit-teams", "get"): "listVisitTeams",
    ("/api/v1/staff/visit-teams", "post"): "addVisitTeam",
}
for (_path, _method), _id in OPERATION_IDS.items():
    PATHS[_path][_method]["operationId"] = _id
STAFF_PATHS.update(PATHS)
