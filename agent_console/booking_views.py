"""Booking for the caller from the console: create, change, cancel through booking_core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TypeVar

from flask import flash, g, redirect, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.guard import staff_page
from agent_console.screen import error_text
from booking_core.bookings import BookingRequest, cancel_booking, change_booking, create_booking
from booking_core.errors import BookingError, InvalidRequest
from booking_core.identifiers import (
    InvalidIdentifier,
    group_reference,
    normalize_notice_number,
    normalize_phone,
    normalize_reference,
)
from booking_core.policy import Actor
from runtime.flask_glue import now, rt

T = TypeVar("T")


def _field(name: str) -> str:
    return request.form.get(name, "").strip()


def _parse(name: str, parse: Callable[[str], T]) -> T:
    """A form value parsed by `parse`, or InvalidRequest naming the field."""
    try:
        return parse(_field(name))
    except (ValueError, InvalidIdentifier) as bad:
        raise InvalidRequest("bad field", fields={name: "invalid"}) from bad


def _request() -> BookingRequest:
    notice = _field("notice_number")
    phone = _field("phone")
    return BookingRequest(
        service=_field("service"),
        center=_field("center") or None,
        day=_parse("day", date.fromisoformat),
        start=_parse("start", time.fromisoformat),
        birth_date=_parse("birth_date", date.fromisoformat),
        party_size=_parse("party_size", int) if _field("party_size") else 1,
        phone=_parse("phone", normalize_phone) if phone else None,
        name=_field("name"),
        kana=_field("kana"),
        address=_field("address"),
        notice_number=normalize_notice_number(notice, rt().policy.notice_number_digits)
        if notice
        else None,
    )


def _done(message: str, reference: str, category: str = "info") -> BaseResponse:
    flash(message, category)
    return redirect(url_for("agent_console.console", reference=reference))


@bp.post("/bookings/new")
@staff_page()
def book_for_caller() -> BaseResponse:
    """Book for the caller, with the same rules as every channel."""
    try:
        made = create_booking(
            rt().uow(),
            _request(),
            now=now(),
            actor=Actor.staff(g.staff.username),
            policy=rt().policy,
        )
    except (BookingError, InvalidIdentifier) as error:
        flash(
            error_text(error) if isinstance(error, BookingError) else t("error_invalid_request"),
            "error",
        )
        return redirect(url_for("agent_console.console"))
    # "booked": the console's script then lets go of the booking form's draft
    return _done(
        t("booked_ok", reference=group_reference(made.reference)), made.reference, "info booked"
    )


@bp.post("/bookings/change")
@staff_page()
def change_for_caller() -> BaseResponse:
    """Move a booking to another time."""
    try:
        reference = _parse("reference", normalize_reference)
        moved = change_booking(
            rt().uow(),
            reference=reference,
            birth_date=_parse("birth_date", date.fromisoformat),
            day=_parse("day", date.fromisoformat),
            start=_parse("start", time.fromisoformat),
            now=now(),
            actor=Actor.staff(g.staff.username),
            policy=rt().policy,
        )
    except BookingError as error:
        flash(error_text(error), "error")
        return redirect(url_for("agent_console.console", reference=_field("reference")))
    return _done(t("changed_ok", reference=group_reference(moved.reference)), moved.reference)


@bp.post("/bookings/cancel")
@staff_page()
def cancel_for_caller() -> BaseResponse:
    """Cancel a booking."""
    try:
        reference = _parse("reference", normalize_reference)
        gone = cancel_booking(
            rt().uow(),
            reference=reference,
            birth_date=_parse("birth_date", date.fromisoformat),
            now=now(),
            actor=Actor.staff(g.staff.username),
        )
    except BookingError as error:
        flash(error_text(error), "error")
        return redirect(url_for("agent_console.console", reference=_field("reference")))
    return _done(t("cancelled_ok", reference=group_reference(gone.reference)), gone.reference)
