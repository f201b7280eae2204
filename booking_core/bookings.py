"""Booking a place: every rule checked, capacity held by the database, retries answered alike."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core import audit, directory, slots
from booking_core.booking_changes import cancel_booking, change_booking, get_booking
from booking_core.booking_types import (
    BookingDetails,
    BookingRequest,
    check_hours,
    check_time,
    person_key,
    slot_full,
)
from booking_core.cards import check_issuance
from booking_core.db import UnitOfWork
from booking_core.directory import ServiceKind
from booking_core.errors import (
    AlreadyBooked,
    BookingError,
    FieldErrors,
    IdempotencyConflict,
    NotBookable,
    SlotFull,
)
from booking_core.identifiers import new_reference
from booking_core.models import Booking
from booking_core.policy import Actor, Policy

__all__ = [
    "BookingDetails",
    "BookingRequest",
    "cancel_booking",
    "change_booking",
    "create_booking",
    "get_booking",
]

# A fresh random reference clashes with an old one about once in 1,800 at 500,000 bookings.
REFERENCE_DRAWS = 5
_BOOKINGS: Table = Booking.__table__  # type: ignore[assignment]
_INSERT_BOOKING = insert(_BOOKINGS)


def _check_request(req: BookingRequest, service: ServiceKind, policy: Policy) -> None:
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


def _replay(session: Session, key: str, digest: str | None) -> BookingDetails | None:
    found = session.scalar(select(Booking).where(Booking.idempotency_key == key))
    if found is None:
        return None
    if found.request_digest != digest:
        raise IdempotencyConflict("This Idempotency-Key was used for another request")
    return BookingDetails.of(found)


def _insert(
    session: Session,
    req: BookingRequest,
    *,
    reference: str,
    place: tuple[str, int],
    now: datetime,
    actor: Actor,
    key: str | None,
    digest: str | None,
) -> BookingDetails:
    """Insert the booking (a plain INSERT: nothing is read back) and return what it holds."""
    center_id, slot_id = place
    made = BookingDetails(
        reference, "active", center_id, req.service, req.day, req.start, req.party_size,
        req.name, req.kana, req.phone, req.birth_date, req.address, req.notice_number,
        actor.channel, req.language, now,
    )  # fmt: skip
    row = {
        name: getattr(made, name)
        for name in ("reference", "status", "center_id", "service_code", "day", "start")
    }
    row |= {name: getattr(req, name) for name in _REQUEST_COLUMNS}
    row |= {
        "slot_id": slot_id,
        "person_key": person_key(req),
        "channel": actor.channel,
        "idempotency_key": key,
        "request_digest": digest,
        "created_at": now,
        "updated_at": now,
    }
    session.execute(_INSERT_BOOKING, row)
    return made


_REQUEST_COLUMNS = (
    "party_size", "name", "kana", "phone", "birth_date", "address", "notice_number", "language"
)  # fmt: skip


def _place_at_once(
    session: Session, req: BookingRequest, now: datetime, policy: Policy, service: ServiceKind
) -> tuple[str, int] | None:
    """The common case in one statement; None when the full checks must decide (or explain)."""
    if service.code == "issue" or req.center is None:
        return None
    try:  # no closures here: the statement itself refuses a day with any closure on it
        check_hours(req.center, req.day, req.start, (), now=now, policy=policy)
    except NotBookable:
        return None
    taken = slots.take_open_band(
        session, req.center, service.group, req.day, req.start, req.party_size
    )
    return None if taken is None else (req.center, taken)


def _place(
    session: Session, req: BookingRequest, now: datetime, policy: Policy, service: ServiceKind
) -> tuple[str, int]:
    """Check every rule and take the places; returns (centre, slot id)."""
    if (done := _place_at_once(session, req, now, policy, service)) is not None:
        return done  # a slot row of that centre exists, so the centre does
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
    digest = req.digest() if idempotency_key else None
    with uow:
        for _ in range(REFERENCE_DRAWS):
            made = _attempt(uow, req, now, actor, policy, idempotency_key, digest)
            if made is not None:
                return made
    raise RuntimeError(f"{REFERENCE_DRAWS} booking references drawn, every one in use")


def _attempt(
    uow: UnitOfWork,
    req: BookingRequest,
    now: datetime,
    actor: Actor,
    policy: Policy,
    key: str | None,
    digest: str | None,
) -> BookingDetails | None:
    """One try with a freshly drawn reference; None if that reference was in use."""
    session, reference = uow.session, new_reference()
    # A retried key is looked up only when this try fails: the unique key makes a twin fail.
    try:
        service = directory.service_kind(session, req.service)
        _check_request(req, service, policy)
        place = _place(session, req, now, policy, service)
        made = _insert(
            session, req, reference=reference, place=place, now=now, actor=actor, key=key,
            digest=digest,
        )  # fmt: skip
        audit.record(
            session,
            actor=actor,
            action="booking.create",
            entity="booking",
            entity_id=reference,
            at=now,
        )
        uow.commit()
        return made
    except (IntegrityError, SlotFull) as lost:
        uow.rollback()  # a twin request may have won the race: answer as it was answered
        return _after_lost_race(session, req, key, digest, reference, lost)
    except BookingError:
        uow.rollback()
        if key and (done := _replay(session, key, digest)):
            return done  # refused now, but booked by an earlier try with this key
        raise


def _after_lost_race(
    session: Session,
    req: BookingRequest,
    key: str | None,
    digest: str | None,
    reference: str,
    lost: Exception,
) -> BookingDetails | None:
    """The same key's booking if a twin made it; None to draw another reference; else the rule."""
    if key and (done := _replay(session, key, digest)):
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
    if isinstance(lost, IntegrityError) and session.scalar(
        select(Booking.id).where(Booking.reference == reference)
    ):
        return None
    raise lost
