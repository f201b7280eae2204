"""Inquiry records (問い合わせ記録): the city's topic list, escalations, counts by topic.

Every call and callback is wrapped up with a topic from the list the city edits, an outcome
(the wrap-up code) and a free note; a complaint goes to the city as an open escalation until a
supervisor closes it. The records of a caller's number make the console's customer timeline.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from booking_core import audit
from booking_core.callcentre_models import CallRecord, InquiryTopic
from booking_core.clock import TOKYO
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors, NotFound
from booking_core.identifiers import refuse_my_number
from booking_core.policy import Actor

# The list a new installation starts with; the city edits it on /console/admin/inquiry-topics.
DEFAULT_TOPICS: tuple[tuple[str, str, str, bool], ...] = (
    ("booking", "予約・変更・取消", "Bookings, changes, cancellations", False),
    ("procedure", "手続・持ち物", "Procedures and what to bring", False),
    ("card", "カードの受取", "Collecting a card", False),
    ("visit", "出張申請", "Home visits", False),
    ("lost", "紛失・一時停止", "Lost card, suspension", False),
    ("complaint", "苦情", "Complaint", True),
    ("other", "その他", "Other", False),
)
TOPIC_CODE = re.compile(r"^[a-z][a-z0-9_]{1,29}$")
MAX_NAME = 60
MAX_DAYS = 92  # counts by day: at most a quarter at once
ESCALATION_OPEN, ESCALATION_CLOSED = "open", "closed"


@dataclass(frozen=True)
class Topic:
    """One topic of the city's list."""

    code: str
    name_ja: str
    name_en: str
    complaint: bool
    active: bool


@dataclass(frozen=True)
class InquiryRecord:
    """A wrapped-up call or callback as an inquiry (what the timeline and escalations show)."""

    id: int
    call_sid: str
    kind: str
    queue: str
    agent: str
    caller: str
    topic: str
    outcome: str
    note: str
    escalation: str
    wrapped_at: datetime
    escalation_closed_by: str
    escalation_closed_at: datetime | None


def _topic(row: InquiryTopic) -> Topic:
    return Topic(row.code, row.name_ja, row.name_en, row.complaint, row.active)


def _record(row: CallRecord) -> InquiryRecord:
    return InquiryRecord(
        id=row.id,
        call_sid=row.call_sid,
        kind=row.kind,
        queue=row.queue,
        agent=row.agent,
        caller=row.caller,
        topic=row.topic,
        outcome=row.wrap_code,
        note=row.note,
        escalation=row.escalation,
        wrapped_at=row.wrapped_at,
        escalation_closed_by=row.escalation_closed_by,
        escalation_closed_at=row.escalation_closed_at,
    )


def seed_topics(session: Session) -> None:
    """Put the default topics into an empty list (the city's edits are never overwritten)."""
    if session.scalar(select(InquiryTopic.code).limit(1)) is not None:
        return
    session.add_all(
        InquiryTopic(code=c, name_ja=ja, name_en=en, complaint=k, active=True, sort_order=n)
        for n, (c, ja, en, k) in enumerate(DEFAULT_TOPICS)
    )


def list_topics(uow: UnitOfWork, *, active_only: bool = False) -> list[Topic]:
    """The topics in the city's order (retired ones too unless active_only)."""
    with uow:
        query = select(InquiryTopic).order_by(InquiryTopic.sort_order, InquiryTopic.code)
        if active_only:
            query = query.where(InquiryTopic.active.is_(True))
        return [_topic(row) for row in uow.session.scalars(query)]


def save_topic(
    uow: UnitOfWork,
    *,
    code: str,
    name_ja: str,
    name_en: str,
    complaint: bool,
    active: bool,
    now: datetime,
    actor: Actor,
) -> Topic:
    """Add a topic or change one (a topic in use is retired with active=False, never deleted)."""
    refuse_my_number({"name_ja": name_ja, "name_en": name_en})
    name_ja, name_en = name_ja.strip(), name_en.strip()
    errors = FieldErrors()
    if not TOPIC_CODE.match(code):
        errors.add("code", "invalid_topic_code")
    for field, value in (("name_ja", name_ja), ("name_en", name_en)):
        if not value:
            errors.add(field, "required")
        elif len(value) > MAX_NAME:
            errors.add(field, "too_long")
    errors.raise_if_any()
    with uow:
        row = uow.session.get(InquiryTopic, code)
        if row is None:
            last = uow.session.scalar(
                select(InquiryTopic.sort_order).order_by(InquiryTopic.sort_order.desc()).limit(1)
            )
            row = InquiryTopic(code=code, sort_order=(last or 0) + 1)
            uow.session.add(row)
        row.name_ja, row.name_en, row.complaint, row.active = name_ja, name_en, complaint, active
        audit.record(
            uow.session,
            actor=actor,
            action="inquiry_topic.save",
            entity="inquiry_topic",
            entity_id=code,
            at=now,
            active=active,
            complaint=complaint,
        )
        uow.session.flush()
        saved = _topic(row)
        uow.commit()
        return saved


def check_inquiry(session: Session, *, topic: str, escalate: bool) -> str:
    """The escalation state a wrap-up stores: a complaint always goes to the city (open).

    Raises InvalidRequest when the topic is missing, unknown or retired.
    """
    row = session.get(InquiryTopic, topic) if topic else None
    errors = FieldErrors()
    if not topic:
        errors.add("topic", "required")
    elif row is None or not row.active:
        errors.add("topic", "unknown_topic")
    errors.raise_if_any()
    assert row is not None
    return ESCALATION_OPEN if escalate or row.complaint else ""


def open_escalations(uow: UnitOfWork, *, now: datetime, actor: Actor) -> list[InquiryRecord]:
    """Escalations to the city still open, oldest first (reading them is audited)."""
    with uow:
        query = (
            select(CallRecord)
            .where(CallRecord.escalation == ESCALATION_OPEN)
            .order_by(CallRecord.wrapped_at)
        )
        found = [_record(row) for row in uow.session.scalars(query)]
        if found:
            audit.record(
                uow.session,
                actor=actor,
                action="inquiry.escalations_read",
                entity="call_record",
                entity_id="open",
                at=now,
                ids=[r.id for r in found],  # every record shown, however many
            )
            uow.commit()
        return found


def count_open_escalations(uow: UnitOfWork) -> int:
    """How many escalations to the city are still open (a figure: no resident's data)."""
    with uow:
        query = select(func.count()).select_from(CallRecord)
        return int(uow.session.scalar(query.where(CallRecord.escalation == ESCALATION_OPEN)) or 0)


def close_escalation(
    uow: UnitOfWork, record_id: int, *, now: datetime, actor: Actor
) -> InquiryRecord:
    """The city took the escalation over: close it (NotFound when none is open by that id)."""
    with uow:
        row = uow.session.get(CallRecord, record_id)
        if row is None or row.escalation != ESCALATION_OPEN:
            raise NotFound("No open escalation", fields={"id": "not_found"})
        row.escalation = ESCALATION_CLOSED
        row.escalation_closed_by, row.escalation_closed_at = actor.id, now
        audit.record(
            uow.session,
            actor=actor,
            action="inquiry.escalation_closed",
            entity="call_record",
            entity_id=record_id,
            at=now,
        )
        uow.session.flush()
        closed = _record(row)
        uow.commit()
        return closed


def counts_by_topic(uow: UnitOfWork, *, first: date, last: date) -> dict[date, dict[str, int]]:
    """Wrapped-up calls and callbacks per Tokyo day and topic, every day of the range listed.

    Raises InvalidRequest when the range is backwards or longer than MAX_DAYS.
    """
    errors = FieldErrors()
    if last < first:
        errors.add("to", "before_from")
    elif (last - first).days >= MAX_DAYS:
        errors.add("to", "range_too_long")
    errors.raise_if_any()
    start = datetime.combine(first, time(0), TOKYO)
    end = datetime.combine(last + timedelta(days=1), time(0), TOKYO)
    days: dict[date, dict[str, int]] = {
        first + timedelta(days=n): defaultdict(int) for n in range((last - first).days + 1)
    }
    with uow:
        query = select(CallRecord.wrapped_at, CallRecord.topic).where(
            CallRecord.wrapped_at >= start, CallRecord.wrapped_at < end
        )
        for wrapped_at, topic in uow.session.execute(query):
            days[wrapped_at.astimezone(TOKYO).date()][topic or "none"] += 1
    return {day: dict(counts) for day, counts in days.items()}


def calls_of_number(
    uow: UnitOfWork, *, phone: str, now: datetime, actor: Actor, limit: int = 20
) -> list[InquiryRecord]:
    """Earlier calls and inquiries of a caller's number, newest first (audited when found)."""
    if not phone:
        return []
    with uow:
        query = (
            select(CallRecord)
            .where(CallRecord.caller == phone)
            .order_by(CallRecord.wrapped_at.desc())
            .limit(limit)
        )
        found = [_record(row) for row in uow.session.scalars(query)]
        if found:
            audit.record(
                uow.session,
                actor=actor,
                action="inquiry.timeline_read",
                entity="call_record",
                entity_id=found[0].id,
                at=now,
                count=len(found),
            )
            uow.commit()
        return found
