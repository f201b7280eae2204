"""Change events for the live board: one JSON message per change on a Redis pub/sub channel."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import redis

from queues import board_settings, keys, stats


def channel(r: redis.Redis) -> str:
    """The events' channel of the connection's database."""
    return keys.events_channel(int(r.connection_pool.connection_kwargs.get("db", 0) or 0))


def publish(r: redis.Redis, kind: str, data: dict[str, Any], now: datetime) -> None:
    """Send one event to every board listening."""
    message = {"kind": kind, "data": data, "sent_ms": int(now.timestamp() * 1000)}
    r.publish(channel(r), json.dumps(message, ensure_ascii=False))


def queue_changed(r: redis.Redis, queue: str, now: datetime) -> None:
    """Publish a queue's new figures, with its current half-hour (the chart's newest bar)."""
    figures = stats.queue_figures(r, queue, now)
    publish(r, "queue", figures | {"interval": stats.current_interval(r, queue, now)}, now)


def agent_changed(r: redis.Redis, agent_id: str, now: datetime) -> None:
    """Publish an agent's new presence."""
    publish(r, "agent", stats.agent_figures(r, agent_id, now), now)


def settings_changed(r: redis.Redis, now: datetime) -> None:
    """Publish the switches (emergency announcements, targets) after a supervisor changed them."""
    publish(r, "emergency", {"emergencies": board_settings.emergencies(r)}, now)
    publish(r, "targets", board_settings.targets(r).as_dict(), now)
    for queue in keys.QUEUE_NAMES:  # their rates' colours follow the targets
        queue_changed(r, queue, now)
