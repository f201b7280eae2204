"""One clock for the whole system, always in Asia/Tokyo."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


class Clock(Protocol):
    """Anything that tells the time."""

    def now(self) -> datetime:
        """The current moment, tz-aware in Asia/Tokyo."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current moment in Asia/Tokyo."""
        return datetime.now(TOKYO)


class FrozenClock:
    """A clock stopped at one moment (APP_NOW, tests); `advance` moves it on."""

    def __init__(self, at: datetime) -> None:
        self._at = at if at.tzinfo else at.replace(tzinfo=TOKYO)

    def now(self) -> datetime:
        """The frozen moment in Asia/Tokyo."""
        return self._at.astimezone(TOKYO)

    def set(self, at: datetime) -> None:
        """Move the clock to another moment."""
        self._at = at if at.tzinfo else at.replace(tzinfo=TOKYO)


class RunningClock:
    """A clock that starts at a given moment and runs on in real time (the fault drills' worker
    process: the test's day, with the outbox's real waits)."""

    def __init__(self, start: datetime) -> None:
        self._start = start if start.tzinfo else start.replace(tzinfo=TOKYO)
        self._began = time.monotonic()

    def now(self) -> datetime:
        """The start moment plus the real time elapsed since, in Asia/Tokyo."""
        elapsed = timedelta(seconds=time.monotonic() - self._began)
        return (self._start + elapsed).astimezone(TOKYO)
