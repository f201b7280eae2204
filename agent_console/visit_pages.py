"""Home-visit screens: the coordinator's queue by status and area with scheduling, a day's
rounds with outcomes and the card hand-over, the A4 visit sheets, and the city staff list
(visit coordinators, supervisors, administrators)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.auth import VISIT_ROLES
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.counter_form import national_phone
from agent_console.guard import staff_page
from agent_console.visit_api import coordinator
from booking_core import custody, visit_teams
from booking_core.errors import AlreadyBooked, CardNotReady, InvalidRequest, NotBookable, NotFound
from booking_core.home_visits import REASONS, VisitRefused, open_requests
from booking_core.schedule import services_and_centers
from booking_core.visit_cards import hand_card_to_team
from booking_core.visit_figures import MEASURES, month_figures
from booking_core.visit_life import OUTCOMES, record_outcome, schedule_visit, set_route_order
from booking_core.visit_rounds import day_rounds
from runtime.flask_glue import now, rt

visit_page = staff_page(roles=VISIT_ROLES)
STATUSES = ("requested", "scheduled", "not_at_home", "done", "cancelled")


@contextmanager
def flashed() -> Iterator[None]:
    """A refusal of the visit rules as a message on the next screen."""
    try:
        yield
    except VisitRefused as refused:
        flash(t("visits_refused", state=t(f"visit_status_{refused.state}")), "error")
    except NotFound:
        flash(t("visits_not_found"), "error")
    except AlreadyBooked:
        flash(t("visits_already"), "error")
    except CardNotReady:
        flash(t("visits_card_not_ready"), "error")
    except NotBookable as closed:
        flash(t("visits_not_bookable", reason=closed.reason), "error")
    except custody.CustodyRefused as refused:
        flash(t("custody_refused", state=t(f"custody_{refused.state}")), "error")
    except InvalidRequest as bad:
        flash(t("visits_invalid", fields="、".join(f"{k}: {v}" for k, v in bad.fields.items())),
              "error")  # fmt: skip


def _names() -> dict[str, Any]:
    services, centers = services_and_centers(rt().uow())
    wards = visit_teams.ward_names(rt().uow())
    return {"services": {s.code: s.name_ja for s in services},
            "centers": {c.id: c.name_ja for c in centers}, "wards": wards}  # fmt: skip


def _day(raw: str | None) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return now().date()


@bp.get("/visits")
@visit_page
def visits() -> str:
    """Requests by status and area, each with a form to schedule it."""
    status = request.args.get("status", "requested")
    ward = request.args.get("ward") or None
    found = open_requests(rt().uow(), status=status if status in STATUSES else None,
                          ward_id=ward, now=now(), actor=coordinator())  # fmt: skip
    today = now()
    return render_template(
        "console/visits.html", staff=g.staff, found=found, status=status, ward=ward,
        statuses=STATUSES, teams=visit_teams.teams(rt().uow(), active_only=True),
        city_staff=visit_teams.city_staff(rt().uow(), active_only=True), today=today.date(),
        figures=month_figures(rt().uow(), year=today.year, month=today.month).total(),
        measures=MEASURES, **_names(),
    )  # fmt: skip


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _back(default: Callable[[], str]) -> BaseResponse:
    return redirect(request.form.get("back") or default())


@bp.post("/visits/<receipt>/schedule")
@visit_page
def visits_schedule(receipt: str) -> BaseResponse:
    """Fix the day, team and city staff member; say whether the resident gets a text."""
    with flashed():
        fixed = schedule_visit(
            rt().uow(), reference=receipt, day=_day(request.form.get("date")),
            team_id=_int(request.form.get("team")),
            city_staff_id=_int(request.form.get("city_staff")), now=now(), actor=coordinator(),
            policy=rt().policy,
        )  # fmt: skip
        flash(t("visits_scheduled_ok", receipt=receipt, day=fixed.day.strftime("%-m月%-d日")),
              "info")  # fmt: skip
        flash(t("visits_scheduled_text" if fixed.texted else "visits_scheduled_call"),
              "info" if fixed.texted else "error")  # fmt: skip
    return _back(lambda: url_for("agent_console.visits"))


@bp.get("/visits/day")
@visit_page
def visits_day() -> str:
    """A day's rounds by team and ward in order, with outcomes and the card hand-over."""
    day = _day(request.args.get("date"))
    rounds = day_rounds(rt().uow(), day=day, team_id=None, now=now(), actor=coordinator())
    return render_template("console/visits_day.html", staff=g.staff, day=day, rounds=rounds,
                           outcomes=OUTCOMES, **_names())  # fmt: skip


def _day_url() -> str:
    return url_for("agent_console.visits_day", date=request.form.get("date"))


@bp.post("/visits/<receipt>/outcome")
@visit_page
def visits_outcome(receipt: str) -> BaseResponse:
    """Record what happened at the door."""
    outcome = request.form.get("outcome", "")
    with flashed():
        record_outcome(rt().uow(), reference=receipt, outcome=outcome,
                       reason=request.form.get("reason", ""), now=now(),
                       actor=coordinator())  # fmt: skip
        flash(t("visits_outcome_ok", receipt=receipt, outcome=t(f"visit_outcome_{outcome}")),
              "info")  # fmt: skip
    return redirect(_day_url())


@bp.post("/visits/<receipt>/card")
@visit_page
def visits_card(receipt: str) -> BaseResponse:
    """The team took the card from its ward office."""
    with flashed():
        hand_card_to_team(rt().uow(), reference=receipt, now=now(), actor=coordinator())
        flash(t("visits_card_ok", receipt=receipt), "info")
    return redirect(_day_url())


@bp.post("/visits/<receipt>/order")
@visit_page
def visits_order(receipt: str) -> BaseResponse:
    """Place a visit in the day's route (empty: back to postcode order)."""
    with flashed():
        set_route_order(rt().uow(), reference=receipt, position=_int(request.form.get("order")),
                        now=now(), actor=coordinator())  # fmt: skip
        flash(t("visits_order_ok", receipt=receipt), "info")
    return redirect(_day_url())


@bp.get("/visits/day/<day>/print")
@visit_page
def visits_print(day: str) -> str:
    """The day's visit sheets: one A4 page per visit."""
    asked = _day(day)
    rounds = day_rounds(rt().uow(), day=asked, team_id=_int(request.args.get("team")),
                        now=now(), actor=coordinator())  # fmt: skip
    return render_template("console/visit_sheets.html", staff=g.staff, day=asked, rounds=rounds,
                           printed_at=now(), national_phone=national_phone, **_names())  # fmt: skip


@bp.get("/visits/people")
@visit_page
def visits_people() -> str:
    """The city's staff list and the visit teams, with forms to add to them."""
    return render_template(
        "console/visits_people.html", staff=g.staff, reasons=REASONS,
        city_staff=visit_teams.city_staff(rt().uow()), teams=visit_teams.teams(rt().uow()),
        **_names(),
    )  # fmt: skip


@bp.post("/visits/people/city-staff")
@visit_page
def visits_city_staff_add() -> BaseResponse:
    """Put a city staff member on the list."""
    with flashed():
        visit_teams.add_city_staff(rt().uow(), name=request.form.get("name", ""),
                                   section=request.form.get("section", ""), now=now(),
                                   actor=coordinator())  # fmt: skip
        flash(t("visits_added"), "info")
    return redirect(url_for("agent_console.visits_people"))


@bp.post("/visits/people/city-staff/<int:staff_id>/active")
@visit_page
def visits_city_staff_active(staff_id: int) -> BaseResponse:
    """Take a city staff member off the list (or back on)."""
    with flashed():
        visit_teams.set_city_staff_active(rt().uow(), staff_id=staff_id,
                                          active=request.form.get("active") == "1", now=now(),
                                          actor=coordinator())  # fmt: skip
        flash(t("visits_saved"), "info")
    return redirect(url_for("agent_console.visits_people"))


@bp.post("/visits/people/teams")
@visit_page
def visits_team_add() -> BaseResponse:
    """Add a visit team."""
    with flashed():
        visit_teams.add_team(rt().uow(), name=request.form.get("name", ""),
                             center_id=request.form.get("center", ""),
                             operators=request.form.get("operators", ""),
                             daily_visits=_int(request.form.get("daily_visits")) or 3,
                             now=now(), actor=coordinator())  # fmt: skip
        flash(t("visits_added"), "info")
    return redirect(url_for("agent_console.visits_people"))
