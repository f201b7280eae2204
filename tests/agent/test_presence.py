"""Presence on real Redis: states, time in state, on-duty sets, wrap-up owed before a call."""

from __future__ import annotations

from datetime import timedelta

import pytest

from queues import acd, keys, presence, stats


def test_on_duty_sets_follow_presence_and_skills(r, clock, make_agent):
    make_agent("aoki", state="break")
    make_agent("smith", topics=("english",), languages=("en",))
    assert r.smembers(keys.AGENTS_ON_DUTY_KEY) == {b"aoki", b"smith"}
    assert presence.on_duty(r, "english") == {"smith"}
    assert presence.on_duty(r, "booking") == {"aoki"}
    presence.set_state(r, "aoki", "offline", clock.now())
    assert presence.on_duty(r) == {"smith"}
    assert presence.on_duty(r, "booking") == set()


def test_time_in_state_counts_from_the_last_change(r, clock, make_agent):
    make_agent("aoki")
    clock.set(clock.now() + timedelta(seconds=75))
    figures = stats.agent_figures(r, "aoki", clock.now())
    assert (figures["state"], figures["seconds_in_state"]) == ("available", 75)


def test_a_break_needs_a_reason(r, clock, make_agent):
    make_agent("aoki")
    with pytest.raises(presence.PresenceRefused) as refused:
        presence.set_state(r, "aoki", "break", clock.now())
    assert refused.value.code == "break_reason_required"
    presence.set_state(r, "aoki", "break", clock.now(), "lunch")
    assert stats.agent_figures(r, "aoki", clock.now())["reason"] == "lunch"


def test_an_agent_on_a_call_cannot_switch_presence(r, clock, make_agent, make_call):
    make_agent("aoki")
    make_call("CA-1")
    with pytest.raises(presence.PresenceRefused) as refused:
        presence.set_state(r, "aoki", "break", clock.now(), "rest")
    assert refused.value.code == "on_call"


def test_after_a_call_the_wrap_up_code_is_owed_before_the_next(r, clock, make_agent, make_call):
    make_agent("aoki")
    make_call("CA-1")
    acd.answer(r, "aoki", clock.now())
    clock.set(clock.now() + timedelta(minutes=3))
    assert acd.hang_up(r, "aoki", clock.now()) == "CA-1"
    assert presence.agent(r, "aoki")["state"] == "wrap_up"
    with pytest.raises(presence.PresenceRefused) as refused:
        presence.set_state(r, "aoki", "available", clock.now())
    assert refused.value.code == "wrap_up_pending"
    assert presence.end_wrap_up(r, "aoki", clock.now()) == "CA-1"
    assert presence.agent(r, "aoki")["state"] == "available"
    assert stats.recent_handle_seconds(r, "general") == 181.0  # assigned 1 s before the clock moved


def test_the_caller_hanging_up_puts_the_agent_in_wrap_up(r, clock, make_agent, make_call):
    make_agent("aoki")
    make_call("CA-1")
    assert acd.call_left(r, "CA-1", "completed", clock.now()) == "assigned"
    assert presence.agent(r, "aoki")["state"] == "wrap_up"
    assert presence.owed_wrap_up(r, "aoki") == "CA-1"


def test_agents_whose_console_went_silent_are_taken_off_duty(r, clock, make_agent, make_call):
    make_agent("aoki")
    make_agent("baba", state="break")
    make_agent("chiba")
    make_call("CA-1")  # to aoki, the longest idle: on a call, so never swept
    presence.heartbeat(r, "aoki", clock.now())
    presence.heartbeat(r, "baba", clock.now())
    presence.heartbeat(r, "chiba", clock.now())
    clock.set(clock.now() + timedelta(minutes=3))
    presence.heartbeat(r, "chiba", clock.now())
    assert presence.sweep_stale(r, clock.now()) == ["baba"]
    assert presence.on_duty(r) == {"aoki", "chiba"}
    assert presence.sweep_stale(r, clock.now()) == []  # once per ten seconds at most


def test_time_per_state_is_kept_for_the_day(r, clock, make_agent, make_call):
    make_agent("aoki")
    make_call("CA-1")  # routed at once; the factory then moves the clock 1 s
    clock.set(clock.now() + timedelta(minutes=4))
    acd.hang_up(r, "aoki", clock.now())
    clock.set(clock.now() + timedelta(seconds=30))
    presence.end_wrap_up(r, "aoki", clock.now(), "break")
    clock.set(clock.now() + timedelta(seconds=10))
    today = stats.agent_figures(r, "aoki", clock.now())["today_seconds"]
    assert (today["on_call"], today["wrap_up"], today["break"]) == (241, 30, 10)
