"""The audit trail: every read and change of a resident's record, never the data itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from booking_core.models import AuditEvent
from booking_core.policy import Actor

EVENTS: Table = AuditEvent.__table__  # type: ignore[assignment]
INSERT = insert(EVENTS)


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str | int,
    at: datetime,
    **detail: Any,
) -> None:
    """Write an audit event in the current transaction (committed with the change it records)."""
    # A plain INSERT rather than an ORM object: no flush bookkeeping on every request.
    row = event_row(actor=actor, action=action, entity=entity, entity_id=entity_id, at=at)
    session.execute(INSERT, {**row, "detail": detail})


def event_row(
    *, actor: Actor, action: str, entity: str, entity_id: str | int, at: datetime
) -> dict[str, Any]:
    """The columns of an audit event, with an empty detail."""
    return {
        "at": at,
        "actor": actor.label,
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id),
        "channel": actor.channel,
        "detail": {},
    }
