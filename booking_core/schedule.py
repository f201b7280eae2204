"""Read-only use cases the channels share: centres, procedures and opening calendars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from booking_core import directory
from booking_core.calendar import DayHours, call_centre_day, centre_days
from booking_core.db import UnitOfWork


@dataclass(frozen=True)
class CenterInfo:
    """A centre as the public sees it."""

    id: str
    name_ja: str
    name_en: str
    station_ja: str
    station_en: str
    address: str
    reception_windows: int
    issue_windows: int


@dataclass(frozen=True)
class ServiceInfo:
    """A procedure (業務) as the public sees it."""

    code: str
    name_ja: str
    name_en: str
    group: str
    minutes: int
    booking_required: bool


def list_centers(uow: UnitOfWork) -> list[CenterInfo]:
    """Every centre, in the city's order."""
    with uow:
        return [
            CenterInfo(
                c.id,
                c.name_ja,
                c.name_en,
                c.station_ja,
                c.station_en,
                c.address,
                c.reception_windows,
                c.issue_windows,
            )
            for c in directory.centers(uow.session)
        ]


def list_services(uow: UnitOfWork) -> list[ServiceInfo]:
    """Every procedure, in menu order."""
    with uow:
        return [
            ServiceInfo(s.code, s.name_ja, s.name_en, s.group, s.minutes, s.booking_required)
            for s in directory.services(uow.session)
        ]


def centre_calendar(uow: UnitOfWork, *, center_id: str, start: date, end: date) -> list[DayHours]:
    """A centre's hours (with ad hoc closures) for every day from start to end inclusive."""
    with uow:
        directory.center(uow.session, center_id)
        return centre_days(center_id, start, end, directory.closures(uow.session, start, end))


def call_centre_calendar(uow: UnitOfWork, *, start: date, end: date) -> list[DayHours]:
    """The call centre's staffed hours for every day from start to end inclusive."""
    with uow:
        closures = directory.closures(uow.session, start, end)
    count = (end - start).days + 1
    return [call_centre_day(start + timedelta(days=i), closures) for i in range(count)]
