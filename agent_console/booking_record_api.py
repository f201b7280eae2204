"""A booking as staff see it in the JSON API: where and when, and every message it owed
(confirmation, change, cancellation, reminder, closure; text or call) and how it went; and the
resident's wish for a reminder (agents, supervisors, administrators; every read audited)."""

from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify

from agent_console.api import ApiError, _body, api_bp, staff_required
from agent_console.auth import DESK_ROLES
from booking_core import resident_records
from booking_core.errors import NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_reference
from booking_core.notices import TextState
from booking_core.policy import Actor
from booking_core.reminders import set_reminders
from runtime.flask_glue import now, rt

desk_staff = staff_required(roles=DESK_ROLES)


def _reference(raw: str) -> str:
    try:
        return normalize_reference(raw)
    except InvalidIdentifier:
        raise ApiError(404, "not_found") from None


def message_json(text: TextState) -> dict[str, Any]:
    """One message a booking owed, as the API gives it."""
    return {
        "kind": text.purpose,
        "channel": text.channel,
        "status": text.status,
        "created_at": (text.created_at or text.at).isoformat(),
    }


@api_bp.get("/staff/bookings/<reference>")
@desk_staff
def booking_record(reference: str) -> Response:
    """A booking and its messages (the agent's answer to "I never heard from you")."""
    found = resident_records.search(
        rt().uow(), reference=_reference(reference), now=now(),
        actor=Actor.staff(g.staff.username), policy=rt().policy,
    )  # fmt: skip
    if not found.bookings:
        raise ApiError(404, "not_found")
    booking = found.bookings[0]
    return jsonify(
        {
            "reference": booking.reference,
            "status": booking.status,
            "center": booking.center_id,
            "date": booking.day.isoformat(),
            "start": booking.start.strftime("%H:%M"),
            "service": booking.service_code,
            "reminders": booking.reminders,
            "texts": [message_json(t) for t in found.texts.get(booking.reference, ())],
        }
    )


@api_bp.put("/staff/bookings/<reference>/reminders")
@desk_staff
def booking_reminders(reference: str) -> Response:
    """Turn a booking's reminder on or off, as the resident asked on the phone."""
    body = _body()
    if not isinstance(body.get("enabled"), bool):
        raise ApiError(422, "invalid", fields={"enabled": "boolean_required"})
    try:
        enabled = set_reminders(
            rt().uow(), reference=_reference(reference), birth_date=None,
            enabled=body["enabled"], now=now(), actor=Actor.staff(g.staff.username),
        )  # fmt: skip
    except NotFound:
        raise ApiError(404, "not_found") from None
    return jsonify({"reference": reference, "reminders": enabled})
