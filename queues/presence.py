"""Agent presence (在席状態): offline, available, on a call, wrap-up, break with a reason.

The on-duty sets the phone front reads (`AGENTS_ON_DUTY_KEY`, and one per queue for the
agents with that queue's skill) are kept true by the same script that changes the state.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import redis

from queues import acd, events, keys, lua, scripts
from queues.timestamps import day_of, ms

MANUAL_STATES = ("offline", "available", "break")
BREAK_REASONS = ("rest", "lunch", "meeting", "training", "other")


class PresenceRefused(Exception):
    """The change is not allowed now (on a call, or a wrap-up code is still owed)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def register_agent(
    r: redis.Redis,
    agent_id: str,
    *,
    name: str,
    topics: Iterable[str],
    languages: Iterable[str],
    now: datetime,
    role: str = "",
) -> None:
    """Record an agent's display name, skills (queues and languages they can take) and role."""
    r.hset(
        keys.agent_key(agent_id),
        mapping={
            "id": agent_id,
            "name": name,
            "topics": ",".join(topics),
            "languages": ",".join(languages),
        },
    )
    if role:
        r.hset(keys.agent_key(agent_id), "role", role)
    r.hsetnx(keys.agent_key(agent_id), "state", "offline")
    r.hsetnx(keys.agent_key(agent_id), "since", ms(now))
    r.sadd(keys.AGENTS_KEY, agent_id)
    state = scripts.text(r.hget(keys.agent_key(agent_id), "state")) or "offline"
    _run(r, agent_id, state, scripts.text(r.hget(keys.agent_key(agent_id), "reason")), now)


def _run(r: redis.Redis, agent_id: str, state: str, reason: str, now: datetime) -> str:
    pairs = [f"{q}:{keys.QUEUE_LANGUAGE[q]}" for q in keys.QUEUE_NAMES]
    result = scripts.text(
        scripts.run(r, lua.SET_STATE, agent_id, state, reason, ms(now), day_of(now), *pairs)
    )
    if result.startswith("refused:"):
        raise PresenceRefused(result.removeprefix("refused:"))
    events.agent_changed(r, agent_id, now)
    return result


def set_state(
    r: redis.Redis,
    agent_id: str,
    state: str,
    now: datetime,
    reason: str = "",
    *,
    route: bool = True,
) -> str:
    """Change presence by the agent's choice; returns the previous state (routes when free)."""
    if state not in MANUAL_STATES:
        raise PresenceRefused("unknown_state")
    if state == "break" and reason not in BREAK_REASONS:
        raise PresenceRefused("break_reason_required")
    previous = _run(r, agent_id, state, reason if state == "break" else "", now)
    if state == "available" and route:
        acd.route(r, now)  # routing follows any agent becoming free
    return previous


def owed_wrap_up(r: redis.Redis, agent_id: str) -> str:
    """The call sid whose wrap-up code the agent still owes ('' when none)."""
    return scripts.text(r.hget(keys.agent_key(agent_id), "wrap_call"))


def end_wrap_up(r: redis.Redis, agent_id: str, now: datetime, next_state: str = "available") -> str:
    """The wrap-up code was recorded: clear the debt and move on; returns the call sid."""
    sid = owed_wrap_up(r, agent_id)
    r.hdel(keys.agent_key(agent_id), "wrap_call")
    set_state(r, agent_id, next_state, now, "other" if next_state == "break" else "")
    return sid


def agent(r: redis.Redis, agent_id: str) -> dict[str, str]:
    """An agent's stored presence and skills ({} when unknown)."""
    return scripts.texts(r.hgetall(keys.agent_key(agent_id)))  # type: ignore[arg-type]


def agent_ids(r: redis.Redis) -> list[str]:
    """Every known agent id, sorted."""
    return sorted(scripts.text(a) for a in r.smembers(keys.AGENTS_KEY))  # type: ignore[union-attr]


def on_duty(r: redis.Redis, queue: str | None = None) -> set[str]:
    """Agents on duty (not offline), for one queue's skill or for any."""
    key = keys.on_duty_queue_key(queue) if queue else keys.AGENTS_ON_DUTY_KEY
    return {scripts.text(a) for a in r.smembers(key)}  # type: ignore[union-attr]


STALE_SECONDS = 120
SWEEP_LOCK_KEY = "mynacall:presence:sweep"


def heartbeat(r: redis.Redis, agent_id: str, now: datetime) -> None:
    """Note that the agent's console (or script) is still there."""
    r.hset(keys.agent_key(agent_id), "seen", ms(now))


def sweep_stale(r: redis.Redis, now: datetime, *, max_age: int = STALE_SECONDS) -> list[str]:
    """Take off duty the agents whose console went silent (closed browser), not mid-call.

    Runs at most once per 10 s across all processes (a Redis lock), so any request may call it.
    """
    if not r.set(SWEEP_LOCK_KEY, "1", nx=True, ex=10):
        return []
    cutoff, gone = ms(now) - max_age * 1000, []
    for agent_id in sorted(on_duty(r)):
        state, seen = (scripts.text(v) for v in r.hmget(keys.agent_key(agent_id), "state", "seen"))  # type: ignore[union-attr]
        if state in {"available", "break"} and seen and int(seen) < cutoff:
            set_state(r, agent_id, "offline", now)
            gone.append(agent_id)
    return gone
