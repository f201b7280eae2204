"""Texts owed to residents: written in the same transaction as the booking change that owes them.

A booking, change or cancellation for a Japanese mobile leaves one `notification` row in
status "pending" (the outbox). It commits or rolls back with the change itself, so no text is
lost when a process dies after the commit and none is owed for a change that did not happen.
A relay (queues/outbox.py) later turns pending rows into rq jobs; the job takes its row to
"sending" with one conditional UPDATE from a TAKEABLE status, so a job run twice texts once.

Statuses: pending (owed) -> queued (taken by the relay, its job being enqueued) -> sending ->
sent (-> delivered); or skipped (no longer due), failed (surely not sent; rq tries again),
refused (the provider will not take or could not deliver it), unknown (the send may have gone:
never tried again, settled by the provider's status: booking_core.text_status).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Insert, Table, bindparam, insert, literal, select, update
from sqlalchemy.orm import Session

from booking_core.booking_types import BookingDetails
from booking_core.identifiers import is_japanese_mobile
from booking_core.models import Booking, Notification

CONFIRMATION = "sms_confirmation"
CANCELLATION = "sms_cancellation"
CHANGE_PREFIX = "sms_change:"  # + the booking's version after the change: one text per change
CLOSURE_PREFIX = "sms_closure:"  # + the closure's id: one text per closure that hits the booking

# A job may take a text that is owed, relayed, or surely not sent by an earlier try.
TAKEABLE = ("pending", "queued", "failed")

NOTIFICATIONS: Table = Notification.__table__  # type: ignore[assignment]
_BOOKINGS: Table = Booking.__table__  # type: ignore[assignment]


def owe_from(booking_id: Any, *where: Any) -> Insert:
    """INSERT of a pending text (kind nt_kind, at nt_at) for the booking ids a SELECT yields."""
    return insert(NOTIFICATIONS).from_select(
        ["booking_id", "kind", "status", "created_at"],
        select(
            booking_id,
            bindparam("nt_kind", type_=NOTIFICATIONS.c.kind.type),
            literal("pending", type_=NOTIFICATIONS.c.status.type),
            bindparam("nt_at", type_=NOTIFICATIONS.c.created_at.type),
        ).where(*where),
        include_defaults=False,
    )


# The row a booking owes, found by its reference (the booking's id is not known to the caller).
OWE_BY_REFERENCE = owe_from(_BOOKINGS.c.id, _BOOKINGS.c.reference == bindparam("nt_reference"))
# The row a booking owes, by the booking's id.
OWE_BY_ID = owe_from(bindparam("nt_booking_id", type_=NOTIFICATIONS.c.booking_id.type))


def texts_go_to(phone: str | None) -> bool:
    """True when a text can reach this number: a Japanese mobile (not hidden, not a landline)."""
    return bool(phone) and is_japanese_mobile(phone or "")


def will_text(booking: BookingDetails) -> bool:
    """True when a change of this booking owes its resident a text (what a channel may promise)."""
    return texts_go_to(booking.phone)


def change_kind(version: int) -> str:
    """The kind of the text a change owes: one per version of the booking."""
    return f"{CHANGE_PREFIX}{version}"


def closure_kind(closure_id: int) -> str:
    """The kind of the text a closure owes each booking it hits."""
    return f"{CLOSURE_PREFIX}{closure_id}"


def purpose_of(kind: str) -> str | None:
    """What a text of this kind is about (confirmation, change, cancellation, closure); None:
    not ours."""
    if kind.startswith(CHANGE_PREFIX):
        return "change"
    if kind.startswith(CLOSURE_PREFIX):
        return "closure"
    return {CONFIRMATION: "confirmation", CANCELLATION: "cancellation"}.get(kind)


# purpose: the status the booking must still have for its text to go
DUE_WHILE = {
    "confirmation": "active",
    "change": "active",
    "cancellation": "cancelled",
    "closure": "active",  # moved away already: the closure no longer concerns it
}


def why_not_due(kind: str, booking: Booking | None) -> str | None:
    """Why a text owed earlier should not go (any more); None when it should."""
    purpose = purpose_of(kind)
    if booking is None:
        return "gone"
    if purpose is None:
        return "unknown_kind"
    if booking.status != DUE_WHILE[purpose]:
        return f"not_{DUE_WHILE[purpose]}"
    if not texts_go_to(booking.phone):
        return "not_mobile"
    if purpose == "confirmation" and booking.version > 1:
        return "superseded"  # changed before it went: the change's text says all it would
    if purpose == "change" and kind != change_kind(booking.version):
        return "superseded"  # changed again since: the later change's text says where it is now
    return None


@dataclass(frozen=True)
class TextState:
    """A text a booking owed, as staff see it: what about, how sending went, and when."""

    purpose: str
    status: str
    at: datetime  # sent, else owed


def texts_of(session: Session, booking_ids: Iterable[int]) -> dict[int, tuple[TextState, ...]]:
    """The texts each booking owed, oldest first (for the agents' answer to "no SMS came")."""
    ids = sorted(set(booking_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Notification.booking_id, Notification.kind, Notification.status,
               Notification.sent_at, Notification.created_at)
        .where(Notification.booking_id.in_(ids))
        .order_by(Notification.id)
    )  # fmt: skip
    found: dict[int, list[TextState]] = {}
    for booking_id, kind, status, sent_at, created_at in rows:
        if (purpose := purpose_of(kind)) is not None:
            found.setdefault(booking_id or 0, []).append(
                TextState(purpose, status, sent_at or created_at)
            )
    return {booking_id: tuple(texts) for booking_id, texts in found.items()}


def owe_params(reference: str, kind: str, now: datetime) -> dict[str, Any]:
    """The parameters of OWE_BY_REFERENCE."""
    return {"nt_reference": reference, "nt_kind": kind, "nt_at": now}


def owe(session: Session, *, booking_id: int, kind: str, now: datetime) -> None:
    """Leave a pending text for a booking in the current transaction."""
    session.execute(OWE_BY_ID, {"nt_booking_id": booking_id, "nt_kind": kind, "nt_at": now})


def waive(session: Session, references: list[str], *, reason: str) -> int:
    """Texts still owed for these bookings are not to go (demo data); how many."""
    bookings = select(Booking.id).where(Booking.reference.in_(references))
    owed = Notification.status == "pending"
    return _set(session, Notification.booking_id.in_(bookings), owed, status="skipped",
                error=reason)  # fmt: skip


def _set(session: Session, *where: Any, **values: Any) -> int:
    """UPDATE the texts matching `where` (the session's objects are not synchronised); how many."""
    result = session.execute(
        update(Notification)
        .where(*where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def claim_pending(session: Session, *, limit: int, now: datetime) -> list[int]:
    """Take up to `limit` pending texts for relaying (oldest first); their ids.

    On PostgreSQL rows another relay holds are skipped, not waited for; SQLite has one writer.
    """
    oldest = (
        select(Notification.id)
        .where(Notification.status == "pending")
        .order_by(Notification.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        oldest = oldest.with_for_update(skip_locked=True)
    # Two statements: as a subquery of the UPDATE, PostgreSQL may rescan the locking LIMIT per
    # row and take more than `limit`.
    ids = list(session.scalars(oldest))
    if ids:
        _set(session, Notification.id.in_(ids), status="queued", queued_at=now)
    return ids


def unclaim(session: Session, ids: list[int]) -> None:
    """Texts the relay took but could not queue (Redis away) are pending again at once."""
    _set(session, Notification.id.in_(ids), Notification.status == "queued", status="pending",
         queued_at=None)  # fmt: skip


def requeue_stale(session: Session, *, older_than: timedelta, now: datetime) -> int:
    """Put texts queued long ago and never taken back to pending (their job was lost)."""
    stale = Notification.queued_at < now - older_than
    return _set(session, Notification.status == "queued", stale, status="pending")


def requeue_failed(
    session: Session, *, older_than: timedelta, owed_within: timedelta, now: datetime
) -> int:
    """Texts surely not sent whose retry never came (its job lost with Redis, or its tries used
    up) are owed again, while they are younger than `owed_within`; how many.

    A text is only ever sent from a takeable status, so a retry that does come after all finds
    it taken and sends nothing more.
    """
    waited = Notification.taken_at < now - older_than
    recent = Notification.created_at > now - owed_within
    return _set(session, Notification.status == "failed", waited, recent, status="pending",
                queued_at=None)  # fmt: skip


def give_up_interrupted(session: Session, *, older_than: timedelta, now: datetime) -> int:
    """Texts left "sending" long ago (the worker died mid-send) become "unknown"; how many.

    Whether they went can't be told, so they are not sent again; the status lets staff see them.
    """
    stale = Notification.taken_at < now - older_than
    return _set(
        session, Notification.status == "sending", stale, status="unknown", error="interrupted"
    )
