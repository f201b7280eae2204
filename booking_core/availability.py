"""Where there is room: the bookable bands of a centre, with places left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import directory
from booking_core.calendar import TOKYO, DayHours, centre_day, not_open_yet
from booking_core.capacity import BandMemo, day_bands, is_planned
from booking_core.db import UnitOfWork
from booking_core.errors import Alternative
from booking_core.models import Slot
from booking_core.policy import Policy


@dataclass(frozen=True)
class SlotView:
    """A band as a resident sees it."""

    start: time
    capacity: int
    remaining: int


@dataclass(frozen=True)
class DayAvailability:
    """A day's opening hours and the bands that can still be booked."""

    hours: DayHours
    slots: tuple[SlotView, ...]
    bookable: bool  # inside the booking window (not past, not beyond the horizon) and planned

    @property
    def has_room(self) -> bool:
        """True when some band has a place left."""
        return any(s.remaining > 0 for s in self.slots)

    def remaining_at(self, start: time) -> int | None:
        """Places left at a band start, None when there is no such band."""
        return next((s.remaining for s in self.slots if s.start == start), None)


def last_bookable_day(now: datetime, policy: Policy) -> date:
    """The furthest date the booking horizon reaches."""
    return now.astimezone(TOKYO).date() + timedelta(days=policy.horizon_days)


def _slot_rows(
    session: Session, center_id: str, group: str, start: date, end: date
) -> dict[tuple[date, time], tuple[int, int]]:
    query = select(Slot.day, Slot.start, Slot.capacity, Slot.booked).where(
        Slot.center_id == center_id, Slot.group == group, Slot.day >= start, Slot.day <= end
    )
    return {(d, s): (cap, booked) for d, s, cap, booked in session.execute(query)}


def plan_days(
    session: Session,
    *,
    center_id: str,
    group: str,
    start: date,
    end: date,
    now: datetime,
    policy: Policy,
) -> list[DayAvailability]:
    """Opening hours and places left for every day from start to end (inclusive)."""
    closures = directory.closures(session, start, end)
    templates = directory.templates(session, center_id, group, start, end)
    overrides = directory.overrides(session, center_id, group, start, end)
    rows = _slot_rows(session, center_id, group, start, end)
    now_local, horizon = now.astimezone(TOKYO), last_bookable_day(now, policy)
    days: list[DayAvailability] = []
    memo: BandMemo = {}
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        hours = centre_day(center_id, day, closures)
        planned = is_planned(templates, day)
        hours = hours if planned else not_open_yet(hours)
        in_window = planned and now_local.date() <= day <= horizon
        slots = []
        for band in day_bands(hours, templates, overrides, memo=memo) if in_window else []:
            if day == now_local.date() and datetime.combine(day, band.start, TOKYO) <= now_local:
                continue
            capacity, booked = rows.get((day, band.start), (band.places, 0))
            slots.append(SlotView(band.start, capacity, max(capacity - booked, 0)))
        days.append(DayAvailability(hours, tuple(slots), in_window))
    return days


def day_availability(
    uow: UnitOfWork, *, center_id: str, service_code: str, day: date, now: datetime, policy: Policy
) -> DayAvailability:
    """One day's bands with places left, for a centre and procedure."""
    with uow:
        directory.known_center(uow.session, center_id)
        group = directory.service_kind(uow.session, service_code).group
        return plan_days(
            uow.session,
            center_id=center_id,
            group=group,
            start=day,
            end=day,
            now=now,
            policy=policy,
        )[0]


def range_availability(
    uow: UnitOfWork,
    *,
    center_id: str,
    service_code: str,
    start: date,
    end: date,
    now: datetime,
    policy: Policy,
) -> list[DayAvailability]:
    """Many days at once (a month calendar)."""
    with uow:
        directory.known_center(uow.session, center_id)
        group = directory.service_kind(uow.session, service_code).group
        return plan_days(
            uow.session,
            center_id=center_id,
            group=group,
            start=start,
            end=end,
            now=now,
            policy=policy,
        )


def group_days(
    uow: UnitOfWork,
    *,
    center_id: str,
    group: str,
    start: date,
    end: date,
    now: datetime,
    policy: Policy,
) -> list[DayAvailability]:
    """plan_days for a capacity group already known (the phone front's cached day views)."""
    with uow:
        return plan_days(
            uow.session, center_id=center_id, group=group, start=start, end=end, now=now,
            policy=policy,
        )  # fmt: skip


def nearest_in_group(
    uow: UnitOfWork,
    *,
    center_id: str,
    group: str,
    around: datetime,
    party_size: int,
    now: datetime,
    policy: Policy,
) -> list[Alternative]:
    """nearest_with_room in a unit of work of its own (the phone front's offers)."""
    with uow:
        return nearest_with_room(
            uow.session, center_id=center_id, group=group, around=around,
            party_size=party_size, now=now, policy=policy,
        )  # fmt: skip


def nearest_with_room(
    session: Session,
    *,
    center_id: str,
    group: str,
    around: datetime,
    party_size: int,
    now: datetime,
    policy: Policy,
) -> list[Alternative]:
    """The bands nearest to a wished-for moment that still take the whole party.

    Looks from a week before to two weeks after. The day itself and its neighbours are read
    first: when they already hold enough places nearer than any day beyond them could be, the
    answer is the same as the whole window's and the other eighteen days are never planned.
    """
    first = max(around.date() - timedelta(days=7), now.astimezone(TOKYO).date())
    last = min(around.date() + timedelta(days=14), last_bookable_day(now, policy))
    if last < first:
        return []

    def distance(alt: Alternative) -> float:
        return abs((datetime.combine(alt.day, alt.start, TOKYO) - around).total_seconds())

    def nearest(start: date, end: date) -> list[Alternative]:
        days = plan_days(
            session, center_id=center_id, group=group, start=start, end=end, now=now, policy=policy
        )
        found = [
            Alternative(day.hours.day, slot.start, slot.remaining)
            for day in days
            for slot in day.slots
            if slot.remaining >= party_size
        ]
        return sorted(found, key=distance)[: policy.alternatives]

    near_first = max(first, around.date() - timedelta(days=1))
    near_last = min(last, around.date() + timedelta(days=1))
    found = nearest(near_first, near_last)
    # every band outside [near_first, near_last] lies at least this far from `around`
    edges = [datetime.combine(near_first, time(), TOKYO)] if near_first > first else []
    if near_last < last:
        edges.append(datetime.combine(near_last + timedelta(days=1), time(), TOKYO))
    beyond = min((abs((edge - around).total_seconds()) for edge in edges), default=float("inf"))
    if not edges or (
        len(found) >= policy.alternatives and (not found or distance(found[-1]) < beyond)
    ):
        return found  # no day beyond them, or none of them could be nearer
    return nearest(first, last)


def earliest_with_room(
    session: Session,
    *,
    center_id: str,
    group: str,
    from_day: date,
    party_size: int,
    now: datetime,
    policy: Policy,
) -> Alternative | None:
    """The first band from a date on that takes the whole party (the IVR's '0 for earliest')."""
    end = last_bookable_day(now, policy)
    day = max(from_day, now.astimezone(TOKYO).date())
    while day <= end:
        chunk_end = min(day + timedelta(days=13), end)
        for plan in plan_days(
            session,
            center_id=center_id,
            group=group,
            start=day,
            end=chunk_end,
            now=now,
            policy=policy,
        ):
            for slot in plan.slots:
                if slot.remaining >= party_size:
                    return Alternative(plan.hours.day, slot.start, slot.remaining)
        day = chunk_end + timedelta(days=1)
    return None
