"""Erlang C against the textbook figures (10 Erlangs: 100 calls in 30 minutes of 180 s each)."""

from __future__ import annotations

import math

import pytest

from queues.erlang import agents_needed, average_speed_of_answer, erlang_c, service_level


@pytest.mark.parametrize(
    ("agents", "waits", "level"),
    [(11, 0.6821, 0.3896), (12, 0.4494, 0.6402), (13, 0.2853, 0.7956), (14, 0.1741, 0.8884)],
)
def test_erlang_c_matches_the_published_table(agents, waits, level):
    assert erlang_c(10.0, agents) == pytest.approx(waits, abs=1e-4)
    assert service_level(10.0, agents, 180, 20) == pytest.approx(level, abs=1e-4)


def test_eighty_percent_in_twenty_seconds_needs_fourteen_agents():
    plan = agents_needed(calls=100, period_seconds=1800, aht_seconds=180)
    assert (plan.traffic, plan.agents_needed) == (10.0, 14)
    assert plan.service_level == pytest.approx(0.8884, abs=1e-4)


def test_too_few_agents_never_catch_up():
    assert erlang_c(10.0, 10) == 1.0
    assert average_speed_of_answer(10.0, 9, 180) == math.inf
    assert average_speed_of_answer(10.0, 11, 180) == pytest.approx(0.6821 * 180, abs=0.05)


def test_no_calls_need_no_agents():
    plan = agents_needed(calls=0, period_seconds=1800, aht_seconds=240)
    assert (plan.agents_needed, plan.service_level) == (0, 1.0)


def test_staffing_reads_the_last_half_hour_of_arrivals_and_handle_times(runtime, clock, make_agent):
    from datetime import timedelta

    from queues import acd, stats

    r = runtime.redis
    make_agent("aoki", route=False, state="break")
    start = clock.now()
    for n in range(100):
        acd.enqueue_call(
            r,
            call_sid=f"CA-{n}",
            queue="general",
            caller="",
            language="ja",
            now=start + timedelta(seconds=17 * n),
        )
    for n in range(3):  # three calls of exactly 180 s give the handle time
        r.zadd("mynacall:handles:general", {f"CA-h{n}:180000": int(start.timestamp() * 1000)})
    clock.set(start + timedelta(minutes=29))
    plan = stats.staffing(r, "general", clock.now())
    assert plan["arrivals_30min"] == 100
    assert (plan["aht_seconds"], plan["traffic_erlangs"], plan["agents_needed"]) == (180, 10.0, 14)
    assert plan["agents_on_duty"] == 1
