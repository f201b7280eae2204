"""Reading the audit trail (監査ログ): filter by date, member of staff, booking and action; export.

Filtering by a booking reference finds the events on the booking itself, those on its card
(notice number), and the lists that showed it among others: the counter's day list of its
centre and day, and the transport manifest of the day its card travelled. Looking at the trail
is itself audited.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from booking_core import audit
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.models import AuditEvent, Booking, CardReadyRecord
from booking_core.policy import Actor

PAGE = 200  # events on one screen
MAX_PAGE = 1000
MAX_EXPORT = 100_000
CSV_COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "channel", "detail")


@dataclass(frozen=True)
class AuditFilter:
    """What to look for; every part optional. `action` ending in '.' matches a prefix."""

    day_from: date | None = None
    day_to: date | None = None
    staff: str = ""  # a username, or a full actor label such as system:cli
    reference: str = ""
    action: str = ""
    before_id: int | None = None  # the next page: events older than this one

    def described(self) -> dict[str, str]:
        """The filter as audit detail (only what was set)."""
        values = {
            "from": self.day_from.isoformat() if self.day_from else "",
            "to": self.day_to.isoformat() if self.day_to else "",
            "staff": self.staff, "reference": self.reference, "action": self.action,
        }  # fmt: skip
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class AuditEntry:
    """One event of the trail."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    channel: str
    detail: dict[str, Any]


def _actor_label(staff: str) -> str:
    return staff if ":" in staff else f"staff:{staff}"


def _reference_condition(session: Session, reference: str) -> ColumnElement[bool]:
    """Events on the booking, its card, and the counter lists that showed it."""
    booking = session.execute(
        select(Booking.center_id, Booking.day, Booking.notice_number).where(
            Booking.reference == reference
        )
    ).first()
    if booking is None:
        return AuditEvent.entity_id == reference
    center_id, day, notice = booking
    day_list = and_(
        AuditEvent.entity == "center_day", AuditEvent.entity_id == f"{center_id}:{day.isoformat()}"
    )
    conditions = [AuditEvent.entity_id == reference, day_list]
    if notice:
        conditions.append(
            and_(AuditEvent.entity.in_(("card", "card_ready")), AuditEvent.entity_id == notice)
        )
        carried = session.scalar(
            select(CardReadyRecord.carried_on).where(CardReadyRecord.notice_number == notice)
        )
        if carried is not None:  # the transport manifest of that day listed the card
            manifest = and_(AuditEvent.entity == "manifest",
                            AuditEvent.entity_id == carried.isoformat())  # fmt: skip
            conditions.append(manifest)
    return or_(*conditions)


def _query(session: Session, wanted: AuditFilter) -> Select[AuditEvent]:
    query = select(AuditEvent)
    if wanted.day_from:
        query = query.where(AuditEvent.at >= datetime.combine(wanted.day_from, time(), TOKYO))
    if wanted.day_to:
        end = datetime.combine(wanted.day_to + timedelta(days=1), time(), TOKYO)
        query = query.where(AuditEvent.at < end)
    if wanted.staff:
        query = query.where(AuditEvent.actor == _actor_label(wanted.staff))
    if wanted.action.endswith("."):
        query = query.where(AuditEvent.action.startswith(wanted.action, autoescape=True))
    elif wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.reference:
        query = query.where(_reference_condition(session, wanted.reference))
    if wanted.before_id:
        query = query.where(AuditEvent.id < wanted.before_id)
    return query.order_by(AuditEvent.id.desc())


def _entry(e: AuditEvent) -> AuditEntry:
    return AuditEntry(e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.channel,
                      dict(e.detail or {}))  # fmt: skip


def audit_events(
    uow: UnitOfWork, wanted: AuditFilter, *, now: datetime, actor: Actor, limit: int = PAGE
) -> list[AuditEntry]:
    """The newest events matching the filter (at most `limit`); the look is audited."""
    limit = max(1, min(limit, MAX_PAGE))
    with uow:
        session = uow.session
        found = [_entry(e) for e in session.scalars(_query(session, wanted).limit(limit))]
        audit.record(
            session, actor=actor, action="audit.view", entity="audit_event", entity_id="search",
            at=now, shown=len(found), filter=wanted.described(),
        )  # fmt: skip
        uow.commit()
        return found


def csv_line(entry: AuditEntry) -> list[str]:
    """An event as a CSV row (time in Tokyo, detail as JSON)."""
    return [
        str(entry.id), entry.at.astimezone(TOKYO).isoformat(timespec="seconds"), entry.actor,
        entry.action, entry.entity, entry.entity_id, entry.channel,
        json.dumps(entry.detail, ensure_ascii=False, sort_keys=True),
    ]  # fmt: skip


def export_csv(uow: UnitOfWork, wanted: AuditFilter, *, now: datetime, actor: Actor) -> str:
    """Every matching event (newest first, at most MAX_EXPORT) as UTF-8 CSV text with a header
    (a BOM first, so spreadsheet programs read the Japanese); the export is audited."""
    with uow:
        session = uow.session
        rows = session.scalars(_query(session, wanted).limit(MAX_EXPORT)).all()
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_line(_entry(e)) for e in rows)
        audit.record(
            session, actor=actor, action="audit.export", entity="audit_event", entity_id="export",
            at=now, rows=len(rows), filter=wanted.described(),
        )  # fmt: skip
        uow.commit()
        return buffer.getvalue()


def known_actions(uow: UnitOfWork) -> list[str]:
    """The actions recorded so far (for the filter's choices)."""
    with uow:
        return sorted(uow.session.scalars(select(AuditEvent.action).distinct()).all())
