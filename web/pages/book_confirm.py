"""Booking, second half: details, review, the booking itself, and the reference."""

from __future__ import annotations

import secrets
from datetime import date, time
from typing import Any

from flask import redirect, request, url_for

from booking_core.bookings import BookingRequest, create_booking
from booking_core.errors import BookingError, SlotFull
from booking_core.notices import texts_go_to
from runtime.flask_glue import now, rt
from web.pages import drafts
from web.pages.blueprint import bp
from web.pages.book import KIND, View, restart
from web.pages.common import (
    WEB,
    alternative_choices,
    calendar_download,
    centre,
    parse_day,
    problem_text,
    procedure,
)
from web.pages.forms import read_details
from web.pages.i18n import booking_language
from web.pages.site import page

DETAIL_FIELDS = ("name", "kana", "phone", "address")


def _ready_for_details(draft: dict[str, Any]) -> bool:
    return bool(draft.get("center") and draft.get("day") and draft.get("start"))


def _complete(draft: dict[str, Any]) -> bool:
    return _ready_for_details(draft) and bool(draft.get("phone") and draft.get("birth_date"))


def booking_request(draft: dict[str, Any]) -> BookingRequest:
    """The core's request from a completed draft."""
    return BookingRequest(
        service=draft["service"],
        day=date.fromisoformat(draft["day"]),
        start=time.fromisoformat(draft["start"]),
        birth_date=date.fromisoformat(draft["birth_date"]),
        center=draft["center"],
        party_size=int(draft.get("party_size", 1)),
        phone=draft["phone"],
        name=draft["name"],
        kana=draft["kana"],
        address=draft.get("address", ""),
        notice_number=draft.get("notice_number"),
        language=booking_language(),
    )


def summary(draft: dict[str, Any]) -> dict[str, Any]:
    """What the review and done pages show."""
    return {
        "service": procedure(draft["service"]),
        "centre": centre(draft["center"]),
        "day": date.fromisoformat(draft["day"]),
        "start": time.fromisoformat(draft["start"]),
        "draft": draft,
    }


@bp.route("/book/details", methods=["GET", "POST"])
def details() -> View:
    """Step 5: who is coming and how to reach them."""
    draft = drafts.load(KIND)
    if not _ready_for_details(draft):
        return restart(keep=True)
    ask_birth = draft.get("service") != "issue"
    if request.method == "GET":
        form = {k: draft.get(k, "") for k in DETAIL_FIELDS}
        form["birth_date"] = (draft.get("birth_date") or "").replace("-", "")
        return page("details.html", form=form, errors={}, ask_birth=ask_birth, draft=draft)
    parsed = read_details(request.form, today=now().date(), ask_birth_date=ask_birth)
    if parsed.errors:
        return page(
            "details.html",
            422,
            form=request.form,
            errors=parsed.errors,
            ask_birth=ask_birth,
            draft=draft,
        )
    values = dict(parsed.values)
    if "birth_date" in values:
        values["birth_date"] = values["birth_date"].isoformat()
    drafts.update(KIND, **values)
    return redirect(url_for("pages.review"))


@bp.route("/book/review")
def review() -> View:
    """Step 6: everything on one page; the key made here makes a double submit harmless."""
    draft = drafts.load(KIND)
    if draft.get("reference"):
        return redirect(url_for("pages.done"))
    if not _complete(draft):
        return restart()
    draft = drafts.update(KIND, key=secrets.token_urlsafe(24))
    return page("review.html", problem=None, **summary(draft))


def _alternatives(full: SlotFull, draft: dict[str, Any]) -> list[list[Any]]:
    earliest = parse_day(draft.get("earliest"))
    return [
        [alt.day.isoformat(), alt.start.strftime("%H:%M"), alt.remaining]
        for alt in full.alternatives
        if earliest is None or alt.day >= earliest
    ]


@bp.route("/book/confirm", methods=["POST"])
def confirm() -> View:
    """Book it: one call to the core; a place gone meanwhile offers the nearest times."""
    draft = drafts.load(KIND)
    if draft.get("reference"):
        return redirect(url_for("pages.done"))
    if not _complete(draft) or not draft.get("key"):
        return restart()
    try:
        made = create_booking(
            rt().uow(),
            booking_request(draft),
            now=now(),
            actor=WEB,
            policy=rt().policy,
            idempotency_key=draft["key"],
        )
    except SlotFull as full:
        drafts.update(KIND, alternatives=_alternatives(full, draft), start=None)
        return redirect(url_for("pages.slot_gone"))
    except BookingError as error:
        return page("review.html", 409, problem=problem_text(error), **summary(draft))
    drafts.update(KIND, reference=made.reference)
    return redirect(url_for("pages.done"))


@bp.route("/book/full")
def slot_gone() -> View:
    """The time went while the resident was reviewing: say so, offer the nearest times."""
    draft = drafts.load(KIND)
    if not draft.get("center") or draft.get("reference"):
        return restart()
    choices = alternative_choices(draft.get("alternatives"))
    return page(
        "full.html", choices=choices, action="pages.choose_time", back="pages.calendar_page"
    )


@bp.route("/book/done")
def done() -> View:
    """Step 7: the reference, large, and whether an SMS is on its way."""
    draft = drafts.load(KIND)
    if not draft.get("reference"):
        return restart()
    sms = texts_go_to(draft["phone"])  # the booking owed it a text when it was made
    return page(
        "done.html",
        reference=draft["reference"],
        sms=sms,
        phone_tail=draft["phone"][-4:],
        **summary(draft),
    )


@bp.route("/book/done/booking.ics")
def done_calendar() -> View:
    """The booking just made, as a file for the phone's calendar."""
    draft = drafts.load(KIND)
    shown = summary(draft) if draft.get("reference") else None
    if shown is None or shown["service"] is None or shown["centre"] is None:
        return restart()
    return calendar_download(
        draft["reference"], shown["service"], shown["centre"], shown["day"], shown["start"]
    )
