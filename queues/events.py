"""Change events for the live board: one JSON message per change on a Redis pub/sub channel."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import redis

from queues import keys, stats


def publish(r: redis.Redis, kind: str, data: dict[str, Any], now: datetime) -> None:
    """Send one event to every board listening."""
    message = {"kind": kind, "data": data, "sent_ms": int(now.timestamp() * 1000)}
    r.publish(keys.EVENTS_CHANNEL, json.dumps(message, ensure_ascii=False))


def queue_changed(r: redis.Redis, queue: str, now: datetime) -> None:
    """Publish a queue's new figures."""
    publish(r, "queue", stats.queue_figures(r, queue, now), now)


def agent_changed(r: redis.Redis, agent_id: str, now: datetime) -> None:
    """Publish an agent's new presence."""
    publish(r, "agent", stats.agent_figures(r, agent_id, now), now)


def settings_changed(r: redis.Redis, now: datetime) -> None:
    """Publish the switches (emergency texts) after a supervisor changed them."""
    publish(r, "emergency", stats.emergency_texts(r), now)
