"""A job's first move on an owed message: is it still due, may it go now, and take it (once).

The rules are the outbox's (booking_core.notices: still due?) and the quiet hours'
(booking_core.reminders: may it go now?); this puts them in one unit of work so the job that
sends the text or places the call only composes and sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from booking_core import directory, notices, text_status, visit_notices
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.models import Booking, Center, Notification, Service
from booking_core.policy import Policy
from booking_core.reminders import LOOK_AHEAD_DAYS, may_go_at
from booking_core.visit_models import HomeVisit


@dataclass(frozen=True)
class Taken:
    """A message this job now owns (status "sending"), with what it says."""

    notification_id: int
    channel: str  # sms or voice
    purpose: str  # confirmation, change, cancellation, closure, reminder
    to: str
    reference: str
    language: str
    day: date
    start: time
    service_code: str
    center_ja: str
    center_en: str
    service_ja: str
    service_en: str
    closure_id: int | None = None
    closure_day: date | None = None


@dataclass(frozen=True)
class TakenVisitText:
    """A home visit's text this job now owns (status "sending"), with what it says."""

    notification_id: int
    purpose: str  # scheduled, reminder
    to: str
    reference: str
    language: str
    visit_day: date
    service_ja: str
    service_en: str


@dataclass(frozen=True)
class NotNow:
    """Not sent: why (no longer due, taken by a twin job), or the moment it waits for."""

    reason: str
    until: datetime | None = None


def take_owed(
    uow: UnitOfWork, notification_id: int, *, now: datetime, policy: Policy
) -> Taken | TakenVisitText | NotNow:
    """Own an owed message (one conditional UPDATE, so a twin job gets nothing), or say why not:
    no longer due (skipped), not at this hour (owed again from then), or already taken."""
    with uow:
        session = uow.session
        row = session.get(Notification, notification_id)
        if row is None:
            return NotNow("gone")
        if row.home_visit_id is not None:
            return _take_visit_text(uow, row, now=now)
        booking = session.get(Booking, row.booking_id)
        parsed = notices.parse_kind(row.kind)
        closure_id = parsed.closure_id if parsed else None
        closure = directory.closure(session, closure_id) if closure_id is not None else None
        if (reason := notices.why_not_due(row.kind, booking, now=now, closure=closure)) is not None:
            text_status.skip(session, row.id, reason=reason)
            uow.commit()
            return NotNow(reason)
        assert booking is not None and parsed is not None
        today = now.astimezone(TOKYO).date()
        closures = directory.closures(session, today, today + timedelta(days=LOOK_AHEAD_DAYS))
        if (until := may_go_at(row.kind, now, closures, policy)) is not None:
            text_status.defer(session, row.id, until=until)
            uow.commit()
            return NotNow("not_now", until)
        if not text_status.take(session, row.id, now=now):
            return NotNow("already_sent")
        center = session.get(Center, booking.center_id)
        service = session.get(Service, booking.service_code)
        assert center is not None and service is not None
        uow.commit()
        return Taken(
            row.id, parsed.channel, parsed.purpose, booking.phone or "", booking.reference,
            booking.language, booking.day, booking.start, booking.service_code, center.name_ja,
            center.name_en, service.name_ja, service.name_en, parsed.closure_id,
            closure.day if closure else None,
        )  # fmt: skip


def _take_visit_text(
    uow: UnitOfWork, row: Notification, *, now: datetime
) -> TakenVisitText | NotNow:
    """Own a home visit's text (booking_core.visit_notices says whether it is still due)."""
    session = uow.session
    visit = session.get(HomeVisit, row.home_visit_id)
    if (reason := visit_notices.why_not_due(row.kind, visit, session)) is not None:
        text_status.skip(session, row.id, reason=reason)
        uow.commit()
        return NotNow(reason)
    assert visit is not None and visit.visit_day is not None
    if not text_status.take(session, row.id, now=now):
        return NotNow("already_sent")
    service = session.get(Service, visit.service_code)
    assert service is not None
    uow.commit()
    return TakenVisitText(
        row.id, visit_notices.purpose_of(row.kind) or "", visit.phone, visit.reference,
        visit.language, visit.visit_day, service.name_ja, service.name_en,
    )  # fmt: skip
