"""City reports in the staff JSON API: a day's or a month's figures as JSON, CSV or PDF
(supervisors and administrators; bearer tokens). Figures only, so nothing here is audited."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask import Response, jsonify, request

from agent_console import report_files
from agent_console.api import ApiError, api_bp, staff_required
from agent_console.auth import SUPERVISOR_ROLES
from booking_core import city_reports
from runtime.flask_glue import now, rt

report_readers = staff_required(roles=SUPERVISOR_ROLES)
FORMATS = ("json", "csv", "pdf")
MAX_RANGE_DAYS = 62
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_day(raw: str | None) -> date:
    """A YYYY-MM-DD day (yesterday, the last closed day, when absent); ValueError if malformed."""
    if raw is None:
        return now().date() - timedelta(days=1)
    return date.fromisoformat(raw)


def parse_month(raw: str | None) -> tuple[int, int]:
    """(year, month) of a YYYY-MM month (this month when absent); ValueError if malformed."""
    if raw is None:
        today = now().date()
        return today.year, today.month
    found = MONTH.match(raw)
    if found is None:
        raise ValueError(raw)
    return int(found.group(1)), int(found.group(2))


def parse_range(first_raw: str | None, last_raw: str | None) -> tuple[date, date]:
    """(first, last) of a range of at most MAX_RANGE_DAYS days; ValueError otherwise."""
    first, last = date.fromisoformat(first_raw or ""), date.fromisoformat(last_raw or "")
    if not timedelta(0) <= last - first < timedelta(days=MAX_RANGE_DAYS):
        raise ValueError("range")
    return first, last


def day_range(first: date, last: date) -> list[dict[str, Any]]:
    """The main figures of each day of the range, counted now."""
    return city_reports.range_rows(rt().uow(), first=first, last=last)


def daily(day: date) -> dict[str, Any]:
    """The day's report (kept once closed)."""
    return city_reports.daily_report(rt().uow(), day=day, now=now())


def monthly(year: int, month: int) -> dict[str, Any]:
    """The month's report (kept once closed)."""
    return city_reports.monthly_report(rt().uow(), year=year, month=month, now=now())


def wanted_format() -> str:
    """json, csv (?format=csv or Accept: text/csv) or pdf; 422 for anything else."""
    asked = request.args.get("format")
    if asked is None:
        best = request.accept_mimetypes.best_match(["application/json", "text/csv"])
        return "csv" if best == "text/csv" else "json"
    if asked not in FORMATS:
        raise ApiError(422, "invalid", fields={"format": "unknown_format"})
    return asked


def file_response(report: dict[str, Any], fmt: str) -> Response:
    """The report as a CSV (UTF-8 with a BOM, for spreadsheet programs) or PDF download."""
    name = f"report-{report['kind']}-{report['period']}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "csv":
        return Response("\ufeff" + report_files.to_csv(report), mimetype="text/csv",
                        headers=headers)  # fmt: skip
    return Response(report_files.to_pdf(report), mimetype="application/pdf", headers=headers)


def _answer(report: dict[str, Any], fmt: str) -> Response:
    return jsonify(report) if fmt == "json" else file_response(report, fmt)


@api_bp.get("/staff/reports/daily")
@report_readers
def daily_report() -> Response:
    """A day's figures from every channel (?date=YYYY-MM-DD, default yesterday)."""
    fmt = wanted_format()
    try:
        day = parse_day(request.args.get("date"))
    except ValueError:
        raise ApiError(422, "invalid", fields={"date": "invalid_date"}) from None
    return _answer(daily(day), fmt)


@api_bp.get("/staff/reports/monthly")
@report_readers
def monthly_report() -> Response:
    """A month's figures by day and centre, with capacity (?month=YYYY-MM, default this month)."""
    fmt = wanted_format()
    try:
        year, month = parse_month(request.args.get("month"))
    except ValueError:
        raise ApiError(422, "invalid", fields={"month": "invalid_month"}) from None
    return _answer(monthly(year, month), fmt)


@api_bp.get("/staff/reports/days")
@report_readers
def day_range_report() -> Response:
    """The main figures of each day from ?from= to ?to= (at most 62 days); CSV on request."""
    fmt = wanted_format()
    try:
        first, last = parse_range(request.args.get("from"), request.args.get("to"))
    except ValueError:
        raise ApiError(422, "invalid", fields={"from": "invalid_range"}) from None
    rows = day_range(first, last)
    if fmt == "json":
        return jsonify({"from": first.isoformat(), "to": last.isoformat(), "days": rows})
    if fmt == "pdf":
        raise ApiError(422, "invalid", fields={"format": "unknown_format"})
    name = f"report-days-{first.isoformat()}-{last.isoformat()}.csv"
    return Response("\ufeff" + report_files.days_csv(rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
