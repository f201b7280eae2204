"""Administration screens: closures (臨時休所) with the bookings they hit (administrators)."""

from __future__ import annotations

from datetime import date, time

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.admin_api import ALL_CENTERS, administrator
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.guard import staff_page
from booking_core.admin import add_closure, upcoming_closures
from booking_core.calendar import CALL_CENTRE
from booking_core.errors import InvalidRequest
from booking_core.schedule import services_and_centers
from runtime.flask_glue import now, rt

admin_page = staff_page(roles=("admin",))


def _places() -> list[tuple[str, str]]:
    _, found = services_and_centers(rt().uow())
    centers = [(c.id, c.name_ja) for c in found]
    return [(ALL_CENTERS, t("closure_all")), *centers, (CALL_CENTRE, t("closure_call_centre"))]


@bp.get("/admin/closures")
@admin_page
def closures() -> str:
    """Upcoming closures, and a form to add one."""
    places = _places()
    return render_template(
        "console/admin_closures.html", staff=g.staff, places=places, names=dict(places),
        closures=upcoming_closures(rt().uow(), from_day=now().date()), today=now().date(),
    )  # fmt: skip


def _time(raw: str | None) -> time | None:
    return time.fromisoformat(raw) if raw else None


@bp.post("/admin/closures")
@admin_page
def closures_add() -> BaseResponse:
    """Record a closure; say how many bookings it hits and how many texts go out."""
    form = request.form
    center = form.get("center", "")
    try:
        result = add_closure(
            rt().uow(), center_id=None if center == ALL_CENTERS else center,
            day=date.fromisoformat(form.get("date", "")), start=_time(form.get("start")),
            end=_time(form.get("end")), note=form.get("reason", "")[:200], now=now(),
            actor=administrator(), notify=form.get("notify") == "1",
        )  # fmt: skip
    except (ValueError, InvalidRequest):
        flash(t("closure_invalid"), "error")
    else:
        hit, notified = len(result.affected_references), result.notified
        flash(t("closure_added", hit=hit, notified=notified), "info")
        if result.affected_references:
            flash(t("closure_affected", refs="、".join(result.affected_references)), "info")
    return redirect(url_for("agent_console.closures"))
