"""The bridge from a Flask request to the runtime built by create_app()."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, Request, Response, current_app
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from runtime.bootstrap import Runtime

HSTS = "max-age=31536000; includeSubDomains"


def strict_transport(response: Response) -> Response:
    """Tell browsers to come back over https only (HSTS)."""
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def rt() -> Runtime:
    """The runtime of the current app."""
    runtime: Runtime = current_app.extensions["runtime"]
    return runtime


def now() -> datetime:
    """The current moment from the app's clock."""
    return rt().clock.now()


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, minus the signing set-up for requests without a cookie.

    Most requests (the JSON API, Twilio's webhooks) carry no session cookie; Flask would still
    build a signing serializer for each. Requests with a cookie are checked exactly as before.
    """

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)
