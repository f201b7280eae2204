"""The supervisors' dashboard: live figures over Server-Sent Events, switches, history and CSV."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from flask import Response, flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console import auth
from agent_console.blueprint import bp
from agent_console.catalog_ja import TEXT, t
from agent_console.guard import staff_page
from agent_console.wallboard import board, figures
from booking_core.announcements import checked_announcement
from booking_core.calendar import TOKYO
from booking_core.call_records import Skills, set_skills
from booking_core.errors import BookingError
from queues import acd, board_settings, events, history, keys, presence, stats
from runtime.bootstrap import Runtime
from runtime.flask_glue import now, rt

KEEPALIVE_SECONDS = 15.0
REFRESH_SECONDS = 10.0
CENTRES_EVERY = 6  # centres' places (database) every sixth refresh: once a minute


def day_bounds(raw: str, at: datetime) -> tuple[datetime, datetime]:
    try:
        day = date.fromisoformat(raw) if raw else at.astimezone(TOKYO).date()
    except ValueError:
        day = at.astimezone(TOKYO).date()
    start = datetime(day.year, day.month, day.day, tzinfo=TOKYO)
    return start, start + timedelta(days=1)


@bp.get("/dashboard")
@staff_page(supervisor=True)
def dashboard() -> str:
    """The board, drawn once on the server; the stream keeps it live (`?wall=1`: big screen)."""
    runtime, at = rt(), now()
    start, end = day_bounds(request.args.get("day", ""), at)
    picture = figures(runtime, at, start=start, end=end)
    labels = {k: v for k, v in TEXT.items() if k.startswith(LABEL_PREFIXES)}
    return render_template(
        "console/dashboard.html",
        staff=g.staff,
        board=picture,
        today=start.date() == at.astimezone(TOKYO).date(),
        wall=request.args.get("wall") == "1",
        day=picture["day"],
        labels_json=json.dumps(labels, ensure_ascii=False),
        chart_json=json.dumps(picture["chart_rows"]),
        queue_names=keys.QUEUE_NAMES,
        when=when_ja,
    )


LABEL_PREFIXES = ("state_", "reason_", "queue_", "closed_", "grade_", "chart_", "emergency_",
                  "target", "people", "calls", "unbounded", "places_")  # fmt: skip


def when_ja(iso: str) -> str:
    """An ISO moment as staff read it: 11月2日 9:05."""
    try:
        at = datetime.fromisoformat(iso).astimezone(TOKYO)
    except ValueError:
        return ""
    return f"{at.month}月{at.day}日 {at.hour}:{at.minute:02}"


def _sse(kind: str, data: Any) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False, default=str)}\n\n"


def stream_events(
    runtime: Runtime,
    *,
    keepalive: float = KEEPALIVE_SECONDS,
    refresh: float = REFRESH_SECONDS,
    alive: Callable[[], bool] = lambda: True,
) -> Iterator[str]:
    """Subscribe first, then send the full picture, then every change as it is published.

    The stream ends when `alive()` turns false (checked at each refresh: the session ended).
    """
    pubsub = runtime.redis.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(events.channel(runtime.redis))
    try:
        yield "retry: 2000\n\n"
        yield _sse("snapshot", board(runtime, runtime.clock.now()))
        beat = fresh = time.monotonic()
        refreshes = 0
        while True:
            message = pubsub.get_message(timeout=1.0)
            if message is not None:
                raw = message["data"]
                yield f"event: change\ndata: {raw.decode() if isinstance(raw, bytes) else raw}\n\n"
            moment = time.monotonic()
            if moment - fresh >= refresh:
                if not alive():
                    return
                refreshes += 1
                at = runtime.clock.now()
                history.persist_if_due(runtime.redis, runtime.uow, at)  # one board a minute
                yield _sse(
                    "live",
                    board(runtime, at)
                    if refreshes % CENTRES_EVERY == 0
                    else stats.live_snapshot(runtime.redis, at),
                )
                fresh = moment
            if moment - beat >= keepalive:
                yield ": keep-alive\n\n"
                beat = moment
    finally:
        pubsub.close()


@bp.get("/dashboard/stream")
@staff_page(supervisor=True, renew=False)
def stream() -> Response:
    """Server-Sent Events: a snapshot at once, then changes within a second, keep-alives."""
    runtime, token = rt(), g.staff.token

    def alive() -> bool:
        return auth.resolve(runtime.redis, token, runtime.clock.now(), renew=False) is not None

    response = Response(stream_events(runtime, alive=alive), mimetype="text/event-stream")
    response.headers["X-Accel-Buffering"] = "no"
    return response


@bp.post("/dashboard/emergency")
@staff_page(supervisor=True)
def emergency() -> BaseResponse:
    """Set or clear the emergency announcement the phone front plays first, per language."""
    language = request.form.get("language", "")
    try:
        text = checked_announcement(language, request.form.get("text", ""))
    except BookingError as error:
        flash(t(f"error_{error.code}"), "error")
        return redirect(url_for("agent_console.dashboard"))
    if request.form.get("action") == "set" and text:
        board_settings.set_emergency(rt().redis, language, text, by=g.staff.display_name, now=now())
    else:
        board_settings.clear_emergency(rt().redis, language)
    events.settings_changed(rt().redis, now())
    flash(t("saved"), "info")
    return redirect(url_for("agent_console.dashboard"))


@bp.post("/dashboard/queue")
@staff_page(supervisor=True)
def queue_switch() -> BaseResponse:
    """Open or close a queue to new callers."""
    queue = request.form.get("queue", "")
    if queue in keys.QUEUE_NAMES:
        acd.set_open(rt().redis, queue, open_=request.form.get("open") == "1", now=now())
        flash(t("saved"), "info")
    return redirect(url_for("agent_console.dashboard"))


@bp.get("/dashboard/history.csv")
@staff_page(supervisor=True)
def history_csv() -> Response:
    """The day's half-hour history as CSV (UTF-8 with a BOM, for spreadsheet software)."""
    runtime, at = rt(), now()
    history.persist_intervals(runtime.redis, runtime.uow, at)
    start, end = day_bounds(request.args.get("day", ""), at)
    body = "\ufeff" + history.to_csv(history.history_rows(runtime.uow(), start=start, end=end))
    name = f"intervals-{start.date().isoformat()}.csv"
    return Response(
        body,
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/dashboard/skills")
@staff_page(supervisor=True)
def skills() -> BaseResponse:
    """Set which queues and languages an agent takes (stored, and applied to presence now)."""
    username = request.form.get("username", "")
    known = set(presence.agent_ids(rt().redis))
    topics = tuple(q for q in keys.QUEUE_NAMES if request.form.get(f"topic_{q}"))
    languages = tuple(x for x in ("ja", "en") if request.form.get(f"lang_{x}"))
    if username in known:
        set_skills(rt().uow(), username, Skills(topics, languages))
        agent = presence.agent(rt().redis, username)
        presence.register_agent(
            rt().redis,
            username,
            name=agent.get("name", username),
            topics=topics,
            languages=languages,
            now=now(),
        )
        acd.route(rt().redis, now())
        flash(t("saved"), "info")
    return redirect(url_for("agent_console.dashboard"))
