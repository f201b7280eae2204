"""The month calendar and the day's times, built from the core's availability."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time

from booking_core.availability import DayAvailability, last_bookable_day, range_availability
from booking_core.calendar import TOKYO, ClosedReason
from runtime.flask_glue import now, rt

FEW_SHARE = 0.2  # a day with a fifth of its places or fewer left shows as 残りわずか


@dataclass(frozen=True)
class CalendarDay:
    """One day cell: its state (room, few, full, closed, outside, not_yet, not_open) and closure
    reason."""

    day: date
    state: str
    reason: str = ""
    note: str = ""

    @property
    def selectable(self) -> bool:
        """True when the resident can pick this day."""
        return self.state in {"room", "few"}


@dataclass(frozen=True)
class MonthView:
    """A month of day cells, Sunday first, with the months one may move to."""

    year: int
    month: int
    weeks: list[list[CalendarDay | None]]
    previous: str | None
    following: str | None

    @property
    def has_not_open(self) -> bool:
        """True when some day of the month is not yet open for booking (no capacity plan)."""
        return any(c and c.state == "not_open" for week in self.weeks for c in week)

    @property
    def closed_days(self) -> list[CalendarDay]:
        """The month's closures other than the weekly ones, for the list under the grid."""
        return [
            c
            for week in self.weeks
            for c in week
            if c and c.state == "closed" and c.reason != "weekly_closure"
        ]


@dataclass(frozen=True)
class TimeChoice:
    """A band on the day page: its start and places left."""

    start: time
    remaining: int
    fits: bool


def month_param(raw: str | None, first: date, last: date) -> tuple[int, int]:
    """The month asked for ('2026-11'), kept inside the booking window."""
    try:
        year, month = (int(part) for part in (raw or "").split("-"))
        asked = date(year, month, 1)
    except ValueError:
        asked = first.replace(day=1)
    asked = min(max(asked, first.replace(day=1)), last.replace(day=1))
    return asked.year, asked.month


def _state(plan: DayAvailability, party: int, earliest: date | None, today: date) -> CalendarDay:
    day = plan.hours.day
    if plan.hours.reason is ClosedReason.NOT_OPEN_YET:
        return CalendarDay(day, "not_open")
    if not plan.hours.open:
        reason = plan.hours.reason.value if plan.hours.reason else "ad_hoc"
        return CalendarDay(day, "closed", reason, plan.hours.note)
    if not plan.bookable or (day == today and not plan.slots):
        return CalendarDay(day, "outside")
    if earliest and day < earliest:
        return CalendarDay(day, "not_yet")
    if not any(s.remaining >= party for s in plan.slots):
        return CalendarDay(day, "full")
    left = sum(s.remaining for s in plan.slots)
    total = sum(s.capacity for s in plan.slots) or 1
    return CalendarDay(day, "few" if left / total <= FEW_SHARE else "room")


def _shift(year: int, month: int, step: int) -> str:
    index = year * 12 + month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_view(
    *, center_id: str, service: str, month: str | None, party: int, earliest: date | None
) -> MonthView:
    """The calendar of a centre and procedure for one month inside the booking window."""
    today = now().astimezone(TOKYO).date()
    last = last_bookable_day(now(), rt().policy)
    year, mon = month_param(month, today, last)
    first_day, days = date(year, mon, 1), calendar.monthrange(year, mon)[1]
    plans = range_availability(
        rt().uow(),
        center_id=center_id,
        service_code=service,
        start=first_day,
        end=date(year, mon, days),
        now=now(),
        policy=rt().policy,
    )
    cells = {p.hours.day: _state(p, party, earliest, today) for p in plans}
    grid = calendar.Calendar(firstweekday=calendar.SUNDAY).monthdatescalendar(year, mon)
    weeks = [[cells.get(d) if d.month == mon else None for d in week] for week in grid]
    earlier = _shift(year, mon, -1) if first_day > today.replace(day=1) else None
    later = _shift(year, mon, 1) if date(year, mon, days) < last else None
    return MonthView(year, mon, weeks, earlier, later)


def time_choices(plan: DayAvailability, party: int) -> list[TimeChoice]:
    """The day's bands, each saying whether the party fits."""
    return [TimeChoice(s.start, s.remaining, s.remaining >= party) for s in plan.slots]
