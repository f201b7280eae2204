"""Call-centre records: wrap-up codes and notes, agents' skills, half-hour interval history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from booking_core import audit
from booking_core.callcentre_models import AgentSkill, CallRecord, IntervalStat
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors
from booking_core.identifiers import refuse_my_number
from booking_core.inquiries import check_inquiry
from booking_core.policy import Actor

WRAP_CODES = (
    "booked",
    "changed",
    "cancelled",
    "enquiry",
    "callback_needed",
    "no_answer",
    "wrong_number",
    "other",
)
DEFAULT_TOPICS = ("general", "booking", "visit")
MAX_NOTE = 2000
INTERVAL_FIELDS = (
    "offered",
    "answered",
    "abandoned",
    "answered_in_sl",
    "wait_ms",
    "handled",
    "handle_ms",
    "callbacks_served",
)


@dataclass(frozen=True)
class Skills:
    """The queues and languages an agent can take."""

    topics: tuple[str, ...]
    languages: tuple[str, ...]


def record_wrap_up(
    uow: UnitOfWork,
    *,
    call_sid: str,
    queue: str,
    kind: str,
    code: str,
    note: str,
    now: datetime,
    actor: Actor,
    topic: str,
    escalate: bool = False,
    caller: str = "",
) -> None:
    """Close a call with its inquiry record: the topic (from the city's list), the outcome
    (wrap-up code), notes that may never hold a My Number, and an escalation to the city
    (always for a complaint). The caller's number is kept for the customer timeline."""
    refuse_my_number({"note": note, "queue": queue, "kind": kind})
    errors = FieldErrors()
    if code not in WRAP_CODES:
        errors.add("code", "unknown_wrap_code")
    if len(note) > MAX_NOTE:
        errors.add("note", "too_long")
    errors.raise_if_any()
    with uow:
        escalation = check_inquiry(uow.session, topic=topic, escalate=escalate)
        record = uow.session.scalar(select(CallRecord).where(CallRecord.call_sid == call_sid))
        if record is None:
            record = CallRecord(call_sid=call_sid, agent=actor.id, queue=queue, kind=kind)
            uow.session.add(record)
        record.wrap_code, record.note, record.wrapped_at = code, note.strip(), now
        record.topic, record.escalation = topic, escalation
        record.caller = caller if caller.startswith("+") else ""
        uow.session.flush()
        audit.record(
            uow.session,
            actor=actor,
            action="call.wrap_up",
            entity="call_record",
            entity_id=record.id,
            at=now,
            code=code,
            topic=topic,
            escalation=escalation,
        )
        uow.commit()


def recent_records(uow: UnitOfWork, *, agent: str, limit: int = 10) -> list[CallRecord]:
    """The agent's latest wrapped-up calls, newest first."""
    with uow:
        query = (
            select(CallRecord)
            .where(CallRecord.agent == agent)
            .order_by(CallRecord.wrapped_at.desc())
            .limit(limit)
        )
        rows = list(uow.session.scalars(query))
        uow.session.expunge_all()  # plain objects after the session ends
        return rows


def skills_of(uow: UnitOfWork, username: str) -> Skills:
    """An agent's skills (all Japanese topics when none were set)."""
    with uow:
        row = uow.session.get(AgentSkill, username)
        if row is None:
            return Skills(DEFAULT_TOPICS, ("ja",))
        return Skills(
            tuple(t for t in row.topics.split(",") if t),
            tuple(x for x in row.languages.split(",") if x),
        )


def set_skills(uow: UnitOfWork, username: str, skills: Skills) -> None:
    """Store an agent's skills."""
    with uow:
        row = uow.session.get(AgentSkill, username) or AgentSkill(username=username)
        row.topics, row.languages = ",".join(skills.topics), ",".join(skills.languages)
        uow.session.add(row)
        uow.commit()


def store_interval(uow: UnitOfWork, *, queue: str, start: datetime, counts: dict[str, int]) -> None:
    """Write (or overwrite) one queue's figures for one half-hour."""
    with uow:
        query = select(IntervalStat).where(IntervalStat.queue == queue, IntervalStat.start == start)
        row = uow.session.scalar(query) or IntervalStat(queue=queue, start=start)
        for name in INTERVAL_FIELDS:
            setattr(row, name, int(counts.get(name, 0)))
        uow.session.add(row)
        uow.commit()


def interval_history(uow: UnitOfWork, *, start: datetime, end: datetime) -> list[IntervalStat]:
    """Stored half-hours from start (inclusive) to end (exclusive), by time then queue."""
    with uow:
        query = (
            select(IntervalStat)
            .where(IntervalStat.start >= start, IntervalStat.start < end)
            .order_by(IntervalStat.start, IntervalStat.queue)
        )
        rows = list(uow.session.scalars(query))
        uow.session.expunge_all()  # plain objects after the session ends
        return rows
