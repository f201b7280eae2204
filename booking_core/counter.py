"""The centre counter's day (受付): today's bookings by time band with their status, and walk-ins.

Reading the list shows residents' names to staff, so every read is an audit event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select

from booking_core import audit, directory
from booking_core.booking_life import ACTIVE, no_show_due
from booking_core.db import UnitOfWork
from booking_core.models import Booking
from booking_core.policy import Actor, Policy
from booking_core.walk_ins import WalkInTicket, walk_ins_of_day


@dataclass(frozen=True)
class CounterBooking:
    """One booking as the counter sees it."""

    reference: str
    start: time
    service_code: str
    party_size: int
    status: str
    late: bool
    name: str
    kana: str
    phone: str | None
    overdue: bool  # still active past start + grace: it may be marked a no-show

    def matches(self, query: str) -> bool:
        """True if the search (reference, name, kana or phone) finds this booking."""
        digits = re.sub(r"\D", "", query)
        if digits and (digits in self.reference or digits in _national(self.phone)):
            return True
        words = query.strip().replace("\u3000", " ").lower()
        return bool(words) and not digits and words in f"{self.name} {self.kana}".lower()


def _national(phone: str | None) -> str:
    """+819011112222 as people key it: 09011112222."""
    if not phone:
        return ""
    return "0" + phone[3:] if phone.startswith("+81") else phone.lstrip("+")


@dataclass(frozen=True)
class CounterDay:
    """A centre's day at the counter."""

    day: date
    center_id: str
    center_name: str
    bookings: list[CounterBooking]
    walk_ins: list[WalkInTicket]
    service_names: dict[str, str]  # code -> Japanese name, for every procedure
    walk_in_services: tuple[str, ...]  # the procedures that take walk-ins (no booking required)


def counter_day(
    uow: UnitOfWork,
    *,
    center_id: str,
    day: date,
    now: datetime,
    actor: Actor,
    policy: Policy,
    query: str = "",
) -> CounterDay:
    """The day's bookings (all statuses but cancelled) in time order, optionally searched."""
    with uow:
        session = uow.session
        center = directory.center(session, center_id)
        rows = session.scalars(
            select(Booking)
            .where(
                Booking.center_id == center_id, Booking.day == day, Booking.status != "cancelled"
            )
            .order_by(Booking.start, Booking.reference)
        ).all()
        bookings = [
            CounterBooking(
                b.reference, b.start, b.service_code, b.party_size, b.status, b.late,
                b.name, b.kana, b.phone,
                b.status == ACTIVE and no_show_due(b.day, b.start, now=now, policy=policy),
            )
            for b in rows
        ]  # fmt: skip
        if query:
            bookings = [b for b in bookings if b.matches(query)]
        audit.record(
            session, actor=actor, action="counter.day_list", entity="center_day",
            entity_id=f"{center_id}:{day.isoformat()}", at=now, shown=len(bookings),
        )  # fmt: skip
        walk_ins = walk_ins_of_day(session, center_id, day)
        services = directory.services(session)
        names = {s.code: s.name_ja for s in services}
        walk_in_services = tuple(s.code for s in services if not s.booking_required)
        name = center.name_ja
        uow.commit()
    return CounterDay(day, center_id, name, bookings, walk_ins, names, walk_in_services)
