"""The stored facts a city report counts, read for a range of days in one pass per table.

Figures only: no column that names or identifies a resident is read. Moments come back in
Asia/Tokyo, so `.date()` is the Tokyo day; the range is [first 00:00, last+1 00:00) in Tokyo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from booking_core import directory
from booking_core.calendar import TOKYO, centre_days
from booking_core.callcentre_models import CallRecord, IntervalStat
from booking_core.capacity import BandMemo, day_bands
from booking_core.models import AuditEvent, Booking, CardCustodyEvent, Slot, WalkIn
from booking_core.report_models import PhoneMenuCall
from booking_core.visit_models import HomeVisit

CHANGE_ACTIONS = ("booking.change", "booking.cancel")
CUSTODY_STATES = ("at_centre", "issued", "in_return")
PLACE_GROUPS = ("issue_renew", "reception", "walk_in")  # the groups a centre's windows serve


@dataclass(frozen=True)
class Facts:
    """Rows of plain values, each led by the Tokyo day it counts for."""

    made: list[tuple[date, str, str, str, int]]  # day, channel, center, service, party
    appointments: list[tuple[date, str, str, str, bool, int]]  # day, center, service, status…
    changes: list[tuple[date, str, str, str]]  # day, action, channel, center
    walk_ins: list[tuple[date, str, str, int]]  # day, center, service, party
    custody: list[tuple[date, str, str]]  # day, to_state, place
    offered: list[tuple[date, str, str, int]]  # day, center, group, places of the plan
    used: list[tuple[date, str, str, int]]  # day, center, group, places booked
    home_visits: list[tuple[date, str]]  # day, service
    calls: list[tuple[date, str, str | None, str | None, int | None]]  # outcome, queue, result…
    intervals: list[tuple[date, str, tuple[int, ...]]]  # day, queue, INTERVAL_FIELDS values
    wrap_ups: list[tuple[date, str, str]]  # day, queue, wrap code


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return datetime.combine(first, time(0), TOKYO), datetime.combine(
        last + timedelta(days=1), time(0), TOKYO
    )


def _dated(rows: Any) -> list[Any]:
    """Rows whose first value is a moment, with that moment turned into its Tokyo day."""
    return [(r[0].date(), *r[1:]) for r in rows]


def _plain(rows: Any) -> list[Any]:
    return [tuple(r) for r in rows]


def read_facts(session: Session, first: date, last: date) -> Facts:
    """Every fact of the days from first to last (inclusive) that a city report counts."""
    start, end = _bounds(first, last)
    b = Booking
    made = session.execute(
        select(b.created_at, b.channel, b.center_id, b.service_code, b.party_size).where(
            b.created_at >= start, b.created_at < end
        )
    )
    appointments = session.execute(
        select(b.day, b.center_id, b.service_code, b.status, b.late, b.party_size).where(
            b.day >= first, b.day <= last
        )
    )
    a = AuditEvent
    changes = session.execute(
        select(a.at, a.action, a.channel, b.center_id)
        .join(b, b.reference == a.entity_id)
        .where(a.at >= start, a.at < end, a.action.in_(CHANGE_ACTIONS), a.entity == "booking")
    )
    c = CardCustodyEvent
    custody = session.execute(
        select(c.at, c.to_state, c.place).where(
            c.at >= start, c.at < end, c.to_state.in_(CUSTODY_STATES)
        )
    )
    return Facts(
        made=_dated(made),
        appointments=_plain(appointments),
        changes=_dated(changes),
        walk_ins=_walk_ins(session, first, last),
        custody=_dated(custody),
        offered=_offered(session, first, last),
        used=_used(session, first, last),
        home_visits=_dated(
            session.execute(
                select(HomeVisit.created_at, HomeVisit.service_code).where(
                    HomeVisit.created_at >= start, HomeVisit.created_at < end
                )
            )
        ),
        calls=_calls(session, start, end),
        intervals=_intervals(session, start, end),
        wrap_ups=_dated(
            session.execute(
                select(CallRecord.wrapped_at, CallRecord.queue, CallRecord.wrap_code).where(
                    CallRecord.wrapped_at >= start, CallRecord.wrapped_at < end
                )
            )
        ),
    )


def _walk_ins(session: Session, first: date, last: date) -> list[Any]:
    w = WalkIn
    query = select(w.day, w.center_id, w.service_code, w.party_size)
    return _plain(session.execute(query.where(w.day >= first, w.day <= last)))


def _used(session: Session, first: date, last: date) -> list[Any]:
    s = Slot
    query = select(s.day, s.center_id, s.group, s.booked)
    return _plain(session.execute(query.where(and_(s.day >= first, s.day <= last))))


def _offered(session: Session, first: date, last: date) -> list[Any]:
    """The places each centre's capacity plan offered, per day and group (slots are made only
    when first booked, so the plan, not the slot rows, says what was offered)."""
    closures = directory.closures(session, first, last)
    rows = []
    for center in directory.centers(session):
        days = centre_days(center.id, first, last, closures)
        for group in PLACE_GROUPS:
            templates = directory.templates(session, center.id, group, first, last)
            overrides = directory.overrides(session, center.id, group, first, last)
            memo: BandMemo = {}
            for hours in days:
                bands = day_bands(hours, templates, overrides, memo=memo)
                rows.append((hours.day, center.id, group, sum(b.places for b in bands)))
    return rows


def _calls(session: Session, start: datetime, end: datetime) -> list[Any]:
    p = PhoneMenuCall
    query = select(p.ended_at, p.outcome, p.queue, p.queue_result, p.wait_seconds)
    return _dated(session.execute(query.where(p.ended_at >= start, p.ended_at < end)))


def _intervals(session: Session, start: datetime, end: datetime) -> list[Any]:
    i = IntervalStat
    query = select(
        i.start, i.queue, i.offered, i.answered, i.abandoned, i.answered_in_sl,
        i.wait_ms, i.handled, i.handle_ms, i.callbacks_served,
    ).where(i.start >= start, i.start < end)  # fmt: skip
    rows: list[tuple[Any, ...]] = [tuple(r) for r in session.execute(query)]
    return [(r[0].date(), r[1], r[2:]) for r in rows]
