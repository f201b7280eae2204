"""The card-ready list (交付準備完了一覧) and what it allows: which centre, from which day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import audit, card_list, custody, directory, home_visits
from booking_core.calendar import TOKYO, earliest_transport_day
from booking_core.card_import import file_digest
from booking_core.db import UnitOfWork
from booking_core.errors import AlreadyBooked, CardNotReady, TransportTooLate, WrongCenter
from booking_core.models import CardImport, CardReadyRecord
from booking_core.policy import Actor, Policy
from booking_core.visit_models import HomeVisit


@dataclass(frozen=True)
class CardStatus:
    """Where a ready card is and the first day it can be issued at its centre."""

    notice_number: str
    ward_id: str
    center_id: str
    earliest_day: date


def _ready_card(session: Session, notice_number: str, birth_date: date) -> CardReadyRecord:
    card = session.get(CardReadyRecord, notice_number)
    if card is None or card.birth_date != birth_date or card.status not in custody.BOOKABLE:
        raise CardNotReady("No card ready for that notice number and birth date")
    return card


def _to_be_issued_at_home(session: Session, notice_number: str) -> bool:
    """True while an open home-visit request will hand this card over (訪問交付)."""
    return (
        session.scalar(
            select(HomeVisit.id).where(
                HomeVisit.notice_number == notice_number,
                HomeVisit.status.in_(home_visits.OPEN),
            )
        )
        is not None
    )


def earliest_issue_day(ready_on: date, now: datetime, cutoff: time) -> date:
    """The first day after a transport that can carry the card (on the list, before cut-off)."""
    ready_from = max(now.astimezone(TOKYO), datetime.combine(ready_on, time(0, 0), TOKYO))
    return earliest_transport_day(ready_from, cutoff) + timedelta(days=1)


def _first_issue_day(card: CardReadyRecord, now: datetime, cutoff: time) -> date:
    """A card still at its ward waits for a transport; one on its way or at the centre does not."""
    if card.status in custody.AT_THE_WARD:
        return earliest_issue_day(card.ready_on, now, cutoff)
    return now.astimezone(TOKYO).date()


def card_status(
    session: Session, *, notice_number: str, birth_date: date, now: datetime, policy: Policy
) -> CardStatus:
    """A ready card's centre (for today's ward mapping) and first possible issuance day."""
    card = _ready_card(session, notice_number, birth_date)
    first = _first_issue_day(card, now, policy.manifest_cutoff)
    center_id = directory.serving_center(session, card.ward_id, first)
    if center_id is None:
        raise CardNotReady("The card's ward has no serving centre")
    return CardStatus(card.notice_number, card.ward_id, center_id, first)


def check_issuance(
    session: Session,
    *,
    notice_number: str,
    birth_date: date,
    center_id: str | None,
    day: date,
    now: datetime,
    policy: Policy,
) -> str:
    """The centre for an issuance on `day`, or the rule it breaks (list, centre, transport)."""
    card = _ready_card(session, notice_number, birth_date)
    if _to_be_issued_at_home(session, notice_number):
        raise AlreadyBooked("The card is to be handed over at home")
    first = _first_issue_day(card, now, policy.manifest_cutoff)
    if day < first:
        raise TransportTooLate(first)
    serving = directory.serving_center(session, card.ward_id, day)
    if serving is None or (center_id is not None and center_id != serving):
        raise WrongCenter("The card is issued only at the centre serving its ward")
    return serving


def lookup_card(
    uow: UnitOfWork,
    *,
    notice_number: str,
    birth_date: date,
    now: datetime,
    actor: Actor,
    policy: Policy,
) -> CardStatus:
    """A resident or agent asks which centre will issue a card and from when (audited)."""
    with uow:
        status = card_status(
            uow.session, notice_number=notice_number, birth_date=birth_date, now=now, policy=policy
        )
        audit.record(
            uow.session,
            actor=actor,
            action="card.read",
            entity="card_ready",
            entity_id=notice_number,
            at=now,
        )
        uow.commit()
        return status


@dataclass(frozen=True)
class ImportResult:
    """What an upload did: rows added, updated, already there, or the whole file already seen."""

    added: int
    unchanged: int
    already_imported: bool
    updated: int = 0


def import_card_list(uow: UnitOfWork, data: bytes, *, now: datetime, actor: Actor) -> ImportResult:
    """Import the card-ready CSV (adds and updates, card_list.plan): a bad file is refused whole;
    the same file twice is a no-op."""
    digest = file_digest(data)
    with uow:
        session = uow.session
        if session.scalar(select(CardImport.id).where(CardImport.digest == digest)) is not None:
            return ImportResult(0, 0, already_imported=True)
        rows = card_list.parse(session, data, now)
        batch = CardImport(digest=digest, rows=len(rows), imported_at=now, imported_by=actor.label)
        session.add(batch)
        session.flush()
        planned = card_list.plan(session, rows)
        card_list.apply(session, planned, batch.id)
        added, updated = len(planned.adds), len(planned.updates)
        audit.record(
            session, actor=actor, action="card_list.import", entity="card_import",
            entity_id=batch.id, at=now, rows=len(rows), added=added, updated=updated,
        )  # fmt: skip
        uow.commit()
        return ImportResult(added, len(rows) - added - updated, False, updated)
