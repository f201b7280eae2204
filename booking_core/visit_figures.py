"""Home-visit figures per day and per month for the city's reports (no personal data).

Per day and service: requests taken, visits scheduled, done, not at home, postponed and
cancelled, counted from the requests' creation and their moves (home_visit_event).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from booking_core.calendar import TOKYO
from booking_core.db import UnitOfWork
from booking_core.visit_models import HomeVisit, HomeVisitEvent

MEASURES = ("requested", "scheduled", "done", "not_at_home", "postponed", "cancelled")
MOVE_MEASURE = {"schedule": "scheduled", "done": "done", "not_at_home": "not_at_home",
                "postponed": "postponed", "cancelled": "cancelled"}  # fmt: skip


@dataclass(frozen=True)
class VisitFigures:
    """Counts over [start, end] (inclusive): per day, per service, per measure; and totals."""

    start: date
    end: date
    days: dict[date, dict[str, dict[str, int]]]

    def total(self, service: str | None = None) -> dict[str, int]:
        """Each measure summed over the days (and the services, or one service)."""
        sums = dict.fromkeys(MEASURES, 0)
        for per_service in self.days.values():
            for code, counts in per_service.items():
                if service in (None, code):
                    for measure, n in counts.items():
                        sums[measure] += n
        return sums


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), TOKYO)


def figures_between(session: Session, start: date, end: date) -> VisitFigures:
    """The counts of each day from start to end (a core function other reports call)."""
    since, until = _moment(start), _moment(end + timedelta(days=1))
    days: dict[date, dict[str, dict[str, int]]] = {}

    def add(at: datetime, service: str, measure: str, n: int) -> None:
        per = days.setdefault(at.astimezone(TOKYO).date(), {})
        counts = per.setdefault(service, dict.fromkeys(MEASURES, 0))
        counts[measure] += n

    for at, service in session.execute(
        select(HomeVisit.created_at, HomeVisit.service_code).where(
            HomeVisit.created_at >= since, HomeVisit.created_at < until
        )
    ):
        add(at, service, "requested", 1)
    for at, service, move in session.execute(
        select(HomeVisitEvent.at, HomeVisit.service_code, HomeVisitEvent.move)
        .join(HomeVisit, HomeVisit.id == HomeVisitEvent.home_visit_id)
        .where(HomeVisitEvent.at >= since, HomeVisitEvent.at < until)
    ):
        add(at, service, MOVE_MEASURE[move], 1)
    return VisitFigures(start, end, dict(sorted(days.items())))


def day_figures(uow: UnitOfWork, *, day: date) -> VisitFigures:
    """One day's figures."""
    with uow:
        return figures_between(uow.session, day, day)


def month_figures(uow: UnitOfWork, *, year: int, month: int) -> VisitFigures:
    """One month's figures, day by day."""
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    with uow:
        return figures_between(uow.session, first, last)


def scheduled_count(session: Session, day: date) -> int:
    """Visits planned on a day (scheduled, not yet done)."""
    query = select(func.count()).where(HomeVisit.visit_day == day, HomeVisit.status == "scheduled")
    return int(session.scalar(query) or 0)
