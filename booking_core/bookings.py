"""Booking a place: every rule checked, capacity held by the database, retries answered alike."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core import audit, directory, slots
from booking_core.booking_changes import cancel_booking, change_booking, get_booking
from booking_core.booking_types import (
    BookingDetails,
    BookingRequest,
    check_time,
    person_key,
    slot_full,
)
from booking_core.cards import check_issuance
from booking_core.db import UnitOfWork
from booking_core.errors import AlreadyBooked, FieldErrors, IdempotencyConflict, SlotFull
from booking_core.identifiers import new_reference
from booking_core.models import Booking, Service
from booking_core.policy import Actor, Policy

__all__ = [
    "BookingDetails",
    "BookingRequest",
    "cancel_booking",
    "change_booking",
    "create_booking",
    "get_booking",
]


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


def _replay(session: Session, key: str, digest: str) -> BookingDetails | None:
    found = session.scalar(select(Booking).where(Booking.idempotency_key == key))
    if found is None:
        return None
    if found.request_digest != digest:
        raise IdempotencyConflict("This Idempotency-Key was used for another request")
    return BookingDetails.of(found)


def _unused_reference(session: Session) -> str:
    """A fresh reference: at 500,000 bookings one new one in ~1,800 would hit an old one."""
    while True:
        reference = new_reference()
        if session.scalar(select(Booking.id).where(Booking.reference == reference)) is None:
            return reference


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
        reference=_unused_reference(session),
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
    # One active booking per person is held by a unique index: a duplicate fails at insert.
    slot_id = slots.take_band(session, center_id, service.group, req.day, req.start, req.party_size)
    if slot_id is None:
        raise slot_full(
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
