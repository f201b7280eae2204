"""The customer timeline of a caller's number: bookings, texts with their delivery, home-visit
requests, earlier calls and inquiries, newest first. Every read is audited by the core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from booking_core.db import UnitOfWork
from booking_core.home_visits import HomeVisitDetails, visits_for_phone
from booking_core.identifiers import InvalidIdentifier, normalize_phone
from booking_core.inquiries import InquiryRecord, calls_of_number
from booking_core.policy import Actor, Policy
from booking_core.resident_records import StaffFindings, caller_records


def caller_timeline(
    new_uow: Callable[[], UnitOfWork],
    raw_phone: str,
    *,
    now: datetime,
    actor: Actor,
    policy: Policy,
) -> list[dict[str, Any]] | None:
    """The events of one number, newest first; None when the number is not a phone number."""
    try:
        phone = normalize_phone(raw_phone)
    except InvalidIdentifier:
        return None
    found = caller_records(new_uow(), phone=phone, now=now, actor=actor, policy=policy)
    visits = visits_for_phone(new_uow(), phone=phone, now=now, actor=actor, reason="timeline")
    calls = calls_of_number(new_uow(), phone=phone, now=now, actor=actor)
    return timeline_events(found, visits, calls)


def timeline_events(
    found: StaffFindings | None, visits: list[HomeVisitDetails], calls: list[InquiryRecord]
) -> list[dict[str, Any]]:
    """Bookings, their texts, home-visit requests and calls as one list, newest first."""
    events: list[dict[str, Any]] = []
    if found is None:
        found = StaffFindings((), ())
    for b in found.bookings:
        events.append(
            {
                "kind": "booking",
                "at": b.created_at.isoformat(),
                "reference": b.reference,
                "status": b.status,
                "service": b.service_code,
                "center": b.center_id,
                "day": b.day.isoformat(),
                "start": b.start.strftime("%H:%M"),
                "channel": b.channel,
            }
        )
        for x in found.texts.get(b.reference, ()):
            events.append(
                {
                    "kind": "text",
                    "at": x.at.isoformat(),
                    "reference": b.reference,
                    "purpose": x.purpose,
                    "channel": x.channel,
                    "status": x.status,
                }
            )
    for v in visits:
        events.append(
            {
                "kind": "visit",
                "at": v.created_at.isoformat(),
                "reference": v.reference,
                "status": v.status,
                "service": v.service_code,
            }
        )
    for c in calls:
        events.append(
            {
                "kind": "callback" if c.kind == "callback" else "call",
                "at": c.wrapped_at.isoformat(),
                "queue": c.queue,
                "agent": c.agent,
                "topic": c.topic,
                "outcome": c.outcome,
                "note": c.note,
                "escalation": c.escalation,
            }
        )
    events.sort(key=lambda e: e["at"], reverse=True)
    return events
