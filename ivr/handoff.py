"""Whether a caller can be put through to a person now, and callback requests when not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import redis

from booking_core import schedule
from booking_core.calendar import is_call_centre_staffed
from queues import acd
from queues.keys import on_duty_queue_key
from runtime.bootstrap import Runtime

QUEUES = ("general", "booking", "visit", "english")
ENGLISH_QUEUE = "english"


@dataclass(frozen=True)
class Route:
    """Where 0 leads: a queue name, or why nobody can answer ("outside_hours", "nobody_on_duty")."""

    queue: str | None
    reason: str = ""


def staffed(runtime: Runtime, now: datetime) -> bool:
    """True inside the call centre's staffed hours (its calendar and ad hoc closures)."""
    today = now.date()
    closures = schedule.closures(runtime.uow(), start=today, end=today)
    return is_call_centre_staffed(now, closures)


def agents_on_duty(connection: redis.Redis, queue: str) -> bool:
    """True when at least one agent with the queue's skill (topic and language) is on duty.

    Redis drops a SET with its last member, so a missing per-queue set means nobody with the
    skill is on duty, never "unknown": an agent of another skill cannot take the call.
    """
    return int(connection.scard(on_duty_queue_key(queue))) > 0  # type: ignore[arg-type]


def queue_for(topic: str, language: str) -> str:
    """The agent queue of a topic; callers in another language than Japanese go to the
    English-speaking agents (the desk that takes foreign residents)."""
    if language != "ja":
        return ENGLISH_QUEUE
    return topic if topic in QUEUES else "general"


def decide(runtime: Runtime, now: datetime, *, language: str, topic: str) -> Route:
    """Queue only when staffed and an agent with the skill is on duty; never an unserved queue."""
    if not staffed(runtime, now):
        return Route(None, "outside_hours")
    queue = queue_for(topic, language)
    if not agents_on_duty(runtime.redis, queue):
        return Route(None, "nobody_on_duty")
    return Route(queue)


def join_queue(
    runtime: Runtime, *, call_sid: str, queue: str, caller: str | None, language: str, now: datetime
) -> bool:
    """Register the caller with the agent queues (ACD); False when a supervisor closed it."""
    try:
        acd.enqueue_call(
            runtime.redis,
            call_sid=call_sid,
            queue=queue,
            caller=caller or "",
            language=language,
            now=now,
        )
    except acd.QueueClosed:
        return False
    return True


def keep_place_for_callback(
    runtime: Runtime, *, call_sid: str, number: str, queue: str, language: str, now: datetime
) -> None:
    """A waiting caller asks to be called back: the request keeps their place in the queue."""
    acd.request_callback(
        runtime.redis, call_sid=call_sid, number=number, now=now, queue=queue, language=language
    )


def left(runtime: Runtime, *, call_sid: str, reason: str, now: datetime) -> None:
    """Tell the ACD that a queued caller is gone (hung up, let go, call ended)."""
    acd.call_left(runtime.redis, call_sid, reason, now)


def current_queue(runtime: Runtime, call_sid: str) -> str:
    """The queue the ACD has the call in now (an agent may have transferred it); general when
    the ACD does not know the call."""
    return acd.call_queue(runtime.redis, call_sid) or "general"


def position(runtime: Runtime, call_sid: str) -> tuple[int, int]:
    """The caller's place in their queue from 1, and the estimated wait in seconds the queue
    computes from recent calls; (0, 0) when not waiting."""
    return acd.position(runtime.redis, call_sid)
