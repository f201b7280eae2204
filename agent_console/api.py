"""The staff JSON API: login, presence, the agent's call, live figures (bearer tokens)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from agent_console import auth, service, throttle
from agent_console.catalog_ja import t
from booking_core.errors import BookingError
from booking_core.identifiers import refuse_my_number
from booking_core.staff import LoginFailed
from queues import acd, callbacks, keys, presence, stats
from queues.timestamps import from_ms
from runtime.flask_glue import HSTS, now, rt
from runtime.rate_limits import staff_signins

api_bp = Blueprint("staff_api", __name__, url_prefix="/api/v1")
# Codes for the HTTP errors raised around the views (the limiter, body parsing).
HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    429: "too_many_attempts",
    503: "unavailable",
}
F = TypeVar("F", bound=Callable[..., Any])


class ApiError(Exception):
    """An error answered as {"error", "message", "fields", ...extra} with a 4xx status."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str = "",
        fields: dict[str, str] | None = None,
        *,
        headers: dict[str, str] | None = None,
        **extra: str,
    ) -> None:
        super().__init__(code)
        self.status, self.code = status, code
        self.message, self.fields = message or t(f"api_{code}"), fields or {}
        self.extra = extra  # more members of the body (a card's custody state)
        self.headers = headers or {}


@api_bp.after_request
def _headers(response: Response) -> Response:
    # Tokens and staff data: never kept by a cache; https only.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


@api_bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> tuple[Response, int]:
    body = {"error": error.code, "message": error.message, "fields": error.fields, **error.extra}
    response = jsonify(body)
    response.headers.update(error.headers)
    return response, error.status


@api_bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> tuple[Response, int]:
    status = error.code or 500
    code = HTTP_CODES.get(status, "invalid" if status < 500 else "internal_error")
    return jsonify(error=code, message=t(f"api_{code}"), fields={}), status


@api_bp.errorhandler(BookingError)
def _booking_error(error: BookingError) -> tuple[Response, int]:
    return jsonify(error=error.code, message=t("api_invalid"), fields=error.fields), 422


def staff_required(
    *, supervisor: bool = False, roles: tuple[str, ...] = auth.DESK_ROLES
) -> Callable[[F], F]:
    """Refuse requests without a live bearer token (401) or the role (403)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            found = auth.resolve(rt().redis, auth.bearer_token(), now())
            if found is None:
                raise ApiError(401, "unauthorized")
            if (supervisor and not found.supervisor) or found.role not in roles:
                raise ApiError(403, "forbidden")
            g.staff = found
            if found.role in auth.DESK_ROLES:
                presence.heartbeat(rt().redis, found.username, now())
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


@api_bp.before_request
def _no_my_number_in_query() -> None:
    """No staff endpoint takes a My Number, not even in a parameter it ignores (422)."""
    refuse_my_number({name: request.args.getlist(name) for name in request.args})


def _body(*required: str) -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid", fields={"body": "json_object_required"})
    # A password is checked, never kept: it may be any characters the person chose.
    refuse_my_number({name: value for name, value in data.items() if name != "password"})
    missing = {
        name: "required"
        for name in required
        if not isinstance(data.get(name), str) or not data[name]
    }
    if missing:
        raise ApiError(422, "invalid", fields=missing)
    return data


def _sign_in(body: dict[str, Any]) -> auth.StaffSession:
    """The password, then (supervisors, administrators) the `totp` code of the same body."""
    runtime, username = rt(), body["username"]
    given: dict[str, Any] = {
        "client": auth.client(),
        "now": now(),
        "hours": runtime.settings.staff_session_hours,
    }
    try:
        return auth.login(
            runtime.redis,
            runtime.uow(),
            runtime.uow(),
            username=username,
            password=body["password"],
            **given,
        )
    except auth.SecondFactorOwed as owed:
        if owed.staff.second_factor == "enrol":  # enrolment shows a QR code: on the console
            raise ApiError(403, "totp_enrolment_required") from owed
        code = body.get("totp")
        if not isinstance(code, str) or not code:
            raise ApiError(401, "totp_required", fields={"totp": "required"}) from owed
    try:
        return auth.confirm(
            runtime.redis, runtime.uow(), runtime.uow(), username=username, code=code, **given
        )
    except LoginFailed as failed:
        raise ApiError(401, "totp_invalid", fields={"totp": "invalid"}) from failed


@api_bp.post("/staff/login")
@staff_signins()
def login() -> Response:
    """Exchange a username and password (and a TOTP code for supervisors) for a bearer token."""
    body = _body("username", "password")
    try:
        found = _sign_in(body)
    except throttle.AddressWaiting as waiting:
        retry = {"Retry-After": str(waiting.seconds)}
        raise ApiError(429, "too_many_attempts", headers=retry) from waiting
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
                topic=str(body.get("topic") or ""),
                escalate=body.get("escalate") is True,
                next_state=str(next_state),
                now=now(),
            )
        )
    except service.NoCall as none:
        raise ApiError(409, "no_call") from none


@api_bp.post("/staff/call/hold")
@staff_required()
def hold() -> Response:
    """Put the caller on hold with music (held: false brings them back)."""
    data = request.get_json(silent=True)
    held = not (isinstance(data, dict) and data.get("held") is False)
    try:
        return jsonify(service.hold(rt(), g.staff.username, now(), held=held))
    except service.NoCall as none:
        raise ApiError(409, "no_call") from none


@api_bp.post("/staff/call/transfer")
@staff_required()
def transfer() -> Response:
    """Blind transfer of the call to another agent who is available, or into a queue."""
    body = _body()
    queue = body.get("queue")
    if queue is not None:
        if not isinstance(queue, str) or queue not in keys.QUEUE_NAMES:
            raise ApiError(422, "invalid", fields={"queue": "unknown_queue"})
    elif not isinstance(body.get("agent"), str) or not body["agent"]:
        raise ApiError(422, "invalid", fields={"agent": "required"})
    target = {"queue": queue} if queue else {"agent": body["agent"]}
    try:
        return jsonify(service.transfer(rt(), g.staff.username, now(), **target))
    except service.NoCall as none:
        raise ApiError(409, "no_call") from none
    except service.TransferRefused as refused:
        why = {"queue": str(refused)} if queue else {"agent": "not_available"}
        raise ApiError(409, "transfer_refused", fields=why) from refused


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


def query_day() -> date:
    """The `date` query parameter (YYYY-MM-DD), today when absent; 422 when malformed."""
    raw = request.args.get("date")
    if raw is None:
        return now().date()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ApiError(422, "invalid", fields={"date": "invalid_date"}) from None
