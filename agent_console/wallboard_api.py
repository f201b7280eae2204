"""The wallboard in the staff JSON API: its figures, its targets and the emergency announcement
(supervisors and administrators, like the board's screen)."""

from __future__ import annotations

from datetime import datetime

from flask import Response, g, jsonify, request

from agent_console.api import ApiError, api_bp, query_day, staff_required
from agent_console.dashboard import day_bounds
from agent_console.wallboard import figures
from booking_core.announcements import LANGUAGES, checked_announcement
from queues import board_settings, events, wallboard
from runtime.flask_glue import now, rt

supervisors = staff_required(supervisor=True)


@api_bp.get("/staff/wallboard")
@supervisors
def get_wallboard() -> Response:
    """Queues with 応答率 and SL against the targets, Erlang C staffing, operators, the day's
    half-hours, the emergency announcements playing, centres today and their next open days."""
    day, at = query_day(), now()
    start, end = day_bounds(day.isoformat(), at)
    return jsonify(figures(rt(), at, start=start, end=end))


@api_bp.get("/staff/wallboard/targets")
@supervisors
def get_targets() -> Response:
    """The targets (fractions): 応答率, SL, and the amber band below them."""
    return jsonify(board_settings.targets(rt().redis).as_dict())


@api_bp.put("/staff/wallboard/targets")
@supervisors
def put_targets() -> Response:
    """Set the targets (fractions 0-1); every open board recolours at once."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "invalid", fields={"body": "json_object_required"})
    chosen = wallboard.checked_targets(body)  # 422 with the fields out of range
    board_settings.set_targets(rt().redis, chosen)
    events.settings_changed(rt().redis, now())
    return jsonify(chosen.as_dict())


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ApiError(404, "not_found")
    return language


@api_bp.put("/staff/emergency/<language>")
@supervisors
def put_emergency(language: str) -> Response:
    """Play an emergency announcement first to every caller of the language (who and when kept)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        raise ApiError(422, "invalid", fields={"text": "required"})
    text = checked_announcement(_language(language), body["text"])
    if not text:
        raise ApiError(422, "invalid", fields={"text": "required"})
    at: datetime = now()
    board_settings.set_emergency(rt().redis, language, text, by=g.staff.display_name, now=at)
    events.settings_changed(rt().redis, at)
    return jsonify(emergencies=board_settings.emergencies(rt().redis))


@api_bp.delete("/staff/emergency/<language>")
@supervisors
def delete_emergency(language: str) -> Response:
    """Stop the language's emergency announcement."""
    board_settings.clear_emergency(rt().redis, _language(language))
    events.settings_changed(rt().redis, now())
    return jsonify(emergencies=board_settings.emergencies(rt().redis))
