"""Administration in the staff JSON API: staff accounts and the audit trail (administrators)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, jsonify, request

from agent_console import auth
from agent_console.admin_api import administrator
from agent_console.api import ApiError, _body, api_bp, staff_required
from agent_console.catalog_ja import t
from booking_core.audit_view import PAGE, AuditEntry, AuditFilter, audit_events, export_csv
from booking_core.errors import NotFound
from booking_core.staff_admin import (
    LastAdministrator,
    StaffAccount,
    StaffExists,
    add_staff,
    change_role,
    reset_password,
    set_active,
    staff_accounts,
)
from runtime.flask_glue import now, rt

admins = staff_required(roles=("admin",))


def account_json(a: StaffAccount) -> dict[str, Any]:
    """A staff account as the API gives it."""
    return {
        "username": a.username,
        "display_name": a.display_name,
        "role": a.role,
        "active": a.active,
        "last_sign_in_at": a.last_sign_in_at.isoformat() if a.last_sign_in_at else None,
        "waiting": a.waiting,
        "second_factor_enrolled": a.second_factor_enrolled,
    }


def entry_json(e: AuditEntry) -> dict[str, Any]:
    """An audit event as the API gives it."""
    return {
        "id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
        "entity": e.entity, "entity_id": e.entity_id, "channel": e.channel, "detail": e.detail,
    }  # fmt: skip


def staff_change(change: Any, username: str, **values: Any) -> StaffAccount:
    """Run a change of an account as the administrator; its sessions end (the new role, the
    new password or the disabling holds at once)."""
    try:
        done: StaffAccount = change(rt().uow(), username=username, now=now(),
                                    actor=administrator(), **values)  # fmt: skip
    except NotFound as missing:
        raise ApiError(404, "not_found", t("api_staff_not_found")) from missing
    except LastAdministrator as last:
        raise ApiError(409, "last_admin", t("staff_last_admin")) from last
    auth.end_sessions(rt().redis, username)
    return done


@api_bp.get("/staff/accounts")
@admins
def list_accounts() -> Response:
    """Every staff account with its role, state and last sign-in."""
    return jsonify(accounts=[account_json(a) for a in staff_accounts(rt().uow(), now=now())])


@api_bp.post("/staff/accounts")
@admins
def create_account() -> tuple[Response, int]:
    """Open an account (username, role, password of at least 10 characters, display_name)."""
    body = _body("username", "role", "password")
    name = body.get("display_name")
    try:
        made = add_staff(
            rt().uow(), username=body["username"], role=body["role"], password=body["password"],
            display_name=name if isinstance(name, str) else "", now=now(), actor=administrator(),
        )  # fmt: skip
    except StaffExists as exists:
        raise ApiError(409, "staff_exists", t("staff_exists")) from exists
    return jsonify(account_json(made)), 201


@api_bp.put("/staff/accounts/<username>/role")
@admins
def set_account_role(username: str) -> Response:
    """Give an account another role (the last administrator keeps theirs: 409)."""
    role = _body("role")["role"]
    return jsonify(account_json(staff_change(change_role, username, role=role)))


@api_bp.post("/staff/accounts/<username>/disable")
@admins
def disable_account(username: str) -> Response:
    """Disable an account: it cannot sign in, and its sessions end (never the last admin)."""
    return jsonify(account_json(staff_change(set_active, username, active=False)))


@api_bp.post("/staff/accounts/<username>/enable")
@admins
def enable_account(username: str) -> Response:
    """Enable a disabled account again."""
    return jsonify(account_json(staff_change(set_active, username, active=True)))


@api_bp.post("/staff/accounts/<username>/password")
@admins
def reset_account_password(username: str) -> Response:
    """Set a new password (ends any wait after failures); new_second_factor: enrol again."""
    body = _body("password")
    fresh = body.get("new_second_factor", False)
    if not isinstance(fresh, bool):
        raise ApiError(422, "invalid", fields={"new_second_factor": "boolean_required"})
    done = staff_change(reset_password, username, password=body["password"],
                        new_second_factor=fresh)  # fmt: skip
    return jsonify(account_json(done))


def _day(name: str) -> date | None:
    raw = request.args.get(name, "")
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise ApiError(422, "invalid", fields={name: "invalid_date"}) from None


def _number(name: str, default: int | None) -> int | None:
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdigit():
        raise ApiError(422, "invalid", fields={name: "invalid_number"})
    return int(raw)


def audit_filter() -> AuditFilter:
    """The audit filter of the query string (from, to, staff, reference, action, before)."""
    text = {name: request.args.get(name, "").strip()[:64] for name in ("staff", "reference",
                                                                       "action")}  # fmt: skip
    return AuditFilter(_day("from"), _day("to"), before_id=_number("before", None), **text)


@api_bp.get("/staff/audit")
@admins
def audit_log() -> Response:
    """The newest audit events matching the filter; `next_before` pages on."""
    found = audit_events(rt().uow(), audit_filter(), now=now(), actor=administrator(),
                         limit=_number("limit", PAGE) or PAGE)  # fmt: skip
    next_before = found[-1].id if found else None
    return jsonify(events=[entry_json(e) for e in found], next_before=next_before)


@api_bp.get("/staff/audit/export")
@admins
def audit_export() -> Response:
    """Every matching audit event as CSV (UTF-8 with BOM)."""
    text = export_csv(rt().uow(), audit_filter(), now=now(), actor=administrator())
    stamp = now().strftime("%Y%m%d-%H%M")
    return Response(
        text, mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="audit-{stamp}.csv"',
        },
    )  # fmt: skip
