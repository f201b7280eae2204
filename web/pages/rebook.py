"""Rebooking from a closure notice's link: no login; the nearest free times, one choice."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from booking_core.errors import BookingError, InvalidRequest, NotBookable
from booking_core.rebooking import RebookOffer, Ticket, offer, read_token, rebook
from runtime.flask_glue import now, rt
from web.pages.blueprint import bp
from web.pages.book import View
from web.pages.common import centre, parse_day, parse_start, problem_text, procedure
from web.pages.i18n import t
from web.pages.site import page


def _ticket(token: str) -> Ticket | View:
    """The link's ticket, or the page saying why the link cannot be used."""
    try:
        return read_token(rt().settings.secret_key, token, now=now())
    except InvalidRequest:
        return page("rebook_invalid.html", 400, why="tampered")
    except NotBookable:
        return page("rebook_invalid.html", 410, why="expired")


def _shown(found: RebookOffer) -> dict[str, Any]:
    return {
        "offer": found,
        "booking": found.booking,
        "service": procedure(found.booking.service_code),
        "centre": centre(found.booking.center_id),
    }


@bp.route("/rebook/<token>", methods=["GET", "POST"])
def rebook_page(token: str) -> View:
    """The booking a closure hit and the nearest free times; a choice moves it."""
    ticket = _ticket(token)
    if not isinstance(ticket, Ticket):
        return ticket
    if request.method == "GET":
        return _offered(ticket, token, 200, problem=None)
    chosen = (request.form.get("choice") or "").split("|")
    day = parse_day(chosen[1]) if len(chosen) == 3 else None
    start = parse_start(chosen[2]) if len(chosen) == 3 else None
    if day is None or start is None:
        return _offered(ticket, token, 422, problem=t("problem.other"))
    try:
        rebook(rt().uow(), ticket, center_id=chosen[0], day=day, start=start, now=now(),
               policy=rt().policy)  # fmt: skip
    except BookingError as error:
        return _offered(ticket, token, 409, problem=problem_text(error))
    return redirect(url_for("pages.rebook_page", token=token, done=1))


def _offered(ticket: Ticket, token: str, status: int, *, problem: str | None) -> View:
    """The page with the times free now (read only when the page is shown)."""
    found = offer(rt().uow(), ticket, now=now(), policy=rt().policy)
    return page("rebook.html", status, token=token, problem=problem, errors={}, **_shown(found))
