"""Error answers for the whole site: residents' pages, JSON under /api/, plain 4xx under /ivr/,
staff pages under /console/."""

from __future__ import annotations

import logging
import traceback

from flask import Response, render_template, request, session
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from web.api.errors import http_error
from web.pages.blueprint import bp
from web.pages.i18n import LANGUAGES
from web.pages.security import add_security_headers
from web.pages.site import helpers

log = logging.getLogger(__name__)
API_PREFIX = "/api/"
IVR_PREFIX = "/ivr/"
CONSOLE_PREFIX = "/console/"
STAFF_ERROR_KEYS = ("400", "404", "405", "413", "500")


def error_page(code: int, key: str | None = None) -> Response:
    """The residents' error page in the site's layout (language from ?lang or the session)."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
    return _rendered("pages/error.html", code, error_key=key or str(code))


def staff_error_page(code: int) -> Response:
    """A plain page for centre staff, linking back to the console instead of the residents' site."""
    key = str(code) if str(code) in STAFF_ERROR_KEYS else "500"
    return _rendered("pages/staff_error.html", code, error_key=key, console_home=CONSOLE_PREFIX)


def _rendered(template: str, code: int, **context: object) -> Response:
    """An error template with the site's helpers; a bare status if the page itself fails."""
    try:
        html = render_template(template, **helpers(), **context)
    except Exception:  # the layout itself failed: a bare page rather than a second failure
        log.error("error page %s (%s) could not be rendered", code, template)
        return add_security_headers(Response(status=code))
    return add_security_headers(Response(html, code, mimetype="text/html"))


def _answer(error: HTTPException) -> Response:
    """The error in the form the path's client reads."""
    code = error.code or 500
    if request.path.startswith(API_PREFIX):
        body, status = http_error(error)  # the API's JSON body, Allow header included
        body.status_code = status
        return body
    if request.path.startswith(IVR_PREFIX):
        # Twilio only follows our own TwiML; a bare status is all it needs.
        return Response(status=code, mimetype="text/plain")
    if request.path.startswith(CONSOLE_PREFIX):
        return _with_allow(staff_error_page(code), error)
    return _with_allow(error_page(code), error)


def _with_allow(response: Response, error: HTTPException) -> Response:
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


@bp.errorhandler(400)
@bp.errorhandler(401)
@bp.errorhandler(404)
@bp.errorhandler(405)
@bp.errorhandler(413)
@bp.errorhandler(429)
@bp.errorhandler(503)
def _page_error(error: HTTPException) -> Response:
    key = "csrf" if error.description == "csrf" else None
    return _with_allow(error_page(error.code or 500, key), error)


@bp.app_errorhandler(400)
@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
@bp.app_errorhandler(413)
def _unrouted(error: HTTPException) -> Response:
    """An unroutable URL or method, or a body refused before any view (too big, JSON too deep):
    answered per area of the site."""
    return _answer(error)


@bp.app_errorhandler(Exception)
def _unexpected(error: Exception) -> Response | HTTPException:
    """A failure nobody handled: a polite page, and a log line without personal data."""
    if isinstance(error, HTTPException):
        return error  # statuses other areas raise on purpose keep their own answer
    # The type and the place only: messages and SQL parameters may carry what residents typed.
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    log.error(
        "unexpected %s on %s %s at %s:%s",
        type(error).__name__,
        request.method,
        request.url_rule or "-",
        where.filename if where else "?",
        where.lineno if where else "?",
    )
    return _answer(InternalServerError())
