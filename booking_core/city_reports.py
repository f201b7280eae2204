"""Reports for the city (市への報告): a day's and a month's figures from every channel.

A period still open is counted from the stored facts each time it is asked for; once it has
closed, the scheduler stores its report (`keep_closed_periods`) and that copy is served from
then on, so the figures of a closed month never change afterwards.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from booking_core import directory
from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.inquiries import counts_by_topic, list_topics
from booking_core.report_facts import Facts, read_facts
from booking_core.report_figures import by_day, figures, rate
from booking_core.report_models import ReportSnapshot
from booking_core.reports import capacity_report, month_range

DAILY, MONTHLY = "daily", "monthly"
TOPICS = ("general", "booking", "visit", "english")  # the agent queues (queues.keys)
KEEP_BACK_DAYS = 7  # closed days the keeper looks back over
CENTER_DAY_COUNTS = ("appointments", "checked_in", "no_shows", "late", "walk_ins", "visitors",
                     "places_offered", "places_used")  # fmt: skip


def _names(uow: UnitOfWork) -> dict[str, Any]:
    session = uow.session
    return {
        "center_names": {c.id: c.name_ja for c in directory.centers(session)},
        "service_names": {s.code: s.name_ja for s in directory.services(session)},
    }


def _count(uow: UnitOfWork, first: date, last: date) -> tuple[dict[str, Any], Facts]:
    """The period's figures (as plain values) and its facts, read in one session."""
    with uow:
        names = _names(uow)
        facts = read_facts(uow.session, first, last)
    counted = figures(
        facts,
        centers=list(names["center_names"]),
        services=list(names["service_names"]),
        topics=TOPICS,
    )
    return {**names, **counted.to_dict()}, facts


def day_row(day: date, counted: dict[str, Any]) -> dict[str, Any]:
    """One line of a month's table: the day's main figures."""
    calls, bookings = counted["calls"], counted["bookings"]
    return {
        "date": day.isoformat(),
        **{k: bookings[k] for k in ("made", "changed", "cancelled")},
        **{k: counted[k] for k in ("appointments", "checked_in", "no_shows", "walk_ins")},
        "visitors": counted["visitors"],
        "calls_total": calls["total"],
        **{k: calls[k] for k in ("ivr_only", "offered", "answered", "abandoned")},
        "answer_rate": calls["answer_rate"],
        "service_level": calls["service_level"],
        "by_center": {
            center: {k: tally[k] for k in CENTER_DAY_COUNTS}
            for center, tally in counted["by_center"].items()
        },
    }


def closed(kind: str, period: str, now: datetime) -> bool:
    """True once the period has ended in Tokyo (its figures are then kept as they are)."""
    today = now.astimezone(TOKYO).date()
    if kind == DAILY:
        return date.fromisoformat(period) < today
    return period < today.strftime("%Y-%m")


def build_daily(uow: UnitOfWork, *, day: date, now: datetime) -> dict[str, Any]:
    """Count one day's report from the stored facts."""
    counted, _ = _count(uow, day, day)
    period = day.isoformat()
    return {"kind": DAILY, "period": period, "made_at": now.isoformat(),
            "closed": closed(DAILY, period, now), **counted,
            "inquiries": inquiries_of_day(uow, day)}  # fmt: skip


def inquiries_of_day(uow: UnitOfWork, day: date) -> list[dict[str, Any]]:
    """Wrapped-up calls and callbacks of the day by topic, in the city's order of topics."""
    counts = counts_by_topic(uow, first=day, last=day)[day]
    listed = [
        {"topic": x.code, "name_ja": x.name_ja, "count": counts.get(x.code, 0)}
        for x in list_topics(uow)
        if x.active or counts.get(x.code)
    ]
    if counts.get("none"):
        listed.append({"topic": "none", "name_ja": "", "count": counts["none"]})  # before topics
    return listed


def _day_rows(
    counted: dict[str, Any], facts: Facts, first: date, last: date
) -> list[dict[str, Any]]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    centers, services = list(counted["center_names"]), list(counted["service_names"])
    return [
        day_row(
            day, figures(day_facts, centers=centers, services=services, topics=TOPICS).to_dict()
        )
        for day, day_facts in by_day(facts, days).items()
    ]


def range_rows(uow: UnitOfWork, *, first: date, last: date) -> list[dict[str, Any]]:
    """The main figures of each day from first to last, counted now (a screen's date range)."""
    counted, facts = _count(uow, first, last)
    return _day_rows(counted, facts, first, last)


def build_monthly(uow: UnitOfWork, *, year: int, month: int, now: datetime) -> dict[str, Any]:
    """Count one month's report: its totals, each day, each centre, and capacity vs the floor."""
    first, last = month_range(year, month)
    counted, facts = _count(uow, first, last)
    capacity = capacity_report(uow, year=year, month=month)
    period = f"{year:04d}-{month:02d}"
    return {
        "kind": MONTHLY,
        "period": period,
        "made_at": now.isoformat(),
        "closed": closed(MONTHLY, period, now),
        **counted,
        "days": _day_rows(counted, facts, first, last),
        "capacity": {
            "floor": capacity.floor,
            "issue_renew_slots": capacity.issue_renew_slots,
            "meets_floor": capacity.meets_floor,
            "by_center": {c: v.issue_renew_slots for c, v in capacity.by_center.items()},
        },
        "no_show_rate": rate(counted["no_shows"], counted["appointments"]),
    }


def _stored(uow: UnitOfWork, kind: str, period: str) -> dict[str, Any] | None:
    with uow:
        query = select(ReportSnapshot.figures).where(
            ReportSnapshot.kind == kind, ReportSnapshot.period == period
        )
        return uow.session.scalar(query)


def _keep(uow: UnitOfWork, kind: str, period: str, report: dict[str, Any], now: datetime) -> bool:
    with uow:
        known = uow.session.scalar(
            select(ReportSnapshot.id).where(
                ReportSnapshot.kind == kind, ReportSnapshot.period == period
            )
        )
        if known is not None:
            return False
        uow.session.add(ReportSnapshot(kind=kind, period=period, figures=report, made_at=now))
        try:
            uow.commit()
        except IntegrityError:  # another worker kept it first
            return False
        return True


def daily_report(uow: UnitOfWork, *, day: date, now: datetime) -> dict[str, Any]:
    """A day's report: the kept copy once the day has closed and been stored, else counted now."""
    kept = _stored(uow, DAILY, day.isoformat())
    return kept if kept is not None else build_daily(uow, day=day, now=now)


def monthly_report(uow: UnitOfWork, *, year: int, month: int, now: datetime) -> dict[str, Any]:
    """A month's report: the kept copy once the month has closed, else counted now."""
    kept = _stored(uow, MONTHLY, f"{year:04d}-{month:02d}")
    return kept if kept is not None else build_monthly(uow, year=year, month=month, now=now)


def _kept_periods(uow: UnitOfWork, kind: str, periods: list[str]) -> set[str]:
    with uow:
        query = select(ReportSnapshot.period).where(
            ReportSnapshot.kind == kind, ReportSnapshot.period.in_(periods)
        )
        return set(uow.session.scalars(query))


def keep_closed_periods(uow: UnitOfWork, *, now: datetime) -> list[str]:
    """Store the reports of the last KEEP_BACK_DAYS days and of last month that are not stored
    yet (days missed while no worker ran are caught up); the periods stored, oldest first."""
    today = now.astimezone(TOKYO).date()
    days = [(today - timedelta(days=n)).isoformat() for n in range(KEEP_BACK_DAYS, 0, -1)]
    kept = _kept_periods(uow, DAILY, days)
    done = []
    for period in (d for d in days if d not in kept):
        report = build_daily(uow, day=date.fromisoformat(period), now=now)
        if _keep(uow, DAILY, period, report, now):
            done.append(period)
    last_month = today.replace(day=1) - timedelta(days=1)
    period = last_month.strftime("%Y-%m")
    if not _kept_periods(uow, MONTHLY, [period]):
        report = build_monthly(uow, year=last_month.year, month=last_month.month, now=now)
        if _keep(uow, MONTHLY, period, report, now):
            done.append(period)
    return done
