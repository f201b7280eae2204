"""The runtime rq jobs run with: the worker's own, or one built from the environment."""

from __future__ import annotations

import threading

from queues.callbacks import CallbackList
from runtime.bootstrap import Runtime, bootstrap
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
            _runtime = bootstrap(Settings.from_env(), callback_requests=CallbackList)
        return _runtime
