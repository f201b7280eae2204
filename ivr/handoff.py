"""Whether a caller can be put through to a person now, and callback requests when not."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import redis

from booking_core import directory
from booking_core.calendar import is_call_centre_staffed
from ivr.keys import AGENTS_ON_DUTY_KEY, CALLBACKS_KEY
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
    with runtime.uow() as uow:
        closures = directory.closures(uow.session, today, today)
    return is_call_centre_staffed(now, closures)


def agents_on_duty(connection: redis.Redis) -> bool:
    """True when at least one agent is marked on duty by the agent console."""
    return int(connection.scard(AGENTS_ON_DUTY_KEY)) > 0  # type: ignore[arg-type]


def queue_for(topic: str, language: str) -> str:
    """The agent queue of a topic; English callers go to the English-speaking agents."""
    if language == "en":
        return ENGLISH_QUEUE
    return topic if topic in QUEUES else "general"


def decide(runtime: Runtime, now: datetime, *, language: str, topic: str) -> Route:
    """Queue only when the centre is staffed and someone is on duty; never an unserved queue."""
    if not staffed(runtime, now):
        return Route(None, "outside_hours")
    if not agents_on_duty(runtime.redis):
        return Route(None, "nobody_on_duty")
    return Route(queue_for(topic, language))


def request_callback(
    connection: redis.Redis, *, caller: str, language: str, topic: str, now: datetime
) -> None:
    """Leave a callback request for the agents (the agent console takes it from the list)."""
    entry = {
        "caller": caller,
        "language": language,
        "topic": topic,
        "requested_at": now.isoformat(),
    }
    connection.rpush(CALLBACKS_KEY, json.dumps(entry, ensure_ascii=False))
