"""Fixtures of the core's tests: home-visit requests, teams and the city's staff list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from booking_core.home_visits import HomeVisitDetails, HomeVisitRequest, request_home_visit
from booking_core.policy import Actor
from booking_core.visit_teams import CityStaffView, TeamView, add_city_staff, add_team

COORDINATOR = Actor.staff("coord1", channel="visits")


@pytest.fixture
def visit_request(runtime, clock) -> Callable[..., HomeVisitDetails]:
    """Factory: a home-visit request taken on the web (default: application support, 西区)."""

    def make(**overrides: Any) -> HomeVisitDetails:
        values: dict[str, Any] = {
            "service": "visit-apply", "name": "横浜 ハル", "kana": "ヨコハマ ハル",
            "birth_date": date(1938, 3, 3), "phone": "+819012345678",
            "address": "〒220-0004 横浜市西区北幸2-1-1", "reason": "bedridden",
        }  # fmt: skip
        values.update(overrides)
        return request_home_visit(
            runtime.uow(), HomeVisitRequest(**values), now=clock.now(),
            actor=Actor.resident("web"),
        )  # fmt: skip

    return make


@pytest.fixture
def visit_team(runtime, clock) -> TeamView:
    """A team of the yokohama centre that makes three visits a day."""
    return add_team(
        runtime.uow(), name="横浜A", center_id="yokohama", operators="山田、佐藤",
        daily_visits=3, now=clock.now(), actor=COORDINATOR,
    )  # fmt: skip


@pytest.fixture
def city_member(runtime, clock) -> CityStaffView:
    """A city staff member on the city's list."""
    return add_city_staff(
        runtime.uow(), name="市役所 一郎", section="市民局窓口サービス課", now=clock.now(),
        actor=COORDINATOR,
    )  # fmt: skip
