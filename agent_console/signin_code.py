"""The console's second sign-in step for supervisors and administrators: enrol, or give the code.

After the right password the session holds only a pending sign-in (five minutes, in Redis):
who gave it and, for an enrolment, the new secret. The token is issued after the code.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import segno
from flask import flash, redirect, render_template, request, session, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from agent_console import auth, throttle
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from booking_core.second_factor import enrolment_uri, new_secret
from booking_core.staff import LoginFailed, StaffView
from queues import scripts
from runtime.flask_glue import now, rt
from runtime.rate_limits import staff_signins

PENDING_PREFIX = "mynacall:staff:pending:"
PENDING_SECONDS = 5 * 60
SESSION_PENDING = "console_pending"


def begin(staff: StaffView) -> BaseResponse:
    """Remember who gave the right password, and send them to the code (or enrolment) page."""
    pending = secrets.token_urlsafe(32)
    enrol = new_secret() if staff.second_factor == "enrol" else ""
    data = {"username": staff.username, "enrol": enrol}
    rt().redis.set(PENDING_PREFIX + pending, json.dumps(data), ex=PENDING_SECONDS)
    session.clear()  # a new session for the new sign-in
    session[SESSION_PENDING] = pending
    return redirect(url_for("agent_console.code_form"))


def _pending() -> dict[str, str] | None:
    key = session.get(SESSION_PENDING)
    if not isinstance(key, str):
        return None
    raw = scripts.text(rt().redis.get(PENDING_PREFIX + key))
    return json.loads(raw) if raw else None


def _form(pending: dict[str, str], status: int = 200) -> tuple[str, int]:
    context: dict[str, Any] = {"enrol": bool(pending["enrol"])}
    if pending["enrol"]:
        uri = enrolment_uri(pending["enrol"], pending["username"])
        qr = segno.make(uri, error="m").svg_inline(scale=5, light="#fff", title=t("totp_qr"))
        context["qr"] = Markup(qr)  # segno's own SVG markup: no user input in it but the name
        context["secret"] = " ".join(
            pending["enrol"][i : i + 4] for i in range(0, len(pending["enrol"]), 4)
        )
    return render_template("console/signin_code.html", **context), status


def _again() -> BaseResponse:
    flash(t("totp_start_again"), "error")
    return redirect(url_for("agent_console.login_form"))


@bp.get("/login/code")
def code_form() -> BaseResponse | tuple[str, int]:
    """The code form; for an enrolment, the QR code and the secret to type in too."""
    pending = _pending()
    return _again() if pending is None else _form(pending)


@bp.post("/login/code")
@staff_signins()
def code() -> BaseResponse | tuple[str, int]:
    """Check the code; on success the session holds a token, as after a password alone."""
    pending = _pending()
    if pending is None or not auth.csrf_ok():
        return _again()
    runtime = rt()
    try:
        found = auth.confirm(
            runtime.redis,
            runtime.uow(),
            runtime.uow(),
            username=pending["username"],
            code=request.form.get("code", ""),
            client=auth.client(),
            now=now(),
            hours=runtime.settings.staff_session_hours,
            enrol=pending["enrol"] or None,
        )
    except throttle.AddressWaiting as waiting:
        flash(t("too_many_attempts", minutes=-(-waiting.seconds // 60)), "error")
        return _form(pending, 429)
    except LoginFailed:
        flash(t("totp_invalid"), "error")
        return _form(pending, 401)
    runtime.redis.delete(PENDING_PREFIX + session[SESSION_PENDING])
    session.clear()
    session[auth.SESSION_TOKEN] = found.token
    session[auth.SESSION_USER] = found.username
    return redirect(url_for("agent_console.dashboard"))
