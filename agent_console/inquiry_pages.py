"""Inquiry records on screen: open escalations (agents see them, supervisors close them), the
counts by topic per day (supervisors), and the topic list (administrators edit it)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console import auth
from agent_console.admin_api import administrator
from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.guard import staff_page
from agent_console.screen import refused_fields
from booking_core.errors import InvalidRequest, NotFound
from booking_core.inquiries import (
    close_escalation,
    counts_by_topic,
    list_topics,
    open_escalations,
    save_topic,
)
from booking_core.policy import Actor
from runtime.flask_glue import now, rt

admin_page = staff_page(roles=("admin",))


def _range(args: dict[str, str]) -> tuple[date, date] | None:
    today = now().date()
    try:
        first = date.fromisoformat(args["from"]) if args.get("from") else today - timedelta(days=6)
        last = date.fromisoformat(args["to"]) if args.get("to") else today
    except ValueError:
        return None
    return first, last


def _counts(args: dict[str, str]) -> dict[str, Any]:
    asked = _range(args)
    if asked is None:
        return {"counts": None, "counts_error": t("counts_bad_range"), "range": args}
    try:
        days = counts_by_topic(rt().uow(), first=asked[0], last=asked[1])
    except InvalidRequest:
        return {"counts": None, "counts_error": t("counts_bad_range"), "range": args}
    return {
        "counts": days,
        "counts_error": "",
        "range": {"from": asked[0].isoformat(), "to": asked[1].isoformat()},
    }


@bp.get("/inquiries")
@staff_page()
def inquiries() -> str:
    """Open escalations for everyone at the desk; counts by topic per day for supervisors."""
    topics = list_topics(rt().uow())
    context: dict[str, Any] = {
        "staff": g.staff,
        "escalations": open_escalations(rt().uow(), now=now(), actor=Actor.staff(g.staff.username)),
        "topics": topics,
        "topic_names": {x.code: x.name_ja for x in topics},
        "counts": None,
    }
    if g.staff.supervisor:
        context.update(_counts(request.args.to_dict()))
    return render_template("console/inquiries.html", **context)


@bp.post("/escalations/<int:record_id>/close")
@staff_page(supervisor=True, roles=auth.SUPERVISOR_ROLES)
def escalation_close(record_id: int) -> BaseResponse:
    """The city took the escalation over (supervisors, administrators)."""
    try:
        close_escalation(rt().uow(), record_id, now=now(), actor=Actor.staff(g.staff.username))
    except NotFound:
        flash(t("escalation_not_found"), "error")
    else:
        flash(t("escalation_closed"), "info")
    return redirect(url_for("agent_console.inquiries"))


@bp.get("/admin/inquiry-topics")
@admin_page
def inquiry_topics() -> str:
    """The topic list, each editable, and a form to add one."""
    return render_template(
        "console/admin_topics.html", staff=g.staff, topics=list_topics(rt().uow())
    )


@bp.post("/admin/inquiry-topics")
@admin_page
def inquiry_topic_save() -> BaseResponse:
    """Add a topic or save one of the list."""
    form = request.form
    code = form.get("code", "").strip()
    if form.get("new") == "1" and any(x.code == code for x in list_topics(rt().uow())):
        flash(t("topic_exists", code=code), "error")
        return redirect(url_for("agent_console.inquiry_topics"))
    try:
        saved = save_topic(
            rt().uow(), code=code, name_ja=form.get("name_ja", ""),
            name_en=form.get("name_en", ""), complaint=form.get("complaint") == "1",
            active=form.get("active") == "1", now=now(), actor=administrator(),
        )  # fmt: skip
    except InvalidRequest as refused:
        flash(t("topic_refused", fields=refused_fields(refused.fields)), "error")
    else:
        flash(t("topic_saved", name=saved.name_ja), "info")
    return redirect(url_for("agent_console.inquiry_topics"))
