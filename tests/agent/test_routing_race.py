"""Two processes routing at once never give one call, or one agent, twice."""

from __future__ import annotations

import multiprocessing
from datetime import timedelta

import pytest
import redis

from queues import acd, presence

pytestmark = pytest.mark.slow


def _route_all(url: str, now_iso: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from datetime import datetime

    connection = redis.Redis.from_url(url)
    now = datetime.fromisoformat(now_iso)
    done = []
    while (one := acd.route_one(connection, now)) is not None:
        done.append((one.call_sid, one.agent_id))
    out.put(done)


def test_two_processes_routing_at_once_assign_each_call_once(r, clock, make_agent, redis_url):
    for n in range(120):
        acd.enqueue_call(
            r,
            call_sid=f"CA-{n:03}",
            queue="general",
            caller="+819012345678",
            language="ja",
            now=clock.now() + timedelta(milliseconds=n),
        )
    for n in range(60):
        make_agent(f"agent{n:02}", route=False)
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    workers = [
        context.Process(target=_route_all, args=(redis_url, clock.now().isoformat(), out))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=30) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    pairs = [pair for result in results for pair in result]
    assert len(pairs) == 60
    assert len({sid for sid, _ in pairs}) == 60
    assert len({agent for _, agent in pairs}) == 60
    assert {sid for sid, _ in pairs} == {f"CA-{n:03}" for n in range(60)}  # the oldest sixty
    assert all(presence.agent(r, a)["state"] == "on_call" for _, a in pairs)
    assert len(acd.waiting(r, "general")) == 60
