"""Day-before reminders, and the hours at which messages a resident did not just ask for may go.

On the call centre's last open day before an appointment (at `Policy.reminder_time`, 10:00 by
default) every active booking of that day owes its resident one reminder through the outbox: a
text to a mobile, a voice call to a landline (a hidden number hears nothing). The kind names
the appointment day, so owing the same day's reminders twice owes nothing more, and a booking
moved to another day before its reminder went is skipped then and reminded with its new day.
A resident may opt out (`set_reminders`).

Reminders and closure notices are not sent at night: a text goes between `texts_from` and
`texts_until`, a call only while the call centre is staffed (the resident may press 0 for an
operator). One taken outside those hours waits for the next allowed moment. A reminder call
nobody answered is tried once more, `call_retry_after` later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from booking_core import audit, notices
from booking_core.calendar import TOKYO, Closure, call_centre_day, is_call_centre_staffed
from booking_core.db import UnitOfWork
from booking_core.errors import NotFound
from booking_core.models import Booking, Notification
from booking_core.policy import Actor, Policy

# Purposes whose messages keep the quiet hours (the others answer what the resident just did).
UNASKED = ("reminder", "closure")
# Call statuses (Twilio's words) that mean nobody took the call.
UNANSWERED = frozenset({"no-answer", "busy", "failed", "canceled"})
LOOK_AHEAD_DAYS = 14  # how far to look for the call centre's next staffed hour
SYSTEM = Actor.system("reminders")


def reminder_days(today: date, closures: Sequence[Closure] = ()) -> list[date]:
    """The appointment days whose reminders are owed on `today`: every day after it up to and
    including the call centre's next open day; none when the call centre is closed today."""
    if not call_centre_day(today, closures).open:
        return []
    days, day = [], today
    while True:
        day += timedelta(days=1)
        days.append(day)
        if call_centre_day(day, closures).open or day - today > timedelta(days=LOOK_AHEAD_DAYS):
            return days


@dataclass(frozen=True)
class ReminderRun:
    """What one run owed: reminders newly owed, those due by channel, and those nothing reaches."""

    days: tuple[date, ...]
    owed: int  # newly owed by this run
    due: dict[str, int]  # channel (sms, voice) -> reminders due on these days, owed now or before
    unreachable: int  # active bookings with a hidden or foreign number (nothing to send)


def owe_reminders(
    uow: UnitOfWork, *, days: list[date], now: datetime, policy: Policy
) -> ReminderRun:
    """Owe the reminders of the active bookings on these days; run again, it owes nothing more.

    Owed before the reminder hour of today, they wait for it (not_before).
    """
    local = now.astimezone(TOKYO)
    hour = datetime.combine(local.date(), policy.reminder_time, TOKYO)
    not_before = hour if now < hour else None
    with uow:
        session = uow.session
        rows = session.execute(
            select(Booking.id, Booking.day, Booking.phone).where(
                Booking.day.in_(days), Booking.status == "active", Booking.reminders.is_(True)
            )
        ).all()
        owed, channels, unreachable = [], Counter[str](), 0
        for booking_id, day, phone in rows:
            channel = notices.reached_by(phone)
            if channel is None:
                unreachable += 1
                continue
            owed.append((booking_id, notices.reminder_kind(day, channel)))
            channels[channel] += 1
        new = notices.owe_many(session, owed, now=now, not_before=not_before)
        audit.record(
            session, actor=SYSTEM, action="reminders.owe", entity="day",
            entity_id=",".join(d.isoformat() for d in days), at=now, owed=new,
        )  # fmt: skip
        uow.commit()
    return ReminderRun(tuple(days), new, dict(channels), unreachable)


def may_go_at(
    kind: str, now: datetime, closures: Sequence[Closure], policy: Policy
) -> datetime | None:
    """None when a message of this kind may go now; else the first moment it may."""
    parsed = notices.parse_kind(kind)
    if parsed is None or parsed.purpose not in UNASKED:
        return None
    if parsed.channel == notices.VOICE:
        return _next_staffed(now, closures)
    local = now.astimezone(TOKYO)
    if policy.texts_from <= local.time() < policy.texts_until:
        return None
    day = local.date() if local.time() < policy.texts_from else local.date() + timedelta(days=1)
    return datetime.combine(day, policy.texts_from, TOKYO)


def _next_staffed(now: datetime, closures: Sequence[Closure]) -> datetime | None:
    """None when the call centre is staffed now; else when it next opens (its hours, closures)."""
    if is_call_centre_staffed(now, closures):
        return None
    local = now.astimezone(TOKYO)
    for offset in range(LOOK_AHEAD_DAYS + 1):
        day = local.date() + timedelta(days=offset)
        hours = call_centre_day(day, closures)
        if not hours.open or hours.opens is None or hours.closes is None:
            continue
        edges = [hours.opens, *(end for _, end in hours.closed_intervals)]
        for edge in sorted(edges):
            moment = datetime.combine(day, edge, TOKYO)
            if moment > now and is_call_centre_staffed(moment, closures):
                return moment
    return now + timedelta(days=1)  # closed for two weeks: look again tomorrow


@dataclass(frozen=True)
class NoticeCall:
    """What a reminder or closure call says: the booking, in the resident's language."""

    notification_id: int
    purpose: str  # reminder or closure
    reference: str
    phone: str
    language: str
    day: date
    start: time
    center_id: str
    service_code: str
    status: str  # the booking's, now


def notice_call(uow: UnitOfWork, notification_id: int) -> NoticeCall | None:
    """The call a voice notification places; None when it is not a call we placed."""
    with uow:
        session = uow.session
        row = session.get(Notification, notification_id)
        parsed = notices.parse_kind(row.kind) if row is not None else None
        if row is None or parsed is None or parsed.channel != notices.VOICE:
            return None
        booking = session.get(Booking, row.booking_id)
        if booking is None or booking.phone is None:
            return None
        return NoticeCall(
            row.id, parsed.purpose, booking.reference, booking.phone, booking.language,
            booking.day, booking.start, booking.center_id, booking.service_code, booking.status,
        )  # fmt: skip


def heard(uow: UnitOfWork, call: NoticeCall, *, answer: str, now: datetime) -> None:
    """Record what the resident answered on a reminder or closure call (kept, operator...)."""
    with uow:
        audit.record(
            uow.session, actor=Actor.resident("ivr", call.reference), action=f"notice.{answer}",
            entity="booking", entity_id=call.reference, at=now, notification=call.notification_id,
        )  # fmt: skip
        uow.commit()


def record_call_outcome(
    uow: UnitOfWork, notification_id: int, *, call_status: str, now: datetime, policy: Policy
) -> str | None:
    """A reminder or closure call's final status: answered ("delivered") or not ("unanswered",
    and a first try owes a second one `call_retry_after` later). The new status, or None."""
    with uow:
        session = uow.session
        row = session.get(Notification, notification_id)
        parsed = notices.parse_kind(row.kind) if row is not None else None
        if row is None or parsed is None or parsed.channel != notices.VOICE:
            return None
        outcome = "unanswered" if call_status in UNANSWERED else "delivered"
        if call_status not in UNANSWERED and call_status != "completed":
            return None  # ringing, in progress: not final
        moved = session.execute(
            update(Notification)
            .where(Notification.id == row.id, Notification.status.in_(("sending", "sent")))
            .values(status=outcome, error=None if outcome == "delivered" else call_status)
            .execution_options(synchronize_session=False)
        )
        if int(moved.rowcount) != 1:  # type: ignore[attr-defined]
            return None
        if outcome == "unanswered" and parsed.attempt < notices.SECOND_TRY:
            assert row.booking_id is not None  # calls are placed for bookings only
            again = _second_try(parsed)
            notices.owe_many(session, [(row.booking_id, again)], now=now,
                             not_before=now + policy.call_retry_after)  # fmt: skip
        uow.commit()
        return outcome


def _second_try(parsed: notices.Kind) -> str:
    if parsed.purpose == "reminder" and parsed.day is not None:
        return notices.reminder_kind(parsed.day, notices.VOICE, notices.SECOND_TRY)
    assert parsed.closure_id is not None
    return notices.closure_kind(parsed.closure_id, notices.VOICE, notices.SECOND_TRY)


def set_reminders(
    uow: UnitOfWork,
    *,
    reference: str,
    birth_date: date | None,
    enabled: bool,
    now: datetime,
    actor: Actor,
) -> bool:
    """Turn a booking's reminders on or off (the resident's wish); the new setting.

    `birth_date` is checked when the resident acts; staff (already audited) may give None.
    """
    with uow:
        session = uow.session
        booking = session.scalar(select(Booking).where(Booking.reference == reference))
        if booking is None or (birth_date is not None and booking.birth_date != birth_date):
            raise NotFound("No booking with that reference")
        session.execute(
            update(Booking).where(Booking.id == booking.id).values(reminders=enabled)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        audit.record(
            session, actor=actor, action="booking.reminders", entity="booking",
            entity_id=reference, at=now, enabled=enabled,
        )  # fmt: skip
        uow.commit()
    return enabled
