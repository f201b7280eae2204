"""Slot rows brought in line with the capacity plan (受付枠の反映): made where missing, moved to the
plan's figure where they exist, never below what is already booked.

A slot row holds the plan as it was when the row was made (booking_core.slots makes a day's
rows at its first booking). When an administrator saves or removes a plan, the rows of its
period must follow it, or a booking would still find the old figure on the one-statement path.
Ad hoc closures are not applied here: they are a layer of their own, checked on every booking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from booking_core import directory
from booking_core.calendar import centre_day
from booking_core.capacity import BandMemo, OverrideLike, TemplateLike, day_bands, is_planned
from booking_core.models import Slot

INSERT_CHUNK = 1_000  # rows per INSERT: well under SQLite's limit of bound parameters


@dataclass(frozen=True)
class SlotConflict:
    """A band already holding more people than the plan now gives it (kept, never cut)."""

    center_id: str
    group: str
    day: date
    start: time
    booked: int
    places: int


@dataclass(frozen=True)
class SyncResult:
    """What bringing the rows in line did."""

    made: int
    updated: int
    conflicts: tuple[SlotConflict, ...]


def planned_places(
    center_id: str,
    day: date,
    templates: Iterable[TemplateLike],
    overrides: Iterable[OverrideLike],
    memo: BandMemo,
) -> dict[time, int]:
    """A day's places by band as the plan gives them (nothing when no plan covers the day)."""
    listed = list(templates)
    if not is_planned(listed, day):
        return {}
    bands = day_bands(centre_day(center_id, day), listed, overrides, memo=memo)
    return {b.start: b.places for b in bands}


def _rows(
    session: Session, center_id: str, group: str, start: date, end: date
) -> dict[tuple[date, time], tuple[int, int, int]]:
    query = select(Slot.day, Slot.start, Slot.id, Slot.capacity, Slot.booked).where(
        Slot.center_id == center_id, Slot.group == group, Slot.day >= start, Slot.day <= end
    )
    return {(d, s): (i, cap, booked) for d, s, i, cap, booked in session.execute(query)}


def conflicts(
    session: Session,
    center_id: str,
    group: str,
    start: date,
    end: date,
    templates: list[TemplateLike],
) -> list[SlotConflict]:
    """Bands that hold more people than `templates` (a plan not yet saved) would give them."""
    overrides = directory.overrides(session, center_id, group, start, end)
    booked_rows = session.execute(
        select(Slot.day, Slot.start, Slot.booked).where(
            Slot.center_id == center_id, Slot.group == group, Slot.day >= start,
            Slot.day <= end, Slot.booked > 0,
        ).order_by(Slot.day, Slot.start)
    ).all()  # fmt: skip
    memo: BandMemo = {}
    found = []
    for day, band, booked in booked_rows:
        places = planned_places(center_id, day, templates, overrides, memo).get(band, 0)
        if booked > places:
            found.append(SlotConflict(center_id, group, day, band, booked, places))
    return found


def sync(session: Session, center_id: str, group: str, start: date, end: date) -> SyncResult:
    """Make and update the rows of every day from start to end to the plan as saved now."""
    templates: list[TemplateLike] = list(directory.templates(session, center_id, group, start, end))
    overrides = directory.overrides(session, center_id, group, start, end)
    rows = _rows(session, center_id, group, start, end)
    memo: BandMemo = {}
    wanted: dict[tuple[date, time], int] = {}
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        for band, places in planned_places(center_id, day, templates, overrides, memo).items():
            wanted[(day, band)] = places
    missing = [
        {"center_id": center_id, "group": group, "day": d, "start": s, "capacity": p, "booked": 0}
        for (d, s), p in wanted.items()
        if (d, s) not in rows
    ]
    _insert(session, missing)
    changes: list[dict[str, object]] = []
    found = []
    for (day, band), (slot_id, capacity, booked) in rows.items():
        places = wanted.get((day, band), 0)  # a band the plan no longer has takes no one new
        if capacity != max(places, booked):
            changes.append({"s_id": slot_id, "s_places": places})
        if booked > places:
            found.append(SlotConflict(center_id, group, day, band, booked, places))
    _update(session, changes)
    return SyncResult(len(missing), len(changes), tuple(sorted(found, key=_when)))


def _when(c: SlotConflict) -> tuple[date, time]:
    return c.day, c.start


def _insert(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert rows, leaving alone any a booking made meanwhile (ON CONFLICT DO NOTHING)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for at in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[at : at + INSERT_CHUNK]
        session.execute(insert(Slot).values(chunk).on_conflict_do_nothing())


# The new figure where it holds everyone booked, else exactly those booked: two conditional
# statements, so a booking taken between the read and the write is never cut off.
_TO_PLACES = (
    update(Slot)
    .where(Slot.id == bindparam("s_id"), Slot.booked <= bindparam("s_places"))
    .values(capacity=bindparam("s_places"))
)
_TO_BOOKED = (
    update(Slot)
    .where(Slot.id == bindparam("s_id"), Slot.booked > bindparam("s_places"))
    .values(capacity=Slot.booked)
)


def _update(session: Session, changes: list[dict[str, object]]) -> None:
    if not changes:
        return
    connection = session.connection()
    connection.execute(_TO_PLACES, changes)
    connection.execute(_TO_BOOKED, changes)
