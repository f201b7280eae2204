"""Transport manifests (輸送リスト): which cards a courier carries from each ward office on a
transport day, and which unclaimed cards go back.

A card is on the manifest of transport day T when its issuance booking (active or checked in,
for a day after T) was made before T's cut-off (17:00 the ward business day before) while the
card was on the ready list, and the card is still at its ward; once picked up on T it stays on
T's manifest, so the list is fixed at the cut-off. A booking made after the cut-off waits for
the next transport day; if its day comes before that transport can arrive it is listed as late,
for staff to call the resident. Cards at a centre with no live booking, or unclaimed for
`Policy.unclaimed_days`, are listed for return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from booking_core import audit, custody, directory
from booking_core.calendar import TOKYO, is_transport_day, manifest_cutoff
from booking_core.db import UnitOfWork
from booking_core.models import AuditEvent, Booking, CardReadyRecord, Ward
from booking_core.policy import Actor, Policy

LIVE = ("active", "checked_in")
Row = tuple[Booking, CardReadyRecord]


@dataclass(frozen=True)
class ManifestCard:
    """One card to carry, with the booking it is carried for."""

    notice_number: str
    booking_reference: str
    booking_date: date
    state: str


@dataclass(frozen=True)
class WardManifest:
    """The cards of one ward office for one transport day, and the centre they go to."""

    ward_id: str
    ward_name: str
    center_id: str
    cards: list[ManifestCard]


@dataclass(frozen=True)
class ReturnCard:
    """A card to send back to its ward, and why."""

    notice_number: str
    ward_id: str
    state: str
    reason: str  # "no_booking" (cancelled or missed, not rebooked) or "unclaimed"


@dataclass(frozen=True)
class Manifest:
    """A transport day's pick-ups by ward, the bookings that came too late, the returns."""

    day: date
    transport_day: bool
    cutoff: datetime
    wards: list[WardManifest]
    late: list[ManifestCard]
    returns: list[ReturnCard]
    off_manifest: list[str]  # notice numbers picked up that day though not on the manifest


def next_transport_day(day: date) -> date:
    """The first transport day after the day."""
    following = day + timedelta(days=1)
    while not is_transport_day(following):
        following += timedelta(days=1)
    return following


def _carried(row: Row, day: date, cutoff: datetime) -> bool:
    booking, card = row
    if card.carried_on == day:
        return True
    waiting = card.status in custody.AT_THE_WARD and card.ready_on <= cutoff.date()
    return waiting and booking.created_at <= cutoff and is_transport_day(day)


def _late(row: Row, cutoff: datetime, arrives: date) -> bool:
    """Booked after the cut-off for a day the next transport cannot reach in time."""
    booking, card = row
    after_cutoff = card.status in custody.AT_THE_WARD and booking.created_at > cutoff
    return after_cutoff and booking.day <= arrives


def _wards(rows: list[Row], names: dict[str, str]) -> list[WardManifest]:
    by_ward: dict[str, WardManifest] = {}
    for booking, card in sorted(rows, key=lambda r: (r[1].ward_id, r[0].day, r[1].notice_number)):
        ward = by_ward.setdefault(
            card.ward_id, WardManifest(card.ward_id, names[card.ward_id], booking.center_id, [])
        )
        ward.cards.append(_card(booking, card))
    return list(by_ward.values())


def _card(booking: Booking, card: CardReadyRecord) -> ManifestCard:
    return ManifestCard(card.notice_number, booking.reference, booking.day, card.status)


def _returns(session: Session, now: datetime, policy: Policy) -> list[ReturnCard]:
    live = select(Booking.notice_number).where(
        Booking.service_code == "issue", Booking.status.in_(LIVE), Booking.notice_number.isnot(None)
    )
    booked = set(session.scalars(live))
    stale = now.date() - timedelta(days=policy.unclaimed_days)
    cards = session.scalars(
        select(CardReadyRecord)
        .where(CardReadyRecord.status.in_((custody.AT_CENTRE, custody.IN_RETURN)))
        .order_by(CardReadyRecord.ward_id, CardReadyRecord.notice_number)
    ).all()
    returns = []
    for card in cards:
        if card.notice_number not in booked:
            returns.append(ReturnCard(card.notice_number, card.ward_id, card.status, "no_booking"))
        elif card.carried_on is not None and card.carried_on < stale:
            returns.append(ReturnCard(card.notice_number, card.ward_id, card.status, "unclaimed"))
    return returns


def _off_manifest(session: Session, day: date) -> list[str]:
    """The pick-ups of the day flagged as not on its manifest (hand_over audits them)."""
    start = datetime.combine(day, time(0), TOKYO)
    return list(
        session.scalars(
            select(AuditEvent.entity_id)
            .where(
                AuditEvent.action == "card.off_manifest",
                AuditEvent.at >= start,
                AuditEvent.at < start + timedelta(days=1),
            )
            .order_by(AuditEvent.id)
        )
    )


def place_names(uow: UnitOfWork) -> dict[str, str]:
    """Japanese names of the centres and ward offices by id (a manifest's places)."""
    with uow:
        names = {c.id: c.name_ja for c in directory.centers(uow.session)}
        return names | {w.id: w.name_ja for w in directory.wards(uow.session)}


def _rows(session: Session, day: date, *, notice_number: str | None = None) -> list[Row]:
    """Live issuance bookings after the day whose card is still at its ward or was carried
    that day (the only ones a manifest of the day can list); of one card when asked."""
    query = (
        select(Booking, CardReadyRecord)
        .join(CardReadyRecord, CardReadyRecord.notice_number == Booking.notice_number)
        .where(
            Booking.service_code == "issue",
            Booking.status.in_(LIVE),
            Booking.day > day,
            or_(
                CardReadyRecord.status.in_(custody.AT_THE_WARD),
                CardReadyRecord.carried_on == day,
            ),
        )
    )
    if notice_number is not None:
        query = query.where(CardReadyRecord.notice_number == notice_number)
    return [(booking, card) for booking, card in session.execute(query)]


def build(session: Session, *, day: date, now: datetime, policy: Policy) -> Manifest:
    """The manifest of a day (a day without transport lists nothing to carry)."""
    cutoff = manifest_cutoff(day, policy.manifest_cutoff)
    rows = _rows(session, day)
    names = {w.id: w.name_ja for w in session.scalars(select(Ward))}
    arrives = next_transport_day(day)  # a card on the next transport arrives that day
    transport = is_transport_day(day)
    return Manifest(
        day, transport, cutoff,
        _wards([r for r in rows if _carried(r, day, cutoff)], names),
        [_card(*r) for r in rows if transport and _late(r, cutoff, arrives)],
        _returns(session, now, policy),
        _off_manifest(session, day),
    )  # fmt: skip


def on_manifest(session: Session, notice_number: str, *, day: date, policy: Policy) -> bool:
    """True if the card is on the day's manifest (one card's rows, not the whole manifest)."""
    cutoff = manifest_cutoff(day, policy.manifest_cutoff)
    return any(_carried(r, day, cutoff) for r in _rows(session, day, notice_number=notice_number))


def transport_manifest(
    uow: UnitOfWork, *, day: date, now: datetime, actor: Actor, policy: Policy
) -> Manifest:
    """The manifest of a day, for couriers and staff (the read is audited)."""
    with uow:
        manifest = build(uow.session, day=day, now=now, policy=policy)
        audit.record(
            uow.session, actor=actor, action="manifest.read", entity="manifest",
            entity_id=day.isoformat(), at=now,
        )  # fmt: skip
        uow.commit()
    return manifest


@dataclass(frozen=True)
class HandOver:
    """A recorded hand-over: the card's new state, and whether today's manifest lacked it."""

    notice_number: str
    state: str
    off_manifest: bool


def hand_over(
    uow: UnitOfWork, *, notice_number: str, event: str, now: datetime, actor: Actor,
    policy: Policy,
) -> HandOver:  # fmt: skip
    """Record a courier's or a counter's hand-over (not issuance); a pick-up of a card that is
    not on today's manifest is recorded all the same, flagged and audited for the supervisor."""
    with uow:
        session = uow.session
        found = custody.card(session, notice_number)
        if event == "issued":
            raise custody.CustodyRefused(found.status, "A card is issued by completing its booking")
        off = False
        if event == "picked_up":
            today = now.astimezone(TOKYO).date()
            off = not on_manifest(session, notice_number, day=today, policy=policy)
        state = custody.record_move(session, found, event, now=now, actor=actor)
        if off:
            audit.record(
                session, actor=actor, action="card.off_manifest", entity="card",
                entity_id=notice_number, at=now,
            )  # fmt: skip
        uow.commit()
        return HandOver(notice_number, state, off)
