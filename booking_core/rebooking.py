"""Rebooking from a closure notice: a signed link, no login, the nearest free times, one tap.

A closure text carries a link naming the booking and the closure, signed with the secret key
and valid until the closure's day ends. Opened, it shows the booking and the nearest free times
at the same centre (and, for procedures any centre can do, the earliest at each other centre);
choosing one moves the booking, keeping its reference and history. Once the booking is no longer
hit by the closure (moved, cancelled, or the closure withdrawn) the link changes nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import directory
from booking_core.availability import earliest_with_room, nearest_with_room
from booking_core.booking_changes import change_booking
from booking_core.booking_requests import BookingDetails
from booking_core.calendar import TOKYO, Closure
from booking_core.db import UnitOfWork
from booking_core.errors import Alternative, InvalidRequest, NotBookable
from booking_core.models import Booking, Center
from booking_core.policy import Actor, Policy
from booking_core.schedule import closures_ahead

SALT = "mynacall.rebook"
# Procedures tied to one centre (the card waits there): rebooked at that centre only.
ONE_CENTRE_SERVICES = frozenset({"issue"})


@dataclass(frozen=True)
class Ticket:
    """What a rebooking link names: a booking, the closure that hit it, and its last day."""

    reference: str
    closure_id: int
    expires: date


def link_token(secret: str, ticket: Ticket) -> str:
    """The signed token of a rebooking link (URL-safe)."""
    payload = [ticket.reference, ticket.closure_id, ticket.expires.isoformat()]
    return URLSafeSerializer(secret, salt=SALT).dumps(payload)


def read_token(secret: str, token: str, *, now: datetime) -> Ticket:
    """The ticket of a link; InvalidRequest "tampered" or NotBookable "expired" otherwise."""
    try:
        reference, closure_id, expires = URLSafeSerializer(secret, salt=SALT).loads(token)
        ticket = Ticket(str(reference), int(closure_id), date.fromisoformat(expires))
    except (BadSignature, ValueError, TypeError):
        raise InvalidRequest("This link is not valid", fields={"link": "tampered"}) from None
    if now.astimezone(TOKYO).date() > ticket.expires:
        raise NotBookable("expired", "This link has expired")
    return ticket


def ticket_for(reference: str, closure: Closure, closure_id: int) -> Ticket:
    """The link's ticket for a booking hit by a closure: valid until the closure's day ends."""
    return Ticket(reference, closure_id, closure.day)


@dataclass(frozen=True)
class CentreTimes:
    """Free times offered at one centre."""

    center_id: str
    name_ja: str
    name_en: str
    times: tuple[Alternative, ...]


@dataclass(frozen=True)
class RebookOffer:
    """What the link's page shows: the booking, whether the closure still hits it, the times."""

    booking: BookingDetails
    closure_note: str
    still_hit: bool
    centres: tuple[CentreTimes, ...]  # the booking's own centre first


def _named(session: Session, ticket: Ticket) -> tuple[Booking, Closure | None]:
    """The booking a link names and its closure, or InvalidRequest "tampered"."""
    booking = session.scalar(select(Booking).where(Booking.reference == ticket.reference))
    if booking is None:
        raise InvalidRequest("This link is not valid", fields={"link": "tampered"})
    return booking, directory.closure(session, ticket.closure_id)


def _hit(booking: Booking, closure: Closure | None) -> bool:
    """True while the closure still falls on the booking (active, not moved, not withdrawn)."""
    return (
        booking.status == "active"
        and closure is not None
        and closure.covers(booking.center_id, booking.day, booking.start)
    )


def offer(uow: UnitOfWork, ticket: Ticket, *, now: datetime, policy: Policy) -> RebookOffer:
    """The booking a link names and the nearest free times for it."""
    with uow:
        session = uow.session
        booking, closure = _named(session, ticket)
        details = BookingDetails.of(booking)
        if closure is None or not _hit(booking, closure):
            return RebookOffer(details, closure.note if closure else "", False, ())
        group = directory.service(session, booking.service_code).group
        around = datetime.combine(booking.day, booking.start, TOKYO)
        centres = session.scalars(select(Center).order_by(Center.id)).all()
        own = [c for c in centres if c.id == booking.center_id]
        others = [] if booking.service_code in ONE_CENTRE_SERVICES else [
            c for c in centres if c.id != booking.center_id
        ]  # fmt: skip
        found = [
            CentreTimes(c.id, c.name_ja, c.name_en, tuple(
                alt for alt in nearest_with_room(
                    session, center_id=c.id, group=group, around=around,
                    party_size=booking.party_size, now=now, policy=policy,
                ) if not closure.covers(c.id, alt.day, alt.start)
            ))
            for c in own
        ]  # fmt: skip
        for c in others:
            earliest = earliest_with_room(
                session, center_id=c.id, group=group, from_day=booking.day,
                party_size=booking.party_size, now=now, policy=policy,
            )  # fmt: skip
            if earliest is not None and not closure.covers(c.id, earliest.day, earliest.start):
                found.append(CentreTimes(c.id, c.name_ja, c.name_en, (earliest,)))
        return RebookOffer(details, closure.note, True, tuple(found))


def rebook(
    uow: UnitOfWork,
    ticket: Ticket,
    *,
    center_id: str,
    day: date,
    start: time,
    now: datetime,
    policy: Policy,
) -> BookingDetails:
    """Move the booking a link names to the time chosen (its reference and history kept)."""
    with uow:
        booking, closure = _named(uow.session, ticket)
        still_hit, birth_date = _hit(booking, closure), booking.birth_date
        one_centre = booking.service_code in ONE_CENTRE_SERVICES
        elsewhere = center_id != booking.center_id
    if not still_hit:
        raise NotBookable("already_moved", "This booking is no longer affected by the closure")
    if one_centre and elsewhere:
        raise InvalidRequest("This procedure stays at its centre", fields={"center": "fixed"})
    return change_booking(
        uow, reference=ticket.reference, birth_date=birth_date, day=day, start=start, now=now,
        actor=Actor.resident("web", ticket.reference), policy=policy, center_id=center_id,
    )  # fmt: skip


@dataclass(frozen=True)
class ClosedBooking:
    """An active booking of a caller's number that a closure hits (what the phone line says)."""

    reference: str
    center_id: str
    day: date
    start: time


def closed_bookings_of(uow: UnitOfWork, phone: str, *, today: date) -> list[ClosedBooking]:
    """The caller's active bookings that an announced closure (schedule.closures_ahead) hits;
    no statement at all while no closure is announced."""
    closures = closures_ahead(uow, today=today)
    if not closures:
        return []
    with uow:
        rows = uow.session.execute(
            select(Booking.reference, Booking.center_id, Booking.day, Booking.start).where(
                Booking.phone == phone, Booking.status == "active",
                Booking.day.in_({c.day for c in closures}),
            ).order_by(Booking.day, Booking.start)
        ).all()  # fmt: skip
    return [
        ClosedBooking(ref, center_id, day, start)
        for ref, center_id, day, start in rows
        if any(c.covers(center_id, day, start) for c in closures)
    ]
