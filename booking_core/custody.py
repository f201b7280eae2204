"""A card's custody (カードの保管・輸送): where each card on the ready list is and who moved it.

    at_ward ─picked_up─▶ in_transit ─received─▶ at_centre ─issued─▶ issued
       ▲                                               │
       │ (picked up again)                             ╰─return_packed─▶ in_return
    back_at_ward ◀─returned──────────────────────────────────────────────────╯
    (at_ward or back_at_ward ─withdrawn─▶ withdrawn: taken off the ready list)

A home issuance (訪問交付) takes the card from its ward to the visit team, then to the resident:
    at_ward | back_at_ward ─handed_to_team─▶ with_team ─issued_at_home─▶ issued
                                               ╰─team_returned─▶ back_at_ward

EVENTS is the whole table. `record_move` applies one event: a conditional UPDATE on the state
the card was read in (two couriers cannot both pick it up), a custody event row with who, when
and where, and an audit event. `issued` is applied only by the counter's completion of the
card's booking (booking_core.booking_life), never on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from booking_core import audit, directory
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError, NotFound
from booking_core.models import Booking, CardCustodyEvent, CardReadyRecord
from booking_core.policy import Actor

AT_WARD, IN_TRANSIT, AT_CENTRE, ISSUED = "at_ward", "in_transit", "at_centre", "issued"
IN_RETURN, BACK_AT_WARD, WITHDRAWN = "in_return", "back_at_ward", "withdrawn"
WITH_TEAM = "with_team"  # carried by a home-visit team (booking_core.visit_cards)
STATES = (AT_WARD, IN_TRANSIT, AT_CENTRE, ISSUED, IN_RETURN, BACK_AT_WARD, WITHDRAWN, WITH_TEAM)
# event -> (the states it may start from, the state it leads to)
EVENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "picked_up": ((AT_WARD, BACK_AT_WARD), IN_TRANSIT),
    "received": ((IN_TRANSIT,), AT_CENTRE),
    "issued": ((AT_CENTRE,), ISSUED),
    "return_packed": ((AT_CENTRE,), IN_RETURN),
    "returned": ((IN_RETURN,), BACK_AT_WARD),
    "withdrawn": ((AT_WARD, BACK_AT_WARD), WITHDRAWN),  # taken off the ready list
    "handed_to_team": ((AT_WARD, BACK_AT_WARD), WITH_TEAM),  # 訪問交付: the ward to the team
    "issued_at_home": ((WITH_TEAM,), ISSUED),  # only by a home visit's outcome "done"
    "team_returned": ((WITH_TEAM,), BACK_AT_WARD),  # the visit did not hand it over
}
BOOKABLE = (AT_WARD, IN_TRANSIT, AT_CENTRE, BACK_AT_WARD)  # a card that can still be booked
AT_THE_WARD = (AT_WARD, BACK_AT_WARD)  # a card a transport must still carry


class CustodyRefused(BookingError):
    """An event the card's custody does not allow now; `state` is where the card is."""

    code = "custody_refused"

    def __init__(self, state: str, message: str = "") -> None:
        super().__init__(message or f"Not allowed while the card is {state}")
        self.state = state


@dataclass(frozen=True)
class CustodyEvent:
    """One move of a card: what, when, by whom, where."""

    event: str
    at: datetime
    by: str
    place: str


@dataclass(frozen=True)
class CardCustody:
    """A card's state now and every move so far."""

    notice_number: str
    state: str
    ward_id: str
    events: list[CustodyEvent]


def card(session: Session, notice_number: str) -> CardReadyRecord:
    """The card on the ready list, or NotFound."""
    found = session.get(CardReadyRecord, notice_number)
    if found is None:
        raise NotFound("No card with that notice number on the ready list")
    return found


def card_booking(session: Session, notice_number: str) -> Booking | None:
    """The card's live issuance booking (active or checked in), if any."""
    return session.scalar(
        select(Booking).where(
            Booking.notice_number == notice_number,
            Booking.service_code == "issue",
            Booking.status.in_(("active", "checked_in")),
        )
    )


def received_at(session: Session, notice_number: str) -> str | None:
    """The centre that last received the card."""
    return session.scalar(
        select(CardCustodyEvent.place)
        .where(
            CardCustodyEvent.notice_number == notice_number, CardCustodyEvent.to_state == AT_CENTRE
        )
        .order_by(CardCustodyEvent.id.desc())
        .limit(1)
    )


def _place(session: Session, found: CardReadyRecord, to: str, now: datetime) -> str:
    """Where the move happens: the ward office, or the centre that will issue the card."""
    if to in (IN_TRANSIT, BACK_AT_WARD, WITHDRAWN):
        return found.ward_id
    booking = card_booking(session, found.notice_number)
    if booking is not None:
        return booking.center_id
    return directory.serving_center(session, found.ward_id, now.date()) or ""


def record_move(
    session: Session,
    found: CardReadyRecord,
    event: str,
    *,
    now: datetime,
    actor: Actor,
    place: str | None = None,
    **detail: Any,
) -> str:
    """Apply one custody event to the card as read (not committed); the new state. `detail`
    goes into the audit event (the checks made before issuance); `place` names where the move
    happens when it is not a ward or centre (a home-visit team)."""
    if event not in EVENTS:
        raise CustodyRefused(found.status, f"Unknown custody event {event}")
    starts, to = EVENTS[event]
    if found.status not in starts:
        raise CustodyRefused(found.status)
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(CardReadyRecord)
        .where(
            CardReadyRecord.notice_number == found.notice_number,
            CardReadyRecord.status == found.status,
        )
        .values(status=to, **({"carried_on": now.date()} if event == "picked_up" else {}))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # another courier or counter moved it first
        session.refresh(found)
        raise CustodyRefused(found.status)
    place = place or _place(session, found, to, now)
    session.add(
        CardCustodyEvent(
            notice_number=found.notice_number, event=event, from_state=found.status,
            to_state=to, at=now, actor=actor.label, place=place,
        )
    )  # fmt: skip
    audit.record(
        session, actor=actor, action=f"card.{event}", entity="card",
        entity_id=found.notice_number, at=now, place=place, **detail,
    )  # fmt: skip
    return to


def custody_of(uow: UnitOfWork, *, notice_number: str, now: datetime, actor: Actor) -> CardCustody:
    """A card's state and its moves, oldest first (the read is audited)."""
    with uow:
        session = uow.session
        found = card(session, notice_number)
        rows = session.scalars(
            select(CardCustodyEvent)
            .where(CardCustodyEvent.notice_number == notice_number)
            .order_by(CardCustodyEvent.id)
        ).all()
        events = [CustodyEvent(r.event, r.at, r.actor, r.place) for r in rows]
        audit.record(
            session, actor=actor, action="card.custody_read", entity="card",
            entity_id=notice_number, at=now,
        )  # fmt: skip
        custody = CardCustody(found.notice_number, found.status, found.ward_id, events)
        uow.commit()
        return custody


def day_figures(session: Session, day: date) -> dict[str, dict[str, int]]:
    """Per centre: cards received, issued and packed for return on the day, and in its safe now."""
    start = datetime.combine(day, time(0), TOKYO)
    moves = session.execute(
        select(CardCustodyEvent.place, CardCustodyEvent.event, func.count())
        .where(CardCustodyEvent.at >= start, CardCustodyEvent.at < start + timedelta(days=1))
        .group_by(CardCustodyEvent.place, CardCustodyEvent.event)
    ).all()
    safe = session.execute(
        select(CardCustodyEvent.place, func.count(func.distinct(CardReadyRecord.notice_number)))
        .join(CardReadyRecord, CardReadyRecord.notice_number == CardCustodyEvent.notice_number)
        .where(CardReadyRecord.status == AT_CENTRE, CardCustodyEvent.to_state == AT_CENTRE)
        .group_by(CardCustodyEvent.place)
    ).all()
    figures: dict[str, dict[str, int]] = {}
    for place, event, count in moves:
        figures.setdefault(place, {})[event] = count
    for place, count in safe:
        figures.setdefault(place, {})["in_safe"] = count
    return figures
