"""A booking's life after it is made: check-in at the counter, completion, no-show, close-out.

    active ──check in──▶ checked_in ──complete──▶ completed
      │ ╲
      │  ╲──no-show (after start + grace, or the close-out)──▶ no_show
      ╰──cancel──▶ cancelled

MOVES is the whole table; `_move` is the one function that applies a move: a conditional UPDATE
on the status and version the caller read (so two counters cannot both check a booking in),
audited with who made it. Only an `active` booking whose appointment has not passed counts for
the rule of one booking per person and procedure (`lapse_if_passed`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from booking_core import audit, custody, directory
from booking_core.calendar import TOKYO, centre_day
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError, NotFound
from booking_core.models import Booking
from booking_core.policy import Actor, Policy

ACTIVE, CHECKED_IN, COMPLETED = "active", "checked_in", "completed"
NO_SHOW, CANCELLED = "no_show", "cancelled"
STATUSES = (ACTIVE, CHECKED_IN, COMPLETED, NO_SHOW, CANCELLED)
# (from, to) -> the audit action of the move; nothing else is allowed.
MOVES = {
    (ACTIVE, CHECKED_IN): "booking.check_in",
    (CHECKED_IN, COMPLETED): "booking.complete",
    (ACTIVE, NO_SHOW): "booking.no_show",
    (ACTIVE, CANCELLED): "booking.cancel",
}
# Why a move is refused, by the status the booking is in when it is not the one the move needs.
NEEDS = {CHECKED_IN: ACTIVE, COMPLETED: CHECKED_IN, NO_SHOW: ACTIVE, CANCELLED: ACTIVE}
CLOSE_OUT = Actor.system("close-out")
# Checked at the counter before a card is handed over (交付前の確認).
ISSUE_CHECKS = ("matches_list", "undamaged", "record_ready")


class MoveRefused(BookingError):
    """A move the booking's life does not allow now; `code` says why (not_active, not_today…)."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(message or reason)
        self.code = reason


@dataclass(frozen=True)
class Moved:
    """A booking after a move."""

    reference: str
    status: str
    late: bool


def _refusal(status: str, to: str) -> MoveRefused:
    needed = NEEDS[to]
    if needed == CHECKED_IN:
        return MoveRefused("not_checked_in", "Only a booking checked in can be completed")
    return MoveRefused("not_active", f"The booking is {status}, not active")


def _move(
    session: Session, booking: Booking, to: str, *, now: datetime, actor: Actor, **values: Any
) -> None:
    """Apply one move of MOVES to the booking as read, or refuse it; audited with the actor."""
    action = MOVES.get((booking.status, to))
    if action is None:
        raise _refusal(booking.status, to)
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(Booking)
        .where(
            Booking.id == booking.id,
            Booking.status == booking.status,
            Booking.version == booking.version,
        )
        .values(status=to, version=Booking.version + 1, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # another counter (or the resident) moved it first
        session.refresh(booking)
        raise _refusal(booking.status, to)
    audit.record(
        session, actor=actor, action=action, entity="booking", entity_id=booking.reference, at=now
    )


def _booking(session: Session, reference: str) -> Booking:
    found = session.scalar(select(Booking).where(Booking.reference == reference))
    if found is None:
        raise NotFound("No booking with that reference")
    return found


def _starts_at(booking: Booking) -> datetime:
    return datetime.combine(booking.day, booking.start, TOKYO)


def no_show_due(day: date, start: time, *, now: datetime, policy: Policy) -> bool:
    """True once a booking not checked in may be called a no-show: its start plus the grace."""
    return now >= datetime.combine(day, start, TOKYO) + policy.no_show_grace


def check_in(
    uow: UnitOfWork, *, reference: str, now: datetime, actor: Actor, policy: Policy
) -> Moved:
    """The resident is at the counter: only today's active booking; late past start + grace."""
    with uow:
        booking = _booking(uow.session, reference)
        if booking.status == ACTIVE and booking.day != now.astimezone(TOKYO).date():
            raise MoveRefused("not_today", "Only today's bookings can be checked in")
        late = now - _starts_at(booking) > policy.late_after
        _move(uow.session, booking, CHECKED_IN, now=now, actor=actor, checked_in_at=now, late=late)
        uow.commit()
        return Moved(reference, CHECKED_IN, late)


def complete(
    uow: UnitOfWork,
    *,
    reference: str,
    now: datetime,
    actor: Actor,
    checks: Collection[str] | None = None,
) -> Moved:
    """The resident was served; for issuance the card was handed over, and its record says so.

    `checks` are the pre-issuance checks the counter ticked (ISSUE_CHECKS); when given for an
    issuance, every one must be there. API clients that pass none vouch for them themselves.
    """
    with uow:
        session = uow.session
        booking = _booking(session, reference)
        missing = set(ISSUE_CHECKS) - set(checks or ())
        if checks is not None and booking.service_code == "issue" and missing:
            raise MoveRefused("checks_incomplete", f"Not checked: {', '.join(sorted(missing))}")
        _complete(session, booking, now=now, actor=actor, checks=checks)
        uow.commit()
        return Moved(reference, COMPLETED, booking.late)


def _complete(
    session: Session,
    booking: Booking,
    *,
    now: datetime,
    actor: Actor,
    checks: Collection[str] | None = None,
) -> None:
    """Complete the booking; for issuance hand over its card, which must be at the centre."""
    _move(session, booking, COMPLETED, now=now, actor=actor, completed_at=now)
    if booking.service_code != "issue" or not booking.notice_number:
        return
    found = custody.card(session, booking.notice_number)
    ticked = sorted(checks) if checks is not None else "by_api_client"
    try:
        custody.record_move(session, found, "issued", now=now, actor=actor, checks=ticked)
    except custody.CustodyRefused as refused:
        raise MoveRefused("card_not_at_centre", "The card has not been received here") from refused


def issue_card(uow: UnitOfWork, *, notice_number: str, now: datetime, actor: Actor) -> str:
    """The card is handed over: completes its booking, which must be checked in at the centre
    that received the card; the card's new state."""
    with uow:
        session = uow.session
        found = custody.card(session, notice_number)
        booking = custody.card_booking(session, notice_number)
        received_at = custody.received_at(session, notice_number)
        if booking is None or booking.status != CHECKED_IN or booking.center_id != received_at:
            raise custody.CustodyRefused(found.status, "Its booking is not checked in here")
        try:
            _complete(session, booking, now=now, actor=actor)
        except MoveRefused as refused:  # moved at the same moment by a counter
            session.refresh(found)
            raise custody.CustodyRefused(found.status) from refused
        uow.commit()
        return custody.ISSUED


def mark_no_show(
    uow: UnitOfWork, *, reference: str, now: datetime, actor: Actor, policy: Policy
) -> Moved:
    """The resident did not come: only once the start plus the grace has passed."""
    with uow:
        booking = _booking(uow.session, reference)
        if booking.status == ACTIVE and not no_show_due(
            booking.day, booking.start, now=now, policy=policy
        ):
            raise MoveRefused("too_early", "A booking is a no-show only after its grace period")
        _move(uow.session, booking, NO_SHOW, now=now, actor=actor, no_show_at=now)
        uow.commit()
        return Moved(reference, NO_SHOW, False)


def day_closes_at(session: Session, center_id: str, day: date) -> datetime:
    """When the centre's day ends: its closing time, or midnight when it did not open."""
    hours = centre_day(center_id, day, directory.closures(session, day, day))
    if hours.closes is None:
        return datetime.combine(day + timedelta(days=1), time(0), TOKYO)
    return datetime.combine(day, hours.closes, TOKYO)


def appointment_passed(session: Session, booking: Booking, now: datetime) -> bool:
    """True once the centre's day of the appointment has ended (today's counts until closing)."""
    today = now.astimezone(TOKYO).date()
    if booking.day != today:
        return booking.day < today
    return now >= day_closes_at(session, booking.center_id, booking.day)


def lapse_if_passed(session: Session, *, person_key: str, service_code: str, now: datetime) -> bool:
    """Close out the person's active booking of the procedure if its day has ended (as the
    evening close-out would); True when no active booking of theirs still counts."""
    booking = session.scalar(
        select(Booking).where(
            Booking.person_key == person_key,
            Booking.service_code == service_code,
            Booking.status == ACTIVE,
        )
    )
    if booking is None:
        return True
    if not appointment_passed(session, booking, now):
        return False
    _close_out(session, booking, now)  # moved meanwhile by a counter or the close-out: no matter
    return True


def _close_out(session: Session, booking: Booking, now: datetime) -> bool:
    """Mark one booking no-show at close-out; False if a counter moved it at the same moment."""
    try:
        _move(session, booking, NO_SHOW, now=now, actor=CLOSE_OUT, no_show_at=now)
    except MoveRefused:
        return False
    return True


@dataclass(frozen=True)
class ClosedDay:
    """What a close-out did: the bookings it marked no-show per centre, centres not yet closed."""

    day: date
    no_shows: dict[str, int]
    still_open: tuple[str, ...]


def close_day(uow: UnitOfWork, *, day: date, now: datetime) -> ClosedDay:
    """Mark no-show every booking still active on a centre's day that has ended; run it twice
    and the second run changes nothing."""
    marked: dict[str, int] = {}
    still_open: list[str] = []
    with uow:
        session = uow.session
        for center in directory.centers(session):
            if now < day_closes_at(session, center.id, day):
                still_open.append(center.id)
                continue
            rows = session.scalars(
                select(Booking).where(
                    Booking.center_id == center.id, Booking.day == day, Booking.status == ACTIVE
                )
            ).all()
            marked[center.id] = sum(_close_out(session, booking, now) for booking in rows)
        uow.commit()
    return ClosedDay(day, marked, tuple(still_open))
