"""Helpers the booking and change pages share: reference data, limits, the core's errors."""

from __future__ import annotations

from datetime import date, time
from typing import Any
from urllib.parse import quote

from flask import Response, g

from booking_core.calendar_file import Appointment, appointment_ics
from booking_core.errors import (
    AlreadyBooked,
    BookingError,
    CardNotReady,
    ConcurrentChange,
    NotBookable,
    NotFound,
    TransportTooLate,
    WrongCenter,
)
from booking_core.policy import Actor
from booking_core.schedule import CenterInfo, ServiceInfo, list_centers, list_services
from booking_core.what_to_bring import what_to_bring
from runtime.flask_glue import now, rt
from web.pages.i18n import current_language, format_day, t

WEB = Actor.resident("web")
WEB_PROCEDURE_GROUPS = ("issue_renew", "reception")  # home visits: a request, not a slot


def _all_services() -> list[ServiceInfo]:
    """Every procedure, read once per request."""
    if "web_services" not in g:
        g.web_services = list_services(rt().uow())
    services: list[ServiceInfo] = g.web_services
    return services


def procedures() -> list[ServiceInfo]:
    """The procedures residents can book on the web, in menu order."""
    return [s for s in _all_services() if s.group in WEB_PROCEDURE_GROUPS and "web" in s.channels]


def procedure(code: str | None) -> ServiceInfo | None:
    """One web-bookable procedure by code."""
    return next((s for s in procedures() if s.code == code), None)


def any_procedure(code: str) -> ServiceInfo | None:
    """Any procedure by code, home visits included (for staff pages)."""
    return next((s for s in _all_services() if s.code == code), None)


def centres() -> list[CenterInfo]:
    """Every centre, in the city's order (read once per request)."""
    if "web_centres" not in g:
        g.web_centres = list_centers(rt().uow())
    found: list[CenterInfo] = g.web_centres
    return found


def centre(center_id: str | None) -> CenterInfo | None:
    """One centre by id."""
    return next((c for c in centres() if c.id == center_id), None)


def local_name(item: Any) -> str:
    """A centre's or procedure's name in the page's language: the city's own names in Japanese
    and English; procedures named in the catalog for the other languages; centres by their
    Japanese name for Chinese readers and their English one for the others."""
    language = current_language()
    if language in ("ja", "easy"):
        return str(item.name_ja)
    if language == "en":
        return str(item.name_en)
    code = getattr(item, "code", None)
    if code is not None:
        return t(f"procedure_name.{code}", fallback=item.name_en)
    return str(item.name_ja if language == "zh" else item.name_en)


def bring_for(service_code: str) -> str:
    """What to bring for a procedure, in the page's language (booking_core.what_to_bring)."""
    return what_to_bring(service_code, current_language())


def map_url(place: CenterInfo) -> str:
    """A map search for a centre (opens the phone's map app)."""
    return "https://www.google.com/maps/search/?api=1&query=" + quote(
        f"{place.name_ja} {place.address}"
    )


def calendar_download(
    reference: str, service: ServiceInfo, place: CenterInfo, day: date, start: time
) -> Response:
    """The appointment as an .ics file to add to a phone's calendar."""
    appointment = Appointment(
        reference=reference,
        day=day,
        start=start,
        minutes=service.minutes,
        title=t("calendar_file.title", service=local_name(service)),
        place=f"{local_name(place)}, {place.address}",
        description=t(
            "calendar_file.description",
            reference=reference,
            bring=bring_for(service.code),
            number=rt().settings.city_line_number,
        ),
    )
    return Response(
        appointment_ics(appointment, now=now()),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="booking-{reference}.ics"'},
    )


def parse_day(raw: str | None) -> date | None:
    """An ISO date from a path or form, or None."""
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return None


def parse_start(raw: str | None) -> time | None:
    """A band start 'HH:MM' from a form, or None."""
    try:
        return time.fromisoformat(raw or "")
    except ValueError:
        return None


def alternative_choices(stored: list[list[Any]] | None) -> list[tuple[date, time, int]]:
    """The nearest times kept in a draft, in the order of the day (earliest first)."""
    return sorted((date.fromisoformat(d), time.fromisoformat(s), n) for d, s, n in stored or [])


def problem_text(error: BookingError, *, cancelling: bool = False) -> str:
    """Plain words for a rule the core refused."""
    if cancelling and isinstance(error, NotBookable):
        return t("problem.cancel_past")
    if isinstance(error, TransportTooLate):
        return t("problem.transport_too_late", day=format_day(error.earliest))
    if isinstance(error, NotBookable):
        return t(f"problem.not_bookable_{error.reason.split(':')[0]}")
    for kind, key in (
        (AlreadyBooked, "already_booked"),
        (CardNotReady, "card_not_ready"),
        (WrongCenter, "wrong_center"),
        (NotFound, "not_found"),
        (ConcurrentChange, "concurrent_change"),
    ):
        if isinstance(error, kind):
            return t(f"problem.{key}")
    return t("problem.other")
