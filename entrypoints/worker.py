"""The rq worker process: the queues' jobs and the relay of owed texts, side by side."""

from __future__ import annotations

from rq import Queue, SimpleWorker

from queues.close_out import CloseOutLoop, close_out_due
from queues.job_runtime import use_runtime
from queues.outbox import OutboxRelay, relay_all
from runtime.bootstrap import QUEUE_NAMES, Runtime


def run_worker(runtime: Runtime, *, burst: bool = False) -> bool:
    """Relay owed texts and work the queues (and the scheduler) until stopped or, in burst, empty.

    Jobs run in this process (SimpleWorker): the relay thread shares its database pool, which a
    forked job would inherit mid-use. rq's scheduler (which enqueues the retries of texts) is a
    forked process still, but it touches Redis only, over a connection of its own; the worker
    starts it again if it dies. Our jobs are short sends; more processes give more workers.
    """
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
