"""City reports: each figure of a scripted day equals what the day's bookings, visits, walk-ins,
card moves and calls produced; a closed period is kept and never changes afterwards."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from booking_core import booking_life, city_reports
from booking_core.booking_changes import cancel_booking, change_booking
from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.manifests import hand_over
from booking_core.phone_menu_calls import EndedCall, record_ended_call
from booking_core.policy import Actor
from booking_core.reports import capacity_report
from booking_core.walk_ins import issue_walk_in

MONDAY, FRIDAY = date(2026, 11, 2), date(2026, 11, 6)  # the clock starts on Monday 09:00
CLERK = Actor.staff("clerk", channel="counter")
WEB, IVR, AGENT = Actor.resident("web"), Actor.resident("ivr", "CA-1"), Actor.staff("agent-1")


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def scripted_day(runtime, clock, booking_request, ready_card):
    """Monday 2 November at yokohama, from 09:00 to the close-out; returns the references."""

    def book(actor, **overrides):
        request = booking_request(**{"day": MONDAY, "start": time(12, 0), **overrides})
        return create_booking(
            runtime.uow(), request, now=clock.now(), actor=actor, policy=runtime.policy
        ).reference

    on_time = book(WEB, birth_date=date(1960, 5, 5))
    late = book(WEB, birth_date=date(1961, 1, 1), phone="+819011112222", party_size=2)
    missed = book(AGENT, service="pin", start=time(13, 0))
    counter = book(CLERK, service="apply", start=time(14, 0))
    moved = book(IVR, day=FRIDAY, start=time(14, 0), birth_date=date(1970, 7, 7))
    dropped = book(WEB, day=FRIDAY, start=time(15, 0), birth_date=date(1980, 8, 8))
    clock.set(at(10))
    change_booking(
        runtime.uow(), reference=moved, birth_date=date(1970, 7, 7), day=FRIDAY,
        start=time(15, 0), now=clock.now(), actor=IVR, policy=runtime.policy,
    )  # fmt: skip
    cancel_booking(
        runtime.uow(), reference=dropped, birth_date=date(1980, 8, 8), now=clock.now(), actor=WEB
    )
    for card in ("111111111", "222222222"):
        ready_card(notice_number=card)
        for event in ("picked_up", "received"):
            hand_over(runtime.uow(), notice_number=card, event=event, now=clock.now(),
                      actor=CLERK, policy=runtime.policy)  # fmt: skip
    hand_over(runtime.uow(), notice_number="222222222", event="return_packed", now=clock.now(),
              actor=CLERK, policy=runtime.policy)  # fmt: skip
    for hour, minute, reference in ((12, 5, on_time), (12, 20, late), (14, 2, counter)):
        clock.set(at(hour, minute))
        booking_life.check_in(runtime.uow(), reference=reference, now=clock.now(), actor=CLERK,
                              policy=runtime.policy)  # fmt: skip
    for reference in (on_time, counter):
        booking_life.complete(runtime.uow(), reference=reference, now=clock.now(), actor=CLERK)
    for party, service in ((1, "pin"), (2, "apply")):
        issue_walk_in(runtime.uow(), center_id="yokohama", service_code=service, party_size=party,
                      now=clock.now(), actor=CLERK, policy=runtime.policy)  # fmt: skip
    clock.set(at(20))
    booking_life.close_day(runtime.uow(), day=MONDAY, now=clock.now())
    return {"missed": missed}


def daily(runtime, clock, day=MONDAY):
    return city_reports.daily_report(runtime.uow(), day=day, now=clock.now())


def test_bookings_are_counted_by_channel_centre_and_service(runtime, clock, scripted_day):
    bookings = daily(runtime, clock)["bookings"]
    assert (bookings["made"], bookings["changed"], bookings["cancelled"]) == (6, 1, 1)
    assert bookings["by_channel"] == {
        "ivr": {"made": 1, "changed": 1, "cancelled": 0},
        "agent": {"made": 1, "changed": 0, "cancelled": 0},
        "web": {"made": 3, "changed": 0, "cancelled": 1},
        "counter": {"made": 1, "changed": 0, "cancelled": 0},
        "other": {"made": 0, "changed": 0, "cancelled": 0},
    }
    assert bookings["by_center"]["yokohama"] == {"made": 6, "changed": 1, "cancelled": 1}
    assert bookings["by_center"]["kamiooka"] == {"made": 0, "changed": 0, "cancelled": 0}
    assert bookings["by_service"]["cert"] == {"made": 4, "appointments": 2}
    assert bookings["by_service"]["pin"] == {"made": 1, "appointments": 1}
    assert bookings["by_service"]["apply"] == {"made": 1, "appointments": 1}


def test_visits_walk_ins_and_cards_are_counted_per_centre(runtime, clock, scripted_day):
    report = daily(runtime, clock)
    names = ("appointments", "checked_in", "completed", "no_shows", "late", "walk_ins",
             "walk_in_persons", "visitors")  # fmt: skip
    counted = {k: report[k] for k in names}
    assert counted == {"appointments": 4, "checked_in": 3, "completed": 2, "no_shows": 1,
                       "late": 1, "walk_ins": 2, "walk_in_persons": 3, "visitors": 7}  # fmt: skip
    assert report["cards"] == {"cards_received": 2, "cards_issued": 0, "cards_returned": 1}
    yokohama = report["by_center"]["yokohama"]
    assert (yokohama["appointments"], yokohama["no_shows"]) == (4, 1)
    assert yokohama["no_show_rate"] == 0.25
    assert report["by_center"]["center-kita"]["no_show_rate"] is None


def test_places_offered_come_from_the_plan_and_used_from_the_bookings(runtime, clock, scripted_day):
    places = daily(runtime, clock)["places"]
    assert {g: p["used"] for g, p in places.items()} == {
        "issue_renew": 3, "reception": 2, "walk_in": 3,
    }  # fmt: skip
    month = city_reports.monthly_report(runtime.uow(), year=2026, month=11, now=clock.now())
    floor_figure = capacity_report(runtime.uow(), year=2026, month=11).issue_renew_slots
    assert month["places"]["issue_renew"]["offered"] == floor_figure
    assert month["capacity"]["issue_renew_slots"] == floor_figure


def test_the_month_holds_each_day_and_its_totals(runtime, clock, scripted_day):
    month = city_reports.monthly_report(runtime.uow(), year=2026, month=11, now=clock.now())
    assert len(month["days"]) == 30
    [monday] = [d for d in month["days"] if d["date"] == "2026-11-02"]
    assert (monday["made"], monday["appointments"], monday["no_shows"], monday["visitors"]) == (
        6, 4, 1, 7,
    )  # fmt: skip
    [friday] = [d for d in month["days"] if d["date"] == "2026-11-06"]
    assert (friday["made"], friday["appointments"]) == (0, 1)  # moved there; the other cancelled
    assert (month["appointments"], month["bookings"]["made"], month["no_show_rate"]) == (5, 6, 0.2)


def test_calls_the_menu_handled_alone_are_told_from_those_offered_to_agents(runtime, clock):
    ended = [
        EndedCall("CA1", at(9, 5), "ja", ("booked",)),
        EndedCall("CA2", at(9, 6), "ja", ("information", "cancelled")),
        EndedCall("CA3", at(9, 7), "en", ()),
        EndedCall("CA4", at(9, 8), "ja", ("information",), "general", "abandoned", 45),
        EndedCall("CA5", at(9, 9), "ja", (), "booking", "answered", 3),
    ]
    for call in ended:
        assert record_ended_call(runtime.uow(), call)
    assert not record_ended_call(runtime.uow(), ended[0])  # a status callback delivered twice
    calls = daily(runtime, clock)["calls"]
    assert (calls["total"], calls["ivr_only"], calls["to_agent"]) == (5, 3, 2)
    assert calls["ivr_outcomes"] == {"booked": 1, "changed": 0, "cancelled": 1, "callback": 0,
                                     "information": 0, "hung_up": 1}  # fmt: skip
    assert calls["abandoned_after"]["20_to_59s"] == 1


def test_a_closed_month_is_kept_and_does_not_change_afterwards(runtime, clock, scripted_day):
    clock.set(datetime(2026, 12, 1, 1, 0, tzinfo=TOKYO))
    last_week = [f"2026-11-{d}" for d in range(24, 31)]
    kept = city_reports.keep_closed_periods(runtime.uow(), now=clock.now())
    assert kept == [*last_week, "2026-11"]
    assert city_reports.keep_closed_periods(runtime.uow(), now=clock.now()) == []
    record_ended_call(runtime.uow(), EndedCall("CA-late", at(18, 0), "ja", ("booked",)))
    kept = city_reports.monthly_report(runtime.uow(), year=2026, month=11, now=clock.now())
    assert (kept["closed"], kept["calls"]["total"], kept["made_at"]) == (
        True, 0, "2026-12-01T01:00:00+09:00",
    )  # fmt: skip
    recounted = city_reports.build_monthly(runtime.uow(), year=2026, month=11, now=clock.now())
    assert recounted["calls"]["total"] == 1


def test_days_missed_while_no_worker_ran_are_caught_up(runtime, clock):
    clock.set(datetime(2026, 11, 20, 1, 0, tzinfo=TOKYO))
    assert city_reports.keep_closed_periods(runtime.uow(), now=clock.now())[-2:] == [
        "2026-11-19", "2026-10",
    ]  # fmt: skip
    clock.set(datetime(2026, 11, 23, 1, 0, tzinfo=TOKYO))  # three days without a worker
    kept = city_reports.keep_closed_periods(runtime.uow(), now=clock.now())
    assert kept == ["2026-11-20", "2026-11-21", "2026-11-22"]


def test_an_open_day_is_counted_afresh_each_time(runtime, clock):
    assert daily(runtime, clock)["closed"] is False
    record_ended_call(runtime.uow(), EndedCall("CA1", at(9, 5), "ja", ("information",)))
    assert daily(runtime, clock)["calls"]["ivr_outcomes"]["information"] == 1


def test_a_report_holds_figures_only(runtime, clock, scripted_day):
    text = repr(city_reports.monthly_report(runtime.uow(), year=2026, month=11, now=clock.now()))
    for personal in ("横浜 花子", "+8190", "1960-05-05", "ヨコハマ", "111111111"):
        assert personal not in text


def test_each_day_of_the_month_is_split_by_centre(runtime, clock, scripted_day):
    month = city_reports.monthly_report(runtime.uow(), year=2026, month=11, now=clock.now())
    [monday] = [d for d in month["days"] if d["date"] == "2026-11-02"]
    yokohama = monday["by_center"]["yokohama"]
    assert (yokohama["appointments"], yokohama["no_shows"], yokohama["walk_ins"]) == (4, 1, 2)
    assert monday["by_center"]["kamiooka"]["appointments"] == 0
