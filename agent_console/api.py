"""The staff JSON API: login, presence, the agent's call, live figures (bearer tokens)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, Response, g, jsonify, request

from agent_console import auth, service
from agent_console.catalog_ja import t
from booking_core.errors import BookingError
from booking_core.staff import LoginFailed
from queues import acd, callbacks, presence, stats
from queues.timestamps import from_ms
from runtime.flask_glue import now, rt

api_bp = Blueprint("staff_api", __name__, url_prefix="/api/v1")
F = TypeVar("F", bound=Callable[..., Any])


class ApiError(Exception):
    """An error answered as {"error", "message", "fields"} with a 4xx status."""

    def __init__(
        self, status: int, code: str, message: str = "", fields: dict[str, str] | None = None
    ) -> None:
        super().__init__(code)
        self.status, self.code = status, code
        self.message, self.fields = message or t(f"api_{code}"), fields or {}


@api_bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> tuple[Response, int]:
    return jsonify(error=error.code, message=error.message, fields=error.fields), error.status


@api_bp.errorhandler(BookingError)
def _booking_error(error: BookingError) -> tuple[Response, int]:
    return jsonify(error=error.code, message=t("api_invalid"), fields=error.fields), 422


def staff_required(*, supervisor: bool = False) -> Callable[[F], F]:
    """Refuse requests without a live bearer token (401) or the role (403)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            found = auth.resolve(rt().redis, auth.bearer_token())
            if found is None:
                raise ApiError(401, "unauthorized")
            if supervisor and not found.supervisor:
                raise ApiError(403, "forbidden")
            g.staff = found
            presence.heartbeat(rt().redis, found.username, now())
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def _body(*required: str) -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid", fields={"body": "json_object_required"})
    missing = {
        name: "required"
        for name in required
        if not isinstance(data.get(name), str) or not data[name]
    }
    if missing:
        raise ApiError(422, "invalid", fields=missing)
    return data


@api_bp.post("/staff/login")
def login() -> Response:
    """Exchange a username and password for a bearer token."""
    body = _body("username", "password")
    runtime = rt()
    try:
        found = auth.login(
            runtime.redis,
            runtime.uow(),
            runtime.uow(),
            username=body["username"],
            password=body["password"],
            now=now(),
        )
    except LoginFailed as failed:
        raise ApiError(401, "login_failed") from failed
    return jsonify(
        token=found.token,
        username=found.username,
        role=found.role,
        display_name=found.display_name,
        expires_in=auth.IDLE_TIMEOUT_SECONDS,
    )


@api_bp.post("/staff/logout")
@staff_required()
def logout() -> tuple[str, int]:
    """End the token's session."""
    auth.logout(rt().redis, g.staff.token)
    return "", 204


@api_bp.put("/staff/presence")
@staff_required()
def set_presence() -> Response:
    """Change the agent's presence: available, break (with a reason) or offline."""
    body = _body("state")
    reason = body.get("reason") if isinstance(body.get("reason"), str) else ""
    try:
        presence.set_state(rt().redis, g.staff.username, body["state"], now(), reason or "")
    except presence.PresenceRefused as refused:
        status = 422 if refused.code in {"unknown_state", "break_reason_required"} else 409
        raise ApiError(
            status, refused.code, t(f"refused_{refused.code}"), {"state": refused.code}
        ) from refused
    return jsonify(service.my_status(rt(), g.staff.username, now()))


@api_bp.get("/staff/me")
@staff_required()
def me() -> Response:
    """The agent's presence, current call and any wrap-up owed."""
    return jsonify(service.my_status(rt(), g.staff.username, now()))


def _call_step(step: Callable[..., dict[str, Any]]) -> Response:
    try:
        return jsonify(step(rt(), g.staff.username, now()))
    except service.NoCall as none:
        raise ApiError(409, "no_call") from none


@api_bp.post("/staff/answer")
@staff_required()
def answer() -> Response:
    """Pick up the call routed to the agent."""
    return _call_step(service.answer)


@api_bp.post("/staff/hangup")
@staff_required()
def hang_up() -> Response:
    """End the current call; the agent goes into wrap-up."""
    return _call_step(service.hang_up)


@api_bp.post("/staff/wrap-up")
@staff_required()
def wrap_up() -> Response:
    """Record the wrap-up code (and notes) of the last call, then take the next state."""
    body = _body("code")
    next_state = body.get("next_state") or "available"
    note = body.get("note") if isinstance(body.get("note"), str) else ""
    try:
        return jsonify(
            service.wrap_up(
                rt(),
                g.staff.username,
                code=body["code"],
                note=note or "",
                next_state=str(next_state),
                now=now(),
            )
        )
    except service.NoCall as none:
        raise ApiError(409, "no_call") from none


@api_bp.get("/staff/callbacks")
@staff_required()
def waiting_callbacks() -> Response:
    """Callback requests waiting, in the order they will be served."""
    acd.absorb_callbacks(rt().redis, now())  # the phone front's new requests, in their place
    items = callbacks.waiting(rt().redis)
    return jsonify(
        callbacks=[
            {
                **{k: i.get(k, "") for k in ("sid", "queue", "number", "language")},
                "requested_at": from_ms(i["arrived"]).isoformat(),
            }
            for i in items
        ]
    )


@api_bp.get("/stats/live")
@staff_required(supervisor=True)
def live() -> Response:
    """Per-queue and per-agent figures now, with Erlang C staffing (supervisors)."""
    acd.absorb_callbacks(rt().redis, now())
    return jsonify(stats.live_snapshot(rt().redis, now()))
