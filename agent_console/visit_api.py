"""Home visits in the staff JSON API: requests taken for residents, the coordinator's queue,
scheduling, outcomes, the card carried to the door, the day's rounds, the city's staff list,
teams and figures (visit coordinators, supervisors, administrators; agents take requests)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, g, jsonify, request

from agent_console.api import ApiError, api_bp, query_day, staff_required
from agent_console.auth import VISIT_INTAKE_ROLES, VISIT_ROLES
from agent_console.visit_form import answered_as_api_errors, read_request
from booking_core import visit_teams
from booking_core.errors import InvalidRequest
from booking_core.home_visits import (
    HomeVisitDetails,
    open_requests,
    request_for_residents,
    request_home_visit,
)
from booking_core.identifiers import refuse_my_number
from booking_core.policy import Actor
from booking_core.visit_cards import hand_card_to_team
from booking_core.visit_figures import VisitFigures, month_figures
from booking_core.visit_life import record_outcome, schedule_visit, set_route_order
from booking_core.visit_rounds import TeamRound, day_rounds
from runtime.flask_glue import now, rt

coordinators = staff_required(roles=VISIT_ROLES)
intake = staff_required(roles=VISIT_INTAKE_ROLES)
MAX_RESIDENTS = 50  # one facility's list at a time


def coordinator() -> Actor:
    """The member of staff arranging visits, as the audit trail names them."""
    return Actor.staff(g.staff.username, channel="visits")


def _json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid", fields={"body": "json_object_required"})
    refuse_my_number(data)
    return data


def visit_json(v: HomeVisitDetails) -> dict[str, Any]:
    """A request as staff see it."""
    return {
        "receipt": v.reference, "service": v.service_code, "status": v.status, "name": v.name,
        "kana": v.kana, "birth_date": v.birth_date.isoformat(), "phone": v.phone,
        "address": v.address, "postcode": v.postcode, "ward": v.ward_id, "facility": v.facility,
        "access_notes": v.access_notes, "reason": v.reason, "notice_number": v.notice_number,
        "documents": list(v.documents), "note": v.note,
        "date": v.visit_day.isoformat() if v.visit_day else None, "team": v.team_id,
        "city_staff": v.city_staff_id, "order": v.route_order,
    }  # fmt: skip


def rounds_json(rounds: list[TeamRound]) -> list[dict[str, Any]]:
    """The day's rounds by team and ward, in visiting order."""
    return [
        {"team": r.team_id, "team_name": r.team_name, "center": r.center_id,
         "operators": r.operators, "city_staff": r.city_staff,
         "wards": [{"ward": w.ward_id,
                    "visits": [visit_json(s.visit) | {"card_state": s.card_state}
                               for s in w.stops]} for w in r.wards]}
        for r in rounds
    ]  # fmt: skip


def figures_json(f: VisitFigures) -> dict[str, Any]:
    """Counts per day and service, and the totals."""
    return {
        "from": f.start.isoformat(), "to": f.end.isoformat(), "total": f.total(),
        "days": {d.isoformat(): per for d, per in f.days.items()},
    }  # fmt: skip


def _request_of(body: dict[str, Any]) -> Any:
    return read_request(body, digits=rt().policy.notice_number_digits, today=now().date())


@api_bp.post("/staff/visit-requests")
@intake
def take_visit_request() -> tuple[Response, int]:
    """Take a resident's request on the phone (agent) or at the coordinator's desk."""
    with answered_as_api_errors():
        made = request_home_visit(rt().uow(), _request_of(_json_body()), now=now(),
                                  actor=coordinator())  # fmt: skip
    return jsonify(visit_json(made)), 201


@api_bp.post("/staff/visit-requests/batch")
@intake
def take_facility_list() -> tuple[Response, int]:
    """A facility's list of several residents: all taken, or none (errors by line)."""
    residents = _json_body().get("requests")
    if not isinstance(residents, list) or not 1 <= len(residents) <= MAX_RESIDENTS:
        raise ApiError(422, "invalid", fields={"requests": "one_to_fifty_required"})
    with answered_as_api_errors():
        reqs = []
        for line, item in enumerate(residents, start=1):
            try:
                reqs.append(_request_of(item if isinstance(item, dict) else {}))
            except InvalidRequest as bad:  # field errors of one line, named by the line
                fields = {f"{line}.{k}": v for k, v in bad.fields.items()}
                raise ApiError(422, "invalid", fields=fields) from bad
        made = request_for_residents(rt().uow(), reqs, now=now(), actor=coordinator())
    return jsonify(requests=[visit_json(m) for m in made]), 201


@api_bp.get("/staff/visit-requests")
@coordinators
def list_visit_requests() -> Response:
    """Requests by status and area (ward), oldest first."""
    found = open_requests(rt().uow(), status=request.args.get("status") or None,
                          ward_id=request.args.get("ward") or None, now=now(),
                          actor=coordinator())  # fmt: skip
    return jsonify(requests=[visit_json(v) for v in found])


def _int(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(422, "invalid", fields={name: "invalid"}) from None


@api_bp.post("/staff/visit-requests/<receipt>/schedule")
@coordinators
def schedule(receipt: str) -> Response:
    """Fix the visit day, the team and the city staff member going with it."""
    body = _json_body()
    try:
        day = date.fromisoformat(str(body.get("date")))
    except ValueError:
        raise ApiError(422, "invalid", fields={"date": "invalid_date"}) from None
    with answered_as_api_errors():
        fixed = schedule_visit(
            rt().uow(), reference=receipt, day=day, team_id=_int(body.get("team"), "team"),
            city_staff_id=_int(body.get("city_staff"), "city_staff"), now=now(),
            actor=coordinator(), policy=rt().policy,
        )  # fmt: skip
    return jsonify(receipt=receipt, status=fixed.status, date=fixed.day.isoformat(),
                   team=fixed.team_id, city_staff=fixed.city_staff_id,
                   texted=fixed.texted)  # fmt: skip


@api_bp.post("/staff/visit-requests/<receipt>/outcome")
@coordinators
def outcome(receipt: str) -> Response:
    """done, not_at_home, postponed (with a reason) or cancelled (with a reason)."""
    body = _json_body()
    with answered_as_api_errors():
        shown = record_outcome(rt().uow(), reference=receipt, outcome=str(body.get("outcome")),
                               reason=str(body.get("reason") or ""), now=now(),
                               actor=coordinator())  # fmt: skip
    return jsonify(visit_json(shown))


@api_bp.post("/staff/visit-requests/<receipt>/card")
@coordinators
def card_to_team(receipt: str) -> Response:
    """The team takes the card of a scheduled home issuance from its ward office."""
    with answered_as_api_errors():
        state = hand_card_to_team(rt().uow(), reference=receipt, now=now(), actor=coordinator())
    return jsonify(receipt=receipt, card_state=state)


@api_bp.post("/staff/visit-requests/<receipt>/order")
@coordinators
def route_order(receipt: str) -> Response:
    """Place a visit in its day's route by hand (position null: back to postcode order)."""
    position = _int(_json_body().get("position"), "position")
    with answered_as_api_errors():
        shown = set_route_order(rt().uow(), reference=receipt, position=position, now=now(),
                                actor=coordinator())  # fmt: skip
    return jsonify(visit_json(shown))


@api_bp.get("/staff/visit-days")
@coordinators
def visit_day() -> Response:
    """A day's rounds (date=, default today; team= for one team)."""
    team = _int(request.args.get("team"), "team")
    rounds = day_rounds(rt().uow(), day=query_day(), team_id=team, now=now(), actor=coordinator())
    return jsonify(date=query_day().isoformat(), teams=rounds_json(rounds))


@api_bp.get("/staff/visit-figures")
@coordinators
def figures() -> Response:
    """A month's figures (month=YYYY-MM, default this month) per day and service."""
    raw = request.args.get("month") or now().strftime("%Y-%m")
    try:
        year, month = (int(part) for part in raw.split("-"))
        found = month_figures(rt().uow(), year=year, month=month)
    except ValueError:
        raise ApiError(422, "invalid", fields={"month": "invalid_month"}) from None
    return jsonify(figures_json(found))


@api_bp.get("/staff/city-staff")
@coordinators
def city_staff_list() -> Response:
    """The city's list of staff who accompany visits."""
    return jsonify(city_staff=[
        {"id": c.staff_id, "name": c.name, "section": c.section, "active": c.active}
        for c in visit_teams.city_staff(rt().uow())
    ])  # fmt: skip


@api_bp.post("/staff/city-staff")
@coordinators
def city_staff_add() -> tuple[Response, int]:
    """Put a city staff member on the list."""
    body = _json_body()
    with answered_as_api_errors():
        made = visit_teams.add_city_staff(rt().uow(), name=str(body.get("name") or ""),
                                          section=str(body.get("section") or ""), now=now(),
                                          actor=coordinator())  # fmt: skip
    return jsonify(id=made.staff_id, name=made.name, section=made.section, active=True), 201


@api_bp.post("/staff/city-staff/<int:staff_id>/active")
@coordinators
def city_staff_active(staff_id: int) -> Response:
    """Take a city staff member off the list (active false) or back on; fixed visits keep them."""
    active = _json_body().get("active")
    if not isinstance(active, bool):
        raise ApiError(422, "invalid", fields={"active": "boolean_required"})
    with answered_as_api_errors():
        found = visit_teams.set_city_staff_active(rt().uow(), staff_id=staff_id, active=active,
                                                  now=now(), actor=coordinator())  # fmt: skip
    return jsonify(id=found.staff_id, name=found.name, section=found.section, active=found.active)


@api_bp.get("/staff/visit-teams")
@coordinators
def team_list() -> Response:
    """The visit teams."""
    return jsonify(teams=[
        {"id": t.team_id, "name": t.name, "center": t.center_id, "operators": t.operators,
         "daily_visits": t.daily_visits, "active": t.active}
        for t in visit_teams.teams(rt().uow())
    ])  # fmt: skip


@api_bp.post("/staff/visit-teams")
@coordinators
def team_add() -> tuple[Response, int]:
    """A new visit team of a centre, with its operator staff and visits a day."""
    body = _json_body()
    with answered_as_api_errors():
        made = visit_teams.add_team(
            rt().uow(), name=str(body.get("name") or ""), center_id=str(body.get("center") or ""),
            operators=str(body.get("operators") or ""),
            daily_visits=_int(body.get("daily_visits"), "daily_visits") or 3, now=now(),
            actor=coordinator(),
        )  # fmt: skip
    return jsonify(id=made.team_id, name=made.name, center=made.center_id), 201
