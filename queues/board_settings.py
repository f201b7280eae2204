"""What supervisors set on the board, kept in Redis: the wallboard's targets and the emergency
announcement (緊急アナウンス) with who set it and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import redis

from booking_core.errors import BookingError
from queues import keys, scripts
from queues.wallboard import DEFAULT_TARGETS, Targets, checked_targets

LANGUAGES = ("ja", "en")


def targets(r: redis.Redis) -> Targets:
    """The targets a supervisor set, else the defaults (90 % 応答率, 80 % SL, 10-point band)."""
    stored = scripts.texts(r.hgetall(keys.TARGETS_KEY))  # type: ignore[arg-type]
    if not stored:
        return DEFAULT_TARGETS
    try:
        return checked_targets(stored)
    except BookingError:
        return DEFAULT_TARGETS


def set_targets(r: redis.Redis, values: Targets) -> None:
    """Keep new targets (checked by queues.wallboard.checked_targets)."""
    r.hset(keys.TARGETS_KEY, mapping={k: str(v) for k, v in values.as_dict().items()})


def set_emergency(r: redis.Redis, language: str, text: str, *, by: str, now: datetime) -> None:
    """Play `text` first to every caller of the language from now on; remember who and when."""
    with r.pipeline() as pipe:
        pipe.set(keys.emergency_key(language), text)
        pipe.hset(keys.emergency_meta_key(language), mapping={"by": by, "at": now.isoformat()})
        pipe.execute()


def clear_emergency(r: redis.Redis, language: str) -> None:
    """Stop the language's emergency announcement."""
    with r.pipeline() as pipe:
        pipe.delete(keys.emergency_key(language))
        pipe.delete(keys.emergency_meta_key(language))
        pipe.execute()


def emergencies(r: redis.Redis) -> list[dict[str, Any]]:
    """The announcements playing now: language, text, who set it and when."""
    with r.pipeline(transaction=False) as pipe:
        for language in LANGUAGES:
            pipe.get(keys.emergency_key(language))
            pipe.hgetall(keys.emergency_meta_key(language))
        found = pipe.execute()
    playing = []
    for i, language in enumerate(LANGUAGES):
        text, meta = scripts.text(found[2 * i]), scripts.texts(found[2 * i + 1])
        if text:
            playing.append(
                {"language": language, "text": text, "by": meta.get("by", ""),
                 "at": meta.get("at", "")}
            )  # fmt: skip
    return playing
