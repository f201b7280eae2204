"""書かない窓口: the data a counter prints on a resident's form, read by staff (audited)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from booking_core import audit
from booking_core.booking_requests import BookingDetails
from booking_core.db import UnitOfWork
from booking_core.errors import NotFound
from booking_core.models import Booking
from booking_core.policy import Actor


def form_record(uow: UnitOfWork, *, reference: str, now: datetime, actor: Actor) -> BookingDetails:
    """A booking's details for the pre-filled counter form; every view is an audit event."""
    with uow:
        booking = uow.session.scalar(select(Booking).where(Booking.reference == reference))
        if booking is None:
            raise NotFound("No booking with that reference")
        audit.record(
            uow.session,
            actor=actor,
            action="booking.form_print",
            entity="booking",
            entity_id=reference,
            at=now,
        )
        uow.commit()
        return BookingDetails.of(booking)
