"""Retention (保存期間): personal data is not kept for ever, nor are unused staff accounts.

Bookings whose appointment is older than the retention period lose the resident's personal
data; what the reports count stays (centre, procedure, date, times, party, status, channel).
Home-visit requests of that age lose theirs too, and call records their caller's number and
note (topic and outcome stay for the counts). Staff accounts not signed in for the set
number of days are disabled, never the last administrator. Each run is audited; running it
again changes nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from booking_core import audit
from booking_core.callcentre_models import CallRecord
from booking_core.db import UnitOfWork
from booking_core.models import Base, Booking, StaffUser
from booking_core.policy import Actor
from booking_core.visit_models import HomeVisit

KEEP_DAYS = 365  # default: personal data of a booking is kept a year after the appointment
STAFF_INACTIVE_DAYS = 90  # default: an account unused this long is disabled
ANONYMOUS_BIRTH_DATE = date(1900, 1, 1)  # the column is required; no one is born then
RETENTION = Actor.system("retention")
_WIPED_BOOKING = {
    "name": "", "kana": "", "phone": None, "birth_date": ANONYMOUS_BIRTH_DATE, "address": "",
    "notice_number": None, "person_key": None, "idempotency_key": None, "request_digest": None,
}  # fmt: skip
_WIPED_VISIT = {"name": "", "kana": "", "phone": "", "birth_date": ANONYMOUS_BIRTH_DATE,
                "address": "", "facility": "", "access_notes": ""}  # fmt: skip


@dataclass(frozen=True)
class RetentionResult:
    """What a run did (or, dry, would do)."""

    before_day: date  # bookings of days before this one are anonymised
    bookings: int
    home_visits: int
    disabled: tuple[str, ...]  # staff accounts disabled as unused
    dry_run: bool


def _old_bookings(before: date) -> tuple[ColumnElement[bool], ...]:
    return (Booking.day < before, Booking.anonymised_at.is_(None))


def _old_visits(since: datetime) -> tuple[ColumnElement[bool], ...]:
    return (HomeVisit.created_at < since, HomeVisit.name != "")


def _old_calls(since: datetime) -> tuple[ColumnElement[bool], ...]:
    return (CallRecord.wrapped_at < since, (CallRecord.caller != "") | (CallRecord.note != ""))


def _count(session: Session, model: type[Base], *where: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _unused_accounts(session: Session, since: datetime) -> list[str]:
    """Active accounts last used (signed in, else created) before `since`; the last active
    administrator is kept even when unused."""
    last_used = func.coalesce(StaffUser.last_sign_in_at, StaffUser.created_at)
    rows = session.execute(
        select(StaffUser.username, StaffUser.role, last_used)
        .where(StaffUser.active.is_(True))
        .order_by(last_used.desc())
    ).all()
    unused = [name for name, _, used in rows if used is not None and used < since]
    admins = [name for name, role, _ in rows if role == "admin"]
    if admins and set(admins) <= set(unused):
        unused.remove(admins[0])  # the most recently used administrator stays
    return unused


def run_retention(
    uow: UnitOfWork,
    *,
    now: datetime,
    keep_days: int = KEEP_DAYS,
    inactive_days: int = STAFF_INACTIVE_DAYS,
    dry_run: bool = False,
    actor: Actor = RETENTION,
) -> RetentionResult:
    """Anonymise old bookings and home visits, disable unused accounts; audited."""
    before = now.date() - timedelta(days=keep_days)
    visits_since = now - timedelta(days=keep_days)
    with uow:
        session = uow.session
        bookings = _count(session, Booking, *_old_bookings(before))
        visits = _count(session, HomeVisit, *_old_visits(visits_since))
        unused = _unused_accounts(session, now - timedelta(days=inactive_days))
        result = RetentionResult(before, bookings, visits, tuple(unused), dry_run)
        if dry_run:
            return result
        session.execute(update(Booking).where(*_old_bookings(before))
                        .values(**_WIPED_BOOKING, anonymised_at=now))  # fmt: skip
        session.execute(update(HomeVisit).where(*_old_visits(visits_since)).values(**_WIPED_VISIT))
        calls = _count(session, CallRecord, *_old_calls(visits_since))
        session.execute(
            update(CallRecord).where(*_old_calls(visits_since)).values(caller="", note="")
        )
        for username in unused:
            user_id = session.scalar(update(StaffUser).where(StaffUser.username == username)
                                     .values(active=False).returning(StaffUser.id))  # fmt: skip
            audit.record(
                session, actor=actor, action="staff.disable", entity="staff_user",
                entity_id=user_id or 0, at=now, username=username, reason="inactive",
                days=inactive_days,
            )  # fmt: skip
        audit.record(
            session, actor=actor, action="retention.run", entity="retention",
            entity_id=before.isoformat(), at=now, bookings=bookings, home_visits=visits,
            staff_disabled=len(unused), call_records=calls, keep_days=keep_days,
            inactive_days=inactive_days,
        )  # fmt: skip
        uow.commit()
        return result
