"""The audit trail: every read and change of a resident's record, never the data itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from booking_core.models import AuditEvent
from booking_core.policy import Actor

_EVENTS: Table = AuditEvent.__table__  # type: ignore[assignment]
_INSERT = insert(_EVENTS)


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
    session.execute(
        _INSERT,
        {
            "at": at,
            "actor": actor.label,
            "action": action,
            "entity": entity,
            "entity_id": str(entity_id),
            "channel": actor.channel,
            "detail": detail,
        },
    )
