"""A day as the phone front offers it: open, bookable, places left per band, and its rules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class DayView:
    """What the IVR needs of a day: open, bookable, and the places left per band."""

    open: bool
    bookable: bool
    slots: tuple[tuple[time, int], ...]
    reason: str = ""  # why it is closed: "not_open_yet" when no capacity plan covers it

    def remaining_at(self, start: time) -> int | None:
        """Places left at a band start, None when there is no such band."""
        return next((left for at, left in self.slots if at == start), None)

    def to_json(self) -> str:
        """Compact JSON for the cache."""
        bands = [[at.strftime("%H:%M"), left] for at, left in self.slots]
        return json.dumps([self.open, self.bookable, bands, self.reason])

    @classmethod
    def from_json(cls, raw: str | bytes) -> DayView:
        """Read back to_json()."""
        opened, bookable, bands, *reason = json.loads(raw)
        slots = tuple((time.fromisoformat(a), n) for a, n in bands)
        return cls(opened, bookable, slots, reason[0] if reason else "")


def day_problem(plan: DayView, party: int) -> str | None:
    """Why a day cannot take the party: "not_open_yet", "closed", "outside_window", "full"; None
    when it can."""
    if plan.reason == "not_open_yet":
        return "not_open_yet"
    if not plan.open:
        return "closed"
    if not plan.bookable:
        return "outside_window"
    if not any(left >= party for _, left in plan.slots):
        return "full"
    return None


def same_day_times(plan: DayView, at: time, party: int, count: int = 3) -> list[time]:
    """The bands of the day nearest to `at` with room for the party (earlier first on a tie)."""

    def minutes(t: time) -> int:
        return t.hour * 60 + t.minute

    free = [t for t, left in plan.slots if left >= party and t != at]
    return sorted(free, key=lambda t: (abs(minutes(t) - minutes(at)), t > at))[:count]


def first_time(plan: DayView, party: int) -> time | None:
    """The earliest band of the day with room for the party."""
    return next((at for at, left in plan.slots if left >= party), None)
