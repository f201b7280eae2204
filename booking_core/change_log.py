"""Who last changed an administrator's record, and when: read back from the audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core.models import AuditEvent


def who(label: str) -> str:
    """The name an audit label shows on a screen: "staff:admin1" is admin1."""
    return label.split(":", 1)[1] if ":" in label else label


def changed_by(
    session: Session, entity: str, ids: Iterable[int | str]
) -> dict[str, tuple[str, datetime]]:
    """The latest audit event of each record: (who, when), by the record's id as a string."""
    wanted = [str(i) for i in ids]
    if not wanted:
        return {}
    query = (
        select(AuditEvent.entity_id, AuditEvent.actor, AuditEvent.at)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id.in_(wanted))
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return {entity_id: (who(actor), at) for entity_id, actor, at in session.execute(query)}
