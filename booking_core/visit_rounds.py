"""A visit day's rounds: per team, its city staff member and visits grouped by ward, in order
(the manual order first, then by postcode); what the coordinator's screen and the A4 visit
sheets show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any

from sqlalchemy import select

from booking_core import audit
from booking_core.db import UnitOfWork
from booking_core.home_visits import HomeVisitDetails
from booking_core.models import CardReadyRecord
from booking_core.policy import Actor
from booking_core.visit_models import CityStaff, HomeVisit, VisitTeam

LAST = 10**6  # visits with no manual place come after those with one


@dataclass(frozen=True)
class RoundStop:
    """One visit of a round: the request, and where its card is (訪問交付)."""

    visit: HomeVisitDetails
    card_state: str | None


@dataclass(frozen=True)
class WardRound:
    """The stops of one ward, in order."""

    ward_id: str
    stops: list[RoundStop]


@dataclass(frozen=True)
class TeamRound:
    """A team's day: its operators, its city staff member, its wards."""

    team_id: int
    team_name: str
    center_id: str
    operators: str
    city_staff: str
    wards: list[WardRound]


def _order(v: HomeVisit) -> tuple[str, int, str, str]:
    return (v.ward_id or "", v.route_order if v.route_order is not None else LAST,
            v.postcode or "9999999", v.reference)  # fmt: skip


def day_rounds(
    uow: UnitOfWork, *, day: date, team_id: int | None, now: datetime, actor: Actor
) -> list[TeamRound]:
    """The day's scheduled and visited requests by team and ward (the read is audited)."""
    with uow:
        session = uow.session
        query = select(HomeVisit, VisitTeam, CityStaff).join(
            VisitTeam, VisitTeam.id == HomeVisit.team_id
        ).join(CityStaff, CityStaff.id == HomeVisit.city_staff_id).where(
            HomeVisit.visit_day == day,
            HomeVisit.status.in_(("scheduled", "done", "not_at_home")),
        )  # fmt: skip
        if team_id is not None:
            query = query.where(HomeVisit.team_id == team_id)
        rows: list[Any] = sorted(session.execute(query), key=lambda r: (r[1].name, *_order(r[0])))
        cards = {
            c.notice_number: c.status
            for c in session.scalars(
                select(CardReadyRecord).where(
                    CardReadyRecord.notice_number.in_(
                        [v.notice_number for v, _, _ in rows if v.notice_number]
                    )
                )
            )
        }
        rounds = []
        for _, team_rows in groupby(rows, key=lambda r: r[1].id):
            team_list = list(team_rows)
            team, staff = team_list[0][1], team_list[0][2]
            wards = [
                WardRound(ward or "", [RoundStop(HomeVisitDetails.of(v),
                                                 cards.get(v.notice_number or ""))
                                       for v, _, _ in stops])
                for ward, stops in groupby(team_list, key=lambda r: r[0].ward_id)
            ]  # fmt: skip
            rounds.append(TeamRound(team.id, team.name, team.center_id, team.operators,
                                    staff.name, wards))  # fmt: skip
        audit.record(session, actor=actor, action="home_visit.rounds", entity="visit_day",
                     entity_id=day.isoformat(), at=now,
                     references=[v.reference for v, _, _ in rows])  # fmt: skip
        uow.commit()
        return rounds
