"""The centres' counter in the staff JSON API: the day's list, check-in, completion, no-show,
walk-in tickets (reception, supervisors and administrators; bearer tokens)."""

from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify

from agent_console.api import ApiError, _body, api_bp, query_day, staff_required
from agent_console.auth import COUNTER_ROLES
from agent_console.catalog_ja import t
from booking_core import booking_life
from booking_core.counter import CounterDay, counter_day
from booking_core.errors import InvalidRequest, NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_reference
from booking_core.policy import Actor
from booking_core.walk_ins import NoWalkInPlace, WalkInTicket, issue_walk_in
from runtime.flask_glue import now, rt

counter_staff = staff_required(roles=COUNTER_ROLES)


def clerk() -> Actor:
    """The member of staff at the counter, as the audit trail names them."""
    return Actor.staff(g.staff.username, channel="counter")


def day_json(day: CounterDay) -> dict[str, Any]:
    """The day's list as the API gives it (no names: the screen shows those)."""
    return {
        "date": day.day.isoformat(),
        "center": day.center_id,
        "bookings": [
            {
                "reference": b.reference,
                "start": b.start.strftime("%H:%M"),
                "service": b.service_code,
                "party_size": b.party_size,
                "status": b.status,
                "late": b.late,
            }
            for b in day.bookings
        ],
        "walk_ins": [ticket_json(w) for w in day.walk_ins],
    }


def ticket_json(ticket: WalkInTicket) -> dict[str, Any]:
    """A walk-in ticket as the API gives it."""
    return {
        "ticket": ticket.ticket,
        "center": ticket.center_id,
        "service": ticket.service_code,
        "party_size": ticket.party_size,
        "band": ticket.band.strftime("%H:%M"),
        "at": ticket.at.isoformat(),
    }


def _reference(raw: str) -> str:
    try:
        return normalize_reference(raw)
    except InvalidIdentifier:
        raise ApiError(404, "not_found", t("api_booking_not_found")) from None


@api_bp.get("/staff/centers/<center_id>/day")
@counter_staff
def center_day(center_id: str) -> Response:
    """A centre's bookings of a day by time, with their status, and its walk-ins."""
    try:
        day = counter_day(
            rt().uow(),
            center_id=center_id,
            day=query_day(),
            now=now(),
            actor=clerk(),
            policy=rt().policy,
        )
    except InvalidRequest as unknown:
        raise ApiError(404, "not_found", t("api_booking_not_found")) from unknown
    return jsonify(day_json(day))


def _moved(move: Any, reference: str, **extra: Any) -> Response:
    try:
        moved = move(rt().uow(), reference=_reference(reference), now=now(), actor=clerk(), **extra)
    except NotFound as missing:
        raise ApiError(404, "not_found", t("api_booking_not_found")) from missing
    except booking_life.MoveRefused as refused:
        raise ApiError(409, refused.code, t(f"counter_refused_{refused.code}")) from refused
    return jsonify(reference=moved.reference, status=moved.status, late=moved.late)


@api_bp.post("/staff/bookings/<reference>/check-in")
@counter_staff
def check_in(reference: str) -> Response:
    """The resident is here (today's active booking); late when past start + 5 minutes."""
    return _moved(booking_life.check_in, reference, policy=rt().policy)


@api_bp.post("/staff/bookings/<reference>/complete")
@counter_staff
def complete(reference: str) -> Response:
    """The resident was served (issuance: the card was handed over)."""
    return _moved(booking_life.complete, reference)


@api_bp.post("/staff/bookings/<reference>/no-show")
@counter_staff
def no_show(reference: str) -> Response:
    """The resident did not come (only after start plus the grace)."""
    return _moved(booking_life.mark_no_show, reference, policy=rt().policy)


@api_bp.post("/staff/centers/<center_id>/walk-ins")
@counter_staff
def walk_in(center_id: str) -> tuple[Response, int]:
    """Number a walk-in's ticket from the places held back (not for issuance)."""
    body = _body("service")
    party = body.get("party_size", 1)
    if not isinstance(party, int) or isinstance(party, bool):
        raise ApiError(422, "invalid", fields={"party_size": "integer_required"})
    try:
        ticket = issue_walk_in(
            rt().uow(), center_id=center_id, service_code=body["service"], party_size=party,
            now=now(), actor=clerk(), policy=rt().policy,
        )  # fmt: skip
    except NoWalkInPlace as none:
        raise ApiError(409, none.code, t("counter_no_walk_in_place")) from none
    return jsonify(ticket_json(ticket)), 201
