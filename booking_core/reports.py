"""Reports to the city: the monthly capacity held against the 50,000 floor."""

from __future__ import annotations

import calendar as monthcal
from dataclasses import dataclass, field
from datetime import date, timedelta

from booking_core import directory
from booking_core.calendar import ClosedReason, DayHours, centre_day, not_open_yet
from booking_core.capacity import day_bands, is_planned
from booking_core.db import UnitOfWork
from booking_core.reference_data import MONTHLY_FLOOR

BAND_MINUTES = 15


@dataclass(frozen=True)
class CenterCapacity:
    """One centre's issue/renew places in a month, and what that promises per window."""

    center_id: str
    open_days: int
    issue_renew_slots: int
    issue_windows: int
    minutes_per_resident_per_window: float


@dataclass(frozen=True)
class CapacityDay:
    """One day of the month: bookable when some centre offers issue/renew places, else why not
    (a closure rule, or `not_open_yet` when an open day has no capacity plan at any centre)."""

    day: date
    bookable: bool
    reason: str | None
    issue_renew_slots: int


@dataclass(frozen=True)
class CapacityReport:
    """The month's bookable issue/renew places over every centre."""

    month: str
    floor: int
    issue_renew_slots: int
    by_center: dict[str, CenterCapacity] = field(default_factory=dict)
    days: tuple[CapacityDay, ...] = ()

    @property
    def meets_floor(self) -> bool:
        """True when the month offers at least the floor."""
        return self.issue_renew_slots >= self.floor


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, monthcal.monthrange(year, month)[1])


def _day(day: date, hours: list[DayHours], places: int) -> CapacityDay:
    """A day over every centre: bookable with places, else the reason every centre shares."""
    if places > 0:
        return CapacityDay(day, True, None, places)
    reasons = {h.reason for h in hours if h.reason is not None}
    if ClosedReason.NOT_OPEN_YET in reasons:
        why = ClosedReason.NOT_OPEN_YET.value
    elif any(h.open for h in hours) or not reasons:
        why = "no_places"  # open somewhere, every band set to 0
    else:
        why = min(reasons).value  # every centre closed: the rule they share (weekly, year end)
    return CapacityDay(day, False, why, 0)


def capacity_report(uow: UnitOfWork, *, year: int, month: int) -> CapacityReport:
    """Sum the issue/renew places of every open band of every centre in a month; a day no plan
    covers counts as not yet open (never as open with no places)."""
    first, last = month_range(year, month)
    count = (last - first).days + 1
    by_center: dict[str, CenterCapacity] = {}
    day_hours: list[list[DayHours]] = [[] for _ in range(count)]
    day_places = [0] * count
    with uow:
        session = uow.session
        closures = directory.closures(session, first, last)
        for center in directory.centers(session):
            templates = directory.templates(session, center.id, "issue_renew", first, last)
            overrides = directory.overrides(session, center.id, "issue_renew", first, last)
            total, band_count, open_days = 0, 0, 0
            for offset in range(count):
                day = first + timedelta(days=offset)
                hours = centre_day(center.id, day, closures)
                hours = hours if is_planned(templates, day) else not_open_yet(hours)
                bands = day_bands(hours, templates, overrides)
                open_days += hours.open
                places = sum(b.places for b in bands)
                total += places
                band_count += len(bands)
                day_hours[offset].append(hours)
                day_places[offset] += places
            minutes = (band_count * BAND_MINUTES * center.issue_windows / total) if total else 0.0
            by_center[center.id] = CenterCapacity(
                center.id, open_days, total, center.issue_windows, round(minutes, 1)
            )
    total = sum(c.issue_renew_slots for c in by_center.values())
    days = tuple(_day(first + timedelta(days=i), day_hours[i], day_places[i]) for i in range(count))
    return CapacityReport(f"{year:04d}-{month:02d}", MONTHLY_FLOOR, total, by_center, days)
