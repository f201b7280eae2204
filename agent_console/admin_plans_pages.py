"""Administration screens: capacity plans by period (preview, then save), the ward-to-centre
mapping by dates, and the procedures (administrators)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.admin_api import administrator
from agent_console.admin_pages import admin_page
from agent_console.auth import CSRF_FIELD
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from booking_core.admin_reference import (
    PHONE_KEYS,
    ProcedureChange,
    assign_ward,
    list_procedures,
    update_procedure,
    ward_mapping,
)
from booking_core.capacity_plans import (
    BAND_MINUTES,
    DAY_KINDS,
    PLAN_GROUPS,
    PlanDraft,
    add_plan,
    list_plans,
    preview_plan,
    preview_removal,
    remove_plan,
)
from booking_core.directory import BOOKING_CHANNELS
from booking_core.errors import InvalidRequest
from booking_core.schedule import services_and_centers
from runtime.flask_glue import now, rt


def _centers() -> list[tuple[str, str]]:
    _, found = services_and_centers(rt().uow())
    return [(c.id, c.name_ja) for c in found]


def _refused(error: InvalidRequest) -> str:
    """Each refused field in words: 開始日（明日以降の日付にしてください）."""
    said = [f"{t('field_' + name)}（{t('code_' + code)}）" for name, code in error.fields.items()]
    return t("plan_invalid", fields="、".join(said))


def _plans_page(
    form: dict[str, str], preview: Any = None, status: int = 200, *, removing: int | None = None
) -> tuple[str, int]:
    centers = _centers()
    plans = list_plans(rt().uow(), from_day=now().date())
    page = render_template(
        "console/admin_plans.html", staff=g.staff, centers=centers, names=dict(centers),
        groups=PLAN_GROUPS, day_kinds=DAY_KINDS, band_minutes=BAND_MINUTES, form=form,
        preview=preview, plans=plans,
        removing=next((p for p in plans if p.plan_id == removing), None),
    )  # fmt: skip
    return page, status


def _draft(form: dict[str, str]) -> PlanDraft:
    """The plan in the form (ValueError when a date, time or number is malformed)."""
    day, at = date.fromisoformat, time.fromisoformat
    return PlanDraft(
        form.get("center", ""), form.get("group", ""), form.get("day_kind", ""),
        day(form.get("valid_from", "")), day(form.get("valid_to", "")),
        at(form.get("band_start", "")), at(form.get("band_end", "")),
        int(form.get("places", "")), int(form.get("band_minutes", "15")),
        form.get("note", "")[:200],
        int(form["walk_in_share"]) if form.get("walk_in_share") else None,
    )  # fmt: skip


_DEFAULT_FORM = {"band_minutes": "15", "band_start": "11:30", "band_end": "19:30"}


@bp.get("/admin/capacity")
@admin_page
def capacity_plans() -> tuple[str, int]:
    """The plans from today on, and a form to add one (previewed before it is saved)."""
    return _plans_page(_DEFAULT_FORM)


@bp.post("/admin/capacity")
@admin_page
def capacity_plans_post() -> tuple[str, int] | BaseResponse:
    """`action=preview` shows the months against the floor and the conflicts; `save` saves."""
    form = {k: v for k, v in request.form.items() if k not in (CSRF_FIELD, "action")}
    try:
        draft = _draft(form)
        if request.form.get("action") != "save":
            return _plans_page(form, preview_plan(rt().uow(), draft, now=now()))
        saved = add_plan(rt().uow(), draft, now=now(), actor=administrator())
    except ValueError:
        flash(t("plan_invalid", fields=t("field_valid_from")), "error")
        return _plans_page(form, status=422)
    except InvalidRequest as refused:
        flash(_refused(refused), "error")
        return _plans_page(form, status=422)
    flash(t("plan_saved", made=saved.slots_made, updated=saved.slots_updated), "info")
    if saved.conflicts:
        flash(t("plan_conflicts_saved", count=len(saved.conflicts)), "info")
    return redirect(url_for("agent_console.capacity_plans"))


@bp.post("/admin/capacity/<int:plan_id>/remove")
@admin_page
def capacity_plan_remove(plan_id: int) -> tuple[str, int] | BaseResponse:
    """First what removing the plan would do; with `confirm=1`, remove it (its days fall back to
    earlier plans or to not yet open)."""
    try:
        if request.form.get("confirm") != "1":
            preview = preview_removal(rt().uow(), plan_id=plan_id, now=now())
            return _plans_page(_DEFAULT_FORM, preview, removing=plan_id)
        result = remove_plan(rt().uow(), plan_id=plan_id, now=now(), actor=administrator())
    except InvalidRequest as refused:
        flash(_refused(refused), "error")
    else:
        flash(t("plan_removed", updated=result.slots_updated), "info")
        if result.conflicts:
            flash(t("plan_conflicts_saved", count=len(result.conflicts)), "info")
    return redirect(url_for("agent_console.capacity_plans"))


@bp.get("/admin/wards")
@admin_page
def wards() -> str:
    """Every ward, its centre today, its assignments; a form to move one from a date."""
    centers = _centers()
    return render_template(
        "console/admin_wards.html", staff=g.staff, centers=centers, names=dict(centers),
        wards=ward_mapping(rt().uow(), today=now().date()), today=now().date(),
    )  # fmt: skip


@bp.post("/admin/wards")
@admin_page
def wards_assign() -> BaseResponse:
    """Serve a ward from a centre from a date; say how many of its bookings are elsewhere."""
    form = request.form
    try:
        saved = assign_ward(
            rt().uow(), ward_id=form.get("ward", ""), center_id=form.get("center", ""),
            valid_from=date.fromisoformat(form.get("valid_from", "")),
            valid_to=date.fromisoformat(form["valid_to"]) if form.get("valid_to") else None,
            now=now(), actor=administrator(),
        )  # fmt: skip
    except ValueError:
        flash(t("plan_invalid", fields=t("field_valid_from")), "error")
    except InvalidRequest as refused:
        flash(_refused(refused), "error")
    else:
        flash(t("ward_saved"), "info")
        if saved.bookings_elsewhere:
            flash(t("ward_bookings_elsewhere", count=saved.bookings_elsewhere), "info")
    return redirect(url_for("agent_console.wards"))


@bp.get("/admin/procedures")
@admin_page
def procedures() -> str:
    """Every procedure with its names, channels and phone key, each editable."""
    return render_template(
        "console/admin_procedures.html", staff=g.staff, procedures=list_procedures(rt().uow()),
        channels=BOOKING_CHANNELS, keys=PHONE_KEYS,
    )  # fmt: skip


@bp.post("/admin/procedures/<code>")
@admin_page
def procedure_update(code: str) -> BaseResponse:
    """Save one procedure's names, channels and phone key."""
    form = request.form
    change = ProcedureChange(
        form.get("name_ja", ""), form.get("name_en", ""), tuple(form.getlist("channels")),
        form.get("phone_key") or None,
    )  # fmt: skip
    try:
        saved = update_procedure(rt().uow(), code=code, change=change, now=now(),
                                 actor=administrator())  # fmt: skip
    except InvalidRequest as refused:
        flash(_refused(refused), "error")
    else:
        flash(t("procedure_saved", name=saved.name_ja), "info")
    return redirect(url_for("agent_console.procedures") + f"#procedure-{code}")
