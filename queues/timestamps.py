"""Time helpers of the queues: epoch milliseconds, the day and the half-hour a moment falls in."""

from __future__ import annotations

from datetime import datetime, timedelta

from booking_core.clock import TOKYO

INTERVAL_MINUTES = 30


def ms(at: datetime) -> int:
    """Epoch milliseconds of a tz-aware moment."""
    return int(at.timestamp() * 1000)


def from_ms(value: int | float | str) -> datetime:
    """The Tokyo moment of epoch milliseconds."""
    return datetime.fromtimestamp(int(float(value)) / 1000, TOKYO)


def day_of(at: datetime) -> str:
    """The Tokyo calendar day of a moment, YYYY-MM-DD."""
    return at.astimezone(TOKYO).date().isoformat()


def interval_start(at: datetime) -> datetime:
    """The start of the half-hour a moment falls in (Tokyo)."""
    local = at.astimezone(TOKYO)
    return local.replace(
        minute=local.minute - local.minute % INTERVAL_MINUTES, second=0, microsecond=0
    )


def interval_stamp(at: datetime) -> str:
    """The half-hour of a moment as YYYYmmddHHMM."""
    return interval_start(at).strftime("%Y%m%d%H%M")


def parse_stamp(stamp: str) -> datetime:
    """The Tokyo start of a YYYYmmddHHMM half-hour."""
    return datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=TOKYO)


def interval_end(start: datetime) -> datetime:
    """The end of a half-hour interval."""
    return start + timedelta(minutes=INTERVAL_MINUTES)
