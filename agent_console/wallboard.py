"""The wallboard's whole picture (the board page, its wall mode and the staff API share it),
the targets form and the large-screen address."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.blueprint import bp
from agent_console.catalog_ja import t
from agent_console.guard import staff_page
from booking_core.centre_board import centres_today, places_ahead
from booking_core.errors import BookingError
from queues import acd, board_settings, events, history, stats, wallboard
from runtime.bootstrap import Runtime
from runtime.flask_glue import now, rt


def centres(runtime: Runtime, at: datetime) -> list[dict[str, Any]]:
    """Each centre's day today, with the places of its next open days (`ahead`)."""
    ahead = places_ahead(runtime.uow(), now=at, policy=runtime.policy)
    return [
        asdict(c) | {"ahead": [{"day": d.day.isoformat(), "label": day_label(d.day),
                                "places_left": d.places_left}
                               for d in ahead.get(c.center_id, [])]}
        for c in centres_today(runtime.uow(), now=at, policy=runtime.policy)
    ]  # fmt: skip


WEEKDAYS_JA = "月火水木金土日"


def day_label(day: date) -> str:
    """A day as the floor reads it: 11月3日（火）."""
    return f"{day.month}月{day.day}日（{WEEKDAYS_JA[day.weekday()]}）"


def board(runtime: Runtime, at: datetime) -> dict[str, Any]:
    """The whole picture: live queues and agents, rates against targets, staffing, centres."""
    acd.absorb_callbacks(runtime.redis, at)  # the phone front's requests count from the start
    return stats.live_snapshot(runtime.redis, at) | {"centres": centres(runtime, at)}


def chart_rows(runtime: Runtime, *, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """The day's half-hours per queue ("HH:MM", queue, offered, answered, abandoned)."""
    rows = history.history_rows(runtime.uow(), start=start, end=end)
    return [
        {"start": r["start"][11:16], "queue": r["queue"]}
        | {name: r[name] for name in wallboard.SERIES}
        for r in rows
    ]


def figures(runtime: Runtime, at: datetime, *, start: datetime, end: datetime) -> dict[str, Any]:
    """The board with the chart's half-hours of the day (staff API and page)."""
    history.persist_intervals(runtime.redis, runtime.uow, at)
    rows = chart_rows(runtime, start=start, end=end)
    return board(runtime, at) | {
        "day": start.date().isoformat(),
        "chart_rows": rows,
        "bars": wallboard.half_hour_bars(rows),
    }


@bp.get("/wallboard")
@staff_page(supervisor=True)
def wallboard_page() -> BaseResponse:
    """The large-screen board: the dashboard in wall mode."""
    return redirect(url_for("agent_console.dashboard", wall=1))


@bp.post("/dashboard/targets")
@staff_page(supervisor=True)
def targets() -> BaseResponse:
    """Set the 応答率 and SL targets (percent) and the amber band; every board recolours."""
    try:
        chosen = wallboard.checked_targets(request.form.to_dict(), percent=True)
    except BookingError:
        flash(t("error_targets"), "error")
        return redirect(url_for("agent_console.dashboard"))
    board_settings.set_targets(rt().redis, chosen)
    events.settings_changed(rt().redis, now())
    flash(t("targets_saved"), "info")
    return redirect(url_for("agent_console.dashboard"))
