"""Worker liveness: heartbeats in Redis, one scheduler with a short lock, a loop that outlives
Redis outages."""

from __future__ import annotations

import logging
import socket
import subprocess
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from rq.scheduler import RQScheduler

from entrypoints import worker
from queues import liveness
from queues.scheduler import SchedulerThread
from runtime.bootstrap import QUEUE_NAMES


def _gone_pid() -> int:
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def _tick(runtime, name: str) -> SchedulerThread:
    thread = SchedulerThread(runtime, name)
    scheduler = RQScheduler(list(QUEUE_NAMES), connection=runtime.redis)
    scheduler.prepare_registries(QUEUE_NAMES)
    thread.tick(scheduler)
    return thread


def test_a_tick_writes_the_workers_and_the_schedulers_heartbeats(runtime):
    _tick(runtime, "host:1:a")
    r = runtime.redis
    assert liveness.live_workers(r) == ["host:1:a"]
    assert 0 < r.ttl("mynacall:worker:heartbeat:host:1:a") <= 30
    assert liveness.scheduler_alive(r) and 0 < r.ttl("mynacall:scheduler:heartbeat") <= 30
    assert r.get("mynacall:scheduler:lock") == b"host:1:a"
    assert 0 < r.ttl("mynacall:scheduler:lock") <= 10


def test_the_scheduler_moves_a_due_retry_to_its_queue(runtime):
    queue = runtime.queue("notifications")
    job = queue.enqueue_at(datetime.now(UTC) - timedelta(seconds=1), print, "retry")
    assert queue.scheduled_job_registry.get_job_ids() == [job.id]
    _tick(runtime, "host:1:a")
    assert queue.get_job_ids() == [job.id]


def test_only_one_live_worker_runs_the_scheduler(runtime):
    first = _tick(runtime, "elsewhere:1:a")  # another host: its liveness is the lock's TTL
    second = _tick(runtime, "elsewhere:2:b")
    assert (first.holding, second.holding) == (True, False)
    assert liveness.live_workers(runtime.redis) == ["elsewhere:1:a", "elsewhere:2:b"]


def test_a_restarted_worker_takes_the_lock_of_a_dead_one_at_once(runtime):
    dead = f"{socket.gethostname()}:{_gone_pid()}:old"
    assert liveness.hold_scheduler_lock(runtime.redis, dead)
    assert _tick(runtime, liveness.process_name()).holding


def test_a_stopping_scheduler_gives_the_lock_up(runtime):
    thread = SchedulerThread(runtime, "host:1:a", tick_seconds=0.05)
    thread.start()
    _wait_for(lambda: runtime.redis.get("mynacall:scheduler:lock") == b"host:1:a")
    thread.stop()
    thread.join(timeout=10)
    assert runtime.redis.get("mynacall:scheduler:lock") is None


def test_the_worker_loop_outlives_redis_being_away_until_asked_to_stop(
    runtime, monkeypatch, caplog
):
    away = redis.Redis(port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    monkeypatch.setattr(worker, "FIRST_WAIT_SECONDS", 0.01)
    stopping = threading.Event()
    loop = threading.Thread(target=worker.work_until_stopped,
                            args=(replace(runtime, redis=away), stopping))  # fmt: skip
    with caplog.at_level(logging.ERROR, logger="entrypoints.worker"):
        loop.start()
        _wait_for(lambda: _restarts(caplog) >= 3)
        assert loop.is_alive()  # three outages survived
        stopping.set()
        loop.join(timeout=30)
    assert not loop.is_alive()


def _restarts(caplog) -> int:
    return sum("starting it again" in r.getMessage() for r in caplog.records)


def _wait_for(condition, *, attempts: int = 600) -> None:
    """Wait (at most about 30 s) for something another thread does."""
    stop = threading.Event()
    for _ in range(attempts):
        if condition():
            return
        stop.wait(0.05)
    raise AssertionError("never happened")


def test_the_relay_outlives_the_database_being_away_and_relays_once_it_is_back(
    runtime, owed, caplog
):
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    from queues.outbox import OutboxRelay

    away = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", pool_pre_ping=False)
    relay = OutboxRelay(replace(runtime, engine=away, sessions=sessionmaker(away)),
                        poll_seconds=0.01)  # fmt: skip
    with caplog.at_level(logging.ERROR, logger="queues.outbox"):
        relay.start()
        _wait_for(lambda: sum("relay failed" in r.getMessage() for r in caplog.records) >= 3)
        assert relay.is_alive()
        relay.runtime = runtime  # the database is back
        _wait_for(lambda: len(runtime.queue("notifications").get_jobs()) == 1)
    relay.stop()
    relay.join(timeout=10)
    away.dispose()
