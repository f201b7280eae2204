"""What an agent sees of a resident: the screen pop of a caller's number, searches (audited)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from booking_core import audit, directory, notices
from booking_core.bookings import BookingDetails
from booking_core.cards import earliest_issue_day
from booking_core.db import UnitOfWork
from booking_core.identifiers import mask_phone
from booking_core.models import Booking, CardReadyRecord
from booking_core.policy import Actor, Policy

MAX_BOOKINGS = 20


@dataclass(frozen=True)
class CardRecord:
    """A card on the ready list as an agent sees it: where it is and from when it can be issued."""

    notice_number: str
    birth_date: date
    ward_id: str
    ready_on: date
    status: str
    center_id: str | None
    earliest_day: date


@dataclass(frozen=True)
class StaffFindings:
    """Bookings and card records found for one phone number or search."""

    bookings: tuple[BookingDetails, ...]
    cards: tuple[CardRecord, ...]
    texts: dict[str, tuple[notices.TextState, ...]] = field(default_factory=dict)  # by reference


def _card(session: Session, card: CardReadyRecord, now: datetime, policy: Policy) -> CardRecord:
    first = earliest_issue_day(card.ready_on, now, policy.manifest_cutoff)
    centre = directory.serving_center(session, card.ward_id, first)
    return CardRecord(
        card.notice_number, card.birth_date, card.ward_id, card.ready_on, card.status, centre, first
    )


def _findings(
    session: Session,
    bookings: list[Booking],
    cards: list[CardReadyRecord],
    *,
    actor: Actor,
    now: datetime,
    policy: Policy,
    reason: str,
) -> StaffFindings:
    """Audit every record shown, then copy them into plain values."""
    for b in bookings:
        audit.record(
            session,
            actor=actor,
            action="booking.read",
            entity="booking",
            entity_id=b.reference,
            at=now,
            reason=reason,
        )
    for c in cards:
        audit.record(
            session,
            actor=actor,
            action="card.read",
            entity="card_ready",
            entity_id=c.notice_number,
            at=now,
            reason=reason,
        )
    texts = notices.texts_of(session, (b.id for b in bookings))
    return StaffFindings(
        tuple(BookingDetails.of(b) for b in bookings),
        tuple(_card(session, c, now, policy) for c in cards),
        {b.reference: texts[b.id] for b in bookings if b.id in texts},
    )


def _cards_for(
    session: Session, bookings: list[Booking], extra: str | None
) -> list[CardReadyRecord]:
    numbers = {b.notice_number for b in bookings if b.notice_number}
    if extra:
        numbers.add(extra)
    if not numbers:
        return []
    query = select(CardReadyRecord).where(CardReadyRecord.notice_number.in_(sorted(numbers)))
    return list(session.scalars(query.order_by(CardReadyRecord.notice_number)))


def _recent(condition: ColumnElement[bool]) -> Select[Booking]:
    """The newest bookings matching a condition, active ones first."""
    return (
        select(Booking)
        .where(condition)
        .order_by(Booking.status, Booking.day.desc(), Booking.start.desc())
        .limit(MAX_BOOKINGS)
    )


def caller_records(
    uow: UnitOfWork, *, phone: str, now: datetime, actor: Actor, policy: Policy
) -> StaffFindings:
    """Screen pop (着信ポップアップ): the caller's bookings and card records, each read audited."""
    with uow:
        session = uow.session
        bookings = list(session.scalars(_recent(Booking.phone == phone)))
        cards = _cards_for(session, bookings, None)
        found = _findings(
            session, bookings, cards, actor=actor, now=now, policy=policy, reason="screen_pop"
        )
        audit.record(
            session,
            actor=actor,
            action="caller.lookup",
            entity="phone",
            entity_id=mask_phone(phone),
            at=now,
            found=len(bookings),
        )
        uow.commit()
        return found


def search(
    uow: UnitOfWork,
    *,
    reference: str | None = None,
    notice_number: str | None = None,
    now: datetime,
    actor: Actor,
    policy: Policy,
) -> StaffFindings:
    """An agent's search by booking reference or notice number (every record shown audited)."""
    conditions = []
    if reference:
        conditions.append(Booking.reference == reference)
    if notice_number:
        conditions.append(Booking.notice_number == notice_number)
    if not conditions:
        return StaffFindings((), ())
    with uow:
        session = uow.session
        bookings = list(session.scalars(_recent(or_(*conditions))))
        cards = _cards_for(session, bookings, notice_number)
        found = _findings(
            session, bookings, cards, actor=actor, now=now, policy=policy, reason="search"
        )
        uow.commit()
        return found


def record_number_views(
    uow: UnitOfWork, *, phones: list[str], now: datetime, actor: Actor, reason: str
) -> None:
    """Audit that a member of staff was shown these residents' numbers (e.g. callback lists)."""
    if not phones:
        return
    with uow:
        for phone in phones:
            audit.record(
                uow.session,
                actor=actor,
                action="phone.read",
                entity="phone",
                entity_id=mask_phone(phone),
                at=now,
                reason=reason,
            )
        uow.commit()
