"""Administration in the staff JSON API: closures (臨時休所) of a centre, of all, or of the call
centre, with the bookings they hit and the texts owed to them."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from flask import Response, g, jsonify

from agent_console.api import ApiError, _body, api_bp, staff_required
from booking_core.admin import ClosureView, add_closure, upcoming_closures
from booking_core.policy import Actor
from runtime.flask_glue import now, rt

admin_only = staff_required(roles=("admin",))
supervisors = staff_required(supervisor=True)
ALL_CENTERS = "all"


def administrator() -> Actor:
    """The administrator, as the audit trail names them."""
    return Actor.staff(g.staff.username, channel="admin")


def closure_json(c: ClosureView) -> dict[str, Any]:
    """A closure as the API gives it."""
    return {
        "id": c.closure_id,
        "center": c.center_id or ALL_CENTERS,
        "date": c.day.isoformat(),
        "start": c.start.strftime("%H:%M") if c.start else None,
        "end": c.end.strftime("%H:%M") if c.end else None,
        "reason": c.note,
    }


def _parsed(body: dict[str, Any]) -> tuple[date, time | None, time | None]:
    errors: dict[str, str] = {}
    try:
        day = date.fromisoformat(str(body["date"]))
    except ValueError:
        errors["date"] = "invalid_date"
    times = []
    for name in ("start", "end"):
        raw = body.get(name)
        try:
            times.append(time.fromisoformat(raw) if isinstance(raw, str) and raw else None)
        except ValueError:
            errors[name] = "invalid_time"
    if errors or not isinstance(body.get("notify", False), bool):
        raise ApiError(422, "invalid", fields=errors or {"notify": "boolean_required"})
    return day, times[0], times[1]


@api_bp.post("/staff/closures")
@admin_only
def create_closure() -> tuple[Response, int]:
    """Close a centre (or `all`, or `call_centre`) for a day or part of one; notify owes texts."""
    body = _body("center", "date", "reason")
    day, start, end = _parsed(body)
    center = None if body["center"] == ALL_CENTERS else body["center"]
    result = add_closure(
        rt().uow(), center_id=center, day=day, start=start, end=end, note=body["reason"][:200],
        now=now(), actor=administrator(), notify=bool(body.get("notify", False)),
    )  # fmt: skip
    view = ClosureView(result.closure_id, center, day, start, end, body["reason"][:200])
    answer = closure_json(view) | {
        "affected": list(result.affected_references),
        "notified": result.notified,
    }
    return jsonify(answer), 201


@api_bp.get("/staff/closures")
@supervisors
def list_closures() -> Response:
    """The closures from today on."""
    found = upcoming_closures(rt().uow(), from_day=now().date())
    return jsonify(closures=[closure_json(c) for c in found])
