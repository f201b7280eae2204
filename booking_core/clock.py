"""One clock for the whole system, always in Asia/Tokyo."""

from __future__ import annotations

from datetime import datetime
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
