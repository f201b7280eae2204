"""書かない窓口: a print-ready A4 form pre-filled from a booking, for logged-in centre staff."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

import phonenumbers
from flask import abort, g, redirect, render_template, url_for

from agent_console.auth import StaffSession, bearer_token, page_token, resolve
from agent_console.blueprint import bp
from booking_core.counter_forms import form_record
from booking_core.errors import NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_reference
from booking_core.policy import Actor
from booking_core.schedule import services_and_centers
from runtime.flask_glue import now, rt

View = Callable[..., Any]
ERAS = (  # 和暦: the era a birth date falls in, newest first
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 10, 23), "明治"),
)
WEEKDAYS = "月火水木金土日"


def wareki(day: date) -> str:
    """A date in the Japanese era calendar, as counter forms print it: 昭和35年5月5日."""
    for start, name in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return ""


def japanese_day(day: date) -> str:
    """A date as the form prints it: 2026年11月6日（金）."""
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


def national_phone(e164: str) -> str:
    """A phone number as written in Japan: 090-1234-5678."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def group_reference(reference: str) -> str:
    """A reference in groups people can read back: 123 456 7890."""
    return f"{reference[:3]} {reference[3:6]} {reference[6:]}"


def current_staff() -> StaffSession | None:
    """The member of staff logged in to the console (its session cookie or a bearer token)."""
    return resolve(rt().redis, page_token() or bearer_token(), now())


def require_staff(view: View) -> View:
    """Send anyone not logged in to the console to its login; the staff member goes on `g.staff`."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        staff = current_staff()
        if staff is None:
            return redirect(url_for("agent_console.login_form"))
        g.staff = staff
        return view(*args, **kwargs)

    return guarded


def _names(service_code: str, center_id: str) -> tuple[str, str]:
    """The procedure's and the centre's Japanese names (the codes if either has gone)."""
    listed_services, listed_centres = services_and_centers(rt().uow())
    services = {s.code: s.name_ja for s in listed_services}
    centres = {c.id: c.name_ja for c in listed_centres}
    return services.get(service_code, service_code), centres.get(center_id, center_id)


@bp.get("/bookings/<reference>/form")
@require_staff
def counter_form(reference: str) -> str:
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
    service_name, centre_name = _names(details.service_code, details.center_id)
    return render_template(
        "console/counter_form.html",
        booking=details,
        staff=g.staff,
        printed_at=now(),
        service_name=service_name,
        centre_name=centre_name,
        wareki=wareki(details.birth_date),
        japanese_day=japanese_day,
        national_phone=national_phone,
        group_reference=group_reference,
    )
