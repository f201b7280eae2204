"""What every page shares: language choice, CSRF check, headers, template helpers, errors."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

import phonenumbers
from flask import Response, abort, render_template, request, session

from booking_core import schedule
from booking_core.calendar import CALL_CENTRE, TOKYO, Closure
from booking_core.identifiers import contains_my_number
from runtime.flask_glue import now, rt
from web.pages.blueprint import bp
from web.pages.common import centre
from web.pages.i18n import (
    LANGUAGES,
    current_language,
    format_day,
    format_month,
    format_time,
    group_reference,
    t,
)
from web.pages.security import CSRF_FIELD, add_security_headers, csrf_ok, csrf_token


def page(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """Render one of the pages' templates; a form's My Number is never sent back into a field."""
    if "form" in context:
        context["form"] = echoable(context["form"])
    return render_template(f"pages/{template}", **context), status


def echoable(form: Mapping[str, Any]) -> dict[str, Any]:
    """The form's values to show again, a value holding a My Number left empty."""
    return {
        name: "" if isinstance(value, str) and contains_my_number(value) else value
        for name, value in form.items()
    }


def national_phone(e164: str) -> str:
    """A phone number as written in Japan: 090-1234-5678."""
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.NATIONAL
        )
    except phonenumbers.NumberParseException:
        return e164


def switch_url() -> str:
    """This page in the other language (same path, same query)."""
    args = request.args.to_dict()
    args["lang"] = "en" if current_language() == "ja" else "ja"
    return f"{request.path}?{urlencode(args)}"


@bp.before_request
def _choose_language() -> None:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked


@bp.before_request
def _check_csrf() -> None:
    if request.method == "POST" and not csrf_ok():
        abort(400, description="csrf")


@bp.after_request
def _headers(response: Response) -> Response:
    return add_security_headers(response)


@bp.context_processor
def helpers() -> dict[str, Any]:
    """What every page's template may use (also given to error pages outside the blueprint)."""
    return {
        "t": t,
        "lang": current_language(),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token,
        "switch_url": switch_url,
        "format_day": format_day,
        "format_month": format_month,
        "format_time": format_time,
        "group_reference": group_reference,
        "city_line": rt().settings.city_line_number,
        "iso_day": date.fromisoformat,
        "national_phone": national_phone,
        "closures_ahead": closures_ahead,
        "closure_place": closure_place,
    }


def closures_ahead() -> list[Closure]:
    """The closures the banner announces (booking_core.schedule.closures_ahead)."""
    return schedule.closures_ahead(rt().uow(), today=now().astimezone(TOKYO).date())


def closure_place(closure: Closure) -> str:
    """Where a closure applies, in the page's language."""
    if closure.center_id is None:
        return t("closure.all_centres")
    if closure.center_id == CALL_CENTRE:
        return t("closure.call_centre")
    found = centre(closure.center_id)
    if found is None:
        return closure.center_id
    return found.name_en if current_language() == "en" else found.name_ja


@bp.route("/")
def start() -> tuple[str, int]:
    """The front page: book, or change or cancel a booking."""
    return page("start.html")
