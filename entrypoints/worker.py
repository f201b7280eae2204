"""The rq worker process: the queues' jobs, the relay of owed texts, the scheduler, the
evening close-out and the keeping of the city reports, side by side in one process."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from rq import Queue, SimpleWorker

from queues.close_out import DailyChores, close_out_due
from queues.job_runtime import use_runtime
from queues.liveness import process_name, retry_delay
from queues.outbox import OutboxRelay, relay_all
from queues.report_keeper import ReportKeeper
from queues.retention import RetentionLoop
from queues.scheduler import SchedulerThread
from runtime.bootstrap import QUEUE_NAMES, Runtime

log = logging.getLogger(__name__)
FIRST_WAIT_SECONDS = 1.0  # before starting rq's loop again after it ended on an error
HEALTHY_AFTER_SECONDS = 60.0  # a loop that ran this long starts its back-off afresh
# rq waits for jobs with BLPOP for worker_ttl - 15 s; redis-py's sockets time out after 5 s (a
# pooled connection keeps that even when rq asks for more), so rq's default 405 s wait ended in
# a TimeoutError and a stopped worker. 18 s: BLPOP waits 3 s; a dead worker's key goes in 18 s.
WORKER_TTL_SECONDS = 18


class StoppableWorker(SimpleWorker):
    """rq's in-process worker that tells its owner when SIGTERM/SIGINT asked it to stop."""

    def __init__(self, *args: Any, stopping: threading.Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stopping = stopping

    def request_stop(self, signum: Any, frame: Any) -> None:
        """A warm shutdown: finish the current job, then the whole worker ends."""
        self.stopping.set()
        super().request_stop(signum, frame)


def run_worker(runtime: Runtime, *, burst: bool = False) -> bool:
    """Relay owed texts and work the queues (and the scheduler) until stopped or, in burst, empty.

    Jobs run in this process (SimpleWorker): the relay thread shares its database pool, which a
    forked job would inherit mid-use. The scheduler is a thread too (queues.scheduler), so
    nothing outlives the process. rq's loop ends on a Redis outage; it is started again with a
    growing wait until a stop is asked for (SIGTERM, SIGINT).
    """
    use_runtime(runtime)
    if burst:
        relay_all(runtime)
        close_out_due(runtime)
        worker = SimpleWorker(_queues(runtime), connection=runtime.redis)
        return worker.work(burst=True, with_scheduler=True, logging_level="WARNING")
    stopping = threading.Event()
    helpers: list[OutboxRelay | SchedulerThread | DailyChores | ReportKeeper | RetentionLoop] = [
        OutboxRelay(runtime),
        SchedulerThread(runtime, process_name()),
        DailyChores(runtime),
        ReportKeeper(runtime),
        RetentionLoop(runtime),
    ]
    for helper in helpers:
        helper.start()
    try:
        work_until_stopped(runtime, stopping)
    finally:
        for helper in helpers:
            helper.stop()
        for helper in helpers:
            helper.join(timeout=10)
    return True


def _queues(runtime: Runtime) -> list[Queue]:
    return [Queue(name, connection=runtime.redis) for name in QUEUE_NAMES]


def work_until_stopped(runtime: Runtime, stopping: threading.Event) -> None:
    """Run rq's loop, and again after each outage (Redis away), until `stopping` is set."""
    failures = 0
    while not stopping.is_set():
        started = time.monotonic()
        try:
            worker = StoppableWorker(_queues(runtime), connection=runtime.redis,
                                     worker_ttl=WORKER_TTL_SECONDS, stopping=stopping)  # fmt: skip
            worker.work(logging_level="WARNING")
        except Exception as exc:  # Redis away when the worker registers or says goodbye
            log.error("worker loop failed: %s", type(exc).__name__)
        if stopping.is_set():
            return
        failures = 1 if time.monotonic() - started > HEALTHY_AFTER_SECONDS else failures + 1
        wait = retry_delay(FIRST_WAIT_SECONDS, failures - 1)
        log.error("worker loop ended; starting it again in %.0f s", wait)
        stopping.wait(wait)
