"""書かない窓口: a print-ready A4 form pre-filled from a booking, for logged-in centre staff."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from flask import abort, g, redirect, url_for

from agent_console.auth import StaffSession, bearer_token, page_token, resolve
from booking_core.counter_forms import form_record
from booking_core.errors import NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_reference
from booking_core.policy import Actor
from runtime.flask_glue import now, rt
from web.pages import bp
from web.pages.common import any_procedure, centre, local_name
from web.pages.site import page

View = Callable[..., Any]
ERAS = (  # 和暦: the era a birth date falls in, newest first
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 10, 23), "明治"),
)


def wareki(day: date) -> str:
    """A date in the Japanese era calendar, as counter forms print it: 昭和35年5月5日."""
    for start, name in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return ""


def current_staff() -> StaffSession | None:
    """The member of staff logged in to the console (its session cookie or a bearer token)."""
    return resolve(rt().redis, page_token() or bearer_token())


def require_staff(view: View) -> View:
    """Send anyone not logged in to the console to its login; the staff member goes on `g.staff`."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        staff = current_staff()
        if staff is None:  # the console's own login page, as its pages do
            return redirect(url_for("agent_console.login_form"))
        g.staff = staff
        return view(*args, **kwargs)

    return guarded


@bp.route("/console/bookings/<reference>/form")
@require_staff
def counter_form(reference: str) -> tuple[str, int]:
    """The pre-filled form for the counter; each view is audited with who printed it."""
    try:
        details = form_record(
            rt().uow(),
            reference=normalize_reference(reference),
            now=now(),
            actor=Actor.staff(g.staff.username, channel="agent"),
        )
    except (InvalidIdentifier, NotFound):
        abort(404)
    service, place = any_procedure(details.service_code), centre(details.center_id)
    return page(
        "counter_form.html",
        booking=details,
        staff=g.staff,
        printed_at=now(),
        service_name=local_name(service) if service else details.service_code,
        centre_name=local_name(place) if place else details.center_id,
        wareki=wareki(details.birth_date),
    )
