"""Walk-ins (当日受付): residents served without a booking, from places the plan holds back.

Issuance is strictly by appointment (完全予約制) and home visits are arranged ahead, so only the
procedures that do not require a booking take walk-ins. A walk-in takes places of the centre's
`walk_in` capacity group in the band under way (or the next band with room), with the same
conditional UPDATE and CHECK constraint as a booking, and gets a numbered ticket for the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core import audit, directory, slots
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError, FieldErrors
from booking_core.models import Slot, WalkIn
from booking_core.policy import Actor, Policy
from booking_core.reference_data import WALK_IN_GROUP

TICKET_TRIES = 5  # two counters numbering at the same moment: the loser takes the next number


class NoWalkInPlace(BookingError):
    """No walk-in place is left today at the centre (or it is closed)."""

    code = "no_walk_in_place"


@dataclass(frozen=True)
class WalkInTicket:
    """A walk-in's numbered ticket: W001, W002… for each centre and day."""

    ticket: str
    center_id: str
    service_code: str
    party_size: int
    band: time
    at: datetime


def ticket_label(number: int) -> str:
    """The ticket as printed and called out."""
    return f"W{number:03d}"


def _ticket(row: WalkIn, band: time) -> WalkInTicket:
    label = ticket_label(row.number)
    return WalkInTicket(label, row.center_id, row.service_code, row.party_size, band, row.at)


def _check(session: Session, service_code: str, party_size: int, policy: Policy) -> None:
    errors = FieldErrors()
    service = directory.service(session, service_code)
    if service.booking_required:
        errors.add("service", "booking_required")
    if not 1 <= party_size <= policy.max_party_size:
        errors.add("party_size", "party_size_out_of_range")
    errors.raise_if_any()


def _take_band(session: Session, center_id: str, day: date, party: int, at: time) -> int:
    """Take places in the band under way, else the next with room; the slot id."""
    bands = sorted(slots.day_places(session, center_id, WALK_IN_GROUP, day))
    under_way = [start for start in bands if start <= at]
    later = bands[bands.index(under_way[-1]) :] if under_way else bands
    for start in later:
        slot_id = slots.take_band(session, center_id, WALK_IN_GROUP, day, start, party)
        if slot_id is not None:
            return slot_id
    raise NoWalkInPlace("No walk-in place is left today")


def _numbered(session: Session, row: WalkIn) -> None:
    """Give the row the day's next ticket number and insert it."""
    for _ in range(TICKET_TRIES):
        last = session.scalar(
            select(func.max(WalkIn.number)).where(
                WalkIn.center_id == row.center_id, WalkIn.day == row.day
            )
        )
        row.number = (last or 0) + 1
        try:
            with session.begin_nested():
                session.add(row)
            return
        except IntegrityError:
            session.expunge(row)
    raise RuntimeError(f"{TICKET_TRIES} walk-in numbers drawn, every one taken")


def issue_walk_in(
    uow: UnitOfWork,
    *,
    center_id: str,
    service_code: str,
    party_size: int,
    now: datetime,
    actor: Actor,
    policy: Policy,
) -> WalkInTicket:
    """Take walk-in places for a resident at the counter and number their ticket (audited)."""
    local = now.astimezone(TOKYO)
    with uow:
        session = uow.session
        directory.center(session, center_id)
        _check(session, service_code, party_size, policy)
        slot_id = _take_band(session, center_id, local.date(), party_size, local.time())
        row = WalkIn(
            center_id=center_id, day=local.date(), service_code=service_code,
            party_size=party_size, slot_id=slot_id, at=now, issued_by=actor.label,
        )  # fmt: skip
        _numbered(session, row)
        audit.record(
            session, actor=actor, action="walk_in.issue", entity="walk_in",
            entity_id=row.id, at=now, center=center_id, service=service_code,
        )  # fmt: skip
        band = session.scalar(select(Slot.start).where(Slot.id == slot_id))
        uow.commit()
        return _ticket(row, band or local.time())


def walk_ins_of_day(session: Session, center_id: str, day: date) -> list[WalkInTicket]:
    """The day's walk-ins at a centre, in ticket order."""
    rows = session.execute(
        select(WalkIn, Slot.start)
        .join(Slot, Slot.id == WalkIn.slot_id)
        .where(WalkIn.center_id == center_id, WalkIn.day == day)
        .order_by(WalkIn.number)
    ).all()
    return [_ticket(row, band) for row, band in rows]
