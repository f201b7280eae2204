"""City report screens (supervisors, administrators): a day, a month or a range of days as
tables and charts, with CSV and PDF downloads."""

from __future__ import annotations

import base64
from typing import Any

from flask import Response, g, render_template, request

from agent_console import report_charts, report_files
from agent_console.auth import SUPERVISOR_ROLES
from agent_console.blueprint import bp
from agent_console.guard import staff_page
from agent_console.report_catalog_ja import label
from agent_console.reports_api import (
    daily,
    day_range,
    file_response,
    monthly,
    parse_day,
    parse_month,
    parse_range,
)
from runtime.flask_glue import now

report_page = staff_page(roles=SUPERVISOR_ROLES)


def _asked() -> dict[str, Any]:
    """The report the query asks for (a day by default), or an error message."""
    kind = request.args.get("kind", "daily")
    try:
        if kind == "monthly":
            return {"report": monthly(*parse_month(request.args.get("month") or None))}
        return {"report": daily(parse_day(request.args.get("date") or None))}
    except ValueError:
        return {"error": label("report_invalid")}


def _range() -> dict[str, Any]:
    """The day rows of ?from=&to= when both are given."""
    first_raw, last_raw = request.args.get("from"), request.args.get("to")
    if not first_raw or not last_raw:
        return {}
    try:
        first, last = parse_range(first_raw, last_raw)
    except ValueError:
        return {"range_error": label("range_invalid")}
    rows = day_range(first, last)
    return {"span": {"first": first, "last": last, "rows": report_files.day_rows({"days": rows})}}


def _charts(report: dict[str, Any]) -> list[tuple[str, str]]:
    titles = {"bookings_visitors": "chart_bookings_visitors", "answer_rate": "chart_answer_rate",
              "no_show_rate": "chart_no_show_rate", "by_channel": "chart_by_channel"}  # fmt: skip
    return [
        (label(titles[name]), base64.b64encode(report_charts.draw(report, name)).decode())
        for name in report_charts.charts_of(report)
    ]


@bp.get("/reports")
@report_page
def reports() -> str | tuple[str, int]:
    """A day's or a month's report (tables, charts, downloads), and a range of days."""
    asked, ranged = _asked(), _range()
    report = asked.get("report")
    context: dict[str, Any] = {"staff": g.staff, "label": label, "error": asked.get("error"),
                               "report": report, "today": now().date(), **ranged}  # fmt: skip
    if report is not None:
        context |= {
            "title": report_files.title(report),
            "summary": report_files.summary_rows(report),
            "channels": report_files.channel_rows(report),
            "centers": report_files.center_rows(report),
            "calls": report_files.call_rows(report),
            "days": report_files.day_rows(report) if report.get("days") else None,
            "charts": _charts(report),
            "shown": report_files.shown,
            "file_query": {k: v for k, v in request.args.items() if k in ("kind", "date", "month")},
        }
    status = 422 if asked.get("error") or ranged.get("range_error") else 200
    page = render_template("console/reports.html", **context)
    return (page, status) if status != 200 else page


@bp.get("/reports/file")
@report_page
def report_file() -> Response | tuple[str, int]:
    """The asked report as ?format=csv or pdf."""
    asked = _asked()
    fmt = request.args.get("format", "csv")
    if "report" not in asked or fmt not in ("csv", "pdf"):
        page = render_template("console/reports.html", staff=g.staff, label=label,
                               error=label("report_invalid"), today=now().date())  # fmt: skip
        return page, 422
    return file_response(asked["report"], fmt)
