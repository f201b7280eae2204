"""Administration in the staff JSON API: the go-live import of bookings (a dry run first) and
the retention run (administrators)."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from agent_console.admin_api import administrator
from agent_console.admin_staff_api import admins
from agent_console.api import ApiError, _body, api_bp
from agent_console.catalog_ja import t
from booking_core.booking_import import ImportRefused, import_bookings, preview_import
from booking_core.import_csv import ImportProblem
from booking_core.import_plan import FullBand, ImportPlan
from booking_core.retention import RetentionResult, run_retention
from runtime.flask_glue import now, rt
from runtime.limits import UPLOAD_BYTES


def problem_json(p: ImportProblem) -> dict[str, Any]:
    """A problem of the file (line 0: the file as a whole)."""
    return {"line": p.line, "field": p.field, "code": p.code, "message": p.message}


def band_json(b: FullBand) -> dict[str, Any]:
    """A band the file would overbook."""
    return {
        "center": b.center_id, "group": b.group, "date": b.day.isoformat(),
        "start": b.start.strftime("%H:%M"), "wanted": b.wanted, "left": b.left,
        "lines": list(b.lines),
    }  # fmt: skip


def plan_json(plan: ImportPlan) -> dict[str, Any]:
    """A dry run as the API gives it (no personal data: lines and codes only)."""
    return {
        "lines": plan.lines, "new": len(plan.new), "already_imported": plan.already_imported,
        "problems": [problem_json(p) for p in plan.problems],
        "full_bands": [band_json(b) for b in plan.full_bands],
    }  # fmt: skip


def refused(error: ImportRefused) -> ApiError:
    """A refused file: every problem, as fields line_N_field -> message."""
    fields: dict[str, str] = {}
    for p in error.problems:
        key = f"line_{p.line}_{p.field or 'row'}"
        fields[key if key not in fields else f"{key}_{len(fields)}"] = p.message
    return ApiError(422, "import_refused", t("import_refused"), fields=fields)


def _flag(name: str) -> bool:
    return request.args.get(name) == "true"


@api_bp.post("/staff/bookings/import")
@admins
def upload_booking_import() -> tuple[Response, int]:
    """The go-live import (text/csv body): dry_run=true lists the problems and changes nothing;
    otherwise imports in one transaction (notify=true owes texts; leave_out_full_bands=true
    leaves overbooked bands out whole instead of refusing the file)."""
    data = request.get_data()
    if not data or len(data) > UPLOAD_BYTES:
        raise ApiError(422, "invalid", fields={"body": "csv_required"})
    runtime, actor = rt(), administrator()
    if _flag("dry_run"):
        plan = preview_import(runtime.uow(), data, now=now(), actor=actor, policy=runtime.policy)
        return jsonify(plan_json(plan)), 200
    try:
        done = import_bookings(
            runtime.uow(), data, now=now(), actor=actor, policy=runtime.policy,
            notify=_flag("notify"), leave_out_full_bands=_flag("leave_out_full_bands"),
        )  # fmt: skip
    except ImportRefused as error:
        raise refused(error) from error
    return jsonify(
        imported=done.imported, already_imported=done.already_imported,
        left_out=[band_json(b) for b in done.left_out], notified=done.notified,
    ), 201  # fmt: skip


def retention_json(done: RetentionResult) -> dict[str, Any]:
    """A retention run as the API gives it."""
    return {
        "before": done.before_day.isoformat(), "bookings": done.bookings,
        "home_visits": done.home_visits, "disabled": list(done.disabled), "dry_run": done.dry_run,
    }  # fmt: skip


@api_bp.post("/staff/retention")
@admins
def run_retention_now() -> Response:
    """Anonymise bookings past the retention period and disable unused accounts now;
    {"dry_run": true} only counts."""
    dry = _body().get("dry_run", False)
    if not isinstance(dry, bool):
        raise ApiError(422, "invalid", fields={"dry_run": "boolean_required"})
    settings = rt().settings
    done = run_retention(
        rt().uow(), now=now(), keep_days=settings.booking_retention_days,
        inactive_days=settings.staff_inactive_days, dry_run=dry, actor=administrator(),
    )  # fmt: skip
    return jsonify(retention_json(done))
