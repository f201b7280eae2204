"""Reading, changing and cancelling a booking (reference + birth date)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from booking_core import audit, directory, notices, slots
from booking_core.booking_requests import BookingDetails, check_time, slot_full
from booking_core.calendar import TOKYO
from booking_core.cards import check_issuance
from booking_core.db import UnitOfWork
from booking_core.errors import ConcurrentChange, NotBookable, NotFound
from booking_core.models import Booking
from booking_core.policy import Actor, Policy


def _by_reference(session: Session, reference: str, birth_date: date) -> Booking:
    booking = session.scalar(select(Booking).where(Booking.reference == reference))
    if booking is None or booking.birth_date != birth_date:
        raise NotFound("No booking with that reference and birth date")
    return booking


def birth_date_of(uow: UnitOfWork, reference: str) -> date:
    """The birth date a booking was made with: what a resident proves themself with, for a
    change or cancel made where they were already identified (their call, their link)."""
    with uow:
        found = uow.session.scalar(select(Booking.birth_date).where(Booking.reference == reference))
    if found is None:
        raise NotFound("No booking with that reference")
    return found


def get_booking(
    uow: UnitOfWork, *, reference: str, birth_date: date, now: datetime, actor: Actor
) -> BookingDetails:
    """Read a booking by reference and birth date (audited)."""
    with uow:
        booking = _by_reference(uow.session, reference, birth_date)
        audit.record(
            uow.session,
            actor=actor,
            action="booking.read",
            entity="booking",
            entity_id=reference,
            at=now,
        )
        uow.commit()
        return BookingDetails.of(booking)


def _refuse_if_used(booking: Booking) -> None:
    """A booking checked in, completed or missed is history: it is neither moved nor cancelled."""
    if booking.status != "active":
        raise NotBookable("used", "This booking has already been used")


def _claim(session: Session, booking: Booking, now: datetime, **values: object) -> int:
    """Bump the booking's version, or fail if someone else changed it first; the new version."""
    version = booking.version
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(Booking)
        .where(Booking.id == booking.id, Booking.version == version, Booking.status == "active")
        .values(version=Booking.version + 1, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ConcurrentChange("The booking was changed at the same moment; please try again")
    return version + 1


def change_booking(
    uow: UnitOfWork,
    *,
    reference: str,
    birth_date: date,
    day: date,
    start: time,
    now: datetime,
    actor: Actor,
    policy: Policy,
    center_id: str | None = None,
) -> BookingDetails:
    """Move a booking (to another centre too, when given); the old place is given back only in
    the transaction that takes the new."""
    with uow:
        session = uow.session
        booking = _by_reference(session, reference, birth_date)
        if booking.status == "cancelled":
            raise NotFound("No active booking with that reference")
        _refuse_if_used(booking)
        if datetime.combine(booking.day, booking.start, TOKYO) <= now:
            raise NotBookable("past", "A booking whose time has passed cannot be changed")
        center = center_id or booking.center_id
        if (booking.center_id, booking.day, booking.start) == (center, day, start):
            return BookingDetails.of(booking)
        service = directory.service(session, booking.service_code)
        if service.code == "issue":
            check_issuance(
                session,
                notice_number=booking.notice_number or "",
                birth_date=birth_date,
                center_id=center,
                day=day,
                now=now,
                policy=policy,
            )
        check_time(session, center, day, start, now=now, policy=policy)
        if not slots.planned(session, center, service.group, day):
            raise NotBookable("not_open_yet", "No capacity plan covers that day yet")
        version = _claim(session, booking, now, center_id=center, day=day, start=start)
        new_slot = slots.ensure(session, center, service.group, day, start)
        if new_slot is None or not slots.move(
            session, booking.slot_id, new_slot, booking.party_size
        ):
            uow.rollback()
            raise slot_full(
                session,
                center,
                service.group,
                day,
                start,
                booking.party_size,
                now,
                policy,
            )
        session.execute(update(Booking).where(Booking.id == booking.id).values(slot_id=new_slot))
        if notices.texts_go_to(booking.phone):  # one text per change: the version it made
            notices.owe(session, booking_id=booking.id, kind=notices.change_kind(version), now=now)
        audit.record(
            session,
            actor=actor,
            action="booking.change",
            entity="booking",
            entity_id=reference,
            at=now,
        )
        uow.commit()
        session.refresh(booking)
        return BookingDetails.of(booking)


def cancel_booking(
    uow: UnitOfWork, *, reference: str, birth_date: date, now: datetime, actor: Actor
) -> BookingDetails:
    """Cancel and give the places back; cancelling twice is harmless."""
    with uow:
        session = uow.session
        booking = _by_reference(session, reference, birth_date)
        if booking.status == "cancelled":
            return BookingDetails.of(booking)
        _refuse_if_used(booking)
        if datetime.combine(booking.day, booking.start, TOKYO) <= now:
            raise NotBookable("past", "A booking whose time has passed cannot be cancelled")
        _claim(session, booking, now, status="cancelled", cancelled_at=now)
        slots.release(session, booking.slot_id, booking.party_size)
        if notices.texts_go_to(booking.phone):
            notices.owe(session, booking_id=booking.id, kind=notices.CANCELLATION, now=now)
        audit.record(
            session,
            actor=actor,
            action="booking.cancel",
            entity="booking",
            entity_id=reference,
            at=now,
        )
        uow.commit()
        session.refresh(booking)
        return BookingDetails.of(booking)
