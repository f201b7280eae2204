"""How sending an owed text went: the job's moves, and the provider's later word on it.

The job takes a text to "sending" with one conditional UPDATE (a twin job gets nothing) and
ends it sent, failed, refused or unknown, but only while it is still "sending": the provider's
status callback may have come first and must not be overwritten.

An "unknown" text (the request may have reached the provider) is never sent again; the
provider's status settles it: its callback names the text, and the relay's sweep asks the
provider about unknown texts whose message id it knows. Unknown texts with a message id are
ones the provider took and had not finished with when last heard of.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from booking_core.db import UnitOfWork
from booking_core.models import Notification
from booking_core.notices import CHANNEL_PREFIXES, SMS, TAKEABLE

# The provider's message statuses (Twilio's words) and the status of ours they end in.
# queued, accepted, scheduled, sending: the provider has it and is not finished (no move).
PROVIDER_OUTCOMES = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "undelivered": "refused",
    "failed": "refused",
    "canceled": "refused",
}
# Our status a text may have for the provider's word to move it to each outcome.
MOVES_FROM = {
    "sent": ("sending", "unknown"),
    "delivered": ("sending", "unknown", "sent"),
    "refused": ("sending", "unknown", "sent"),
}
# Statuses the provider's word may still change (so a recorded message id is kept).
OPEN = ("sending", "unknown")


def _move(session: Session, text_id: int, *where: Any, **values: Any) -> bool:
    """UPDATE one text when `where` holds; True when it moved."""
    result = session.execute(
        update(Notification)
        .where(Notification.id == text_id, *where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount) == 1  # type: ignore[attr-defined]


def take(session: Session, text_id: int, *, now: datetime) -> bool:
    """The job owns the text (from a takeable status to "sending"); False when another has it."""
    return _move(session, text_id, Notification.status.in_(TAKEABLE),
                 status="sending", taken_at=now, error=None)  # fmt: skip


def skip(session: Session, text_id: int, *, reason: str) -> None:
    """A text no longer due is not sent (when nobody has taken it yet)."""
    _move(session, text_id, Notification.status.in_(TAKEABLE), status="skipped", error=reason)


def defer(session: Session, text_id: int, *, until: datetime) -> bool:
    """A message its job found at an hour it may not go (night, the line closed): owed again
    from `until`, with nothing sent."""
    return _move(session, text_id, Notification.status.in_(TAKEABLE), status="pending",
                 not_before=until, queued_at=None)  # fmt: skip


def mark_sent(session: Session, text_id: int, *, provider_id: str, now: datetime) -> None:
    """The provider took the text and named its message."""
    _move(session, text_id, Notification.status == "sending",
          status="sent", sent_at=now, provider_id=provider_id)  # fmt: skip


def mark_not_sent(session: Session, text_id: int, *, retry: bool, reason: str) -> None:
    """Surely not sent: "failed" (tried again) or "refused" (for good)."""
    status = "failed" if retry else "refused"
    _move(session, text_id, Notification.status == "sending", status=status, error=reason)


def mark_unknown(session: Session, text_id: int, *, reason: str) -> None:
    """The request may have reached the provider: never sent again, settled by its status."""
    _move(session, text_id, Notification.status == "sending", status="unknown", error=reason)


def record_sent(uow: UnitOfWork, text_id: int, *, provider_id: str, now: datetime) -> None:
    """The send job's word: the provider took the text and named its message (committed)."""
    with uow:
        mark_sent(uow.session, text_id, provider_id=provider_id, now=now)
        uow.commit()


def record_not_sent(uow: UnitOfWork, text_id: int, *, retry: bool, reason: str) -> None:
    """The send job's word: surely not sent, to be tried again or refused for good (committed)."""
    with uow:
        mark_not_sent(uow.session, text_id, retry=retry, reason=reason)
        uow.commit()


def record_unknown(uow: UnitOfWork, text_id: int, *, reason: str) -> None:
    """The send job's word: it may have reached the provider, never to be sent again."""
    with uow:
        mark_unknown(uow.session, text_id, reason=reason)
        uow.commit()


def settle(
    session: Session,
    text_id: int,
    *,
    provider_id: str,
    provider_status: str,
    error_code: str | None,
    now: datetime,
) -> str | None:
    """Apply the provider's status of a text's message; our new status, None when unchanged."""
    ours = Notification.provider_id.is_(None) | (Notification.provider_id == provider_id)
    outcome = PROVIDER_OUTCOMES.get(provider_status)
    if outcome is None:  # the provider has it, not finished: remember which message it is
        _move(session, text_id, ours, Notification.status.in_(OPEN), provider_id=provider_id)
        return None
    values: dict[str, Any] = {"status": outcome, "provider_id": provider_id}
    if outcome == "refused":
        values["error"] = f"provider_{provider_status}_{error_code or 'none'}"
    else:
        # when it was settled, for a text whose send never said (sent_at kept when known)
        values["sent_at"] = func.coalesce(Notification.sent_at, now)
    moved = _move(session, text_id, ours, Notification.status.in_(MOVES_FROM[outcome]), **values)
    return outcome if moved else None


def record_provider_status(
    uow: UnitOfWork,
    text_id: int,
    *,
    provider_id: str,
    provider_status: str,
    error_code: str | None,
    now: datetime,
) -> str | None:
    """The provider's word on a text (its status callback, or asked by the sweep), committed."""
    with uow:
        moved = settle(uow.session, text_id, provider_id=provider_id,
                       provider_status=provider_status, error_code=error_code, now=now)  # fmt: skip
        uow.commit()
    return moved


def unsettled(uow: UnitOfWork, *, limit: int) -> list[tuple[int, str]]:
    """Unknown texts whose provider message is known: (text id, message id), oldest first (a
    call's outcome comes only by its status callback)."""
    with uow:
        rows = uow.session.execute(
            select(Notification.id, Notification.provider_id)
            .where(
                Notification.status == "unknown",
                Notification.provider_id.is_not(None),
                Notification.kind.startswith(CHANNEL_PREFIXES[SMS]),
            )
            .order_by(Notification.id)
            .limit(limit)
        )
        return [(text_id, str(provider_id)) for text_id, provider_id in rows]
