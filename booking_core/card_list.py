"""What an upload of the card-ready list would change, and withdrawing a card from the list.

An upload adds the cards not yet listed and updates the birth date, ward or ready date of a
listed card still at its ward; a card already on its way, at a centre or issued keeps what it
has (held). Staff see the plan before they confirm it. A withdrawn card can no longer be booked;
if its issuance booking is live, staff are told whom to call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import audit, custody
from booking_core.card_import import CardReadyRow, parse_card_ready_csv
from booking_core.db import UnitOfWork
from booking_core.models import CardReadyRecord, Ward
from booking_core.policy import Actor


@dataclass(frozen=True)
class CardListPlan:
    """The rows of an upload sorted by what they would do."""

    adds: list[CardReadyRow] = field(default_factory=list)
    updates: list[CardReadyRow] = field(default_factory=list)
    unchanged: int = 0
    held: list[CardReadyRow] = field(default_factory=list)  # differs, but the card has moved


def ward_ids(session: Session) -> dict[str, str]:
    """Ward names (as the list writes them) to ward ids."""
    return {w.name_ja: w.id for w in session.scalars(select(Ward))}


def parse(session: Session, data: bytes, now: datetime) -> list[CardReadyRow]:
    """The rows of an upload, or CardImportRejected with every error and its line."""
    return parse_card_ready_csv(data, known_wards=set(ward_ids(session)), today=now.date())


def plan(session: Session, rows: Iterable[CardReadyRow]) -> CardListPlan:
    """Sort the rows into adds, updates, unchanged and held against the list as it is."""
    rows = list(rows)
    wards = ward_ids(session)
    listed = {
        c.notice_number: c
        for c in session.scalars(
            select(CardReadyRecord).where(
                CardReadyRecord.notice_number.in_([r.notice_number for r in rows])
            )
        )
    }
    result = CardListPlan()
    unchanged = 0
    for row in rows:
        card = listed.get(row.notice_number)
        if card is None:
            result.adds.append(row)
        elif (card.birth_date, card.ward_id, card.ready_on) == (
            row.birth_date, wards[row.ward], row.ready_on,
        ):  # fmt: skip
            unchanged += 1
        elif card.status in custody.AT_THE_WARD:
            result.updates.append(row)
        else:
            result.held.append(row)
    return CardListPlan(result.adds, result.updates, unchanged, result.held)


def apply(session: Session, result: CardListPlan, import_id: int) -> None:
    """Write the plan's adds and updates (not committed)."""
    wards = ward_ids(session)
    session.add_all(
        CardReadyRecord(
            notice_number=r.notice_number, birth_date=r.birth_date, ward_id=wards[r.ward],
            ready_on=r.ready_on, import_id=import_id,
        )
        for r in result.adds
    )  # fmt: skip
    for row in result.updates:
        card = session.get(CardReadyRecord, row.notice_number)
        if card is not None:
            card.birth_date, card.ward_id = row.birth_date, wards[row.ward]
            card.ready_on, card.import_id = row.ready_on, import_id


def preview_card_list(uow: UnitOfWork, data: bytes, *, now: datetime, actor: Actor) -> CardListPlan:
    """What importing the file would do, changing nothing (the look is audited)."""
    with uow:
        session = uow.session
        result = plan(session, parse(session, data, now))
        audit.record(
            session, actor=actor, action="card_list.preview", entity="card_import",
            entity_id="preview", at=now, adds=len(result.adds), updates=len(result.updates),
        )  # fmt: skip
        uow.commit()
        return result


@dataclass(frozen=True)
class Withdrawn:
    """A card taken off the list, and whom to call if it had a live booking."""

    notice_number: str
    state: str
    booking_reference: str | None
    name: str
    phone: str | None


def withdraw_card(
    uow: UnitOfWork, *, notice_number: str, reason: str, now: datetime, actor: Actor
) -> Withdrawn:
    """Take a card still at its ward off the list; it can no longer be booked."""
    with uow:
        session = uow.session
        found = custody.card(session, notice_number)
        state = custody.record_move(session, found, "withdrawn", now=now, actor=actor,
                                    reason=reason[:200])  # fmt: skip
        booking = custody.card_booking(session, notice_number)
        if booking is not None:  # its name and number are shown: whom to call
            audit.record(session, actor=actor, action="booking.read", entity="booking",
                         entity_id=booking.reference, at=now, reason="card_withdrawn")  # fmt: skip
        uow.commit()
        if booking is None:
            return Withdrawn(notice_number, state, None, "", None)
        return Withdrawn(notice_number, state, booking.reference, booking.name, booking.phone)
