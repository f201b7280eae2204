"""The common booking at once: take the place, write the booking, its audit event and its text.

For a band whose slot row exists and has room, on a day without any closure. On PostgreSQL it
is one statement (data-modifying CTEs), sent alone in autocommit when the unit of work has read
nothing before it; on SQLite three or four. The text a mobile is owed (booking_core.notices) is
written by the same statement, so it commits with the booking or not at all. When the statement
takes nothing it also says why, as the database saw it then: the places left, a closure that
day, a booking already made with the request's idempotency key or for the same person. So a
full band is answered without a second look, and only the unclear cases (no slot row yet, a
closure, a race lost) run every check one by one in bookings.py. Capacity is held the same way
either way: the conditional UPDATE and the CHECK constraint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import (
    Boolean,
    Engine,
    Select,
    Table,
    bindparam,
    case,
    exists,
    func,
    insert,
    literal,
    literal_column,
    null,
    select,
)
from sqlalchemy.orm import Session

from booking_core import audit, notices, slots
from booking_core.db import DriverStatement
from booking_core.models import Booking

BOOKINGS: Table = Booking.__table__  # type: ignore[assignment]
INSERT_BOOKING = insert(BOOKINGS)
# Columns a new booking is given (slot_id comes from the slot taken; the rest have defaults).
BOOKING_COLUMNS = tuple(
    c.name
    for c in BOOKINGS.c
    if c.name
    not in {
        "id",
        "slot_id",
        "version",
        "cancelled_at",
        "checked_in_at",
        "late",
        "completed_at",
        "no_show_at",
        "anonymised_at",
    }
)
EVENT_COLUMNS = ("at", "actor", "action", "entity", "channel", "detail")


# GENERIC_PLANS: PostgreSQL plans a prepared statement once (a generic plan) only if that plan
# looks as cheap as planning it for each call's values. Constants in conditions are written into
# the SQL, not bound: with 'active' bound, the generic plan could not use the partial index of
# active bookings, so every booking paid for planning this statement afresh (about a third of
# its time in the database).
def _take_write_and_record() -> Select[tuple[int, int | None, bool, str | None, bool]]:
    """UPDATE slot ... RETURNING id, INSERT booking from it, INSERT its audit event from that,
    (when nt_owed) INSERT the text it owes; then one row: booked (0 or 1) and, for when it is 0,
    why: places left, a closure that day, the digest of the key's booking, the person booked."""
    taken = slots.TAKE_OPEN_BAND.cte("taken")
    booking_values = {n: bindparam(f"bk_{n}", type_=BOOKINGS.c[n].type) for n in BOOKING_COLUMNS}
    first_version = literal(1, type_=BOOKINGS.c.version.type)  # the model's default
    made = (
        insert(BOOKINGS)
        .from_select(
            [*BOOKING_COLUMNS, "slot_id", "version"],
            select(*booking_values.values(), taken.c.id, first_version),
            include_defaults=False,
        )
        .returning(BOOKINGS.c.id, BOOKINGS.c.reference)
        .cte("made")
    )
    owed = notices.owe_from(made.c.id, bindparam("nt_owed", type_=Boolean())).cte("owed")
    events = audit.EVENTS
    event_values = [bindparam(f"ev_{n}", type_=events.c[n].type) for n in EVENT_COLUMNS]
    recorded = (
        insert(events)
        .from_select(
            [*EVENT_COLUMNS, "entity_id"],
            select(*event_values, made.c.reference),
            include_defaults=False,
        )
        .returning(events.c.id)
        .cte("recorded")
    )
    # Each part below reads the database as it was when the statement began (before the take).
    key_digest = select(BOOKINGS.c.request_digest).where(
        BOOKINGS.c.idempotency_key == booking_values["idempotency_key"]
    )
    person_booked = exists().where(
        BOOKINGS.c.service_code == booking_values["service_code"],
        BOOKINGS.c.person_key == booking_values["person_key"],
        BOOKINGS.c.status == literal_column("'active'"),  # as text: see GENERIC_PLANS
    )
    booked = select(func.count()).select_from(recorded).scalar_subquery()

    def unless_booked(why: Any) -> Any:  # PostgreSQL runs the subquery only when it is asked
        return case((booked == literal_column("0"), why), else_=null())

    return select(
        booked,
        unless_booked(slots.PLACES_LEFT),
        unless_booked(slots.ANY_CLOSURE_THAT_DAY),
        unless_booked(key_digest.scalar_subquery()),
        unless_booked(person_booked),
    ).add_cte(owed)  # referenced by nothing: PostgreSQL runs a data-modifying CTE regardless


@dataclass(frozen=True)
class TakeAnswer:
    """What the one-statement path did; when it booked nothing, what the database said why.

    Unknown (None) on SQLite, whose separate statements (band, booking, event, text) do not ask.
    """

    booked: bool
    places_left: int | None = None  # None: no slot row for the band (yet), or not asked
    closed: bool | None = None  # some closure that day
    key_digest: str | None = None  # the request digest of the booking the key already made
    person_booked: bool | None = None  # the person already holds this procedure

    def full_for(self, places: int) -> bool:
        """True when the band plainly had too few places: its row exists, no closure that day."""
        left = self.places_left
        return self.closed is False and left is not None and left < places


TAKE_WRITE_AND_RECORD = _take_write_and_record()


TAKE_WRITE_AND_RECORD_AT_ONCE = DriverStatement(TAKE_WRITE_AND_RECORD)


def book_open_band(
    session: Session,
    *,
    band: tuple[str, str, date, time],
    places: int,
    booking: dict[str, Any],
    event: dict[str, Any],
    text: str | None,
) -> TakeAnswer:
    """Take `places` in the band (centre, group, day, start) and write the rows, or say why not.

    `booking` holds BOOKING_COLUMNS, `event` audit.event_row() for the booking's reference,
    `text` the kind of text the booking owes (None: no text can go).
    """
    center_id, group, day, start = band
    if session.get_bind().dialect.name != "postgresql":
        slot_id = slots.take_open_band(session, center_id, group, day, start, places)
        if slot_id is None:
            return TakeAnswer(booked=False)
        session.execute(INSERT_BOOKING, {**booking, "slot_id": slot_id})
        session.execute(audit.INSERT, event)
        if text:
            owed = notices.owe_params(booking["reference"], text, booking["created_at"])
            session.execute(notices.OWE_BY_REFERENCE, owed)
        return TakeAnswer(booked=True)
    params = {f"bk_{n}": booking[n] for n in BOOKING_COLUMNS}
    params |= {f"ev_{n}": event[n] for n in EVENT_COLUMNS}
    params |= {"nt_kind": text or "", "nt_at": booking["created_at"], "nt_owed": bool(text)}
    params |= slots.band_params(center_id, group, day, start, places)
    bind = session.get_bind()
    if session.in_transaction() or not isinstance(bind, Engine):
        [row] = TAKE_WRITE_AND_RECORD_AT_ONCE.rows(session.connection(), params)
    else:
        # Nothing read in this unit of work yet, and the statement is atomic by itself: it runs
        # alone in autocommit, which spares the BEGIN and COMMIT round trips. The caller's
        # commit then has nothing left to do; a failure (duplicate, no room) left nothing behind.
        with bind.connect() as connection:
            alone = connection.execution_options(isolation_level="AUTOCOMMIT")
            [row] = TAKE_WRITE_AND_RECORD_AT_ONCE.rows(alone, params)
    booked, left, closed, digest, person = row
    return TakeAnswer(bool(booked), left, bool(closed), digest, bool(person))
