"""Change or cancel a booking with its reference and the birth date."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from flask import redirect, request, url_for

from booking_core.bookings import BookingDetails, cancel_booking, change_booking, get_booking
from booking_core.errors import BookingError, NotFound, SlotFull
from booking_core.notices import will_text
from booking_core.reminders import set_reminders
from runtime.flask_glue import now, rt
from runtime.rate_limits import lookups
from web.pages import drafts
from web.pages.blueprint import bp
from web.pages.book import View, day_view
from web.pages.calendar_view import month_view
from web.pages.common import (
    WEB,
    alternative_choices,
    calendar_download,
    centre,
    parse_day,
    parse_start,
    problem_text,
    procedure,
)
from web.pages.forms import Parsed, read_birth_date, read_reference
from web.pages.site import page

KIND = "manage"


def _restart() -> View:
    return redirect(url_for("pages.manage", expired=1))


def _booking(draft: dict[str, Any]) -> BookingDetails | None:
    """The booking the resident opened (an audited read), or None."""
    if not draft.get("reference"):
        return None
    try:
        return get_booking(
            rt().uow(),
            reference=draft["reference"],
            now=now(),
            actor=WEB,
            birth_date=date.fromisoformat(draft["birth_date"]),
        )
    except NotFound:
        return None


def _shown(booking: BookingDetails) -> dict[str, Any]:
    return {
        "booking": booking,
        "service": procedure(booking.service_code),
        "centre": centre(booking.center_id),
    }


@bp.route("/manage", methods=["GET", "POST"])
@lookups(methods=["POST"])
def manage() -> View:
    """Open a booking: reference and birth date (limited per client, no guessing)."""
    if request.method == "GET":
        return page("manage_lookup.html", form={}, errors={}, problem=None)
    parsed = Parsed()
    read_reference(request.form, parsed)
    read_birth_date(request.form, parsed, today=now().date())
    if parsed.screen(request.form).errors:
        return page(
            "manage_lookup.html", 422, form=request.form, errors=parsed.errors, problem=None
        )
    draft = {
        "reference": parsed.values["reference"],
        "birth_date": parsed.values["birth_date"].isoformat(),
    }
    if _booking(draft) is None:
        return page("manage_lookup.html", 404, form=request.form, errors={}, problem="not_found")
    drafts.start(KIND, **draft)
    return redirect(url_for("pages.manage_booking"))


@bp.route("/manage/booking")
def manage_booking() -> View:
    """The booking, with the ways to change or cancel it."""
    booking = _booking(drafts.load(KIND))
    if booking is None:
        return _restart()
    return page("manage_booking.html", **_shown(booking))


@bp.route("/manage/booking.ics")
def manage_calendar() -> View:
    """The booking opened, as a file for the phone's calendar."""
    booking = _booking(drafts.load(KIND))
    service = procedure(booking.service_code) if booking else None
    place = centre(booking.center_id) if booking else None
    if booking is None or booking.status != "active" or service is None or place is None:
        return _restart()
    return calendar_download(booking.reference, service, place, booking.day, booking.start)


def _plan(booking: BookingDetails) -> dict[str, Any]:
    return {
        "center": booking.center_id,
        "service": booking.service_code,
        "party_size": booking.party_size,
    }


@bp.route("/manage/calendar")
def change_calendar() -> View:
    """Pick a new day: the same month calendar as for a new booking."""
    booking = _booking(drafts.load(KIND))
    if booking is None or booking.status != "active":
        return _restart()
    view = month_view(
        center_id=booking.center_id,
        service=booking.service_code,
        month=request.args.get("month"),
        party=booking.party_size,
        earliest=None,
    )
    return page(
        "calendar.html",
        view=view,
        earliest=None,
        issuance=False,
        changing=booking,
        day_endpoint="pages.change_day",
        month_endpoint="pages.change_calendar",
        **_shown(booking),
    )


@bp.route("/manage/day/<day>")
def change_day(day: str) -> View:
    """Pick a new time on the day."""
    booking = _booking(drafts.load(KIND))
    if booking is None or booking.status != "active":
        return _restart()
    shown = day_view(
        parse_day(day), _plan(booking), action="pages.change_time", back="pages.change_calendar"
    )
    return shown or redirect(url_for("pages.change_calendar", month=day[:7], gone=1))


@bp.route("/manage/time", methods=["POST"])
def change_time() -> View:
    """Keep the new day and time; on to the review."""
    day, start = parse_day(request.form.get("day")), parse_start(request.form.get("start"))
    if not drafts.load(KIND).get("reference"):
        return _restart()
    if day is None or start is None:
        return redirect(url_for("pages.change_calendar"))
    drafts.update(KIND, day=day.isoformat(), start=start.strftime("%H:%M"), alternatives=[])
    return redirect(url_for("pages.change_review"))


def _new_time(draft: dict[str, Any]) -> tuple[date, time] | None:
    if not draft.get("day") or not draft.get("start"):
        return None
    return date.fromisoformat(draft["day"]), time.fromisoformat(draft["start"])


@bp.route("/manage/review", methods=["GET", "POST"])
def change_review() -> View:
    """Old time and new time side by side; posting moves the booking in one transaction."""
    draft = drafts.load(KIND)
    booking, new = _booking(draft), _new_time(draft)
    if booking is None or new is None:
        return _restart()
    if request.method == "GET":
        return page(
            "change_review.html", new_day=new[0], new_start=new[1], problem=None, **_shown(booking)
        )
    try:
        moved = change_booking(
            rt().uow(),
            reference=booking.reference,
            birth_date=booking.birth_date,
            day=new[0],
            start=new[1],
            now=now(),
            actor=WEB,
            policy=rt().policy,
        )
    except SlotFull as full:
        alternatives = [
            [a.day.isoformat(), a.start.strftime("%H:%M"), a.remaining] for a in full.alternatives
        ]
        drafts.update(KIND, alternatives=alternatives, start=None)
        return redirect(url_for("pages.change_full"))
    except BookingError as error:
        return page(
            "change_review.html",
            409,
            new_day=new[0],
            new_start=new[1],
            problem=problem_text(error),
            **_shown(booking),
        )
    moved_at_all = (moved.day, moved.start) != (booking.day, booking.start)
    texted = moved_at_all and will_text(moved)  # the change owed it a text
    drafts.update(KIND, day=None, start=None, texted=texted)
    return redirect(url_for("pages.manage_done", what="changed"))


@bp.route("/manage/full")
def change_full() -> View:
    """The new time went meanwhile: the nearest times with room."""
    draft = drafts.load(KIND)
    if not draft.get("reference"):
        return _restart()
    choices = alternative_choices(draft.get("alternatives"))
    return page(
        "full.html", choices=choices, action="pages.change_time", back="pages.change_calendar"
    )


@bp.route("/manage/cancel", methods=["GET", "POST"])
def cancel() -> View:
    """Ask once more, then cancel and give the places back."""
    booking = _booking(drafts.load(KIND))
    if booking is None:
        return _restart()
    if booking.status != "active":
        return redirect(url_for("pages.manage_booking"))
    if request.method == "GET":
        return page("cancel.html", problem=None, **_shown(booking))
    try:
        gone = cancel_booking(
            rt().uow(),
            reference=booking.reference,
            birth_date=booking.birth_date,
            now=now(),
            actor=WEB,
        )
    except BookingError as error:
        return page(
            "cancel.html", 409, problem=problem_text(error, cancelling=True), **_shown(booking)
        )
    drafts.update(KIND, texted=will_text(gone))
    return redirect(url_for("pages.manage_done", what="cancelled"))


@bp.post("/manage/reminders")
def reminders_setting() -> View:
    """Turn the reminder the day before on or off for the booking opened."""
    booking = _booking(drafts.load(KIND))
    if booking is None:
        return _restart()
    set_reminders(
        rt().uow(), reference=booking.reference, birth_date=booking.birth_date,
        enabled=request.form.get("reminders") == "on", now=now(), actor=WEB,
    )  # fmt: skip
    return redirect(url_for("pages.manage_booking"))


@bp.route("/manage/done/<what>")
def manage_done(what: str) -> View:
    """Changed or cancelled: what the booking is now."""
    draft = drafts.load(KIND)
    booking = _booking(draft)
    if booking is None or what not in {"changed", "cancelled"}:
        return _restart()
    # whether a text is on its way, as decided when the change was made
    return page("manage_done.html", what=what, texted=bool(draft.get("texted")), **_shown(booking))
