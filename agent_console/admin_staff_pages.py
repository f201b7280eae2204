"""Administration screens: staff accounts and the audit log (administrators)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Response, flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console import auth
from agent_console.admin_api import administrator
from agent_console.admin_pages import admin_page
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from booking_core.audit_view import AuditFilter, audit_events, export_csv, known_actions
from booking_core.errors import InvalidRequest, NotFound
from booking_core.staff import ROLES
from booking_core.staff_admin import (
    LastAdministrator,
    StaffExists,
    add_staff,
    change_role,
    reset_password,
    set_active,
    staff_accounts,
)
from runtime.flask_glue import now, rt


@bp.get("/admin/staff")
@admin_page
def staff_list() -> str:
    """Every account with its role, state and last sign-in; forms to add one, reset a password."""
    return render_template("console/admin_staff.html", staff=g.staff, roles=ROLES,
                           accounts=staff_accounts(rt().uow(), now=now()))  # fmt: skip


def _changed(
    change: Callable[..., object], username: str, done_key: str, **values: object
) -> BaseResponse:
    """Run one change of an account; flash what happened; its sessions end."""
    try:
        change(rt().uow(), username=username, now=now(), actor=administrator(), **values)
    except LastAdministrator:
        flash(t("staff_last_admin"), "error")
    except NotFound:
        flash(t("api_staff_not_found"), "error")
    except InvalidRequest:
        flash(t("staff_invalid"), "error")
    else:
        auth.end_sessions(rt().redis, username)
        role = t(f"role_{values.get('role', '')}")
        flash(t(done_key, username=username, role=role), "info")
    return redirect(url_for("agent_console.staff_list"))


@bp.post("/admin/staff")
@admin_page
def staff_add() -> BaseResponse:
    """Open an account."""
    form = request.form
    try:
        add_staff(
            rt().uow(), username=form.get("username", "").strip(), role=form.get("role", ""),
            password=form.get("password", ""), display_name=form.get("display_name", "").strip(),
            now=now(), actor=administrator(),
        )  # fmt: skip
    except StaffExists:
        flash(t("staff_exists"), "error")
    except InvalidRequest:
        flash(t("staff_invalid"), "error")
    else:
        flash(t("staff_added", username=form.get("username", "").strip()), "info")
    return redirect(url_for("agent_console.staff_list"))


@bp.post("/admin/staff/<username>/role")
@admin_page
def staff_role(username: str) -> BaseResponse:
    """Give an account another role."""
    role = request.form.get("role", "")
    return _changed(change_role, username, "staff_role_changed", role=role)


@bp.post("/admin/staff/<username>/disable")
@admin_page
def staff_disable(username: str) -> BaseResponse:
    """Disable an account."""
    return _changed(set_active, username, "staff_disabled_done", active=False)


@bp.post("/admin/staff/<username>/enable")
@admin_page
def staff_enable(username: str) -> BaseResponse:
    """Enable an account again."""
    return _changed(set_active, username, "staff_enabled_done", active=True)


@bp.post("/admin/staff/password")
@admin_page
def staff_password() -> BaseResponse:
    """Set a new password for the chosen account (ends any wait after failures)."""
    form = request.form
    return _changed(reset_password, form.get("username", ""), "staff_password_done",
                    password=form.get("password", ""),
                    new_second_factor=form.get("new_second_factor") == "1")  # fmt: skip


def _filter() -> AuditFilter | None:
    args = request.args
    try:
        days = [date.fromisoformat(args[n]) if args.get(n) else None for n in ("from", "to")]
        before = int(args["before"]) if args.get("before", "").isdigit() else None
    except ValueError:
        return None
    text = {n: args.get(n, "").strip()[:64] for n in ("staff", "reference", "action")}
    return AuditFilter(days[0], days[1], before_id=before, **text)


@bp.get("/admin/audit")
@admin_page
def audit_page() -> str:
    """The audit log, newest first, filtered by date, staff member, booking and action."""
    wanted = _filter()
    if wanted is None:
        flash(t("audit_invalid"), "error")
        wanted = AuditFilter()
    found = audit_events(rt().uow(), wanted, now=now(), actor=administrator())
    args = {k: v for k, v in request.args.items() if k != "before" and v}
    return render_template(
        "console/admin_audit.html", staff=g.staff, events=found, wanted=wanted, args=args,
        actions=known_actions(rt().uow()),
    )  # fmt: skip


@bp.get("/admin/audit/export")
@admin_page
def audit_export_page() -> Response:
    """The filtered audit log as a CSV download."""
    text = export_csv(rt().uow(), _filter() or AuditFilter(), now=now(), actor=administrator())
    stamp = now().strftime("%Y%m%d-%H%M")
    disposition = f'attachment; filename="audit-{stamp}.csv"'
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": disposition})
