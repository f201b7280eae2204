"""Read-only use cases the channels share: centres, procedures and opening calendars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from booking_core import directory
from booking_core.calendar import Closure, DayHours, call_centre_day, centre_days
from booking_core.db import UnitOfWork
from booking_core.reference_cache import REFERENCE_CACHE


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
    channels: tuple[str, ...] = directory.BOOKING_CHANNELS  # which channels may book it
    ivr_key: str | None = None  # its key in the phone menu of other procedures


def _centers(uow: UnitOfWork) -> list[CenterInfo]:
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


def _services(uow: UnitOfWork) -> list[ServiceInfo]:
    return [
        ServiceInfo(
            s.code,
            s.name_ja,
            s.name_en,
            s.group,
            s.minutes,
            s.booking_required,
            directory.channel_list(s.channels),
            s.ivr_key,
        )
        for s in directory.services(uow.session)
    ]


def list_centers(uow: UnitOfWork) -> list[CenterInfo]:
    """Every centre, in the city's order."""
    with uow:
        return _centers(uow)


def list_services(uow: UnitOfWork) -> list[ServiceInfo]:
    """Every procedure, in menu order (remembered a minute by REFERENCE_CACHE; an administrator's
    edit clears it)."""

    def load() -> tuple[ServiceInfo, ...]:
        with uow:
            return tuple(_services(uow))

    return list(REFERENCE_CACHE.remembered("services", "all", load))


def phone_menu(uow: UnitOfWork) -> list[ServiceInfo]:
    """The phone menu of other procedures, by key: those open to the phone with a key (issuance
    has the main menu's key; home visits their own menu)."""
    listed = [
        s
        for s in list_services(uow)
        if s.ivr_key and "phone" in s.channels and s.code != "issue" and s.group != "visit"
    ]
    return sorted(listed, key=lambda s: s.ivr_key or "")


def services_and_centers(uow: UnitOfWork) -> tuple[list[ServiceInfo], list[CenterInfo]]:
    """Every procedure and every centre, read in one unit of work (the staff screens' lists)."""
    with uow:
        return _services(uow), _centers(uow)


def capacity_group(uow: UnitOfWork, service_code: str) -> str:
    """The capacity group a procedure books from (remembered a minute by booking_core.directory)."""
    with uow:
        return directory.service_kind(uow.session, service_code).group


def closures(uow: UnitOfWork, *, start: date, end: date) -> list[Closure]:
    """Ad hoc closures (centres and call centre) from start to end inclusive."""
    with uow:
        return directory.closures(uow.session, start, end)


ANNOUNCED_DAYS = 14  # closures this close are announced (the web's banner, the phone line)


def closures_ahead(uow: UnitOfWork, *, today: date) -> list[Closure]:
    """The closures of today and the next ANNOUNCED_DAYS, soonest first. Every page and every
    call asks, so they are remembered a minute (REFERENCE_CACHE; adding a closure clears it)."""

    def load() -> list[Closure]:
        found = closures(uow, start=today, end=today + timedelta(days=ANNOUNCED_DAYS))
        return sorted(found, key=lambda c: (c.day, c.start or time(0), c.center_id or ""))

    return list(REFERENCE_CACHE.remembered("closures_ahead", today.isoformat(), load))


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
