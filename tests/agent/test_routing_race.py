"""Two processes routing at once never give one call, or one agent, twice."""

from __future__ import annotations

import multiprocessing
from datetime import timedelta
from typing import Any

import pytest
import redis

from queues import acd, presence

pytestmark = pytest.mark.slow
AGENTS, CALLS = 150, 300


def _route_all(url: str, now_iso: str, start: Any, out: Any) -> None:
    from datetime import datetime

    connection = redis.Redis.from_url(url)
    now = datetime.fromisoformat(now_iso)
    start.wait(timeout=30)  # both processes begin together
    done = []
    while (one := acd.route_one(connection, now)) is not None:
        done.append((one.call_sid, one.agent_id))
    out.put(done)


def test_two_processes_routing_at_once_assign_each_call_once(r, clock, make_agent, redis_url):
    for n in range(CALLS):
        acd.enqueue_call(
            r,
            call_sid=f"CA-{n:03}",
            queue="general",
            caller="+819012345678",
            language="ja",
            now=clock.now() + timedelta(milliseconds=n),
        )
    for n in range(AGENTS):
        make_agent(f"agent{n:03}", route=False)
    context = multiprocessing.get_context("fork")
    out, start = context.Queue(), context.Barrier(2)
    workers = [
        context.Process(target=_route_all, args=(redis_url, clock.now().isoformat(), start, out))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    pairs = [pair for result in results for pair in result]
    assert all(results), "both processes routed calls"
    assert len(pairs) == AGENTS
    assert len({sid for sid, _ in pairs}) == AGENTS
    assert len({agent for _, agent in pairs}) == AGENTS
    assert {sid for sid, _ in pairs} == {f"CA-{n:03}" for n in range(AGENTS)}  # the oldest
    assert all(presence.agent(r, a)["state"] == "on_call" for _, a in pairs)
    assert len(acd.waiting(r, "general")) == CALLS - AGENTS
