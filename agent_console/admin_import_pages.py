"""Administration screens: the go-live import of bookings (upload, preview of the problems,
confirm) and retention (administrators)."""

from __future__ import annotations

import secrets

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.admin_api import administrator
from agent_console.admin_pages import admin_page
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from booking_core.booking_import import ImportRefused, import_bookings, preview_import
from booking_core.retention import RetentionResult, run_retention
from booking_core.schedule import services_and_centers
from runtime.flask_glue import now, rt
from runtime.limits import UPLOAD_BYTES

UPLOAD_KEY_PREFIX = "mynacall:booking_import:"  # + token: a file previewed, awaiting confirmation
UPLOAD_KEPT_SECONDS = 900


def _centers() -> dict[str, str]:
    _, found = services_and_centers(rt().uow())
    return {c.id: c.name_ja for c in found}


@bp.get("/admin/import")
@admin_page
def booking_import() -> str:
    """Choose the file of the current system's bookings."""
    return render_template("console/admin_import.html", staff=g.staff, plan=None, token=None)


@bp.post("/admin/import/preview")
@admin_page
def booking_import_preview() -> str | tuple[str, int]:
    """The dry run: every problem by line and every band the file would overbook."""
    upload = request.files.get("file")
    data = upload.read(UPLOAD_BYTES + 1) if upload else b""
    if not data or len(data) > UPLOAD_BYTES:
        flash(t("import_file_required"), "error")
        return render_template("console/admin_import.html", staff=g.staff, plan=None,
                               token=None), 422  # fmt: skip
    plan = preview_import(rt().uow(), data, now=now(), actor=administrator(),
                          policy=rt().policy)  # fmt: skip
    token = None
    if not plan.problems:
        token = secrets.token_urlsafe(24)
        rt().redis.set(UPLOAD_KEY_PREFIX + token, data, ex=UPLOAD_KEPT_SECONDS)
    return render_template("console/admin_import.html", staff=g.staff, plan=plan, token=token,
                           centers=_centers())  # fmt: skip


@bp.post("/admin/import/confirm")
@admin_page
def booking_import_confirm() -> BaseResponse:
    """Import the file previewed a moment ago, in one transaction."""
    data = rt().redis.getdel(UPLOAD_KEY_PREFIX + request.form.get("token", ""))
    if not isinstance(data, bytes):
        flash(t("import_expired"), "error")
        return redirect(url_for("agent_console.booking_import"))
    try:
        done = import_bookings(
            rt().uow(), data, now=now(), actor=administrator(), policy=rt().policy,
            notify=request.form.get("notify") == "1",
            leave_out_full_bands=request.form.get("leave_out") == "1",
        )  # fmt: skip
    except ImportRefused as refused:
        flash(t("import_refused"), "error")
        for problem in refused.problems[:20]:
            flash(problem.message, "error")
    else:
        flash(t("import_done", imported=done.imported, done=done.already_imported,
                notified=done.notified), "info")  # fmt: skip
        if done.left_out:
            flash(t("import_left_out", count=len(done.left_out)), "error")
    return redirect(url_for("agent_console.booking_import"))


def _retention(*, dry_run: bool) -> RetentionResult:
    settings = rt().settings
    return run_retention(
        rt().uow(), now=now(), keep_days=settings.booking_retention_days,
        inactive_days=settings.staff_inactive_days, dry_run=dry_run, actor=administrator(),
    )  # fmt: skip


@bp.get("/admin/retention")
@admin_page
def retention() -> str:
    """The retention rule and what a run would anonymise and disable now."""
    settings = rt().settings
    return render_template(
        "console/admin_retention.html", staff=g.staff, due=_retention(dry_run=True),
        keep=settings.booking_retention_days, inactive=settings.staff_inactive_days,
    )  # fmt: skip


@bp.post("/admin/retention")
@admin_page
def retention_run() -> BaseResponse:
    """Run retention now (the nightly job does the same)."""
    done = _retention(dry_run=False)
    counts = {"bookings": done.bookings, "visits": done.home_visits,
              "disabled": len(done.disabled)}  # fmt: skip
    flash(t("retention_done", **counts), "info")
    return redirect(url_for("agent_console.retention"))
