"""Reports to the city: the monthly capacity held against the 50,000 floor."""

from __future__ import annotations

import calendar as monthcal
from dataclasses import dataclass, field
from datetime import date, timedelta

from booking_core import directory
from booking_core.calendar import centre_day
from booking_core.capacity import day_bands
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
class CapacityReport:
    """The month's bookable issue/renew places over every centre."""

    month: str
    floor: int
    issue_renew_slots: int
    by_center: dict[str, CenterCapacity] = field(default_factory=dict)

    @property
    def meets_floor(self) -> bool:
        """True when the month offers at least the floor."""
        return self.issue_renew_slots >= self.floor


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, monthcal.monthrange(year, month)[1])


def capacity_report(uow: UnitOfWork, *, year: int, month: int) -> CapacityReport:
    """Sum the issue/renew places of every open band of every centre in a month."""
    first, last = month_range(year, month)
    by_center: dict[str, CenterCapacity] = {}
    with uow:
        session = uow.session
        closures = directory.closures(session, first, last)
        for center in directory.centers(session):
            templates = directory.templates(session, center.id, "issue_renew", first, last)
            overrides = directory.overrides(session, center.id, "issue_renew", first, last)
            total, band_count, open_days = 0, 0, 0
            for offset in range((last - first).days + 1):
                hours = centre_day(center.id, first + timedelta(days=offset), closures)
                bands = day_bands(hours, templates, overrides)
                open_days += hours.open
                total += sum(b.places for b in bands)
                band_count += len(bands)
            minutes = (band_count * BAND_MINUTES * center.issue_windows / total) if total else 0.0
            by_center[center.id] = CenterCapacity(
                center.id, open_days, total, center.issue_windows, round(minutes, 1)
            )
    total = sum(c.issue_renew_slots for c in by_center.values())
    return CapacityReport(f"{year:04d}-{month:02d}", MONTHLY_FLOOR, total, by_center)
