"""Use cases of a booking: create, read, change, cancel. Capacity is held by the database."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core import audit, directory, slots
from booking_core.availability import last_bookable_day, nearest_with_room
from booking_core.calendar import TOKYO, centre_day, is_bookable_time
from booking_core.cards import check_issuance
from booking_core.db import UnitOfWork
from booking_core.errors import (
    AlreadyBooked,
    ConcurrentChange,
    FieldErrors,
    IdempotencyConflict,
    NotBookable,
    NotFound,
    SlotFull,
)
from booking_core.identifiers import new_reference
from booking_core.models import Booking, Service
from booking_core.policy import Actor, Policy


@dataclass(frozen=True)
class BookingRequest:
    """What a channel asks for; values already parsed (dates, E.164 phone, normalised numbers)."""

    service: str
    day: date
    start: time
    birth_date: date
    center: str | None = None
    party_size: int = 1
    phone: str | None = None
    name: str = ""
    kana: str = ""
    address: str = ""
    notice_number: str | None = None
    language: str = "ja"

    def digest(self) -> str:
        """A fingerprint of the request, to tell a retry from a different request with one key."""
        raw = json.dumps(asdict(self), default=str, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class BookingDetails:
    """A booking as the channels show it."""

    reference: str
    status: str
    center_id: str
    service_code: str
    day: date
    start: time
    party_size: int
    name: str
    kana: str
    phone: str | None
    birth_date: date
    address: str
    notice_number: str | None
    channel: str
    language: str
    created_at: datetime

    @classmethod
    def of(cls, b: Booking) -> BookingDetails:
        """Copy a row into plain values."""
        return cls(
            b.reference,
            b.status,
            b.center_id,
            b.service_code,
            b.day,
            b.start,
            b.party_size,
            b.name,
            b.kana,
            b.phone,
            b.birth_date,
            b.address,
            b.notice_number,
            b.channel,
            b.language,
            b.created_at,
        )


def _check_request(req: BookingRequest, service: Service, policy: Policy) -> None:
    errors = FieldErrors()
    if not 1 <= req.party_size <= policy.max_party_size:
        errors.add("party_size", "party_size_out_of_range")
    if service.code == "issue":
        if not req.notice_number:
            errors.add("notice_number", "required")
        if req.party_size != 1:
            errors.add("party_size", "issue_is_one_card_per_booking")
    elif req.center is None:
        errors.add("center", "required")
    if service.group == "visit" and not req.address:
        errors.add("address", "required")
    errors.raise_if_any()


def check_time(
    session: Session, center_id: str, day: date, start: time, *, now: datetime, policy: Policy
) -> None:
    """Refuse a date or time that cannot be booked, saying why."""
    moment = datetime.combine(day, start, TOKYO)
    if moment <= now:
        raise NotBookable("past", "That time has already passed")
    if day > last_bookable_day(now, policy):
        raise NotBookable("beyond_horizon", "Bookings open only a limited number of days ahead")
    hours = centre_day(center_id, day, directory.closures(session, day, day))
    if not hours.open:
        raise NotBookable(f"closed:{hours.reason}", "The centre is closed that day")
    if not is_bookable_time(hours, start):
        raise NotBookable("outside_hours", "Outside reception hours or after last reception")


def person_key(req: BookingRequest) -> str | None:
    """Who the booking is for, for the one-active-booking-per-service rule."""
    if req.notice_number:
        return f"notice:{req.notice_number}"
    if req.phone:
        return f"phone:{req.phone}:{req.birth_date.isoformat()}"
    return None  # a hidden number on the phone: nothing to tell people apart by


def _replay(session: Session, key: str, digest: str) -> BookingDetails | None:
    found = session.scalar(select(Booking).where(Booking.idempotency_key == key))
    if found is None:
        return None
    if found.request_digest != digest:
        raise IdempotencyConflict("This Idempotency-Key was used for another request")
    return BookingDetails.of(found)


def _full(
    session: Session,
    center_id: str,
    group: str,
    day: date,
    start: time,
    party: int,
    now: datetime,
    policy: Policy,
) -> SlotFull:
    around = datetime.combine(day, start, TOKYO)
    return SlotFull(
        nearest_with_room(
            session,
            center_id=center_id,
            group=group,
            around=around,
            party_size=party,
            now=now,
            policy=policy,
        )
    )


def _insert(
    session: Session,
    req: BookingRequest,
    *,
    center_id: str,
    slot_id: int,
    now: datetime,
    actor: Actor,
    key: str | None,
) -> Booking:
    booking = Booking(
        reference=new_reference(),
        center_id=center_id,
        service_code=req.service,
        slot_id=slot_id,
        day=req.day,
        start=req.start,
        party_size=req.party_size,
        status="active",
        name=req.name,
        kana=req.kana,
        phone=req.phone,
        birth_date=req.birth_date,
        address=req.address,
        notice_number=req.notice_number,
        person_key=person_key(req),
        channel=actor.channel,
        language=req.language,
        idempotency_key=key,
        request_digest=req.digest() if key else None,
        created_at=now,
        updated_at=now,
    )
    session.add(booking)
    session.flush()
    return booking


def _place(
    session: Session, req: BookingRequest, now: datetime, policy: Policy, service: Service
) -> tuple[str, int]:
    """Check every rule and take the places; returns (centre, slot id)."""
    center_id = req.center or ""
    if service.code == "issue":
        center_id = check_issuance(
            session,
            notice_number=req.notice_number or "",
            birth_date=req.birth_date,
            center_id=req.center,
            day=req.day,
            now=now,
            policy=policy,
        )
    directory.center(session, center_id)
    check_time(session, center_id, req.day, req.start, now=now, policy=policy)
    key = person_key(req)
    if key and session.scalar(
        select(Booking.id).where(
            Booking.service_code == service.code,
            Booking.person_key == key,
            Booking.status == "active",
        )
    ):
        raise AlreadyBooked("There is already an active booking for this procedure")
    slot_id = slots.ensure(session, center_id, service.group, req.day, req.start)
    if slot_id is None or not slots.take(session, slot_id, req.party_size):
        raise _full(
            session, center_id, service.group, req.day, req.start, req.party_size, now, policy
        )
    return center_id, slot_id


def create_booking(
    uow: UnitOfWork,
    req: BookingRequest,
    *,
    now: datetime,
    actor: Actor,
    policy: Policy,
    idempotency_key: str | None = None,
) -> BookingDetails:
    """Book a place; the same idempotency key again returns the same booking."""
    with uow:
        session = uow.session
        if idempotency_key and (done := _replay(session, idempotency_key, req.digest())):
            return done
        service = directory.service(session, req.service)
        _check_request(req, service, policy)
        try:
            center_id, slot_id = _place(session, req, now, policy, service)
            booking = _insert(
                session,
                req,
                center_id=center_id,
                slot_id=slot_id,
                now=now,
                actor=actor,
                key=idempotency_key,
            )
            audit.record(
                session,
                actor=actor,
                action="booking.create",
                entity="booking",
                entity_id=booking.reference,
                at=now,
            )
            uow.commit()
            return BookingDetails.of(booking)
        except (IntegrityError, SlotFull) as lost:
            uow.rollback()  # a twin request may have won the race: answer as it was answered
            return _after_lost_race(session, req, idempotency_key, lost)


def _after_lost_race(
    session: Session, req: BookingRequest, key: str | None, lost: Exception
) -> BookingDetails:
    """The same key's booking if a twin made it; else the rule that the race broke."""
    if key and (done := _replay(session, key, req.digest())):
        return done
    person = person_key(req)
    if person and session.scalar(
        select(Booking.id).where(
            Booking.person_key == person,
            Booking.service_code == req.service,
            Booking.status == "active",
        )
    ):
        raise AlreadyBooked("There is already an active booking for this procedure") from lost
    raise lost


def _by_reference(session: Session, reference: str, birth_date: date) -> Booking:
    booking = session.scalar(select(Booking).where(Booking.reference == reference))
    if booking is None or booking.birth_date != birth_date:
        raise NotFound("No booking with that reference and birth date")
    return booking


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


def _claim(session: Session, booking: Booking, now: datetime, **values: object) -> None:
    """Bump the booking's version, or fail if someone else changed it first."""
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(Booking)
        .where(
            Booking.id == booking.id, Booking.version == booking.version, Booking.status == "active"
        )
        .values(version=Booking.version + 1, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ConcurrentChange("The booking was changed at the same moment; please try again")


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
) -> BookingDetails:
    """Move a booking; the old place is given back only in the transaction that takes the new."""
    with uow:
        session = uow.session
        booking = _by_reference(session, reference, birth_date)
        if booking.status != "active":
            raise NotFound("No active booking with that reference")
        if datetime.combine(booking.day, booking.start, TOKYO) <= now:
            raise NotBookable("past", "A booking whose time has passed cannot be changed")
        if (booking.day, booking.start) == (day, start):
            return BookingDetails.of(booking)
        service = directory.service(session, booking.service_code)
        if service.code == "issue":
            check_issuance(
                session,
                notice_number=booking.notice_number or "",
                birth_date=birth_date,
                center_id=booking.center_id,
                day=day,
                now=now,
                policy=policy,
            )
        check_time(session, booking.center_id, day, start, now=now, policy=policy)
        _claim(session, booking, now, day=day, start=start)
        new_slot = slots.ensure(session, booking.center_id, service.group, day, start)
        if new_slot is None or not slots.move(
            session, booking.slot_id, new_slot, booking.party_size
        ):
            uow.rollback()
            raise _full(
                session,
                booking.center_id,
                service.group,
                day,
                start,
                booking.party_size,
                now,
                policy,
            )
        session.execute(update(Booking).where(Booking.id == booking.id).values(slot_id=new_slot))
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
        if datetime.combine(booking.day, booking.start, TOKYO) <= now:
            raise NotBookable("past", "A booking whose time has passed cannot be cancelled")
        _claim(session, booking, now, status="cancelled", cancelled_at=now)
        slots.release(session, booking.slot_id, booking.party_size)
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
