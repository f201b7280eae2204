"""What operators read about the data: the database answers, and texts owed by status."""

from __future__ import annotations

from sqlalchemy import func, select, text

from booking_core.db import UnitOfWork
from booking_core.models import Notification


def database_answers(uow: UnitOfWork) -> bool:
    """True when the database runs a statement (readiness); False on any database error."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with uow:
            uow.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


def texts_by_status(uow: UnitOfWork) -> dict[str, int]:
    """How many texts to residents are in each status (pending, sent, refused, unknown...)."""
    with uow:
        rows = uow.session.execute(
            select(Notification.status, func.count()).group_by(Notification.status)
        )
        return {status: count for status, count in rows}
