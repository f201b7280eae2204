"""The centres' counter screen (受付): today's list by time band, check-in, completion, no-show,
walk-in tickets; for reception, supervisors and administrators, sized for a tablet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import groupby
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.auth import COUNTER_ROLES
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.counter_api import clerk
from agent_console.counter_form import group_reference
from agent_console.guard import staff_page
from booking_core import booking_life
from booking_core.counter import counter_day
from booking_core.errors import BookingError, InvalidRequest, NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_reference
from booking_core.schedule import services_and_centers
from booking_core.walk_ins import issue_walk_in
from runtime.flask_glue import now, rt

counter_page = staff_page(roles=COUNTER_ROLES)
REFRESH_SECONDS = 20


@bp.get("/counter")
@counter_page
def counter_home() -> str:
    """Choose the centre whose counter this is."""
    _, found = services_and_centers(rt().uow())
    centers = [(c.id, c.name_ja) for c in found]
    return render_template("console/counter_home.html", centers=centers, staff=g.staff)


@bp.get("/counter/<center_id>")
@counter_page
def counter(center_id: str) -> str | BaseResponse:
    """Today's list at the centre, searched by reference, name or phone when asked."""
    query = request.args.get("q", "").strip()[:40]
    try:
        day = counter_day(
            rt().uow(), center_id=center_id, day=now().date(), now=now(), actor=clerk(),
            policy=rt().policy, query=query,
        )  # fmt: skip
    except InvalidRequest:
        return redirect(url_for("agent_console.counter_home"))
    bands = [(start, list(rows)) for start, rows in groupby(day.bookings, key=lambda b: b.start)]
    # The screen refreshes its list by itself: then only the list is sent.
    fragment = request.args.get("fragment") == "list"
    return render_template(
        "console/_counter_list.html" if fragment else "console/counter.html", day=day,
        bands=bands, query=query, staff=g.staff,
        issue_checks=booking_life.ISSUE_CHECKS,
        refresh_seconds=REFRESH_SECONDS, grace=_minutes(rt().policy.no_show_grace),
    )  # fmt: skip


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _back(center_id: str) -> BaseResponse:
    query = request.form.get("q", "")
    return redirect(url_for("agent_console.counter", center_id=center_id, q=query or None))


def _move(center_id: str, reference: str, move: Callable[..., Any], done: str, **extra: Any) -> Any:
    try:
        moved = move(
            rt().uow(), reference=normalize_reference(reference), now=now(), actor=clerk(), **extra
        )
    except (InvalidIdentifier, NotFound):
        flash(t("api_booking_not_found"), "error")
    except booking_life.MoveRefused as refused:
        flash(t(f"counter_refused_{refused.code}"), "error")
    else:
        late = t("counter_late_note") if moved.late and done == "counter_checked_in" else ""
        flash(t(done, reference=group_reference(moved.reference)) + late, "info")
    return _back(center_id)


@bp.post("/counter/<center_id>/bookings/<reference>/check-in")
@counter_page
def counter_check_in(center_id: str, reference: str) -> BaseResponse:
    """Check the resident in."""
    return _move(
        center_id, reference, booking_life.check_in, "counter_checked_in", policy=rt().policy
    )


@bp.post("/counter/<center_id>/bookings/<reference>/complete")
@counter_page
def counter_complete(center_id: str, reference: str) -> BaseResponse:
    """Mark the resident served (issuance: the card handed over after the ticked checks)."""
    checks = request.form.getlist("check")
    return _move(center_id, reference, booking_life.complete, "counter_completed", checks=checks)


@bp.post("/counter/<center_id>/bookings/<reference>/no-show")
@counter_page
def counter_no_show(center_id: str, reference: str) -> BaseResponse:
    """Mark the booking a no-show (after start plus the grace)."""
    return _move(
        center_id, reference, booking_life.mark_no_show, "counter_marked_no_show",
        policy=rt().policy,
    )  # fmt: skip


@bp.post("/counter/<center_id>/walk-ins")
@counter_page
def counter_walk_in(center_id: str) -> BaseResponse:
    """Number a walk-in's ticket."""
    party = request.form.get("party_size", "1")
    try:
        ticket = issue_walk_in(
            rt().uow(), center_id=center_id, service_code=request.form.get("service", ""),
            party_size=int(party) if party.isdigit() else 0, now=now(), actor=clerk(),
            policy=rt().policy,
        )  # fmt: skip
    except BookingError as refused:
        flash(t(f"counter_walk_in_{refused.code}"), "error")
    else:
        band = ticket.band.strftime("%H:%M")
        flash(t("counter_walk_in_issued", ticket=ticket.ticket, band=band), "ticket")
    return _back(center_id)
