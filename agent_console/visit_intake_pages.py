"""Taking home-visit requests at the console: one resident on the phone, or a facility's list
of several residents at once (agents, visit coordinators, supervisors, administrators)."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.auth import VISIT_INTAKE_ROLES
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.guard import staff_page
from agent_console.visit_api import coordinator
from agent_console.visit_form import read_request
from agent_console.visit_pages import flashed
from booking_core.errors import InvalidRequest
from booking_core.home_visits import REASONS, request_for_residents, request_home_visit
from booking_core.schedule import services_and_centers
from runtime.flask_glue import now, rt

intake_page = staff_page(roles=VISIT_INTAKE_ROLES)
LIST_COLUMNS = ("name", "kana", "birth_date", "service", "notice_number")
MAX_LINES = 50


@bp.get("/visits/new")
@intake_page
def visits_new() -> str:
    """The request form, and the form for a facility's list."""
    services, _ = services_and_centers(rt().uow())
    visit_services = [s for s in services if s.code.startswith("visit-")]
    return render_template("console/visits_new.html", staff=g.staff, services=visit_services,
                           reasons=REASONS, today=now().date())  # fmt: skip


def _read(src: Any) -> Any:
    return read_request(src, digits=rt().policy.notice_number_digits, today=now().date())


@bp.post("/visits/new")
@intake_page
def visits_new_post() -> BaseResponse:
    """Record one resident's request; the receipt number to read back to the caller."""
    with flashed():
        made = request_home_visit(rt().uow(), _read(request.form), now=now(), actor=coordinator())
        flash(t("visits_taken", receipt=made.reference), "info")
    return redirect(url_for("agent_console.visits_new"))


def _residents(shared: dict[str, str], lines: str) -> list[Any]:
    rows = [r for r in csv.reader(io.StringIO(lines.strip())) if any(c.strip() for c in r)]
    if not 1 <= len(rows) <= MAX_LINES:
        raise InvalidRequest("One to fifty residents", fields={"residents": "one_to_fifty"})
    reqs = []
    for line, row in enumerate(rows, start=1):
        values = shared | dict(zip(LIST_COLUMNS, (c.strip() for c in row), strict=False))
        try:
            reqs.append(_read(values))
        except InvalidRequest as bad:
            fields = {f"{line}.{name}": code for name, code in bad.fields.items()}
            raise InvalidRequest(bad.message, fields=fields) from bad
    return reqs


@bp.post("/visits/new/facility")
@intake_page
def visits_new_facility() -> BaseResponse:
    """Record a facility's list: every resident, or none (the lines in error are named)."""
    shared = {k: request.form.get(k, "") for k in ("facility", "address", "phone",
                                                    "access_notes", "reason")}  # fmt: skip
    with flashed():
        residents = _residents(shared, request.form.get("residents", ""))
        made = request_for_residents(rt().uow(), residents, now=now(), actor=coordinator())
        flash(t("visits_taken_list", n=len(made),
                receipts="、".join(m.reference for m in made)), "info")  # fmt: skip
    return redirect(url_for("agent_console.visits_new"))
