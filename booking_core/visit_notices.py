"""Texts owed to residents about home visits, through the same outbox as bookings' texts.

Scheduling a visit leaves one `notification` row (home_visit_id set, booking_id empty) of kind
`visit_scheduled:<event id>` in the scheduling's own transaction; the day before the visit
`owe_visit_reminders` leaves `visit_reminder:<event id>`. The event is the scheduling's row in
home_visit_event, so a visit scheduled again (after a postponement) owes new texts and the old
ones are no longer due. Landlines get no text: the coordinator calls them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from booking_core.db import UnitOfWork
from booking_core.models import Notification
from booking_core.notices import texts_go_to
from booking_core.visit_models import HomeVisit, HomeVisitEvent

SCHEDULED_PREFIX = "visit_scheduled:"
REMINDER_PREFIX = "visit_reminder:"


def scheduled_kind(event_id: int) -> str:
    """The kind of the text a scheduling owes."""
    return f"{SCHEDULED_PREFIX}{event_id}"


def reminder_kind(event_id: int) -> str:
    """The kind of the day-before reminder of a scheduling."""
    return f"{REMINDER_PREFIX}{event_id}"


def purpose_of(kind: str) -> str | None:
    """ "scheduled" or "reminder"; None: not a visit's text."""
    if kind.startswith(SCHEDULED_PREFIX):
        return "scheduled"
    if kind.startswith(REMINDER_PREFIX):
        return "reminder"
    return None


def owe(session: Session, visit: HomeVisit, kind: str, now: datetime) -> bool:
    """Leave a pending text for a visit in the current transaction; False for a landline."""
    if not texts_go_to(visit.phone):
        return False
    session.execute(
        insert(Notification).values(
            home_visit_id=visit.id, kind=kind, status="pending", created_at=now
        )
    )
    return True


def latest_scheduling(session: Session, visit_id: int) -> int | None:
    """The id of the visit's last scheduling event."""
    return session.scalar(
        select(HomeVisitEvent.id)
        .where(HomeVisitEvent.home_visit_id == visit_id, HomeVisitEvent.move == "schedule")
        .order_by(HomeVisitEvent.id.desc())
        .limit(1)
    )


def why_not_due(kind: str, visit: HomeVisit | None, session: Session) -> str | None:
    """Why a visit's text owed earlier should not go (any more); None when it should."""
    if visit is None:
        return "gone"
    if purpose_of(kind) is None:
        return "unknown_kind"
    if visit.status != "scheduled":
        return "not_scheduled"
    if not texts_go_to(visit.phone):
        return "not_mobile"
    latest = latest_scheduling(session, visit.id)
    if latest is None or kind.split(":", 1)[1] != str(latest):
        return "superseded"  # scheduled again since: the later text gives the date
    return None


def owe_visit_reminders(uow: UnitOfWork, *, day: date, now: datetime) -> int:
    """Leave a reminder for every visit scheduled on `day` (run the day before); running it
    again owes nothing more. How many were owed."""
    with uow:
        session = uow.session
        owed = 0
        for visit in session.scalars(
            select(HomeVisit).where(HomeVisit.visit_day == day, HomeVisit.status == "scheduled")
        ):
            event_id = latest_scheduling(session, visit.id)
            kind = reminder_kind(event_id or 0)
            already = select(Notification.id).where(
                Notification.home_visit_id == visit.id, Notification.kind == kind
            )
            if event_id is not None and session.scalar(already) is None:
                owed += owe(session, visit, kind, now)
        uow.commit()
        return owed


def reminder_day(now: datetime) -> date:
    """The visit day whose reminders are owed today (tomorrow)."""
    return now.date() + timedelta(days=1)
