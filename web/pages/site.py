"""What every page shares: language choice, CSRF check, headers, template helpers, errors."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

import phonenumbers
from flask import Response, abort, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from booking_core import schedule
from booking_core.calendar import CALL_CENTRE, TOKYO, Closure
from booking_core.identifiers import contains_my_number
from runtime.flask_glue import now, rt
from web.pages import common, drafts
from web.pages.blueprint import bp
from web.pages.common import centre
from web.pages.i18n import (
    HTML_LANG,
    LANGUAGE_NAMES,
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
    """Render one of the pages' templates; a form's My Number is never sent back into a field.

    A form refused is kept (drafts.keep_form), so that the same page in another language, or
    after its booking expired, shows what was typed and what was wrong with it.
    """
    if "form" in context:
        context["form"] = echoable(context["form"])
        context["keep_form"] = True
        if request.method == "POST" and status >= 400:
            drafts.keep_form(request.path, context["form"], context.get("errors") or {},
                             context.get("problem"))  # fmt: skip
        elif request.method == "GET":
            kept = drafts.kept_form(request.path)
            if kept is not None:
                context.update(form=kept.form, errors=kept.errors or context.get("errors") or {})
                if "problem" in context and kept.problem:
                    context["problem"] = kept.problem
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


def switch_url(language: str) -> str:
    """This page in another language (same path, same query)."""
    args = request.args.to_dict()
    args["lang"] = language
    return f"{request.path}?{urlencode(args)}"


def safe_next(raw: str | None) -> str:
    """A path on this site to go back to (never another site)."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return url_for("pages.start")


@bp.post("/language")
def switch_language() -> WerkzeugResponse:
    """The language buttons of a form page: keep what was typed, then show it in the language."""
    language, back = request.args.get("to"), safe_next(request.args.get("next"))
    if language in LANGUAGES:
        session["lang"] = language
    drafts.keep_switched_form(urlsplit(back).path, typed(request.form))
    return redirect(back)


@bp.route("/privacy")
def privacy() -> tuple[str, int]:
    """個人情報の取扱い: what the site keeps, why, for how long, and whom to ask."""
    return page("privacy.html")


@bp.route("/favicon.ico")
def favicon() -> WerkzeugResponse:
    """The site's icon where browsers look for it without being told."""
    return redirect(url_for("pages.static", filename="favicon.svg"), code=301)


def local_name(item: Any) -> str:
    """A centre's or procedure's name in the page's language."""
    return common.local_name(item)


def tel_href(number: str) -> str:
    """A tel: link for a number written as people read it (045-000-0000)."""
    return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")


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


@bp.after_request
def _forget_accepted_form(response: Response) -> Response:
    if (
        request.method == "POST"
        and response.status_code in (302, 303)
        and not g.get("form_kept")
        and "draft:forms" in session
    ):
        drafts.forget_form(request.path)
    return response


def typed(form: Mapping[str, Any]) -> dict[str, str]:
    """What a resident typed into a posted form (no token), a My Number left empty."""
    return echoable({k: str(v) for k, v in form.items() if k != CSRF_FIELD})


@bp.context_processor
def helpers() -> dict[str, Any]:
    """What every page's template may use (also given to error pages outside the blueprint)."""
    return {
        "t": t,
        "lang": current_language(),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token,
        "switch_url": switch_url,
        "languages": LANGUAGE_NAMES,
        "html_lang": HTML_LANG,
        "local_name": local_name,
        "bring_for": common.bring_for,
        "map_url": common.map_url,
        "tel_href": tel_href,
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
    return common.local_name(found)


@bp.route("/")
def start() -> tuple[str, int]:
    """The front page: book, or change or cancel a booking."""
    return page("start.html")
