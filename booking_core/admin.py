"""Administrators' changes to the plan: ad hoc closures and one-day capacity overrides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from booking_core import audit, directory, notices
from booking_core.calendar import CALL_CENTRE, Closure
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors, InvalidRequest
from booking_core.models import Booking, CapacityOverride, ClosureRecord, Slot
from booking_core.policy import Actor
from booking_core.reference_cache import REFERENCE_CACHE


@dataclass(frozen=True)
class ClosureResult:
    """A closure recorded, and the bookings it hits (to be told and rebooked)."""

    closure_id: int
    affected_references: tuple[str, ...]
    notified: int = 0  # messages owed to the affected residents (texts and calls)


def _check_closure(
    session: Session, center_id: str | None, start: time | None, end: time | None
) -> None:
    errors = FieldErrors()
    if center_id not in (None, CALL_CENTRE):
        try:
            directory.center(session, center_id)
        except InvalidRequest:
            errors.add("center", "unknown_center")
    if (start is None) != (end is None) or (start and end and start >= end):
        errors.add("start", "bad_time_range")
    errors.raise_if_any()


def _hit_bookings(session: Session, closure: Closure) -> list[str]:
    if closure.center_id == CALL_CENTRE:
        return []
    query = select(Booking.reference, Booking.start, Booking.center_id).where(
        Booking.day == closure.day, Booking.status == "active"
    )
    if closure.center_id is not None:
        query = query.where(Booking.center_id == closure.center_id)
    return [
        ref
        for ref, start, center_id in session.execute(query)
        if closure.covers(center_id, closure.day, start)
    ]


def add_closure(
    uow: UnitOfWork,
    *,
    center_id: str | None,
    day: date,
    start: time | None = None,
    end: time | None = None,
    note: str = "",
    now: datetime,
    actor: Actor,
    notify: bool = False,
) -> ClosureResult:
    """Close a centre (or all, or the call centre) for a day or part of one; with `notify`, each
    booking it hits owes its resident a text asking them to move it (the outbox sends it)."""
    with uow:
        session = uow.session
        _check_closure(session, center_id, start, end)
        record = ClosureRecord(
            center_id=center_id, day=day, start=start, end=end, note=note, created_at=now
        )
        session.add(record)
        session.flush()
        hit = _hit_bookings(session, Closure(day, center_id, start, end, note))
        audit.record(
            session,
            actor=actor,
            action="closure.add",
            entity="closure",
            entity_id=record.id,
            at=now,
            bookings_hit=len(hit),
        )
        notified = _owe_closure_texts(session, record.id, hit, now) if notify else 0
        uow.commit()
    REFERENCE_CACHE.clear()  # the closures announced (schedule.closures_ahead) change now
    return ClosureResult(record.id, tuple(hit), notified)


def _owe_closure_texts(session: Session, closure_id: int, hit: list[str], now: datetime) -> int:
    """Owe a closure message to each hit booking: a text to a mobile, a call to a landline (a
    hidden number hears nothing); how many."""
    rows = session.execute(
        select(Booking.id, Booking.phone).where(Booking.reference.in_(hit))
    ).all()
    owed = [
        (booking_id, notices.closure_kind(closure_id, channel))
        for booking_id, phone in rows
        if (channel := notices.reached_by(phone)) is not None
    ]
    return notices.owe_many(session, owed, now=now)


@dataclass(frozen=True)
class OverrideResult:
    """An override recorded; bands already holding more people than the new figure."""

    override_id: int
    over_booked_bands: tuple[time, ...]


def set_capacity_override(
    uow: UnitOfWork,
    *,
    center_id: str,
    group: str,
    day: date,
    band_start: time,
    band_end: time,
    places: int,
    now: datetime,
    actor: Actor,
    note: str = "",
) -> OverrideResult:
    """Change a day's places for a stretch of time; bookings already made are kept."""
    errors = FieldErrors()
    if places < 0:
        errors.add("places", "negative")
    if band_start >= band_end:
        errors.add("band_start", "bad_time_range")
    errors.raise_if_any()
    with uow:
        session = uow.session
        directory.center(session, center_id)
        override = CapacityOverride(
            center_id=center_id,
            group=group,
            day=day,
            band_start=band_start,
            band_end=band_end,
            places=places,
            note=note,
        )
        session.add(override)
        session.flush()
        in_range = (
            Slot.center_id == center_id,
            Slot.group == group,
            Slot.day == day,
            Slot.start >= band_start,
            Slot.start < band_end,
        )
        over = tuple(session.scalars(select(Slot.start).where(*in_range, Slot.booked > places)))
        # Existing slot rows take the new figure, but never below what is already booked.
        session.execute(
            update(Slot)
            .where(*in_range, Slot.booked <= places)
            .values(capacity=places)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(Slot)
            .where(*in_range, Slot.booked > places)
            .values(capacity=Slot.booked)
            .execution_options(synchronize_session=False)
        )
        audit.record(
            session,
            actor=actor,
            action="capacity.override",
            entity="capacity_override",
            entity_id=override.id,
            at=now,
            places=places,
        )
        uow.commit()
        return OverrideResult(override.id, over)


@dataclass(frozen=True)
class ClosureView:
    """A closure as administrators see it."""

    closure_id: int
    center_id: str | None  # None: every centre
    day: date
    start: time | None
    end: time | None
    note: str


def upcoming_closures(uow: UnitOfWork, *, from_day: date) -> list[ClosureView]:
    """The closures from a day on, soonest first."""
    with uow:
        rows = uow.session.scalars(
            select(ClosureRecord)
            .where(ClosureRecord.day >= from_day)
            .order_by(ClosureRecord.day, ClosureRecord.id)
        ).all()
        return [ClosureView(r.id, r.center_id, r.day, r.start, r.end, r.note) for r in rows]
