"""Booking a place: every rule checked, capacity held by the database, retries answered alike."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core import audit, booking_life, directory, notices, slots, take_and_write
from booking_core.booking_changes import cancel_booking, change_booking, get_booking
from booking_core.booking_requests import (
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
from booking_core.identifiers import new_reference, refuse_my_number
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


def _check_request(req: BookingRequest, service: ServiceKind, policy: Policy, actor: Actor) -> None:
    errors = FieldErrors()
    if directory.booking_channel(actor.channel) not in service.channels:
        errors.add("service", "not_bookable_on_this_channel")
    if not 1 <= req.party_size <= policy.max_party_size:
        errors.add("party_size", "party_size_out_of_range")
    if service.code == "issue":
        if not req.notice_number:
            errors.add("notice_number", "required")
        if req.party_size != 1:
            errors.add("party_size", "issue_is_one_card_per_booking")
    elif req.center is None:
        errors.add("center", "required")
    if service.group == "visit":  # home visits are requested, then scheduled by coordinators
        errors.add("service", "visit_by_request")
    errors.raise_if_any()


def _replay(session: Session, key: str, digest: str | None) -> BookingDetails | None:
    found = session.scalar(select(Booking).where(Booking.idempotency_key == key))
    if found is None:
        return None
    if found.request_digest != digest:
        raise IdempotencyConflict("This Idempotency-Key was used for another request")
    return BookingDetails.of(found)


def _details(req: BookingRequest, reference: str, now: datetime, actor: Actor) -> BookingDetails:
    """What the booking will hold (the centre is the one asked for until a rule finds it)."""
    return BookingDetails(
        reference, "active", req.center or "", req.service, req.day, req.start, req.party_size,
        req.name, req.kana, req.phone, req.birth_date, req.address, req.notice_number,
        actor.channel, req.language, now,
    )  # fmt: skip


def _row(
    made: BookingDetails, req: BookingRequest, key: str | None, digest: str | None
) -> dict[str, Any]:
    """The booking's columns but slot_id: its details, whom it is for, the key that made it."""
    row = {name: getattr(made, name) for name in _DETAIL_COLUMNS}
    extra = {"person_key": person_key(req), "idempotency_key": key, "request_digest": digest}
    return row | extra | {"updated_at": made.created_at}


_DETAIL_COLUMNS = tuple(f.name for f in fields(BookingDetails))  # each a column of that name


def _book_at_once(
    session: Session,
    req: BookingRequest,
    *,
    booking: dict[str, Any],
    event: dict[str, Any],
    text: str | None,
    now: datetime,
    policy: Policy,
    service: ServiceKind,
) -> take_and_write.TakeAnswer | None:
    """The common case at once; None when the full checks must decide (or explain)."""
    if service.code == "issue" or req.center is None:
        return None
    try:  # no closures here: the statement itself refuses a day with any closure on it
        check_hours(req.center, req.day, req.start, (), now=now, policy=policy)
    except NotBookable:
        return None
    band = (req.center, service.group, req.day, req.start)
    return take_and_write.book_open_band(
        session, band=band, places=req.party_size, booking=booking, event=event, text=text
    )


def _when_full(
    session: Session,
    req: BookingRequest,
    answer: take_and_write.TakeAnswer,
    *,
    key: str | None,
    digest: str | None,
    group: str,
    now: datetime,
    policy: Policy,
) -> BookingDetails | BookingError | None:
    """A plainly full band, answered as _after_lost_race would: the key's booking if it made
    one, else already booked, else full with the nearest times; None when it was not full."""
    if not answer.full_for(req.party_size):
        return None  # no slot row yet, a closure that day, or a race just lost: check it all
    if key and answer.key_digest is not None:
        return _replay(session, key, digest)
    person = person_key(req)
    if answer.person_booked and person and _still_holds(session, person, req.service, now):
        return AlreadyBooked("There is already an active booking for this procedure")
    center = req.center or ""
    return slot_full(session, center, group, req.day, req.start, req.party_size, now, policy)


def _place(
    session: Session, req: BookingRequest, now: datetime, policy: Policy, service: ServiceKind
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
    if slot_id is None and not slots.planned(session, center_id, service.group, req.day):
        raise NotBookable("not_open_yet", "No capacity plan covers that day yet")
    if slot_id is None:
        raise slot_full(
            session, center_id, service.group, req.day, req.start, req.party_size, now, policy
        )
    return center_id, slot_id


def _book(
    session: Session,
    req: BookingRequest,
    *,
    reference: str,
    now: datetime,
    actor: Actor,
    policy: Policy,
    key: str | None,
    digest: str | None,
) -> BookingDetails | BookingError:
    """Check, take the places, write the booking, its audit event and the text it owes (not yet
    committed); or the refusal the one-statement path has already explained (nothing written,
    no twin request to look for)."""
    service = directory.service_kind(session, req.service)
    _check_request(req, service, policy, actor)
    made = _details(req, reference, now, actor)
    booking = _row(made, req, key, digest)
    event = audit.event_row(
        actor=actor, action="booking.create", entity="booking", entity_id=reference, at=now
    )
    text = notices.CONFIRMATION if notices.will_text(made) else None
    answer = _book_at_once(
        session, req, booking=booking, event=event, text=text, now=now, policy=policy,
        service=service,
    )  # fmt: skip
    if answer is not None:
        if answer.booked:
            return made
        settled = _when_full(
            session, req, answer, key=key, digest=digest, group=service.group, now=now,
            policy=policy,
        )  # fmt: skip
        if settled is not None:
            return settled
    center_id, slot_id = _place(session, req, now, policy, service)
    booking |= {"center_id": center_id, "slot_id": slot_id}
    session.execute(take_and_write.INSERT_BOOKING, booking)
    session.execute(audit.INSERT, event)
    if text:
        session.execute(notices.OWE_BY_REFERENCE, notices.owe_params(reference, text, now))
    return replace(made, center_id=center_id)


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
    # The phone is checked as a phone (E.164 +81 and ten digits is twelve digits too).
    refuse_my_number(
        {
            "name": req.name,
            "kana": req.kana,
            "address": req.address,
            "idempotency_key": idempotency_key or "",
        }
    )
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
    # A retried key is looked up only when this try books nothing (on PostgreSQL the booking
    # statement itself says which booking holds the key): the unique key makes a twin fail.
    try:
        made = _book(
            session, req, reference=reference, now=now, actor=actor, policy=policy, key=key,
            digest=digest,
        )  # fmt: skip
        if not isinstance(made, BookingError):
            uow.commit()
    except (IntegrityError, SlotFull) as lost:
        uow.rollback()  # a twin request may have won the race: answer as it was answered
        return _after_lost_race(uow, req, key, digest, reference, lost, now)
    except BookingError:
        uow.rollback()
        if key and (done := _replay(session, key, digest)):
            return done  # refused now, but booked by an earlier try with this key
        raise
    if isinstance(made, BookingError):  # explained at once: no twin request to look for
        uow.rollback()
        raise made
    return made


def _still_holds(session: Session, person: str, service_code: str, now: datetime) -> bool:
    """True if the person's active booking of the procedure still counts (its day not over)."""
    booking = session.scalar(
        select(Booking).where(
            Booking.person_key == person,
            Booking.service_code == service_code,
            Booking.status == booking_life.ACTIVE,
        )
    )
    return booking is not None and not booking_life.appointment_passed(session, booking, now)


def _after_lost_race(
    uow: UnitOfWork,
    req: BookingRequest,
    key: str | None,
    digest: str | None,
    reference: str,
    lost: Exception,
    now: datetime,
) -> BookingDetails | None:
    """The same key's booking if a twin made it; None to draw another reference (also once the
    person's passed booking no longer counts); else the rule that refused it."""
    session = uow.session
    if key and (done := _replay(session, key, digest)):
        return done
    person = person_key(req)
    if person and session.scalar(
        select(Booking.id).where(
            Booking.person_key == person,
            Booking.service_code == req.service,
            Booking.status == booking_life.ACTIVE,
        )
    ):
        if booking_life.lapse_if_passed(
            session, person_key=person, service_code=req.service, now=now
        ):
            uow.commit()  # the passed booking is closed out: try again
            return None
        raise AlreadyBooked("There is already an active booking for this procedure") from lost
    if isinstance(lost, IntegrityError) and session.scalar(
        select(Booking.id).where(Booking.reference == reference)
    ):
        return None
    raise lost
