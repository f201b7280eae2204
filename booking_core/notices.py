"""Messages owed to residents: written in the same transaction as the change that owes them.

A booking, change or cancellation for a Japanese mobile leaves one `notification` row in
status "pending" (the outbox); so do a reminder (booking_core.reminders) and a closure that hits
the booking, as a text to a mobile or a voice call to a landline. A row commits or rolls back
with the change itself, so nothing is lost when a process dies after the commit and nothing is
owed for a change that did not happen. A relay (queues/outbox.py) later turns pending rows into
rq jobs (a row whose `not_before` has not come waits); the job takes its row to "sending" with
one conditional UPDATE from a TAKEABLE status, so a job run twice sends once.

Its kind names the channel and what it is about: sms_confirmation, sms_change:<version>,
sms_cancellation, (sms|call)_closure:<id>, (sms|call)_reminder:<day>, and a call's second try
with :2 after it. Statuses: pending (owed) -> queued (taken by the relay, its job being
enqueued) -> sending -> sent (-> delivered; a call: delivered when answered, unanswered when
not); or skipped (no longer due), failed (surely not sent; rq tries again), refused (the
provider will not take or could not deliver it), unknown (the send may have gone: never tried
again, settled by the provider's status: booking_core.text_status).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Insert, Table, bindparam, insert, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from booking_core.booking_requests import BookingDetails
from booking_core.calendar import TOKYO, Closure
from booking_core.identifiers import is_japanese_landline, is_japanese_mobile
from booking_core.models import Booking, Notification

CONFIRMATION = "sms_confirmation"
CANCELLATION = "sms_cancellation"
CHANGE_PREFIX = "sms_change:"  # + the booking's version after the change: one text per change
# A message's kind starts with its channel: a text (sms_) or a voice call (call_).
SMS, VOICE = "sms", "voice"
CHANNEL_PREFIXES = {SMS: "sms_", VOICE: "call_"}
# Reminders: <channel>reminder:<appointment day>[:<try>]; closures: <channel>closure:<id>.
REMINDER, CLOSURE = "reminder:", "closure:"
SECOND_TRY = 2

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


def reached_by(phone: str | None) -> str | None:
    """How a message reaches this number: a text (mobile), a voice call (landline), or not."""
    if texts_go_to(phone):
        return SMS
    if phone and is_japanese_landline(phone):
        return VOICE
    return None


def will_text(booking: BookingDetails) -> bool:
    """True when a change of this booking owes its resident a text (what a channel may promise)."""
    return texts_go_to(booking.phone)


def change_kind(version: int) -> str:
    """The kind of the text a change owes: one per version of the booking."""
    return f"{CHANGE_PREFIX}{version}"


def closure_kind(closure_id: int, channel: str = SMS, attempt: int = 1) -> str:
    """The kind of the message a closure owes each booking it hits (a call's second try has its
    own)."""
    tail = f":{attempt}" if attempt > 1 else ""
    return f"{CHANNEL_PREFIXES[channel]}{CLOSURE}{closure_id}{tail}"


def reminder_kind(day: date, channel: str, attempt: int = 1) -> str:
    """The kind of the reminder of an appointment on `day` (a call's second try has its own)."""
    tail = f":{attempt}" if attempt > 1 else ""
    return f"{CHANNEL_PREFIXES[channel]}{REMINDER}{day.isoformat()}{tail}"


@dataclass(frozen=True)
class Kind:
    """A kind read back: its channel, its purpose, and what its tail names."""

    channel: str
    purpose: str
    day: date | None = None  # a reminder's appointment day
    closure_id: int | None = None
    attempt: int = 1


def parse_kind(kind: str) -> Kind | None:
    """What a notification's kind says; None when it is not one of ours."""
    channel = next((c for c, p in CHANNEL_PREFIXES.items() if kind.startswith(p)), None)
    if channel is None:
        return None
    rest = kind[len(CHANNEL_PREFIXES[channel]) :]
    if channel == SMS and rest in ("confirmation", "cancellation"):
        return Kind(SMS, rest)
    name, _, tail = rest.partition(":")
    parts = tail.split(":")
    try:
        attempt = int(parts[1]) if len(parts) > 1 else 1
        if name == "change" and channel == SMS:
            return Kind(SMS, "change")
        if name == "closure":
            return Kind(channel, "closure", closure_id=int(parts[0]), attempt=attempt)
        if name == "reminder":
            return Kind(channel, "reminder", day=date.fromisoformat(parts[0]), attempt=attempt)
    except ValueError:
        return None
    return None


# purpose: the status the booking must still have for its message to go
DUE_WHILE = {
    "confirmation": "active",
    "change": "active",
    "cancellation": "cancelled",
    "closure": "active",  # moved away already: the closure no longer concerns it
    "reminder": "active",
}


def why_not_due(
    kind: str,
    booking: Booking | None,
    *,
    now: datetime | None = None,
    closure: Closure | None = None,
) -> str | None:
    """Why a message owed earlier should not go (any more); None when it should.

    `now`: a reminder after the appointment has begun is too late. `closure`: the closure a
    closure message is about (gone, or no longer hitting the booking: not due).
    """
    parsed = parse_kind(kind)
    if booking is None:
        return "gone"
    if parsed is None:
        return "unknown_kind"
    if booking.status != DUE_WHILE[parsed.purpose]:
        return f"not_{DUE_WHILE[parsed.purpose]}"
    if reached_by(booking.phone) != parsed.channel:
        return "not_mobile" if parsed.channel == SMS else "not_landline"
    if parsed.purpose == "confirmation" and booking.version > 1:
        return "superseded"  # changed before it went: the change's text says all it would
    if parsed.purpose == "change" and kind != change_kind(booking.version):
        return "superseded"  # changed again since: the later change's text says where it is now
    if parsed.purpose == "reminder":
        return _why_no_reminder(parsed, booking, now)
    if parsed.purpose == "closure" and not (
        closure is not None and closure.covers(booking.center_id, booking.day, booking.start)
    ):
        return "moved"  # moved off the closure, or the closure was withdrawn
    return None


def _why_no_reminder(parsed: Kind, booking: Booking, now: datetime | None) -> str | None:
    if not booking.reminders:
        return "opted_out"
    if booking.day != parsed.day:
        return "moved"  # the reminders of its new day will owe one
    if now is not None and now >= datetime.combine(booking.day, booking.start, TOKYO):
        return "too_late"
    return None


@dataclass(frozen=True)
class TextState:
    """A text a booking owed, as staff see it: what about, how sending went, and when."""

    purpose: str
    status: str
    at: datetime  # sent, else owed
    channel: str = SMS
    created_at: datetime | None = None


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
        if (parsed := parse_kind(kind)) is not None:
            found.setdefault(booking_id or 0, []).append(
                TextState(parsed.purpose, status, sent_at or created_at, parsed.channel, created_at)
            )
    return {booking_id: tuple(texts) for booking_id, texts in found.items()}


def owe_params(reference: str, kind: str, now: datetime) -> dict[str, Any]:
    """The parameters of OWE_BY_REFERENCE."""
    return {"nt_reference": reference, "nt_kind": kind, "nt_at": now}


def owe(session: Session, *, booking_id: int, kind: str, now: datetime) -> None:
    """Leave a pending text for a booking in the current transaction."""
    session.execute(OWE_BY_ID, {"nt_booking_id": booking_id, "nt_kind": kind, "nt_at": now})


def owe_many(
    session: Session,
    owed: Iterable[tuple[int, str]],
    *,
    now: datetime,
    not_before: datetime | None = None,
) -> int:
    """Owe each (booking id, kind) not owed already; how many were new.

    The unique (booking, kind) makes owing twice a no-op, also for two runs at the same moment.
    Multi-row INSERTs of OWE_BATCH rows, RETURNING what each inserted (PostgreSQL's driver
    gives no row count for a batch).
    """
    rows = [
        {"booking_id": booking_id, "kind": kind, "status": "pending", "created_at": now,
         "not_before": not_before}
        for booking_id, kind in owed
    ]  # fmt: skip
    dialect = session.get_bind().dialect.name
    insert_ = postgresql_insert if dialect == "postgresql" else sqlite_insert
    new = 0
    for first in range(0, len(rows), OWE_BATCH):
        statement = (
            insert_(NOTIFICATIONS)
            .values(rows[first : first + OWE_BATCH])
            .on_conflict_do_nothing(index_elements=["booking_id", "kind"])
            .returning(NOTIFICATIONS.c.id)
        )
        new += len(session.execute(statement).all())
    return new


OWE_BATCH = 500  # rows per INSERT: 2,500 parameters, within SQLite's limit


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
    due = or_(Notification.not_before.is_(None), Notification.not_before <= now)
    oldest = (
        select(Notification.id)
        .where(Notification.status == "pending", due)
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
