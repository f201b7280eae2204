"""The audit trail: every read and change of a resident's record, never the data itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from booking_core.models import AuditEvent
from booking_core.policy import Actor


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
    """Add an audit event to the current transaction (committed with the change it records)."""
    session.add(
        AuditEvent(
            at=at,
            actor=actor.label,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            channel=actor.channel,
            detail=detail,
        )
    )
