"""The agent's pages: login, the console, presence, the call's steps (thin: parse, call, render)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from flask import (
    Response,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from agent_console import auth, screen, service, signin_code, throttle
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.guard import staff_page
from booking_core.errors import BookingError
from booking_core.staff import LoginFailed
from queues import callbacks, keys, presence
from runtime.flask_glue import now, rt
from runtime.rate_limits import staff_signins


@bp.get("/login")
def login_form() -> str:
    """The login form."""
    return render_template("console/login.html")


@bp.post("/login")
@staff_signins()
def login() -> BaseResponse | tuple[str, int]:
    """Check the password; on success the session holds a token with an idle timeout."""
    if not auth.csrf_ok():
        flash(t("csrf_failed"), "error")
        return render_template("console/login.html"), 400
    runtime = rt()
    try:
        found = auth.login(
            runtime.redis,
            runtime.uow(),
            runtime.uow(),
            username=request.form.get("username", "").strip(),
            password=request.form.get("password", ""),
            client=auth.client(),
            now=now(),
            hours=runtime.settings.staff_session_hours,
        )
    except throttle.AddressWaiting as waiting:
        flash(t("too_many_attempts", minutes=-(-waiting.seconds // 60)), "error")
        return render_template("console/login.html"), 429
    except auth.SecondFactorOwed as owed:
        return signin_code.begin(owed.staff)
    except LoginFailed:
        flash(t("login_failed"), "error")
        return render_template("console/login.html"), 401
    session.clear()  # a new session id for the new login
    session[auth.SESSION_TOKEN] = found.token
    session[auth.SESSION_USER] = found.username
    target = "agent_console.console"
    if found.supervisor:
        target = "agent_console.dashboard"
    elif found.role == "reception":
        target = "agent_console.counter_home"
    elif found.role == "transport":
        target = "agent_console.cards"
    elif found.role == "visit_coordinator":
        target = "agent_console.visits"
    return redirect(url_for(target))


@bp.errorhandler(429)
@bp.errorhandler(503)
def _signin_refused(error: HTTPException) -> tuple[str, int]:
    """Sign-in limited or its counters unreachable: the login page says so."""
    status = error.code or 503
    flash(t("signin_limited" if status == 429 else "signin_unavailable"), "error")
    return render_template("console/login.html"), status


@bp.post("/logout")
@staff_page()
def logout() -> BaseResponse:
    """End the session (the agent goes offline unless on a call)."""
    with contextlib.suppress(presence.PresenceRefused):
        presence.set_state(rt().redis, g.staff.username, "offline", now())
    auth.logout(rt().redis, g.staff.token)
    session.clear()
    flash(t("logged_out"), "info")
    return redirect(url_for("agent_console.login_form"))


@bp.route("/", methods=["GET", "POST"])
@staff_page()
def console() -> str:
    """The agent's console: presence, the call card with screen pop, search, callbacks.

    The search is POSTed: a notice number (or a My Number typed by mistake) never sits in a URL.
    """
    asked = request.form if request.method == "POST" else request.args
    context: dict[str, Any] = screen.console_context(
        rt(),
        g.staff,
        now(),
        reference=asked.get("reference", ""),
        notice=asked.get("notice", ""),
    )
    return render_template("console/console.html", **context)


@bp.get("/availability")
@staff_page(renew=False)
def availability_grid() -> Response | tuple[Response, int]:
    """Places left per band for five days: the slot grid a click on which fills the booking."""
    asked = request.args
    try:
        first = date.fromisoformat(asked.get("from", "")) if asked.get("from") else now().date()
    except ValueError:
        return jsonify(error="invalid", fields={"from": "invalid_date"}), 422
    days = screen.availability_grid(
        rt(), now(), service=asked.get("service", ""), center=asked.get("center", ""), first=first
    )
    return jsonify(days=days)


@bp.get("/poll")
@staff_page(renew=False)
def poll() -> Response:
    """A small fingerprint of the agent's state; the page reloads when it changes."""
    presence.sweep_stale(rt().redis, now())  # any open console tidies up closed ones
    status = service.my_status(rt(), g.staff.username, now())
    call = status["call"] or {}
    return jsonify(
        version=f"{status['agent']['state']}|{call.get('sid', '')}|{call.get('state', '')}",
        seconds_in_state=status["agent"]["seconds_in_state"],
    )


@bp.post("/presence")
@staff_page()
def set_presence() -> BaseResponse:
    """Switch presence."""
    state, reason = request.form.get("state", ""), request.form.get("reason", "")
    try:
        presence.set_state(rt().redis, g.staff.username, state, now(), reason)
    except presence.PresenceRefused as refused:
        flash(t(f"refused_{refused.code}"), "error")
    return redirect(url_for("agent_console.console"))


def _call_step(step: Any, **kwargs: Any) -> BaseResponse:
    try:
        step(rt(), g.staff.username, now=now(), **kwargs)
    except service.NoCall:
        flash(t("api_no_call"), "error")
    except BookingError as error:
        flash(screen.error_text(error), "error")
    return redirect(url_for("agent_console.console"))


@bp.post("/answer")
@staff_page()
def answer() -> BaseResponse:
    """Take the routed call (offline: the simulator's answer button)."""
    return _call_step(service.answer)


@bp.post("/hangup")
@staff_page()
def hang_up() -> BaseResponse:
    """End the call and go into wrap-up."""
    return _call_step(service.hang_up)


@bp.post("/wrap-up")
@staff_page()
def wrap_up() -> BaseResponse:
    """Record the wrap-up code and notes, then take the chosen state."""
    return _call_step(
        service.wrap_up,
        code=request.form.get("code", ""),
        note=request.form.get("note", ""),
        topic=request.form.get("topic", ""),
        escalate=request.form.get("escalate") == "1",
        next_state=request.form.get("next_state", "available"),
    )


@bp.post("/call/hold")
@staff_page()
def hold_call() -> BaseResponse:
    """Put the caller on hold with music."""
    return _call_step(service.hold)


@bp.post("/call/resume")
@staff_page()
def resume_call() -> BaseResponse:
    """Bring the held caller back to the agent's browser."""
    return _call_step(service.hold, held=False)


@bp.post("/call/transfer")
@staff_page()
def transfer_call() -> BaseResponse:
    """Blind transfer to another agent who is available, or into a queue (queue=...)."""
    queue = request.form.get("queue", "")
    if queue and queue not in keys.QUEUE_NAMES:
        abort(422)
    target = {"queue": queue} if queue else {"agent": request.form.get("agent", "")}
    try:
        return _call_step(service.transfer, **target)
    except service.TransferRefused:
        flash(t("transfer_queue_refused" if queue else "transfer_refused"), "error")
        return redirect(url_for("agent_console.console"))


@bp.post("/callback/dial")
@staff_page()
def dial_callback() -> BaseResponse:
    """Ring the resident of the callback request routed to the agent."""
    return _call_step(service.dial_callback)


@bp.post("/abandoned/callback")
@staff_page()
def offer_callback() -> BaseResponse:
    """Put a caller who hung up while waiting back in line as a callback, at their old place."""
    if callbacks.callback_for_abandoned(rt().redis, request.form.get("sid", ""), now()):
        flash(t("callback_added"), "info")
    return redirect(url_for("agent_console.console"))
