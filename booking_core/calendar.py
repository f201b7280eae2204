"""Opening days and hours of the centres (開所日・開所時間), the call centre and card transport."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import jpholiday

TOKYO = ZoneInfo("Asia/Tokyo")
CALL_CENTRE = "call-centre"

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
WEEKLY_CLOSED_WEEKDAYS = frozenset({WEDNESDAY, THURSDAY})
TRANSPORT_WEEKDAYS = frozenset({MONDAY, TUESDAY, FRIDAY})

CENTRE_WEEKDAY_HOURS = (time(11, 30), time(19, 30))
CENTRE_WEEKEND_HOURS = (time(9, 0), time(17, 0))
LAST_RECEPTION_BEFORE_CLOSING = timedelta(minutes=15)
CALL_CENTRE_WEEKDAY_HOURS = (time(8, 30), time(20, 0))
CALL_CENTRE_WEEKEND_HOURS = (time(9, 0), time(17, 30))
DEFAULT_MANIFEST_CUTOFF = time(17, 0)

Interval = tuple[time, time]


class ClosedReason(StrEnum):
    """Why a centre, the call centre or the ward offices are closed on a day (machine codes)."""

    WEEKLY = "weekly_closure"
    JLIS = "jlis_maintenance"
    YEAR_END = "year_end"
    AD_HOC = "ad_hoc"
    WARD_OFFICES_CLOSED = "ward_offices_closed"
    NOT_OPEN_YET = "not_open_yet"  # no capacity plan covers the day yet (予約受付開始前)


class DayKind(StrEnum):
    """Which set of hours a day uses: weekday or 土日祝."""

    WEEKDAY = "weekday"
    WEEKEND_HOLIDAY = "weekend_holiday"


@dataclass(frozen=True)
class Closure:
    """Ad hoc closure (臨時休所) of a centre, all (None) or CALL_CENTRE: all day or [start, end)."""

    day: date
    center_id: str | None = None
    start: time | None = None
    end: time | None = None
    note: str = ""

    def __post_init__(self) -> None:
        """Reject a half-given or empty time range."""
        if (self.start is None) != (self.end is None):
            raise ValueError("a partial closure needs both start and end")
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValueError("a partial closure must end after it starts")

    def applies_to(self, center_id: str) -> bool:
        """True when the closure covers this centre; an all-centres one spares the call centre."""
        if self.center_id is None:
            return center_id != CALL_CENTRE
        return self.center_id == center_id

    @property
    def whole_day(self) -> bool:
        """True when the closure has no time range."""
        return self.start is None

    def covers(self, center_id: str, day: date, start: time) -> bool:
        """True when an appointment at this centre, day and start falls in the closure."""
        if day != self.day or not self.applies_to(center_id):
            return False
        if self.start is None or self.end is None:
            return True
        return self.start <= start < self.end


@dataclass(frozen=True)
class DayHours:
    """The hours of one centre (or the call centre) on one day, or why it is closed."""

    day: date
    open: bool
    opens: time | None
    closes: time | None
    last_reception: time | None
    reason: ClosedReason | None
    kind: DayKind
    closed_intervals: tuple[Interval, ...] = ()
    note: str = ""


def holiday_name(day: date) -> str | None:
    """The Japanese national holiday name of the day (incl. 振替休日, 国民の休日), or None."""
    name: str | None = jpholiday.is_holiday_name(day)
    return name


def is_national_holiday(day: date) -> bool:
    """True on a national holiday (祝日・振替休日・国民の休日)."""
    return holiday_name(day) is not None


def is_year_end(day: date) -> bool:
    """True from 29 December to 3 January (年末年始)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_jlis_maintenance_sunday(day: date) -> bool:
    """True on the Sunday after the third Saturday of the month (毎月第3土曜日翌日の日曜日)."""
    saturday = day - timedelta(days=1)
    return day.weekday() == SUNDAY and 15 <= saturday.day <= 21


def day_kind(day: date) -> DayKind:
    """WEEKDAY for Mon-Fri that is not a national holiday, else WEEKEND_HOLIDAY."""
    if day.weekday() <= FRIDAY and not is_national_holiday(day):
        return DayKind.WEEKDAY
    return DayKind.WEEKEND_HOLIDAY


def _minus(at: time, delta: timedelta) -> time:
    """A wall-clock time moved back by delta within the same day."""
    return (datetime.combine(date.min, at) - delta).time()


def _closed(day: date, reason: ClosedReason, note: str = "") -> DayHours:
    """A closed day with its reason."""
    return DayHours(day, False, None, None, None, reason, day_kind(day), note=note)


def _merged(intervals: Iterable[Interval], opens: time, closes: time) -> tuple[Interval, ...]:
    """Intervals clipped to [opens, closes), empty ones dropped, overlapping ones joined."""
    clipped = sorted((max(s, opens), min(e, closes)) for s, e in intervals)
    merged: list[Interval] = []
    for start, end in clipped:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _notes(closures: Iterable[Closure]) -> str:
    """The distinct non-empty notes of closures, in order, joined."""
    return " / ".join(dict.fromkeys(c.note for c in closures if c.note))


def _open_day(
    day: date, hours: Interval, last_reception: time, partials: list[Closure]
) -> DayHours:
    """An open day with partial closures applied; closed (AD_HOC) if they cover all its hours."""
    opens, closes = hours
    ranges = {c: (c.start, c.end) for c in partials if c.start is not None and c.end is not None}
    intervals = _merged(ranges.values(), opens, closes)
    if intervals == ((opens, closes),):
        return _closed(day, ClosedReason.AD_HOC, _notes(ranges))
    kept = [c for c, (start, end) in ranges.items() if start < closes and end > opens]
    return DayHours(
        day, True, opens, closes, last_reception, None, day_kind(day), intervals, _notes(kept)
    )


def not_open_yet(hours: DayHours) -> DayHours:
    """An open day that no capacity plan covers: not yet open for booking, never open with 0."""
    if not hours.open:
        return hours
    return _closed(hours.day, ClosedReason.NOT_OPEN_YET)


def _centre_rule_closure(day: date) -> ClosedReason | None:
    """The standing rule that closes every centre on the day, in precedence order."""
    if is_year_end(day):
        return ClosedReason.YEAR_END
    if day.weekday() in WEEKLY_CLOSED_WEEKDAYS:
        return ClosedReason.WEEKLY
    if is_jlis_maintenance_sunday(day):
        return ClosedReason.JLIS
    return None


def _for_day(owner: str, day: date, closures: Iterable[Closure]) -> list[Closure]:
    """The ad hoc closures of that day that apply to the centre or call centre."""
    return [c for c in closures if c.day == day and c.applies_to(owner)]


def centre_day(center_id: str, day: date, closures: Iterable[Closure] = ()) -> DayHours:
    """The opening hours of a centre on a day, or why it is closed."""
    reason = _centre_rule_closure(day)
    if reason is not None:
        return _closed(day, reason)
    applicable = _for_day(center_id, day, closures)
    whole = [c for c in applicable if c.whole_day]
    if whole:
        return _closed(day, ClosedReason.AD_HOC, _notes(whole))
    weekday = day_kind(day) is DayKind.WEEKDAY
    opens, closes = CENTRE_WEEKDAY_HOURS if weekday else CENTRE_WEEKEND_HOURS
    last_reception = _minus(closes, LAST_RECEPTION_BEFORE_CLOSING)
    return _open_day(day, (opens, closes), last_reception, applicable)


def centre_days(
    center_id: str, start: date, end: date, closures: Iterable[Closure] = ()
) -> list[DayHours]:
    """The hours of a centre on every day from start to end inclusive."""
    listed = tuple(closures)
    count = (end - start).days + 1
    return [centre_day(center_id, start + timedelta(days=i), listed) for i in range(count)]


def _in_intervals(at: time, intervals: Iterable[Interval]) -> bool:
    """True when the time falls inside one of the [start, end) intervals."""
    return any(start <= at < end for start, end in intervals)


def is_bookable_time(hours: DayHours, start: time) -> bool:
    """True when an appointment may start then: open, within reception, not in a closed interval."""
    if not hours.open or hours.opens is None or hours.last_reception is None:
        return False
    within = hours.opens <= start <= hours.last_reception
    return within and not _in_intervals(start, hours.closed_intervals)


def call_centre_day(day: date, closures: Iterable[Closure] = ()) -> DayHours:
    """The staffed hours of the call centre (専用ダイヤル) on a day, or why nobody answers."""
    if is_year_end(day):
        return _closed(day, ClosedReason.YEAR_END)
    applicable = _for_day(CALL_CENTRE, day, closures)
    whole = [c for c in applicable if c.whole_day]
    if whole:
        return _closed(day, ClosedReason.AD_HOC, _notes(whole))
    weekday = day_kind(day) is DayKind.WEEKDAY
    opens, closes = CALL_CENTRE_WEEKDAY_HOURS if weekday else CALL_CENTRE_WEEKEND_HOURS
    return _open_day(day, (opens, closes), closes, applicable)


def _tokyo(at: datetime) -> datetime:
    """The instant in Tokyo time; a naive datetime is refused."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")
    return at.astimezone(TOKYO)


def is_call_centre_staffed(at: datetime, closures: Iterable[Closure] = ()) -> bool:
    """True when agents answer the call centre at that instant."""
    local = _tokyo(at)
    hours = call_centre_day(local.date(), closures)
    if not hours.open or hours.opens is None or hours.closes is None:
        return False
    now = local.time()
    return hours.opens <= now < hours.closes and not _in_intervals(now, hours.closed_intervals)


def is_ward_business_day(day: date) -> bool:
    """True when the ward offices (区役所) are open: Mon-Fri, not a holiday, not year end."""
    return day.weekday() <= FRIDAY and not is_national_holiday(day) and not is_year_end(day)


def is_transport_day(day: date) -> bool:
    """True when cards move between ward offices and centres: a Mon, Tue or Fri business day."""
    return day.weekday() in TRANSPORT_WEEKDAYS and is_ward_business_day(day)


def previous_business_day(day: date) -> date:
    """The latest ward business day strictly before the day."""
    candidate = day - timedelta(days=1)
    while not is_ward_business_day(candidate):
        candidate -= timedelta(days=1)
    return candidate


def manifest_cutoff(transport_day: date, cutoff: time = DEFAULT_MANIFEST_CUTOFF) -> datetime:
    """When the manifest of a transport day closes: cutoff on the business day before (Tokyo)."""
    return datetime.combine(previous_business_day(transport_day), cutoff, tzinfo=TOKYO)


def earliest_transport_day(after: datetime, cutoff: time = DEFAULT_MANIFEST_CUTOFF) -> date:
    """The first transport day whose manifest still accepts a card at that instant."""
    # The cutoff falls on a day before the transport day, so the search starts tomorrow.
    candidate = _tokyo(after).date() + timedelta(days=1)
    while not (is_transport_day(candidate) and manifest_cutoff(candidate, cutoff) >= after):
        candidate += timedelta(days=1)
    return candidate


def fiscal_year_days(fy: int) -> list[date]:
    """Every date of the fiscal year (年度) from fy-04-01 to (fy+1)-03-31."""
    first = date(fy, 4, 1)
    count = (date(fy + 1, 4, 1) - first).days
    return [first + timedelta(days=i) for i in range(count)]
