"""Booking, first half: procedure, card or centre, month calendar, the day's times."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from booking_core.availability import day_availability
from booking_core.cards import lookup_card
from booking_core.errors import CardNotReady
from runtime.flask_glue import now, rt
from runtime.rate_limits import lookups
from web.pages import drafts
from web.pages.blueprint import bp
from web.pages.calendar_view import month_view, time_choices
from web.pages.common import (
    WEB,
    centre,
    centres,
    parse_day,
    parse_start,
    procedure,
    procedures,
)
from web.pages.forms import Parsed, read_birth_date, read_notice_number, read_party_size
from web.pages.site import page, typed

KIND = "book"
View = Response | tuple[str, int]


def restart(*, keep: bool = False) -> Response:
    """Back to the first step when the booking in progress is missing or expired; what was
    just typed is kept for the same page, once the steps before it are made again."""
    if keep and request.method == "POST":
        drafts.keep_switched_form(request.path, typed(request.form))
        return redirect(url_for("pages.procedure", expired=1, kept=1))
    return redirect(url_for("pages.procedure", expired=1))


@bp.route("/book", methods=["GET", "POST"], endpoint="procedure")
def procedure_page() -> View:
    """Step 1: which procedure."""
    if request.method == "GET":
        return page("procedure.html", procedures=procedures(), chosen=None, errors={})
    chosen = procedure(request.form.get("service"))
    if chosen is None:
        errors = {"service": "service_required"}
        return page("procedure.html", 422, procedures=procedures(), chosen=None, errors=errors)
    drafts.start(KIND, service=chosen.code)
    return redirect(url_for("pages.card" if chosen.code == "issue" else "pages.centre_page"))


@bp.route("/book/card", methods=["GET", "POST"])
@lookups(methods=["POST"])
def card() -> View:
    """Step 2 for issuance: the notice number and birth date find the card's centre."""
    if drafts.load(KIND).get("service") != "issue":
        return restart(keep=True)
    if request.method == "GET":
        return page("card.html", form={}, errors={}, problem=None)
    parsed = Parsed()
    read_notice_number(request.form, parsed, digits=rt().policy.notice_number_digits)
    read_birth_date(request.form, parsed, today=now().date())
    if parsed.screen(request.form).errors:
        return page("card.html", 422, form=request.form, errors=parsed.errors, problem=None)
    try:
        status = lookup_card(rt().uow(), now=now(), actor=WEB, policy=rt().policy, **parsed.values)
    except CardNotReady:
        return page("card.html", 404, form=request.form, errors={}, problem="card_not_ready")
    drafts.update(
        KIND,
        center=status.center_id,
        notice_number=status.notice_number,
        birth_date=parsed.values["birth_date"].isoformat(),
        earliest=status.earliest_day.isoformat(),
        party_size=1,
    )
    return redirect(url_for("pages.calendar_page"))


@bp.route("/book/centre", methods=["GET", "POST"])
def centre_page() -> View:
    """Step 2 for the other procedures: the centre and how many people come."""
    draft = drafts.load(KIND)
    if not procedure(draft.get("service")) or draft.get("service") == "issue":
        return restart()
    most = rt().policy.max_party_size
    context: dict[str, Any] = {"centres": centres(), "most": most, "draft": draft}
    if request.method == "GET":
        return page("centre.html", errors={}, **context)
    chosen, party = centre(request.form.get("center")), read_party_size(request.form, most=most)
    errors = {} if chosen else {"center": "center_required"}
    if party is None:
        errors["party_size"] = "party_size_range"
    if errors or chosen is None or party is None:
        return page("centre.html", 422, errors=errors, **context)
    drafts.update(KIND, center=chosen.id, party_size=party)
    return redirect(url_for("pages.calendar_page"))


@bp.route("/book/calendar")
def calendar_page() -> View:
    """Step 3: a month of days, open, closed (with the reason) or full."""
    draft = drafts.load(KIND)
    if not draft.get("center"):
        return restart()
    earliest = parse_day(draft.get("earliest"))
    view = month_view(
        center_id=draft["center"],
        service=draft["service"],
        month=request.args.get("month"),
        party=int(draft.get("party_size", 1)),
        earliest=earliest,
    )
    return page(
        "calendar.html",
        view=view,
        centre=centre(draft["center"]),
        service=procedure(draft["service"]),
        earliest=earliest,
        issuance=draft["service"] == "issue",
        day_endpoint="pages.day_page",
        month_endpoint="pages.calendar_page",
    )


def day_view(day: date | None, draft: dict[str, Any], *, action: str, back: str) -> View | None:
    """The day page for a centre, procedure and party, or None when the day cannot be picked."""
    earliest = parse_day(draft.get("earliest"))
    if day is None or (earliest and day < earliest):
        return None
    plan = day_availability(
        rt().uow(),
        center_id=draft["center"],
        service_code=draft["service"],
        day=day,
        now=now(),
        policy=rt().policy,
    )
    choices = time_choices(plan, int(draft.get("party_size", 1)))
    if not plan.hours.open or not any(c.fits for c in choices):
        return None
    return page(
        "day.html",
        day=day,
        choices=choices,
        centre=centre(draft["center"]),
        action=action,
        back=back,
    )


@bp.route("/book/day/<day>")
def day_page(day: str) -> View:
    """Step 4: the day's times with places left."""
    draft = drafts.load(KIND)
    if not draft.get("center"):
        return restart()
    shown = day_view(parse_day(day), draft, action="pages.choose_time", back="pages.calendar_page")
    return shown or redirect(url_for("pages.calendar_page", month=day[:7], gone=1))


@bp.route("/book/time", methods=["POST"])
def choose_time() -> View:
    """Keep the chosen day and time; on to the details (or back to review when they are known)."""
    draft = drafts.load(KIND)
    day, start = parse_day(request.form.get("day")), parse_start(request.form.get("start"))
    if not draft.get("center"):
        return restart()
    if day is None or start is None:
        return redirect(url_for("pages.calendar_page"))
    draft = drafts.update(KIND, day=day.isoformat(), start=start.strftime("%H:%M"))
    return redirect(url_for("pages.review" if draft.get("phone") else "pages.details"))
