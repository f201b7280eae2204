"""Live figures per queue and per agent, and Erlang C staffing, read from Redis."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import redis

from queues import board_settings, keys, scripts, wallboard
from queues.timestamps import day_of, interval_stamp, ms

DEFAULT_HANDLE_SECONDS = 240  # until the day has handled calls of its own
STAFFING_WINDOW_MS = 30 * 60 * 1000
SUPERVISOR_ROLES = ("supervisor", "admin")


def _int(value: Any) -> int:
    return int(float(scripts.text(value) or 0))


def _trim(r: redis.Redis, queue: str, now_ms: int) -> None:
    cutoff = now_ms - 2 * STAFFING_WINDOW_MS
    with r.pipeline(transaction=False) as pipe:
        pipe.zremrangebyscore(keys.arrivals_key(queue), 0, cutoff)
        pipe.zremrangebyscore(keys.handles_key(queue), 0, cutoff)
        pipe.execute()


def recent_handle_seconds(r: redis.Redis, queue: str) -> float:
    """The average handle time of the queue's recent calls (a default when there are none)."""
    members = r.zrange(keys.handles_key(queue), -50, -1)
    seconds = [int(scripts.text(m).rsplit(":", 1)[1]) / 1000 for m in members]  # type: ignore[union-attr]
    return sum(seconds) / len(seconds) if seconds else float(DEFAULT_HANDLE_SECONDS)


def _longest_wait(r: redis.Redis, queue: str, now_ms: int) -> tuple[int, int]:
    """(callers waiting on the line, longest wait in seconds); callback requests not counted."""
    with r.pipeline(transaction=False) as pipe:
        pipe.zcard(keys.online_key(queue))
        pipe.zrange(keys.online_key(queue), 0, 0, withscores=True)
        count, head = pipe.execute()
    longest = (now_ms - int(head[0][1])) // 1000 if head else 0
    return int(count), max(0, longest)


def current_interval(r: redis.Redis, queue: str, now: datetime) -> dict[str, Any]:
    """The queue's counters of the half-hour `now` falls in (a bar of the board's chart)."""
    stamp = interval_stamp(now)
    counts = scripts.texts(r.hgetall(keys.interval_key(stamp, queue)))  # type: ignore[arg-type]
    return {"start": f"{stamp[8:10]}:{stamp[10:12]}", "queue": queue} | {
        name: _int(counts.get(name)) for name in wallboard.SERIES
    }


def queue_figures(
    r: redis.Redis, queue: str, now: datetime, targets: wallboard.Targets | None = None
) -> dict[str, Any]:
    """Live figures of one queue for today: 応答率 and SL over the calls offered."""
    now_ms = ms(now)
    counters = scripts.texts(r.hgetall(keys.day_stats_key(day_of(now), queue)))  # type: ignore[arg-type]
    answered = _int(counters.get("answered"))
    waiting, longest = _longest_wait(r, queue, now_ms)
    counts = {k: _int(counters.get(k)) for k in ("offered", "answered", "answered_in_sl")}
    return {
        "queue": queue,
        "open": not r.sismember(keys.CLOSED_QUEUES_KEY, queue),
        "waiting": waiting,
        "longest_wait_seconds": longest,
        "average_wait_seconds": round(_int(counters.get("wait_ms")) / answered / 1000)
        if answered
        else 0,
        "offered": _int(counters.get("offered")),
        "answered": answered,
        "abandoned": _int(counters.get("abandoned")),
        "answered_in_sl": counts["answered_in_sl"],
        **wallboard.rates(counts, targets or board_settings.targets(r)),
        "callbacks_waiting": int(r.scard(keys.queue_callbacks_key(queue))),  # type: ignore[arg-type]
        "callbacks_served": _int(counters.get("callbacks_served")),
        "agents_on_duty": int(r.scard(keys.on_duty_queue_key(queue))),  # type: ignore[arg-type]
    }


def agent_figures(r: redis.Redis, agent_id: str, now: datetime) -> dict[str, Any]:
    """One agent's presence with seconds in the current state."""
    h = scripts.texts(r.hgetall(keys.agent_key(agent_id)))  # type: ignore[arg-type]
    since = _int(h.get("since")) or ms(now)
    spent = scripts.texts(r.hgetall(keys.agent_day_key(day_of(now), agent_id)))  # type: ignore[arg-type]
    today = {state: _int(spent.get(state)) // 1000 for state in keys.STATES}
    state = h.get("state", "offline")
    today[state] = today.get(state, 0) + max(0, (ms(now) - since) // 1000)
    return {
        "id": agent_id,
        "name": h.get("name", agent_id),
        "role": h.get("role", "agent"),
        "state": state,
        "reason": h.get("reason", ""),
        "since": since,
        "seconds_in_state": max(0, (ms(now) - since) // 1000),
        "call": h.get("call", ""),
        "topics": [t for t in h.get("topics", "").split(",") if t],
        "languages": [x for x in h.get("languages", "").split(",") if x],
        "today_seconds": today,
    }


def staffing(
    r: redis.Redis, queue: str, now: datetime, targets: wallboard.Targets | None = None
) -> dict[str, Any]:
    """Erlang C over the last 30 minutes: the SL the agents on duty can expect, and the agents
    needed for the SL target (answered within 20 s)."""
    now_ms = ms(now)
    _trim(r, queue, now_ms)
    calls = int(r.zcount(keys.arrivals_key(queue), now_ms - STAFFING_WINDOW_MS, now_ms))
    aht = recent_handle_seconds(r, queue)
    plan = wallboard.staffing_plan(
        calls=calls,
        period_seconds=STAFFING_WINDOW_MS / 1000,
        aht_seconds=aht,
        on_duty=int(r.scard(keys.on_duty_queue_key(queue))),  # type: ignore[arg-type]
        target=(targets or board_settings.targets(r)).service_level,
    )
    return {"queue": queue, "arrivals_30min": calls, "aht_seconds": round(aht)} | plan


def live_snapshot(r: redis.Redis, now: datetime) -> dict[str, Any]:
    """Everything the supervisors' board shows from Redis, in one picture."""
    agent_ids = sorted(scripts.text(a) for a in r.smembers(keys.AGENTS_KEY))  # type: ignore[union-attr]
    agents = [a for a in (agent_figures(r, x, now) for x in agent_ids) if is_operator(a)]
    by_state = {s: sum(1 for a in agents if a["state"] == s) for s in keys.STATES}
    targets = board_settings.targets(r)
    queues = [queue_figures(r, q, now, targets) for q in keys.QUEUE_NAMES]
    return {
        "at": now.isoformat(),
        "queues": queues,
        "totals": wallboard.totals(queues, targets),
        "targets": targets.as_dict(),
        "agents": agents,
        "agents_by_state": by_state,
        "staffing": [staffing(r, q, now, targets) for q in keys.QUEUE_NAMES],
        "emergency": emergency_texts(r),
        "emergencies": board_settings.emergencies(r),
        "intervals": [current_interval(r, q, now) for q in keys.QUEUE_NAMES],
    }


def is_operator(agent: dict[str, Any]) -> bool:
    """Agents are operators; a supervisor or administrator only while taking calls."""
    return agent["role"] not in SUPERVISOR_ROLES or agent["state"] != "offline"


def emergency_texts(r: redis.Redis) -> dict[str, str]:
    """The emergency announcement per language (only languages that have one)."""
    found = {}
    for language in ("ja", "en"):
        value = scripts.text(r.get(keys.emergency_key(language)))
        if value:
            found[language] = value
    return found
