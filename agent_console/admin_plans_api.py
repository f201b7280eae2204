"""Administration in the staff JSON API: capacity plans by period (with the preview against the
floor), the ward-to-centre mapping by dates, and the procedures (administrators only)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from flask import Response, jsonify

from agent_console.admin_api import administrator
from agent_console.api import ApiError, _body, api_bp, staff_required
from booking_core.admin_reference import (
    AssignmentView,
    ProcedureChange,
    ProcedureView,
    assign_ward,
    list_procedures,
    update_procedure,
    ward_mapping,
)
from booking_core.capacity_plans import (
    PlanDraft,
    PlanPreview,
    PlanSaved,
    PlanView,
    add_plan,
    list_plans,
    preview_plan,
    preview_removal,
    remove_plan,
)
from booking_core.slot_sync import SlotConflict
from runtime.flask_glue import now, rt

admin_only = staff_required(roles=("admin",))


def _when(at: Any) -> str | None:
    return at.isoformat() if at else None


def _hhmm(at: time) -> str:
    return at.strftime("%H:%M")


def plan_json(p: PlanView) -> dict[str, Any]:
    """A plan as the API gives it, with who last changed it and when."""
    return {
        "id": p.plan_id, "center": p.center_id, "group": p.group, "day_kind": p.day_kind,
        "valid_from": p.valid_from.isoformat(), "valid_to": p.valid_to.isoformat(),
        "band_start": _hhmm(p.band_start), "band_end": _hhmm(p.band_end),
        "band_minutes": p.band_minutes, "places": p.places, "note": p.note,
        "changed_by": p.changed_by, "changed_at": _when(p.changed_at),
    }  # fmt: skip


def conflict_json(c: SlotConflict) -> dict[str, Any]:
    """A band holding more people than the plan gives it."""
    return {
        "center": c.center_id, "group": c.group, "date": c.day.isoformat(),
        "start": _hhmm(c.start), "booked": c.booked, "places": c.places,
    }  # fmt: skip


def preview_json(p: PlanPreview) -> dict[str, Any]:
    """Each month against the floor, and the conflicts."""
    months = [
        {"month": m.month, "floor": m.floor, "before": m.before, "after": m.after,
         "meets_floor": m.meets_floor, "empty_days": m.empty_days}
        for m in p.months
    ]  # fmt: skip
    return {"months": months, "conflicts": [conflict_json(c) for c in p.conflicts]}


def saved_json(s: PlanSaved) -> dict[str, Any]:
    """What saving or removing a plan did to the slot rows."""
    return {
        "id": s.plan_id, "slots_made": s.slots_made, "slots_updated": s.slots_updated,
        "conflicts": [conflict_json(c) for c in s.conflicts],
    }  # fmt: skip


def _date(body: dict[str, Any], name: str, errors: dict[str, str]) -> date | None:
    raw = body.get(name)
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        errors[name] = "invalid_date"
        return None


def _time(body: dict[str, Any], name: str, errors: dict[str, str]) -> time:
    try:
        return time.fromisoformat(str(body.get(name)))
    except ValueError:
        errors[name] = "invalid_time"
        return time()


def _int(body: dict[str, Any], name: str, default: int, errors: dict[str, str]) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        errors[name] = "integer_required"
        return default
    return value


def plan_draft(body: dict[str, Any]) -> PlanDraft:
    """A plan draft from a JSON body (422 naming each malformed field)."""
    errors: dict[str, str] = {}
    start, end = _date(body, "valid_from", errors), _date(body, "valid_to", errors)
    band_start, band_end = _time(body, "band_start", errors), _time(body, "band_end", errors)
    if "places" not in body:
        errors["places"] = "required"
    places = _int(body, "places", 0, errors)
    minutes = _int(body, "band_minutes", 15, errors)
    share = (
        _int(body, "walk_in_share", 0, errors) if body.get("walk_in_share") is not None else None
    )
    if errors or start is None or end is None:
        raise ApiError(422, "invalid", fields=errors or {"valid_to": "required"})
    return PlanDraft(
        str(body["center"]), str(body["group"]), str(body["day_kind"]), start, end, band_start,
        band_end, places, minutes, str(body.get("note", ""))[:200], share,
    )  # fmt: skip


PLAN_FIELDS = ("center", "group", "day_kind", "valid_from", "valid_to", "band_start", "band_end")


@api_bp.get("/staff/capacity-plans")
@admin_only
def list_capacity_plans() -> Response:
    """The plans in force today or later."""
    found = list_plans(rt().uow(), from_day=now().date())
    return jsonify(plans=[plan_json(p) for p in found])


@api_bp.post("/staff/capacity-plans/preview")
@admin_only
def preview_capacity_plan() -> Response:
    """Places per month against the floor and the conflicts, if the plan were saved."""
    draft = plan_draft(_body(*PLAN_FIELDS))
    return jsonify(preview_json(preview_plan(rt().uow(), draft, now=now())))


@api_bp.post("/staff/capacity-plans")
@admin_only
def create_capacity_plan() -> tuple[Response, int]:
    """Save a plan; its slot rows are made or moved, never below what is booked."""
    draft = plan_draft(_body(*PLAN_FIELDS))
    return jsonify(saved_json(add_plan(rt().uow(), draft, now=now(), actor=administrator()))), 201


@api_bp.get("/staff/capacity-plans/<int:plan_id>/removal-preview")
@admin_only
def preview_capacity_plan_removal(plan_id: int) -> Response:
    """Places per month against the floor and the conflicts, if the plan were removed."""
    return jsonify(preview_json(preview_removal(rt().uow(), plan_id=plan_id, now=now())))


@api_bp.delete("/staff/capacity-plans/<int:plan_id>")
@admin_only
def delete_capacity_plan(plan_id: int) -> Response:
    """Remove a plan: its days fall back to earlier plans or to not yet open."""
    result = remove_plan(rt().uow(), plan_id=plan_id, now=now(), actor=administrator())
    return jsonify(saved_json(result))


def assignment_json(a: AssignmentView) -> dict[str, Any]:
    """One assignment of a ward to a centre."""
    return {
        "id": a.assignment_id, "ward": a.ward_id, "center": a.center_id,
        "valid_from": a.valid_from.isoformat(),
        "valid_to": a.valid_to.isoformat() if a.valid_to else None,
        "changed_by": a.changed_by, "changed_at": _when(a.changed_at),
    }  # fmt: skip


@api_bp.get("/staff/wards")
@admin_only
def list_wards() -> Response:
    """Every ward, the centre serving it today and its assignments."""
    found = ward_mapping(rt().uow(), today=now().date())
    return jsonify(
        wards=[
            {"ward": w.ward_id, "name_ja": w.name_ja, "name_en": w.name_en,
             "center_today": w.center_today,
             "assignments": [assignment_json(a) for a in w.assignments]}
            for w in found
        ]
    )  # fmt: skip


@api_bp.post("/staff/wards/<ward_id>/assignments")
@admin_only
def create_ward_assignment(ward_id: str) -> tuple[Response, int]:
    """Serve a ward from a centre from a date (to a date, or until changed again)."""
    body = _body("center", "valid_from")
    errors: dict[str, str] = {}
    start, end = _date(body, "valid_from", errors), _date(body, "valid_to", errors)
    if errors or start is None:
        raise ApiError(422, "invalid", fields=errors)
    saved = assign_ward(
        rt().uow(), ward_id=ward_id, center_id=str(body["center"]), valid_from=start,
        valid_to=end, now=now(), actor=administrator(),
    )  # fmt: skip
    answer = assignment_json(saved.assignment) | {"bookings_elsewhere": saved.bookings_elsewhere}
    return jsonify(answer), 201


def procedure_json(p: ProcedureView) -> dict[str, Any]:
    """A procedure as administrators edit it."""
    return {
        "code": p.code, "name_ja": p.name_ja, "name_en": p.name_en, "group": p.group,
        "booking_required": p.booking_required, "channels": list(p.channels),
        "phone_key": p.ivr_key, "in_phone_menu": p.in_phone_menu,
        "changed_by": p.changed_by, "changed_at": _when(p.changed_at),
    }  # fmt: skip


@api_bp.get("/staff/procedures")
@admin_only
def list_procedures_api() -> Response:
    """Every procedure with its names, channels and phone key."""
    return jsonify(procedures=[procedure_json(p) for p in list_procedures(rt().uow())])


@api_bp.put("/staff/procedures/<code>")
@admin_only
def update_procedure_api(code: str) -> Response:
    """Change a procedure's names, channels and phone key (the phone menu reads them)."""
    body = _body("name_ja", "name_en")
    channels, key = body.get("channels", []), body.get("phone_key")
    if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
        raise ApiError(422, "invalid", fields={"channels": "list_of_strings_required"})
    if key is not None and not isinstance(key, str):
        raise ApiError(422, "invalid", fields={"phone_key": "string_required"})
    change = ProcedureChange(body["name_ja"], body["name_en"], tuple(channels), key or None)
    view = update_procedure(rt().uow(), code=code, change=change, now=now(),
                            actor=administrator())  # fmt: skip
    return jsonify(procedure_json(view))
