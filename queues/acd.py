"""Automatic call distribution: calls and callback requests wait in order, agents take them.

The phone front calls `enqueue_call` when a caller joins a queue (`<Enqueue>`), `position`
for the wait page, `request_callback` when the caller presses * to leave a callback request
(the request keeps the caller's place), and `call_left` from Twilio's status callbacks.
Any process may call `route`; the choice and the assignment happen in one Lua script.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import redis

from queues import events, keys, lua, scripts, stats
from queues.timestamps import day_of, interval_stamp, ms

log = logging.getLogger(__name__)
MAX_PRIORITY = 9
PRIORITY_SPAN = 10**13  # larger than any epoch-millisecond arrival time
SERVICE_LEVEL_SECONDS = 20
ROUTE_SCAN = 200  # items looked at per queue when matching skills


class QueueClosed(Exception):
    """A supervisor has closed the queue: nobody new may join it."""


@dataclass(frozen=True)
class Assignment:
    """A waiting item given to an agent."""

    call_sid: str
    agent_id: str
    queue: str
    kind: str = "call"  # or "callback": the agent rings the resident


AssignHook = Callable[[redis.Redis, Assignment], None]
_assign_hooks: list[AssignHook] = []


def on_assign(hook: AssignHook) -> None:
    """Run `hook` after every assignment in this process (e.g. bridging the call with Twilio)."""
    if hook not in _assign_hooks:
        _assign_hooks.append(hook)


def off_assign(hook: AssignHook) -> None:
    """Stop running an assignment hook."""
    if hook in _assign_hooks:
        _assign_hooks.remove(hook)


def _after_assign(r: redis.Redis, done: Assignment) -> None:
    for hook in list(_assign_hooks):
        try:
            hook(r, done)
        except Exception:  # the assignment stands; the hook's own failure is only logged
            log.exception("assignment hook %s failed", getattr(hook, "__name__", hook))


def score(priority: int, arrived_ms: int) -> int:
    """Order in a queue: higher priority first, then earlier arrival."""
    return (MAX_PRIORITY - max(0, min(priority, MAX_PRIORITY))) * PRIORITY_SPAN + arrived_ms


def _check_queue(queue: str) -> None:
    if queue not in keys.QUEUE_NAMES:
        raise ValueError(f"unknown queue {queue!r}")


def enqueue_call(
    r: redis.Redis,
    *,
    call_sid: str,
    queue: str,
    caller: str,
    language: str,
    now: datetime,
    priority: int = 0,
) -> tuple[int, int]:
    """Put a caller in a queue (a repeat for the same call is a no-op); returns `position`."""
    _check_queue(queue)
    if is_closed(r, queue):
        raise QueueClosed(queue)
    add_item(
        r,
        sid=call_sid,
        queue=queue,
        caller=caller,
        language=language,
        now=now,
        priority=priority,
        kind="call",
        number="",
    )
    route(r, now)
    return position(r, call_sid)


def add_item(
    r: redis.Redis,
    *,
    sid: str,
    queue: str,
    caller: str,
    language: str,
    now: datetime,
    priority: int,
    kind: str,
    number: str,
    arrived: datetime | None = None,
) -> None:
    at = ms(arrived or now)
    scripts.run(
        r,
        lua.ENQUEUE,
        sid,
        queue,
        caller,
        language,
        priority,
        at,
        score(priority, at),
        kind,
        number,
        day_of(now),
        interval_stamp(now),
    )
    events.queue_changed(r, queue, now)


def absorb_callbacks(r: redis.Redis, now: datetime) -> int:
    """Move the phone front's callback requests (CALLBACKS_KEY) into their queues, in order.

    Each entry is JSON {caller, language, topic, requested_at}; it joins the queue at its
    request time, so it is served in turn with everyone else. Returns how many moved.
    """
    moved = 0
    while raw := r.lpop(keys.CALLBACKS_KEY):
        entry = json.loads(scripts.text(raw))
        language = entry.get("language") or "ja"
        queue = "english" if language == "en" else entry.get("topic") or "general"
        queue = queue if queue in keys.QUEUE_NAMES else "general"
        at = datetime.fromisoformat(entry["requested_at"]) if entry.get("requested_at") else now
        sid = "CB" + hashlib.sha1(scripts.text(raw).encode()).hexdigest()[:30]
        caller = entry.get("caller") or ""
        add_item(
            r,
            sid=sid,
            queue=queue,
            caller=caller,
            language=language,
            now=now,
            priority=0,
            kind="callback",
            number=caller,
            arrived=at,
        )
        moved += 1
    return moved


def request_callback(
    r: redis.Redis,
    *,
    call_sid: str,
    number: str,
    now: datetime,
    queue: str = "general",
    language: str = "ja",
    arrived: datetime | None = None,
) -> tuple[int, int]:
    """Turn a waiting call into a callback request at the same place, or add a new one.

    A call still waiting keeps its arrival time and so its place; a request from a caller who
    was not waiting (outside hours, abandoned) joins `queue` at `arrived` (default now).
    """
    converted = scripts.run(r, lua.TO_CALLBACK, call_sid, number, ms(now))
    if converted:
        events.queue_changed(r, call_queue(r, call_sid) or queue, now)
    else:
        _check_queue(queue)
        add_item(
            r,
            sid=call_sid,
            queue=queue,
            caller=number,
            language=language,
            now=now,
            priority=0,
            kind="callback",
            number=number,
            arrived=arrived,
        )
    route(r, now)
    return position(r, call_sid)


def call_left(r: redis.Redis, call_sid: str, reason: str, now: datetime) -> str:
    """The call ended (Twilio status callback or agent hang-up); returns its previous state.

    A caller who hangs up while waiting counts as abandoned; one who was talking to an agent
    puts that agent into wrap-up. A callback request stays queued after the caller hangs up.
    """
    previous = scripts.text(
        scripts.run(r, lua.CALL_LEFT, call_sid, reason, ms(now), day_of(now), interval_stamp(now))
    )
    info = call_info(r, call_sid)
    if info:
        events.queue_changed(r, info.get("queue", "general"), now)
        if info.get("agent") and previous in {"assigned", "answered"}:
            events.agent_changed(r, info["agent"], now)
    return previous


def transfer_to_queue(r: redis.Redis, call_sid: str, queue: str, now: datetime) -> str:
    """Move a call an agent is talking to into `queue`; returns the queue it came from.

    The agent goes into wrap-up and the talk so far counts as handled in the old queue; in
    the new one the call is offered again and its wait restarts now (its wait and service
    level there are the new wait only), so it joins behind the callers already waiting. The
    caller's line must then be given `<Enqueue>` TwiML (call_control.to_queue_twiml), and
    only then `route` run (an agent routed first would be redirected away again).
    Raises ValueError for an unknown queue, QueueClosed for a closed one, and LookupError
    when the call is not with an agent.
    """
    _check_queue(queue)
    if is_closed(r, queue):
        raise QueueClosed(queue)
    priority_, agent = (
        scripts.text(v) for v in r.hmget(keys.call_key(call_sid), "priority", "agent")
    )  # type: ignore[union-attr]
    priority = int(priority_ or 0)
    old = scripts.text(
        scripts.run(
            r,
            lua.TO_QUEUE,
            call_sid,
            queue,
            ms(now),
            day_of(now),
            interval_stamp(now),
            score(priority, ms(now)),
        )
    )
    if not old:
        raise LookupError(call_sid)
    if queue == "english":  # the English desk speaks English with the caller
        r.hset(keys.call_key(call_sid), "language", "en")
    events.queue_changed(r, old, now)
    events.queue_changed(r, queue, now)
    events.agent_changed(r, agent, now)
    return old


def route_one(r: redis.Redis, now: datetime) -> Assignment | None:
    """Assign the best waiting item to the longest-idle skilled agent, if any can take one."""
    found = scripts.run(
        r,
        lua.ROUTE,
        ms(now),
        day_of(now),
        interval_stamp(now),
        SERVICE_LEVEL_SECONDS * 1000,
        ROUTE_SCAN,
        *keys.QUEUE_NAMES,
    )
    if not found:
        return None
    sid, agent, queue, kind = (scripts.text(v) for v in found)
    events.queue_changed(r, queue, now)
    events.agent_changed(r, agent, now)
    done = Assignment(sid, agent, queue, kind)
    _after_assign(r, done)
    return done


def route(r: redis.Redis, now: datetime, *, limit: int = 1000) -> list[Assignment]:
    """Take in new callback requests, then route until no available agent can take anything."""
    absorb_callbacks(r, now)
    done: list[Assignment] = []
    while len(done) < limit and (one := route_one(r, now)) is not None:
        done.append(one)
    return done


def answer(r: redis.Redis, agent_id: str, now: datetime) -> dict[str, str]:
    """The agent picks up the call routed to them; returns the call ({} when none)."""
    sid = scripts.text(r.hget(keys.agent_key(agent_id), "call"))
    if not sid:
        return {}
    r.hsetnx(keys.call_key(sid), "answered_at", ms(now))
    r.hset(keys.call_key(sid), "state", "answered")
    return call_info(r, sid)


def hang_up(r: redis.Redis, agent_id: str, now: datetime) -> str:
    """The agent ends their call; they go into wrap-up. Returns the call sid ('' when none)."""
    sid = scripts.text(r.hget(keys.agent_key(agent_id), "call"))
    if sid:
        call_left(r, sid, "agent_hangup", now)
    return sid


def position(r: redis.Redis, call_sid: str) -> tuple[int, int]:
    """(place in the queue counting from 1, estimated wait in seconds); (0, 0) when not waiting."""
    queue = call_queue(r, call_sid)
    if not queue:
        return (0, 0)
    rank: int | None = r.zrank(keys.waiting_key(queue), call_sid)  # type: ignore[assignment]
    if rank is None:
        return (0, 0)
    place = int(rank) + 1
    agents = max(1, int(r.scard(keys.on_duty_queue_key(queue))))
    return (place, round(place * stats.recent_handle_seconds(r, queue) / agents))


def assigned_agent(r: redis.Redis, call_sid: str) -> str:
    """The agent a call has been routed to ('' while it waits or when unknown).

    With Twilio, the wait page checks this: once set, it answers `<Leave/>`, and the Enqueue
    action dials `<Client>` with `client_identity(agent)` (the agent's browser softphone).
    """
    info = r.hmget(keys.call_key(call_sid), "state", "agent")
    state, agent = (scripts.text(v) for v in info)  # type: ignore[union-attr]
    return agent if state in {"assigned", "answered"} else ""


def client_identity(agent_id: str) -> str:
    """The Twilio Client identity of an agent's browser (what `<Dial><Client>` rings)."""
    return f"agent_{agent_id}"


def call_queue(r: redis.Redis, call_sid: str) -> str:
    """The queue a call is or was in ('' when unknown)."""
    return scripts.text(r.hget(keys.call_key(call_sid), "queue"))


def call_info(r: redis.Redis, call_sid: str) -> dict[str, str]:
    """Everything stored about a call or callback request ({} when unknown)."""
    return scripts.texts(r.hgetall(keys.call_key(call_sid)))  # type: ignore[arg-type]


def waiting(r: redis.Redis, queue: str) -> list[dict[str, str]]:
    """The queue's waiting items in the order they will be served."""
    sids = [scripts.text(s) for s in r.zrange(keys.waiting_key(queue), 0, -1)]
    with r.pipeline(transaction=False) as pipe:
        for sid in sids:
            pipe.hgetall(keys.call_key(sid))
        return [scripts.texts(h) for h in pipe.execute()]


def set_open(r: redis.Redis, queue: str, *, open_: bool, now: datetime) -> None:
    """Open or close a queue to new callers (those already waiting stay)."""
    _check_queue(queue)
    if open_:
        r.srem(keys.CLOSED_QUEUES_KEY, queue)
    else:
        r.sadd(keys.CLOSED_QUEUES_KEY, queue)
    events.queue_changed(r, queue, now)


def is_closed(r: redis.Redis, queue: str) -> bool:
    """True when a supervisor has closed the queue."""
    return bool(r.sismember(keys.CLOSED_QUEUES_KEY, queue))
