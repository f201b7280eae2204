"""Routing on real Redis: priority, skills, longest idle, callbacks keep their place."""

from __future__ import annotations

import json
from datetime import timedelta

from queues import acd, callbacks, keys, presence, stats


def test_the_highest_priority_call_goes_first_even_if_it_came_later(r, make_call, make_agent):
    make_call("CA-low")
    make_call("CA-high", priority=5)
    make_agent("aoki")
    assert presence.agent(r, "aoki")["call"] == "CA-high"
    assert acd.position(r, "CA-low")[0] == 1


def test_calls_of_one_priority_are_served_in_arrival_order(r, clock, make_call, make_agent):
    for sid in ("CA-1", "CA-2", "CA-3"):
        make_call(sid)
    make_agent("aoki")
    make_agent("baba")
    assert presence.agent(r, "aoki")["call"] == "CA-1"
    assert presence.agent(r, "baba")["call"] == "CA-2"
    assert [i["sid"] for i in acd.waiting(r, "general")] == ["CA-3"]


def test_a_call_goes_only_to_an_agent_with_the_queue_and_language(r, clock, make_agent, make_call):
    make_agent("aoki", topics=("general",))
    clock.set(clock.now() + timedelta(minutes=5))
    make_agent("smith", topics=("english",), languages=("en",))
    make_call("CA-en", queue="english", language="en")
    make_call("CA-visit", queue="visit")
    assert presence.agent(r, "smith")["call"] == "CA-en"
    assert presence.agent(r, "aoki")["state"] == "available"
    assert acd.position(r, "CA-visit")[0] == 1


def test_the_longest_idle_agent_takes_the_call(r, clock, make_agent, make_call):
    make_agent("aoki")
    clock.set(clock.now() + timedelta(minutes=1))
    make_agent("baba")
    make_call("CA-1")
    assert presence.agent(r, "aoki")["call"] == "CA-1"
    assert presence.agent(r, "baba")["state"] == "available"


def test_an_agent_back_from_wrap_up_is_idle_from_then(r, clock, make_agent, make_call):
    make_agent("aoki")
    clock.set(clock.now() + timedelta(minutes=1))
    make_agent("baba")
    make_call("CA-1")  # to aoki, the longer idle
    acd.hang_up(r, "aoki", clock.now())
    presence.end_wrap_up(r, "aoki", clock.now())
    make_call("CA-2")
    assert presence.agent(r, "baba")["call"] == "CA-2"


def test_a_callback_request_keeps_the_callers_place(r, clock, make_call, make_agent):
    for sid in ("CA-1", "CA-2", "CA-3"):
        make_call(sid)
    place = acd.request_callback(r, call_sid="CA-2", number="+819011112222", now=clock.now())
    assert place == (2, 480)  # second in line, 2 x 240 s with nobody on duty counted as one
    acd.call_left(r, "CA-2", "hangup", clock.now())  # the caller hangs up after pressing *
    make_agent("aoki")
    make_agent("baba")
    make_agent("chiba")
    served = [presence.agent(r, a)["call"] for a in ("aoki", "baba", "chiba")]
    assert served == ["CA-1", "CA-2", "CA-3"]
    assert acd.call_info(r, "CA-2")["kind"] == "callback"
    figures = stats.queue_figures(r, "general", clock.now())
    assert (figures["abandoned"], figures["answered"], figures["callbacks_served"]) == (0, 2, 1)


def test_a_new_callback_request_joins_at_its_own_arrival_time(r, clock, make_call, make_agent):
    make_call("CA-1")
    acd.request_callback(
        r,
        call_sid="CB-old",
        number="+819011112222",
        now=clock.now(),
        queue="general",
        arrived=clock.now() - timedelta(minutes=10),
    )
    make_call("CA-2")
    assert [i["sid"] for i in callbacks.waiting(r)] == ["CB-old"]
    assert [i["sid"] for i in acd.waiting(r, "general")] == ["CB-old", "CA-1", "CA-2"]


def test_a_caller_hanging_up_while_waiting_is_counted_as_abandoned(r, clock, make_call):
    make_call("CA-1")
    assert acd.call_left(r, "CA-1", "hangup", clock.now()) == "waiting"
    figures = stats.queue_figures(r, "general", clock.now())
    assert (figures["waiting"], figures["abandoned"], figures["offered"]) == (0, 1, 1)


def test_enqueueing_the_same_call_twice_keeps_one_entry(r, clock, make_call):
    make_call("CA-1")
    make_call("CA-1")
    assert stats.queue_figures(r, "general", clock.now())["offered"] == 1
    assert len(acd.waiting(r, "general")) == 1


def test_position_and_estimate_use_the_agents_on_duty(r, clock, make_call, make_agent):
    make_agent("aoki", state="break")
    make_agent("baba", state="break")
    for sid in ("CA-1", "CA-2", "CA-3"):
        make_call(sid)
    assert acd.position(r, "CA-3") == (3, 360)  # 3 x 240 s default handle time / 2 agents
    assert acd.position(r, "CA-unknown") == (0, 0)


def test_a_closed_queue_refuses_new_callers(r, clock, make_call):
    acd.set_open(r, "booking", open_=False, now=clock.now())
    try:
        make_call("CA-1", queue="booking")
    except acd.QueueClosed:
        pass
    else:
        raise AssertionError("the closed queue took a caller")
    assert stats.queue_figures(r, "booking", clock.now())["open"] is False


def test_callback_requests_from_the_phone_front_join_at_their_request_time(r, clock, make_call):
    make_call("CA-1")
    entry = {
        "caller": "+819033334444",
        "language": "ja",
        "topic": "booking",
        "requested_at": (clock.now() - timedelta(minutes=2)).isoformat(),
    }
    r.rpush(keys.CALLBACKS_KEY, json.dumps(entry))
    make_call("CA-2", queue="booking")
    assert acd.absorb_callbacks(r, clock.now()) == 0  # enqueue_call already routed (absorbed)
    booking = acd.waiting(r, "booking")
    assert [(i["kind"], i["number"]) for i in booking] == [
        ("callback", "+819033334444"),
        ("call", ""),
    ]
    assert r.llen(keys.CALLBACKS_KEY) == 0


def test_the_assigned_agent_is_known_once_the_call_is_routed(r, clock, make_call, make_agent):
    make_call("CA-1")
    assert acd.assigned_agent(r, "CA-1") == ""
    make_agent("aoki")
    assert acd.assigned_agent(r, "CA-1") == "aoki"
    assert acd.client_identity("aoki") == "agent_aoki"


def test_an_abandoned_caller_with_a_number_can_be_called_back_at_their_old_place(
    r, clock, make_call, make_agent
):
    make_call("CA-1", caller="+819011112222")
    make_call("CA-2")
    make_call("CA-hidden", caller="")
    acd.call_left(r, "CA-1", "hangup", clock.now())
    acd.call_left(r, "CA-hidden", "hangup", clock.now())
    assert [c["sid"] for c in callbacks.abandoned_with_number(r, clock.now())] == ["CA-1"]
    assert callbacks.callback_for_abandoned(r, "CA-1", clock.now()) == "CB-CA-1"
    assert callbacks.callback_for_abandoned(r, "CA-1", clock.now()) == ""  # once only
    assert callbacks.abandoned_with_number(r, clock.now()) == []
    assert [i["sid"] for i in acd.waiting(r, "general")] == ["CB-CA-1", "CA-2"]
    make_agent("aoki")
    assert presence.agent(r, "aoki")["call"] == "CB-CA-1"
