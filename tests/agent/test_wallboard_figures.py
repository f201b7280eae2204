"""The wallboard's figures (queues.wallboard), pure: rates over offered, grades, targets, bars,
Erlang C for the agents on duty."""

from __future__ import annotations

import pytest

from booking_core.errors import InvalidRequest
from queues.wallboard import (
    Targets,
    checked_targets,
    grade,
    half_hour_bars,
    rates,
    staffing_plan,
    totals,
)


def test_abandoned_calls_count_in_offered_for_both_rates():
    figures = rates({"offered": 10, "answered": 8, "answered_in_sl": 6}, Targets())
    assert (figures["answer_rate"], figures["service_level"]) == (0.8, 0.6)


def test_no_call_offered_has_no_rate_and_no_colour():
    figures = rates({"offered": 0, "answered": 0, "answered_in_sl": 0}, Targets())
    assert figures["answer_rate"] is None and figures["answer_rate_grade"] == "none"


@pytest.mark.parametrize(
    ("value", "expected"), [(0.9, "good"), (0.95, "good"), (0.85, "warn"), (0.8, "warn"),
                            (0.79, "bad")]
)  # fmt: skip
def test_a_rate_is_good_at_the_target_amber_within_the_band_red_below(value, expected):
    assert grade(value, 0.9, warn_band=0.1) == expected


def test_totals_add_the_queues_before_dividing():
    queues = [
        {"offered": 10, "answered": 10, "answered_in_sl": 10, "abandoned": 0, "waiting": 1},
        {"offered": 30, "answered": 15, "answered_in_sl": 5, "abandoned": 15, "waiting": 2},
    ]
    summed = totals(queues, Targets(answer_rate=0.9, service_level=0.8, warn_band=0.1))
    assert (summed["offered"], summed["waiting"], summed["answer_rate"]) == (40, 3, 0.625)
    assert (summed["service_level"], summed["service_level_grade"]) == (0.375, "bad")


def test_targets_come_as_fractions_or_as_percent_from_the_form():
    assert checked_targets({"answer_rate": 0.95, "service_level": 0.7}) == Targets(0.95, 0.7, 0.1)
    chosen = checked_targets({"answer_rate": "95", "service_level": "70", "warn_band": "5"},
                             percent=True)  # fmt: skip
    assert chosen == Targets(0.95, 0.7, 0.05)


def test_targets_out_of_range_are_refused_by_field():
    with pytest.raises(InvalidRequest) as refused:
        checked_targets({"answer_rate": 1.5, "service_level": "x", "warn_band": -0.1})
    assert refused.value.fields == {
        "answer_rate": "out_of_range",
        "service_level": "not_a_number",
        "warn_band": "out_of_range",
    }


def test_bars_add_the_queues_of_each_half_hour_in_time_order():
    rows = [
        {"start": "2026-11-02T10:00:00+09:00", "queue": "general", "offered": 3, "answered": 2,
         "abandoned": 1},
        {"start": "2026-11-02T09:30:00+09:00", "queue": "general", "offered": 1, "answered": 1,
         "abandoned": 0},
        {"start": "10:00", "queue": "english", "offered": 2, "answered": 1, "abandoned": 1},
    ]  # fmt: skip
    assert half_hour_bars(rows) == [
        {"start": "09:30", "offered": 1, "answered": 1, "abandoned": 0},
        {"start": "10:00", "offered": 5, "answered": 3, "abandoned": 2},
    ]


def test_erlang_c_predicts_the_service_level_of_the_agents_on_duty_and_the_agents_needed():
    # 60 calls in 30 min of 240 s each: 8 Erlangs. 8 agents cannot keep up; 11 reach 80 %.
    short = staffing_plan(calls=60, period_seconds=1800, aht_seconds=240, on_duty=8, target=0.8)
    assert (short["traffic_erlangs"], short["agents_needed"], short["short_by"]) == (8.0, 11, 3)
    assert short["expected_service_level"] == 0.0 and short["expected_wait_seconds"] is None
    assert short["needed_service_level"] >= 0.8 and short["service_level_grade"] == "bad"
    enough = staffing_plan(calls=60, period_seconds=1800, aht_seconds=240, on_duty=12, target=0.8)
    assert enough["short_by"] == 0 and enough["expected_service_level"] > 0.8
    assert enough["service_level_grade"] == "good" and enough["expected_wait_seconds"] < 20
