"""The booking a person already holds for a procedure, found as soon as they are identified.

The phone line asks right after the birth date (issue 15) instead of refusing the booking at
the end, after every other entry; the rule is the same one create_booking applies (one active
booking per person and procedure, while its day has not ended).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from booking_core import audit, booking_life
from booking_core.booking_requests import BookingDetails, BookingRequest, person_key
from booking_core.db import UnitOfWork
from booking_core.models import Booking
from booking_core.policy import Actor


def held_booking(
    uow: UnitOfWork,
    *,
    service: str,
    birth_date: date,
    phone: str | None,
    notice_number: str | None,
    now: datetime,
    actor: Actor,
) -> BookingDetails | None:
    """The person's booking of the procedure that still counts, or None (a read is audited)."""
    probe = BookingRequest(service=service, day=birth_date, start=now.time(), birth_date=birth_date,
                           phone=phone, notice_number=notice_number)  # fmt: skip
    person = person_key(probe)
    if person is None:  # a hidden number: nothing to tell people apart by
        return None
    with uow:
        booking = uow.session.scalar(
            select(Booking).where(
                Booking.person_key == person,
                Booking.service_code == service,
                Booking.status == booking_life.ACTIVE,
            )
        )
        if booking is None or booking_life.appointment_passed(uow.session, booking, now):
            return None
        audit.record(uow.session, actor=actor, action="booking.read", entity="booking",
                     entity_id=booking.reference, at=now)  # fmt: skip
        uow.commit()
        return BookingDetails.of(booking)
