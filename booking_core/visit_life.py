"""A home visit's life: the table of allowed moves and the one function that applies them.

    requested ─schedule─▶ scheduled ─done─▶ done
        ▲                   │  ╰─not_at_home─▶ not_at_home ─schedule─▶ scheduled
        ╰────postponed──────╯        (requested, scheduled, not_at_home ─cancelled─▶ cancelled)

Scheduling names the day, a team and the city staff member who goes with it, within the
team's visits a day and the centre's visit places of the capacity plan. Each move is a
conditional UPDATE on the state the request was read in, an event row and an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from booking_core import audit, slots, visit_cards, visit_notices
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors, NotBookable
from booking_core.home_visits import ISSUE_AT_HOME, HomeVisitDetails, VisitRefused, find
from booking_core.policy import Actor, Policy
from booking_core.visit_models import CityStaff, HomeVisit, HomeVisitEvent, VisitTeam

VISIT_GROUP = "visit"
# move -> (the states it may start from, the state it leads to)
MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    "schedule": (("requested", "not_at_home"), "scheduled"),
    "done": (("scheduled",), "done"),
    "not_at_home": (("scheduled",), "not_at_home"),
    "postponed": (("scheduled",), "requested"),  # back to the queue, with a reason
    "cancelled": (("requested", "scheduled", "not_at_home"), "cancelled"),
}
OUTCOMES = ("done", "not_at_home", "postponed", "cancelled")
NEEDS_REASON = ("postponed", "cancelled")


@dataclass(frozen=True)
class Scheduled:
    """A visit fixed: its day, team and city staff member, and whether a text is owed."""

    reference: str
    status: str
    day: date
    team_id: int
    city_staff_id: int
    texted: bool


def apply_move(
    session: Session, visit: HomeVisit, move: str, *, now: datetime, actor: Actor,
    note: str = "", **values: Any,
) -> HomeVisitEvent:  # fmt: skip
    """Apply one move to the request as read (not committed): UPDATE, event row, audit."""
    starts, to = MOVES[move]
    if visit.status not in starts:
        raise VisitRefused(visit.status)
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(HomeVisit)
        .where(HomeVisit.id == visit.id, HomeVisit.status == visit.status)
        .values(status=to, note=note, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # another coordinator moved it first
        session.refresh(visit)
        raise VisitRefused(visit.status)
    day = values.get("visit_day", visit.visit_day)
    event = HomeVisitEvent(home_visit_id=visit.id, move=move, from_state=visit.status,
                           to_state=to, at=now, actor=actor.label, visit_day=day,
                           note=note)  # fmt: skip
    session.add(event)
    session.flush()
    audit.record(session, actor=actor, action=f"home_visit.{move}", entity="home_visit",
                 entity_id=visit.reference, at=now, note=note)  # fmt: skip
    session.refresh(visit)
    return event


def _lock_center_teams(session: Session, center_id: str) -> None:
    """Take the centre's team rows (PostgreSQL row locks; SQLite has one writer), so two
    coordinators cannot both fill the last place of a day."""
    session.execute(
        update(VisitTeam).where(VisitTeam.center_id == center_id).values(active=VisitTeam.active)
    )


def _visits_on(session: Session, day: date, *where: Any) -> list[HomeVisit]:
    query = select(HomeVisit).join(VisitTeam, VisitTeam.id == HomeVisit.team_id)
    return list(
        session.scalars(query.where(HomeVisit.visit_day == day, HomeVisit.status == "scheduled",
                                    *where))
    )  # fmt: skip


def _check_team_day(session: Session, team: VisitTeam, staff: CityStaff, day: date) -> None:
    """The team's one city staff member that day, the team's visits, the plan's visit places."""
    team_visits = _visits_on(session, day, HomeVisit.team_id == team.id)
    if any(v.city_staff_id != staff.id for v in team_visits):
        FieldErrors({"city_staff": "team_has_another_city_staff"}).raise_if_any()
    others = _visits_on(session, day, HomeVisit.team_id != team.id,
                        HomeVisit.city_staff_id == staff.id)  # fmt: skip
    if others:
        FieldErrors({"city_staff": "with_another_team"}).raise_if_any()
    places = sum(slots.day_places(session, team.center_id, VISIT_GROUP, day).values())
    if places == 0:
        raise NotBookable("no_visits_that_day")
    if len(team_visits) >= team.daily_visits:
        raise NotBookable("team_full")
    if len(_visits_on(session, day, VisitTeam.center_id == team.center_id)) >= places:
        raise NotBookable("no_visit_capacity")


def _team_and_staff(
    session: Session, team_id: int | None, city_staff_id: int | None
) -> tuple[VisitTeam, CityStaff]:
    problems = FieldErrors()
    team = session.get(VisitTeam, team_id) if team_id is not None else None
    staff = session.get(CityStaff, city_staff_id) if city_staff_id is not None else None
    if team_id is None:
        problems.add("team", "required")
    elif team is None or not team.active:
        problems.add("team", "unknown_team")
    if city_staff_id is None:
        problems.add("city_staff", "required")  # no visit goes without a city staff member
    elif staff is None or not staff.active:
        problems.add("city_staff", "unknown_city_staff")
    problems.raise_if_any()
    assert team is not None and staff is not None
    return team, staff


def schedule_visit(
    uow: UnitOfWork, *, reference: str, day: date, team_id: int | None,
    city_staff_id: int | None, now: datetime, actor: Actor, policy: Policy,
) -> Scheduled:  # fmt: skip
    """Fix a request's visit day, team and city staff member; owe the resident a text."""
    if day <= now.date():
        raise NotBookable("past_or_today")
    if day > now.date() + timedelta(days=policy.horizon_days):
        raise NotBookable("beyond_horizon")
    with uow:
        session = uow.session
        team, staff = _team_and_staff(session, team_id, city_staff_id)
        visit = find(session, reference)
        if visit.status not in MOVES["schedule"][0]:
            raise VisitRefused(visit.status)
        if visit.service_code == ISSUE_AT_HOME:
            visit_cards.card_still_ready(session, visit)
        _lock_center_teams(session, team.center_id)
        _check_team_day(session, team, staff, day)
        event = apply_move(session, visit, "schedule", now=now, actor=actor, visit_day=day,
                           team_id=team.id, city_staff_id=staff.id, route_order=None)  # fmt: skip
        texted = visit_notices.owe(session, visit, visit_notices.scheduled_kind(event.id), now)
        uow.commit()
        return Scheduled(reference, "scheduled", day, team.id, staff.id, texted)


def record_outcome(
    uow: UnitOfWork, *, reference: str, outcome: str, reason: str, now: datetime, actor: Actor
) -> HomeVisitDetails:
    """A visit's outcome: done (the card handed over), not at home, postponed back to the
    queue, or cancelled; a card the team carries goes back to its ward."""
    problems = FieldErrors()
    if outcome not in OUTCOMES:
        problems.add("outcome", "invalid")
    if outcome in NEEDS_REASON and not reason.strip():
        problems.add("reason", "required")
    if len(reason) > 200:
        problems.add("reason", "too_long")
    problems.raise_if_any()
    with uow:
        session = uow.session
        visit = find(session, reference)
        if outcome in ("done", "not_at_home") and visit.visit_day and visit.visit_day > now.date():
            raise VisitRefused(visit.status, "The visit day has not come")
        if visit.status in MOVES[outcome][0]:
            visit_cards.settle_card(session, visit, handed_over=outcome == "done", now=now,
                                    actor=actor)  # fmt: skip
        cleared = {"visit_day": None, "team_id": None, "city_staff_id": None,
                   "route_order": None} if outcome == "postponed" else {}  # fmt: skip
        apply_move(session, visit, outcome, now=now, actor=actor, note=reason.strip(), **cleared)
        shown = HomeVisitDetails.of(visit)
        uow.commit()
        return shown


def set_route_order(
    uow: UnitOfWork, *, reference: str, position: int | None, now: datetime, actor: Actor
) -> HomeVisitDetails:
    """Place a scheduled visit in its day's route by hand (None: back to postcode order)."""
    with uow:
        visit = find(uow.session, reference)
        if visit.status != "scheduled":
            raise VisitRefused(visit.status)
        visit.route_order = position
        audit.record(uow.session, actor=actor, action="home_visit.order", entity="home_visit",
                     entity_id=reference, at=now, position=position)  # fmt: skip
        uow.session.flush()
        shown = HomeVisitDetails.of(visit)
        uow.commit()
        return shown
