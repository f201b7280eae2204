"""rq jobs: take ids, reload the row, tolerate a row that has gone, never text twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core.identifiers import is_japanese_mobile
from booking_core.models import Booking, Center, Notification, Service
from queues import sms_en, sms_ja
from queues.gateway import gateway_for
from runtime.bootstrap import Runtime
from runtime.worker import job_runtime

log = logging.getLogger(__name__)
CONFIRMATION = "sms_confirmation"
CANCELLATION = "sms_cancellation"
CHANGE_PREFIX = "sms_change:"  # + the booking's version: each change bumps it, so one text each
SMS_CATALOGS = {"ja": sms_ja, "en": sms_en}
# purpose: (the booking status it is about, the catalog's text)
PURPOSES = {
    "confirmation": ("active", "BOOKING_CONFIRMATION"),
    "change": ("active", "BOOKING_CHANGE"),
    "cancellation": ("cancelled", "BOOKING_CANCELLATION"),
}


@dataclass(frozen=True)
class Claimed:
    """A notification row this run owns, and what to send."""

    notification_id: int
    to: str
    body: str


def confirmation_text(booking: Booking, center: Center, service: Service, runtime: Runtime) -> str:
    """The confirmation text in the booking's language."""
    return booking_text("confirmation", booking, center, service, runtime)


def booking_text(
    purpose: str, booking: Booking, center: Center, service: Service, runtime: Runtime
) -> str:
    """The text of one purpose (confirmation, change, cancellation) in the booking's language."""
    cat = SMS_CATALOGS.get(booking.language, sms_ja)
    english = cat is sms_en
    when = cat.DATE.format(
        month=booking.day.month,
        day=booking.day.day,
        weekday=cat.WEEKDAYS[booking.day.weekday()],
        hour=booking.start.hour,
        minute=booking.start.minute,
    )
    return str(
        getattr(cat, PURPOSES[purpose][1]).format(
            reference=booking.reference,
            when=when,
            center=center.name_en if english else center.name_ja,
            service=service.name_en if english else service.name_ja,
            web=runtime.settings.web_address,
            line=runtime.settings.city_line_number,
        )
    )


def kind_of(purpose: str, booking: Booking) -> str | None:
    """The Notification kind that makes this text once-only; None when nothing changed."""
    if purpose == "change":
        return f"{CHANGE_PREFIX}{booking.version}" if booking.version > 1 else None
    return CANCELLATION if purpose == "cancellation" else CONFIRMATION


def _take(session: Session, booking_id: int, kind: str, now: datetime) -> int | None:
    """Own the (booking, kind) row: insert it, or take back a failed one; None if taken."""
    found = session.scalar(
        select(Notification).where(Notification.booking_id == booking_id, Notification.kind == kind)
    )
    if found is None:
        row = Notification(booking_id=booking_id, kind=kind, status="sending", created_at=now)
        session.add(row)
        session.flush()
        return row.id
    retaken = session.execute(
        update(Notification)
        .where(Notification.id == found.id, Notification.status == "failed")
        .values(status="sending", error=None)
    )
    return found.id if retaken.rowcount == 1 else None  # type: ignore[attr-defined]


def _claim(runtime: Runtime, reference: str, purpose: str) -> Claimed | str:
    with runtime.uow() as uow:
        booking = uow.session.scalar(select(Booking).where(Booking.reference == reference))
        if booking is None:
            return "gone"
        if booking.status != PURPOSES[purpose][0]:
            return f"not_{PURPOSES[purpose][0]}"
        if not booking.phone or not is_japanese_mobile(booking.phone):
            return "not_mobile"
        kind = kind_of(purpose, booking)
        if kind is None:
            return "unchanged"
        try:
            owned = _take(uow.session, booking.id, kind, runtime.clock.now())
        except IntegrityError:
            return "already_sent"
        if owned is None:
            return "already_sent"
        center = uow.session.get(Center, booking.center_id)
        service = uow.session.get(Service, booking.service_code)
        assert center is not None and service is not None
        body = booking_text(purpose, booking, center, service, runtime)
        uow.commit()
        return Claimed(owned, booking.phone, body)


def _finish(runtime: Runtime, notification_id: int, **values: object) -> None:
    with runtime.uow() as uow:
        uow.session.execute(
            update(Notification).where(Notification.id == notification_id).values(**values)
        )
        uow.commit()


def send_booking_confirmation(booking_reference: str) -> str:
    """Text the booking's confirmation to its Japanese mobile, once; returns what happened."""
    return _send(booking_reference, "confirmation")


def send_booking_change(booking_reference: str) -> str:
    """Text the booking's new date and time, once per change (a retried job texts nothing)."""
    return _send(booking_reference, "change")


def send_booking_cancellation(booking_reference: str) -> str:
    """Text that the booking was cancelled, once."""
    return _send(booking_reference, "cancellation")


def _send(booking_reference: str, purpose: str) -> str:
    runtime = job_runtime()
    claimed = _claim(runtime, booking_reference, purpose)
    if isinstance(claimed, str):
        log.info("booking %s text skipped: %s", purpose, claimed)
        return claimed
    try:
        provider_id = gateway_for(runtime.settings).send_sms(claimed.to, claimed.body)
    except Exception as exc:
        _finish(runtime, claimed.notification_id, status="failed", error=type(exc).__name__)
        raise
    _finish(
        runtime,
        claimed.notification_id,
        status="sent",
        sent_at=runtime.clock.now(),
        provider_id=provider_id,
    )
    return "sent"
