"""Who visits: the city's list of staff who accompany visits (委託者職員) and the visit teams."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from booking_core import audit, directory
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors, NotFound
from booking_core.identifiers import contains_my_number
from booking_core.policy import Actor
from booking_core.visit_models import CityStaff, VisitTeam


@dataclass(frozen=True)
class CityStaffView:
    """A city staff member on the list."""

    staff_id: int
    name: str
    section: str
    active: bool


@dataclass(frozen=True)
class TeamView:
    """A visit team: its centre, operator staff and visits a day."""

    team_id: int
    name: str
    center_id: str
    operators: str
    daily_visits: int
    active: bool


def _text(problems: FieldErrors, name: str, value: str, most: int) -> None:
    if not value.strip():
        problems.add(name, "required")
    elif len(value) > most:
        problems.add(name, "too_long")
    elif contains_my_number(value):
        problems.add(name, "my_number")


def city_staff(uow: UnitOfWork, *, active_only: bool = False) -> list[CityStaffView]:
    """The city's list, by name."""
    with uow:
        query = select(CityStaff).order_by(CityStaff.name, CityStaff.id)
        query = query.where(CityStaff.active.is_(True)) if active_only else query
        return [
            CityStaffView(c.id, c.name, c.section, c.active) for c in uow.session.scalars(query)
        ]


def add_city_staff(
    uow: UnitOfWork, *, name: str, section: str, now: datetime, actor: Actor
) -> CityStaffView:
    """Put a city staff member on the list (audited)."""
    problems = FieldErrors()
    _text(problems, "name", name, 100)
    if section:
        _text(problems, "section", section, 100)
    problems.raise_if_any()
    with uow:
        row = CityStaff(name=name.strip(), section=section.strip(), active=True)
        uow.session.add(row)
        uow.session.flush()
        audit.record(uow.session, actor=actor, action="city_staff.add", entity="city_staff",
                     entity_id=row.id, at=now)  # fmt: skip
        made = CityStaffView(row.id, row.name, row.section, row.active)
        uow.commit()
        return made


def set_city_staff_active(
    uow: UnitOfWork, *, staff_id: int, active: bool, now: datetime, actor: Actor
) -> CityStaffView:
    """Take a city staff member off the list (or back on); visits already fixed keep them."""
    with uow:
        row = uow.session.get(CityStaff, staff_id)
        if row is None:
            raise NotFound("No such city staff member")
        row.active = active
        audit.record(uow.session, actor=actor, action="city_staff.active", entity="city_staff",
                     entity_id=row.id, at=now, active=active)  # fmt: skip
        made = CityStaffView(row.id, row.name, row.section, row.active)
        uow.commit()
        return made


def teams(uow: UnitOfWork, *, active_only: bool = False) -> list[TeamView]:
    """Every visit team, by name."""
    with uow:
        query = select(VisitTeam).order_by(VisitTeam.name)
        query = query.where(VisitTeam.active.is_(True)) if active_only else query
        return [_team(t) for t in uow.session.scalars(query)]


def _team(t: VisitTeam) -> TeamView:
    return TeamView(t.id, t.name, t.center_id, t.operators, t.daily_visits, t.active)


def add_team(
    uow: UnitOfWork,
    *,
    name: str,
    center_id: str,
    operators: str,
    daily_visits: int,
    now: datetime,
    actor: Actor,
) -> TeamView:
    """A new visit team from a centre (audited)."""
    problems = FieldErrors()
    _text(problems, "name", name, 40)
    _text(problems, "operators", operators, 200)
    if not 1 <= daily_visits <= 12:
        problems.add("daily_visits", "out_of_range")
    with uow:
        if center_id not in {c.id for c in directory.centers(uow.session)}:
            problems.add("center", "unknown_center")
        if uow.session.scalar(select(VisitTeam.id).where(VisitTeam.name == name.strip())):
            problems.add("name", "taken")
        problems.raise_if_any()
        row = VisitTeam(name=name.strip(), center_id=center_id, operators=operators.strip(),
                        daily_visits=daily_visits, active=True)  # fmt: skip
        uow.session.add(row)
        uow.session.flush()
        audit.record(uow.session, actor=actor, action="visit_team.add", entity="visit_team",
                     entity_id=row.id, at=now)  # fmt: skip
        made = _team(row)
        uow.commit()
        return made


def ward_names(uow: UnitOfWork) -> dict[str, str]:
    """Each ward's Japanese name by id (the areas of requests)."""
    with uow:
        return {w.id: w.name_ja for w in directory.wards(uow.session)}
