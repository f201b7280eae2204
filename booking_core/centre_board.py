"""Centres today, for the supervisors' board: places left for the rest of the day, and how the
day goes at the counter: checked in, waiting, served, no-shows, walk-ins, and its cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from booking_core import booking_life, custody, directory
from booking_core.availability import plan_days
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.models import Booking, WalkIn
from booking_core.policy import Policy

GROUPS = ("issue_renew", "reception")
AHEAD_OPEN_DAYS = 3  # the board shows the places of the next three open days
AHEAD_LOOK_DAYS = 14  # looked for within two weeks (closed Wed/Thu, holidays, closures)
CARD_FIGURES = ("received", "issued", "return_packed", "in_safe")


@dataclass(frozen=True)
class CentreToday:
    """One centre's day: open or not, places left per service group, and its residents."""

    center_id: str
    name: str
    open: bool
    places_left: dict[str, int]
    booked_today: int  # every booking of the day but the cancelled ones
    checked_in: int  # arrived: waiting or served
    waiting: int  # checked in, not yet served
    served: int
    no_shows: int  # marked so, or not checked in by start + grace
    walk_ins: int
    cards: dict[str, int]  # received, issued, return_packed today; in_safe now


def centres_today(uow: UnitOfWork, *, now: datetime, policy: Policy) -> list[CentreToday]:
    """Every centre's figures for today, from the same availability the residents see."""
    today = now.astimezone(TOKYO).date()
    board = []
    with uow:
        session = uow.session
        cards = custody.day_figures(session, today)
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
            figures = _counter_figures(uow, centre.id, now, policy)
            moved = {k: cards.get(centre.id, {}).get(k, 0) for k in CARD_FIGURES}
            board.append(CentreToday(centre.id, centre.name_ja, is_open, left, *figures, moved))
    return board


def _counter_figures(
    uow: UnitOfWork, center_id: str, now: datetime, policy: Policy
) -> tuple[int, int, int, int, int, int]:
    """Booked, checked in, waiting, served, no-shows, walk-ins of the centre today."""
    local = now.astimezone(TOKYO)
    session = uow.session
    rows = session.execute(
        select(Booking.start, Booking.status).where(
            Booking.center_id == center_id,
            Booking.day == local.date(),
            Booking.status != booking_life.CANCELLED,
        )
    ).all()
    count = {s: sum(1 for _, status in rows if status == s) for s in booking_life.STATUSES}
    missed = sum(
        1
        for start, status in rows
        if status == booking_life.ACTIVE
        and booking_life.no_show_due(local.date(), start, now=now, policy=policy)
    )
    walk_ins = session.scalar(
        select(func.count()).where(WalkIn.center_id == center_id, WalkIn.day == local.date())
    )
    waiting, served = count[booking_life.CHECKED_IN], count[booking_life.COMPLETED]
    no_shows = count[booking_life.NO_SHOW] + missed
    return len(rows), waiting + served, waiting, served, no_shows, walk_ins or 0


@dataclass(frozen=True)
class DayPlaces:
    """A coming open day of a centre and its places left per service group (空き枠)."""

    day: date
    places_left: dict[str, int]


def places_ahead(
    uow: UnitOfWork, *, now: datetime, policy: Policy, open_days: int = AHEAD_OPEN_DAYS
) -> dict[str, list[DayPlaces]]:
    """Each centre's next `open_days` open days after today with their places left."""
    start = now.astimezone(TOKYO).date() + timedelta(days=1)
    end = start + timedelta(days=AHEAD_LOOK_DAYS - 1)
    ahead: dict[str, list[DayPlaces]] = {}
    with uow:
        for centre in directory.centers(uow.session):
            by_group = {
                group: plan_days(uow.session, center_id=centre.id, group=group, start=start,
                                 end=end, now=now, policy=policy)
                for group in GROUPS
            }  # fmt: skip
            days = []
            for i, first in enumerate(by_group[GROUPS[0]]):
                if not any(by_group[g][i].hours.open for g in GROUPS):
                    continue
                left = {g: sum(s.remaining for s in by_group[g][i].slots) for g in GROUPS}
                days.append(DayPlaces(first.hours.day, left))
            ahead[centre.id] = days[:open_days]
    return ahead
