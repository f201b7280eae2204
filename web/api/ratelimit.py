"""Failed look-ups per client: fixed-window counters in Redis, so references cannot be guessed."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import redis
from flask import request

from booking_core.errors import CardNotReady, NotFound
from runtime.config import Settings
from runtime.flask_glue import now, rt
from web.api.errors import ApiError

log = logging.getLogger(__name__)

KEY_PREFIX = "mynacall:api:failed-lookups"
MINUTE_KEY = KEY_PREFIX + ":minute:{client}:{window}"
DAY_KEY = KEY_PREFIX + ":day:{client}:{window}"
TOKYO_OFFSET_SECONDS = 9 * 3600  # day windows turn over at midnight in Tokyo
EXPIRY_SLACK_SECONDS = 60

# What counts as a failed look-up: a wrong reference or birth date, or a wrong notice number.
FAILURES = (NotFound, CardNotReady)


@dataclass(frozen=True)
class Window:
    """A fixed window: its key template, length, offset from the epoch and limit."""

    key: str
    seconds: int
    offset: int
    limit: int

    def index(self, at: datetime) -> int:
        """The number of the window the moment falls in."""
        return (int(at.timestamp()) + self.offset) // self.seconds

    def seconds_left(self, at: datetime) -> int:
        """Whole seconds until the window ends (at least 1)."""
        elapsed = (int(at.timestamp()) + self.offset) % self.seconds
        return max(self.seconds - elapsed, 1)

    def name(self, client: str, at: datetime) -> str:
        """The Redis key of this client's counter in the current window."""
        return self.key.format(client=client, window=self.index(at))


def windows(settings: Settings) -> tuple[Window, ...]:
    """The minute and day windows with the configured limits."""
    return (
        Window(MINUTE_KEY, 60, 0, settings.lookup_limit_per_minute),
        Window(DAY_KEY, 86400, TOKYO_OFFSET_SECONDS, settings.lookup_limit_per_day),
    )


def retry_after(
    conn: redis.Redis, client: str, at: datetime, limits: tuple[Window, ...]
) -> int | None:
    """Seconds until the client may try again, or None while under every limit."""
    counts = conn.mget([w.name(client, at) for w in limits])
    waits = [
        w.seconds_left(at)
        for w, count in zip(limits, counts, strict=True)
        if count is not None and int(count) >= w.limit
    ]
    return max(waits) if waits else None


def record_failure(
    conn: redis.Redis, client: str, at: datetime, limits: tuple[Window, ...]
) -> None:
    """Count one failed look-up in every window, atomically."""
    pipe = conn.pipeline(transaction=True)
    for w in limits:
        key = w.name(client, at)
        pipe.incr(key)
        pipe.expire(key, w.seconds + EXPIRY_SLACK_SECONDS)
    pipe.execute()


def client_key(address: str | None) -> str:
    """The caller's address, hashed: the counters never store an IP address itself."""
    return hashlib.sha256((address or "unknown").encode()).hexdigest()[:24]


@contextmanager
def failed_lookups_limited(*, counted: bool = True) -> Iterator[None]:
    """Refuse a client over its limit (429); count the look-ups inside that fail."""
    runtime = rt()
    if not (counted and runtime.settings.ratelimit_enabled):
        yield
        return
    client, at, limits = client_key(request.remote_addr), now(), windows(runtime.settings)
    try:
        wait = retry_after(runtime.redis, client, at, limits)
    except redis.RedisError:
        log.warning("api: rate limiter unavailable, look-up allowed")
        wait = None
    if wait is not None:
        raise ApiError(429, "rate_limited", headers={"Retry-After": str(wait)})
    try:
        yield
    except FAILURES:
        try:
            record_failure(runtime.redis, client, at, limits)
        except redis.RedisError:
            log.warning("api: rate limiter unavailable, failure not counted")
        raise
