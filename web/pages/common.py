"""Helpers the booking and change pages share: reference data, limits, the core's errors."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from flask import g

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
from runtime.flask_glue import rt
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


def local_name(item: CenterInfo | ServiceInfo) -> str:
    """The name in the page's language."""
    return item.name_en if current_language() == "en" else item.name_ja


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
