"""rq workers: the jobs' access to the runtime, and the worker loop."""

from __future__ import annotations

import threading

from rq import Queue, Worker

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
    """Work the queues (and the scheduler, for delayed jobs) until stopped or, in burst, empty."""
    use_runtime(runtime)
    queues = [Queue(name, connection=runtime.redis) for name in QUEUE_NAMES]
    worker = Worker(queues, connection=runtime.redis)
    return worker.work(burst=burst, with_scheduler=True, logging_level="WARNING")
