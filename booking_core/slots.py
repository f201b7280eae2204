"""Slot rows and the atomic conditional updates that hold capacity (never oversold)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy import CursorResult, Table, bindparam, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from booking_core import directory
from booking_core.calendar import centre_day
from booking_core.capacity import day_bands, is_planned
from booking_core.models import ClosureRecord, Slot

_SLOT: Table = Slot.__table__  # type: ignore[assignment]
_CLOSURE: Table = ClosureRecord.__table__  # type: ignore[assignment]
# Built once (Core, not ORM): the hot path of every booking. The band by its natural key, and
# "some closure that day" (any centre, whole or part of the day), by band_params() parameters.
BAND = (
    _SLOT.c.center_id == bindparam("b_center"),
    _SLOT.c.group == bindparam("b_group"),
    _SLOT.c.day == bindparam("b_day"),
    _SLOT.c.start == bindparam("b_start"),
)
ANY_CLOSURE_THAT_DAY = exists().where(_CLOSURE.c.day == bindparam("b_day"))
PLACES_LEFT = select(_SLOT.c.capacity - _SLOT.c.booked).where(*BAND).scalar_subquery()
TAKE_OPEN_BAND = (
    update(_SLOT)
    .where(
        *BAND,
        _SLOT.c.booked + bindparam("b_places") <= _SLOT.c.capacity,
        ~ANY_CLOSURE_THAT_DAY,
    )
    .values(booked=_SLOT.c.booked + bindparam("b_places"))
    .returning(_SLOT.c.id)
)


def day_places(session: Session, center_id: str, group: str, day: date) -> dict[time, int]:
    """The places of each bookable band of a centre's day for a group, from the capacity plan."""
    hours = centre_day(center_id, day, directory.closures(session, day, day))
    bands = day_bands(
        hours,
        directory.templates(session, center_id, group, day, day),
        directory.overrides(session, center_id, group, day, day),
    )
    return {b.start: b.places for b in bands if b.places > 0}


def planned(session: Session, center_id: str, group: str, day: date) -> bool:
    """True when a capacity plan of the centre and group covers the day (else not yet open)."""
    return is_planned(directory.templates(session, center_id, group, day, day), day)


def ensure(session: Session, center_id: str, group: str, day: date, start: time) -> int | None:
    """The id of a band's slot row, creating it from the capacity plan; None if no such band."""
    band = (Slot.center_id == center_id, Slot.group == group, Slot.day == day, Slot.start == start)
    found = session.scalar(select(Slot.id).where(*band))
    if found is not None or not _create(session, center_id, group, day, start):
        return found
    return session.scalar(select(Slot.id).where(*band))


def _create(session: Session, center_id: str, group: str, day: date, start: time) -> bool:
    """Insert the rows of the band's whole day from the capacity plan (rows already there stay
    as they are); False if the plan has no such band.

    A day's rows are made together, at its first booking, so each later band of that day is
    booked by the one-statement path instead of working out the plan again. A row holds the
    plan as it was when made; administrators' overrides update rows that exist (admin.py).
    """
    places = day_places(session, center_id, group, day)
    if start not in places:
        return False
    rows = [
        {"center_id": center_id, "group": group, "day": day, "start": band_start,
         "capacity": band_places, "booked": 0}
        for band_start, band_places in sorted(places.items())
    ]  # fmt: skip
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(Slot).values(rows).on_conflict_do_nothing())
    return True


def take(session: Session, slot_id: int, places: int) -> bool:
    """Take places only if they fit: one conditional UPDATE, so two takers cannot both win."""
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(Slot)
        .where(Slot.id == slot_id, Slot.booked + places <= Slot.capacity)
        .values(booked=Slot.booked + places)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def take_band(
    session: Session, center_id: str, group: str, day: date, start: time, places: int
) -> int | None:
    """Take places in a band by its natural key (creating its row on first use); None if full."""
    band = (Slot.center_id == center_id, Slot.group == group, Slot.day == day, Slot.start == start)
    statement = (
        update(Slot)
        .where(*band, Slot.booked + places <= Slot.capacity)
        .values(booked=Slot.booked + places)
        .returning(Slot.id)
        .execution_options(synchronize_session=False)
    )
    taken = session.scalar(statement)
    if taken is not None:
        return taken
    exists_now = session.scalar(select(Slot.id).where(*band)) is not None
    if not exists_now and not _create(session, center_id, group, day, start):
        return None  # no such band in the plan
    # Once more: the row is made now, or a twin made it and committed after the first try
    # (each statement sees what is committed when it starts); no row back is a full band.
    return session.scalar(statement)


def take_open_band(
    session: Session, center_id: str, group: str, day: date, start: time, places: int
) -> int | None:
    """take_band's common case in one statement: the row exists, has room, no closure that day.

    None says nothing (full, no row yet, a closure somewhere that day): ask take_band and the
    closure rules.
    """
    params = band_params(center_id, group, day, start, places)
    return session.execute(TAKE_OPEN_BAND, params).scalar()


def band_params(
    center_id: str, group: str, day: date, start: time, places: int
) -> dict[str, object]:
    """The parameters of TAKE_OPEN_BAND."""
    band = {"b_center": center_id, "b_group": group, "b_day": day, "b_start": start}
    return {**band, "b_places": places}


def release(session: Session, slot_id: int, places: int) -> None:
    """Give places back."""
    session.execute(
        update(Slot)
        .where(Slot.id == slot_id)
        .values(booked=Slot.booked - places)
        .execution_options(synchronize_session=False)
    )


def move(session: Session, old_id: int, new_id: int, places: int) -> bool:
    """Take the new places and give back the old ones in one transaction, locking in id order."""
    if new_id < old_id:
        if not take(session, new_id, places):
            return False
        release(session, old_id, places)
        return True
    release(session, old_id, places)
    return take(session, new_id, places)
