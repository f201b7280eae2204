"""Centres today, for the supervisors' board: places left for the rest of the day, no-shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from booking_core import directory
from booking_core.availability import plan_days
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.models import Booking
from booking_core.policy import Policy

GROUPS = ("issue_renew", "reception")
NO_SHOW_GRACE = timedelta(minutes=15)  # default (ours): not checked in 15 minutes after the time


@dataclass(frozen=True)
class CentreToday:
    """One centre's day: open or not, places left per service group, bookings, no-shows."""

    center_id: str
    name: str
    open: bool
    places_left: dict[str, int]
    booked_today: int
    no_shows: int


def centres_today(uow: UnitOfWork, *, now: datetime, policy: Policy) -> list[CentreToday]:
    """Every centre's figures for today, from the same availability the residents see."""
    today = now.astimezone(TOKYO).date()
    board = []
    with uow:
        session = uow.session
        for centre in directory.centers(session):
            left, is_open = {}, False
            for group in GROUPS:
                day = plan_days(
                    session,
                    center_id=centre.id,
                    group=group,
                    start=today,
                    end=today,
                    now=now,
                    policy=policy,
                )[0]
                left[group] = sum(s.remaining for s in day.slots)
                is_open = is_open or day.hours.open
            booked, no_shows = _bookings(uow, centre.id, now)
            board.append(CentreToday(centre.id, centre.name_ja, is_open, left, booked, no_shows))
    return board


def _bookings(uow: UnitOfWork, center_id: str, now: datetime) -> tuple[int, int]:
    local = now.astimezone(TOKYO)
    rows = uow.session.execute(
        select(Booking.start, Booking.checked_in_at).where(
            Booking.center_id == center_id, Booking.day == local.date(), Booking.status == "active"
        )
    ).all()
    late = (local - NO_SHOW_GRACE).time()
    no_shows = sum(1 for start, checked_in in rows if checked_in is None and start <= late)
    return len(rows), no_shows
