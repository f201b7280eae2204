"""rq workers: the jobs' access to the runtime, and the worker loop with the outbox relay."""

from __future__ import annotations

import threading

from rq import Queue, SimpleWorker

from runtime.bootstrap import QUEUE_NAMES, Runtime, bootstrap
from runtime.config import Settings

_lock = threading.Lock()
_runtime: Runtime | None = None


def use_runtime(runtime: Runtime) -> None:
    """Make jobs in this process use an existing runtime (the worker command, tests)."""
    global _runtime
    _runtime = runtime


def job_runtime() -> Runtime:
    """The runtime a job runs with, built from the environment on first use."""
    global _runtime
    with _lock:
        if _runtime is None:
            _runtime = bootstrap(Settings.from_env())
        return _runtime


def run_worker(runtime: Runtime, *, burst: bool = False) -> bool:
    """Relay owed texts and work the queues (and the scheduler) until stopped or, in burst, empty.

    Jobs run in this process (SimpleWorker): the relay thread shares its database pool, which a
    forked job would inherit mid-use. rq's scheduler (which enqueues the retries of texts) is a
    forked process still, but it touches Redis only, over a connection of its own; the worker
    starts it again if it dies. Our jobs are short sends; more processes give more workers.
    """
    from queues.close_out import CloseOutLoop, close_out_due
    from queues.outbox import OutboxRelay, relay_all

    use_runtime(runtime)
    queues = [Queue(name, connection=runtime.redis) for name in QUEUE_NAMES]
    worker = SimpleWorker(queues, connection=runtime.redis)
    if burst:
        relay_all(runtime)
        close_out_due(runtime)
        return worker.work(burst=True, with_scheduler=True, logging_level="WARNING")
    relay, close_out = OutboxRelay(runtime), CloseOutLoop(runtime)
    relay.start()
    close_out.start()
    try:
        return worker.work(with_scheduler=True, logging_level="WARNING")
    finally:
        relay.stop()
        close_out.stop()
        relay.join(timeout=10)
