"""The dev server's phone: GET /ivr/simulator rings the IVR by hand (never in production)."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from flask import Response, abort, current_app, jsonify, request

from ivr.blueprint import bp
from ivr.keys import SIMULATOR_KEY_PREFIX, SIMULATOR_TTL_SECONDS
from ivr.simulator import HIDDEN_NUMBER, FlaskTransport, SimulatedCall
from ivr.simulator_queue import follow
from runtime.flask_glue import rt

PAGE = Path(__file__).parent / "templates" / "simulator.html"


def _dev_only() -> None:
    if rt().settings.production:
        abort(404)


def _transport() -> FlaskTransport:
    return FlaskTransport(current_app.test_client(), rt().settings.public_base_url)


def _load(session_id: str) -> SimulatedCall:
    raw = rt().redis.get(SIMULATOR_KEY_PREFIX + session_id)
    if not raw:
        abort(404)
    return SimulatedCall.from_dict(json.loads(raw))


def _save(session_id: str, call: SimulatedCall) -> dict[str, Any]:
    pending = call.pending
    queue_state = follow(rt().redis, call)  # an agent's answer puts the caller through
    rt().redis.set(
        SIMULATOR_KEY_PREFIX + session_id, json.dumps(call.to_dict()), ex=SIMULATOR_TTL_SECONDS
    )
    return {
        "id": session_id,
        "status": call.status,
        "queue": call.queue,
        "queue_state": queue_state,
        "caller": call.caller,
        "transcript": [vars(h) for h in call.transcript],
        "waiting_for": None
        if pending is None
        else {"num_digits": pending.num_digits, "finish_on_key": pending.finish_on_key},
    }


@bp.get("/simulator")
def simulator_page() -> Response:
    """A keypad in the browser that rings this server's IVR."""
    _dev_only()
    return Response(PAGE.read_text(encoding="utf-8"), mimetype="text/html")


def _start(body: dict[str, Any]) -> tuple[str, SimulatedCall]:
    settings = rt().settings
    caller = HIDDEN_NUMBER if body.get("hidden") else str(body.get("caller") or "+819012345678")
    call = SimulatedCall(settings.public_base_url, settings.twilio_auth_token, caller=caller)
    return secrets.token_hex(8), call.start(_transport())


@bp.post("/simulator/api")
def simulator_api() -> Response:
    """Start a call, press keys, wait in the queue (pressing * for a callback), hang up, or
    look again (`status`); answers the transcript so far and the call's queue state."""
    _dev_only()
    body = request.get_json(silent=True) or {}
    action = body.get("action")
    if action == "start":
        session_id, call = _start(body)
        return jsonify(_save(session_id, call))
    session_id = str(body.get("id", ""))
    call = _load(session_id)
    if action == "press" and call.pending is not None:
        call.press(_transport(), str(body.get("keys", ""))[:40])
    elif action == "wait":
        call.wait(_transport(), press=str(body.get("keys", ""))[:1] or None)
    elif action == "hangup":
        call.hang_up(_transport())
    elif action not in {"press", "status"}:
        abort(400)
    return jsonify(_save(session_id, call))
