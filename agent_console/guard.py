"""Page guards: a live staff session (else the login page), the role, CSRF on every form."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, abort, flash, g, redirect, render_template, request, session, url_for

from agent_console import auth
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from booking_core.errors import MyNumberRefused
from booking_core.identifiers import group_reference, national_phone, refuse_my_number
from queues import presence
from queues.timestamps import from_ms
from runtime.flask_glue import HSTS, now, rt

F = TypeVar("F", bound=Callable[..., Any])

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        # the softphone talks to Twilio (signalling over wss, ringtones over https)
        "connect-src 'self' wss://*.twilio.com https://*.twilio.com; "
        "media-src 'self' https://*.twilio.com https://*.twiliocdn.com; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Strict-Transport-Security": HSTS,
}


@bp.after_request
def _headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


@bp.context_processor
def _template_helpers() -> dict[str, Any]:
    return {"t": t, "csrf_token": auth.csrf_token, "CSRF_FIELD": auth.CSRF_FIELD}


def _expired() -> None:
    """The session timed out: say so, and take the agent off duty unless they are on a call."""
    username = session.get(auth.SESSION_USER)
    if isinstance(username, str):
        with contextlib.suppress(presence.PresenceRefused):
            presence.set_state(rt().redis, username, "offline", now())
    session.pop(auth.SESSION_TOKEN, None)
    session.pop(auth.SESSION_USER, None)
    flash(t("session_expired"), "error")


def staff_page(
    *, supervisor: bool = False, renew: bool = True, roles: tuple[str, ...] = auth.DESK_ROLES
) -> Callable[[F], F]:
    """Send people without a live session to the login page; check the role and CSRF."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            token = auth.page_token()
            found = auth.resolve(rt().redis, token, now(), renew=renew)
            if found is None:
                if token:
                    _expired()
                return redirect(url_for("agent_console.login_form"))
            if (supervisor and not found.supervisor) or found.role not in roles:
                abort(403)
            if request.method == "POST" and not auth.csrf_ok():
                flash(t("csrf_failed"), "error")
                return redirect(url_for("agent_console.console"))
            g.staff = found
            if _holds_my_number():
                return render_template("console/refused.html", staff=found), 422
            if found.role in auth.DESK_ROLES:
                presence.heartbeat(rt().redis, found.username, now())
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def _holds_my_number() -> bool:
    """True when any field of the page's form or query holds a My Number (never kept, nor shown)."""
    texts = {name: request.form.getlist(name) for name in request.form if name != auth.CSRF_FIELD}
    texts["query"] = [v for values in request.args.listvalues() for v in values]
    try:
        refuse_my_number(texts)
    except MyNumberRefused:
        return True
    return False


@bp.app_template_filter("console_time")
def console_time(epoch_ms: int) -> str:
    """Epoch milliseconds as Tokyo HH:MM."""
    return from_ms(epoch_ms).strftime("%H:%M")


@bp.app_template_filter("jp_phone")
def jp_phone(e164: str) -> str:
    """A caller's number as Japanese staff write it: 090-1111-0001."""
    return national_phone(e164 or "")


@bp.app_template_filter("ref")
def grouped_reference(reference: str) -> str:
    """A booking reference in groups: 123 456 7890."""
    return group_reference(reference or "")


@bp.app_template_filter("mmss")
def minutes_seconds(seconds: int) -> str:
    """A duration as the console's timers show it: 3:27, or 1:03:27 past an hour."""
    seconds = max(0, int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
