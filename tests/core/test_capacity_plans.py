"""Capacity plans by period: preview against the floor, saving, slot rows, not yet open days."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from booking_core.availability import day_availability
from booking_core.bookings import change_booking, create_booking
from booking_core.calendar import TOKYO, ClosedReason
from booking_core.capacity_plans import (
    PlanDraft,
    add_plan,
    list_plans,
    preview_plan,
    preview_removal,
    remove_plan,
)
from booking_core.errors import InvalidRequest, NotBookable
from booking_core.models import AuditEvent, Slot
from booking_core.policy import Actor
from booking_core.reports import capacity_report

ADMIN = Actor.staff("admin1", "admin")
WEB = Actor.resident("web")
FRIDAY_FY2027 = date(2027, 4, 2)
MARCH_2027 = datetime(2027, 3, 1, 9, 0, tzinfo=TOKYO)


def fy2027(center_id: str = "yokohama", **overrides: object) -> PlanDraft:
    """A weekday issue/renew plan for FY2027 at a centre."""
    values: dict[str, object] = {
        "center_id": center_id,
        "group": "issue_renew",
        "day_kind": "weekday",
        "valid_from": date(2027, 4, 1),
        "valid_to": date(2028, 3, 31),
        "band_start": time(11, 30),
        "band_end": time(19, 30),
        "places": 30,
        "note": "FY2027",
    }
    values.update(overrides)
    return PlanDraft(**values)  # type: ignore[arg-type]


def test_a_day_no_plan_covers_is_not_yet_open_rather_than_open_with_no_places(runtime, clock):
    clock.set(MARCH_2027)
    plan = day_availability(
        runtime.uow(), center_id="yokohama", service_code="cert", day=FRIDAY_FY2027,
        now=clock.now(), policy=runtime.policy,
    )  # fmt: skip
    assert (plan.hours.open, plan.hours.reason, plan.slots) == (
        False, ClosedReason.NOT_OPEN_YET, ()
    )  # fmt: skip


def test_booking_a_day_no_plan_covers_is_refused_as_not_open_yet(runtime, clock, booking_request):
    clock.set(MARCH_2027)
    with pytest.raises(NotBookable) as refused:
        create_booking(
            runtime.uow(), booking_request(day=FRIDAY_FY2027), now=clock.now(), actor=WEB,
            policy=runtime.policy,
        )  # fmt: skip
    assert refused.value.reason == "not_open_yet"


def test_moving_a_booking_to_a_day_no_plan_covers_is_refused_as_not_open_yet(
    runtime, clock, booking_request
):
    made = create_booking(runtime.uow(), booking_request(day=date(2027, 3, 26)),
                          now=datetime(2027, 3, 1, 9, 0, tzinfo=TOKYO), actor=WEB,
                          policy=runtime.policy)  # fmt: skip
    clock.set(MARCH_2027)
    with pytest.raises(NotBookable) as refused:
        change_booking(
            runtime.uow(), reference=made.reference, birth_date=made.birth_date,
            day=FRIDAY_FY2027, start=made.start, now=clock.now(), actor=WEB, policy=runtime.policy,
        )  # fmt: skip
    assert refused.value.reason == "not_open_yet"


def test_the_capacity_report_marks_unplanned_days_not_bookable_with_not_open_yet(runtime):
    report = capacity_report(runtime.uow(), year=2027, month=4)
    friday = next(d for d in report.days if d.day == FRIDAY_FY2027)
    wednesday = next(d for d in report.days if d.day == date(2027, 4, 7))
    assert (friday.bookable, friday.reason, report.issue_renew_slots) == (False, "not_open_yet", 0)
    assert wednesday.reason == "weekly_closure"


def test_the_preview_shows_each_month_against_the_floor_without_saving(runtime, clock):
    preview = preview_plan(runtime.uow(), fy2027(), now=clock.now())
    april = preview.months[0]
    # 2027-04: 13 open weekdays (Mon, Tue, Fri) of 32 bands; 7 open weekend days get nothing
    assert (april.month, april.before, april.floor) == ("2027-04", 0, 50_000)
    assert (april.after, april.empty_days, april.meets_floor) == (30 * 32 * 13, 7, False)
    assert len(preview.months) == 12 and not preview.conflicts
    assert list_plans(runtime.uow(), from_day=date(2027, 4, 1)) == []


def test_saving_a_plan_opens_its_days_for_booking_and_records_who_and_when(
    runtime, clock, booking_request
):
    saved = add_plan(runtime.uow(), fy2027(), now=clock.now(), actor=ADMIN)
    clock.set(MARCH_2027)
    made = create_booking(
        runtime.uow(), booking_request(day=FRIDAY_FY2027), now=clock.now(), actor=WEB,
        policy=runtime.policy,
    )  # fmt: skip
    plans = list_plans(runtime.uow(), from_day=date(2027, 4, 1))
    assert made.day == FRIDAY_FY2027
    assert [(p.plan_id, p.changed_by, p.places) for p in plans] == [(saved.plan_id, "admin1", 30)]
    assert plans[0].changed_at == datetime(2026, 11, 2, 9, 0, tzinfo=TOKYO)


def test_saving_a_plan_makes_its_slot_rows_once(runtime, clock):
    first = add_plan(
        runtime.uow(), fy2027(valid_to=date(2027, 4, 30)), now=clock.now(), actor=ADMIN
    )
    again = add_plan(
        runtime.uow(), fy2027(valid_to=date(2027, 4, 30)), now=clock.now(), actor=ADMIN
    )
    with runtime.uow() as uow:
        rows = uow.session.scalars(
            select(Slot.capacity).where(Slot.center_id == "yokohama", Slot.day == FRIDAY_FY2027)
        ).all()
    assert (first.slots_made, again.slots_made, again.slots_updated) == (32 * 13, 0, 0)
    assert rows == [30] * 32


def test_a_plan_with_fewer_places_never_cuts_a_band_below_its_bookings_and_says_so(
    runtime, clock, booking_request
):
    made = create_booking(runtime.uow(), booking_request(), now=clock.now(), actor=WEB,
                          policy=runtime.policy)  # fmt: skip
    quiet = fy2027(valid_from=made.day, valid_to=made.day, places=0, note="閑散")
    preview = preview_plan(runtime.uow(), quiet, now=clock.now())
    saved = add_plan(runtime.uow(), quiet, now=clock.now(), actor=ADMIN)
    with runtime.uow() as uow:
        slot = uow.session.scalars(
            select(Slot).where(Slot.center_id == "yokohama", Slot.day == made.day,
                               Slot.start == made.start)
        ).one()  # fmt: skip
        capacity, booked = slot.capacity, slot.booked
    conflict = (made.day, made.start, 1, 0)
    assert [(c.day, c.start, c.booked, c.places) for c in preview.conflicts] == [conflict]
    assert [(c.day, c.start, c.booked, c.places) for c in saved.conflicts] == [conflict]
    assert (capacity, booked) == (1, 1)


def test_removing_a_plan_closes_its_days_again_and_is_audited(runtime, clock):
    saved = add_plan(
        runtime.uow(), fy2027(valid_to=date(2027, 4, 30)), now=clock.now(), actor=ADMIN
    )
    remove_plan(runtime.uow(), plan_id=saved.plan_id, now=clock.now(), actor=ADMIN)
    with runtime.uow() as uow:
        capacities = set(
            uow.session.scalars(select(Slot.capacity).where(Slot.day == FRIDAY_FY2027))
        )
        actions = list(uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert capacities == {0}
    assert actions == ["capacity_plan.add", "capacity_plan.remove"]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"center_id": "nowhere"}, "center", "unknown_center"),
        ({"group": "coffee"}, "group", "unknown_group"),
        ({"day_kind": "monday"}, "day_kind", "unknown_day_kind"),
        ({"valid_to": date(2027, 3, 31)}, "valid_to", "bad_date_range"),
        (
            {"valid_from": date(2026, 4, 1), "valid_to": date(2026, 10, 1)},
            "valid_to",
            "in_the_past",
        ),
        ({"valid_to": date(2029, 4, 1)}, "valid_to", "period_too_long"),
        ({"band_end": time(11, 0)}, "band_start", "bad_time_range"),
        ({"band_minutes": 7}, "band_minutes", "unknown_band_length"),
        ({"places": -1}, "places", "out_of_range"),
        ({"walk_in_share": 20}, "walk_in_share", "reception_only"),
        ({"group": "reception", "walk_in_share": 120}, "walk_in_share", "out_of_range"),
    ],
)
def test_a_plan_that_breaks_a_rule_is_refused_naming_the_field(runtime, clock, change, field, code):
    with pytest.raises(InvalidRequest) as refused:
        preview_plan(runtime.uow(), fy2027(**change), now=clock.now())
    assert refused.value.fields[field] == code


def test_the_removal_preview_shows_the_months_falling_below_the_floor_and_the_bookings_kept(
    runtime, clock, booking_request
):
    made = create_booking(runtime.uow(), booking_request(), now=clock.now(), actor=WEB,
                          policy=runtime.policy)  # fmt: skip
    in_force = next(
        p for p in list_plans(runtime.uow(), from_day=made.day)
        if (p.center_id, p.group, p.day_kind) == ("yokohama", "issue_renew", "weekday")
        and (p.band_start, p.band_end) == (time(11, 30), time(19, 30)) and p.valid_from <= made.day
    )  # fmt: skip
    preview = preview_removal(runtime.uow(), plan_id=in_force.plan_id, now=clock.now())
    november = preview.months[0]
    assert november.month == "2026-11" and november.after < november.before
    assert [(c.day, c.start, c.booked) for c in preview.conflicts] == [(made.day, made.start, 1)]


def test_a_walk_in_share_holds_back_part_of_each_reception_band_for_walk_ins(runtime, clock):
    reception = fy2027(group="reception", places=10, walk_in_share=20, note="")
    saved = add_plan(runtime.uow(), reception, now=clock.now(), actor=ADMIN)
    plans = list_plans(runtime.uow(), from_day=date(2027, 4, 1))
    with runtime.uow() as uow:
        walk_ins = uow.session.scalars(
            select(Slot.capacity).where(Slot.group == "walk_in", Slot.day == FRIDAY_FY2027)
        ).all()
    assert [(p.group, p.places, p.note) for p in plans] == [
        ("reception", 8, ""), ("walk_in", 2, "当日受付 20%")
    ]  # fmt: skip
    assert saved.plan_id == plans[0].plan_id and walk_ins == [2] * 32
