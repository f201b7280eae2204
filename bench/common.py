"""Shared pieces of the bench scripts: the bench database, gunicorn, HTTP clients, results.

Not a benchmark itself; see booking_throughput.py and availability_latency.py.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VENV_BIN = ROOT / ".venv" / "bin"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/mynacall_proofs"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"
REFUSED_DATABASES = {"test", "postgres", "template0", "template1"}
REFUSED_REDIS_DATABASES = {15}  # the test suite's


def database_url() -> str:
    """DATABASE_URL, or the bench's own database on the local PostgreSQL."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def redis_url() -> str:
    """REDIS_URL, or a numbered database on the local Redis."""
    return os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL


def database_name(url: str) -> str:
    """The database part of a PostgreSQL URL."""
    return urlsplit(url).path.lstrip("/")


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def plain(url: str) -> str:
    """A URL psycopg accepts (no SQLAlchemy driver suffix)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def fresh_database(url: str) -> None:
    """Create the database if missing and empty its schema (refuses shared databases)."""
    name = database_name(url)
    if name in REFUSED_DATABASES or os.environ.get("APP_ENV") == "production":
        sys.exit(f"refusing to wipe database {name!r}: point DATABASE_URL at a scratch database")
    with psycopg.connect(plain(with_database(url, "postgres")), autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if found is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(plain(url), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def fresh_redis(url: str) -> None:
    """Empty the bench's Redis database: earlier runs leave call state, caches and jobs."""
    import redis

    client = redis.Redis.from_url(url)
    number = client.connection_pool.connection_kwargs.get("db", 0)
    if number in REFUSED_REDIS_DATABASES or os.environ.get("APP_ENV") == "production":
        sys.exit(f"refusing to empty Redis database {number}: point REDIS_URL at a scratch one")
    client.flushdb()
    client.close()


def app_env(**extra: str) -> dict[str, str]:
    """Environment for the app under test: our PostgreSQL and Redis, no rate limits."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url(),
        RATELIMIT_ENABLED="false",
        APP_ENV="development",  # one of the three exact values the settings accept
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def flask_init(env: dict[str, str]) -> None:
    """`flask --app wsgi init`: migrate and load the reference data."""
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", "init"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_gunicorn(
    env: dict[str, str], *, workers: int, threads: int, log_name: str
) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn (gthread, the project's gunicorn.conf.py) serving wsgi:app on loopback.

    Waits until it answers; its log goes to bench/results/<log_name>.log.
    """
    port = free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / f"{log_name}.log").open("wb")
    command = [
        str(VENV_BIN / "gunicorn"),
        "--worker-class", "gthread",
        "--workers", str(workers),
        "--threads", str(threads),
        "--bind", f"127.0.0.1:{port}",
        "wsgi:app",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("gunicorn exited during start-up")
        try:
            status, _ = Client(port).call("GET", "/api/v1/services")
            if status == 200:
                _wait_until_idle(proc.pid, workers)
                return proc, port
        except OSError:
            time.sleep(0.2)
    stop(proc)
    sys.exit("gunicorn did not answer within 60 s")


def _wait_until_idle(server_pid: int, workers: int) -> None:
    """Wait until every worker has booted and the server tree stops using CPU (max 30 s)."""
    deadline, last = time.monotonic() + 30, -1.0
    while time.monotonic() < deadline:
        tree = cpu_by_process(server_pid, database="-")
        used = sum(seconds for _, seconds in tree.values())
        if len(tree) > workers and used - last < 0.02:
            return
        last = used
        time.sleep(0.5)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process group we started (gunicorn and its workers)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class Client:
    """One keep-alive HTTP/1.1 connection to the loopback server, spoken on a bare socket.

    A lean client: the load shares the two cores with the server it measures, and
    http.client's header parsing costs more than the request it sends. Answers must carry a
    Content-Length (ours do; no chunked bodies).
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self.buffer = sock, b""
        return sock

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        """Send one request; (status, parsed JSON). Reconnects once if the server closed."""
        payload = b"" if body is None else json.dumps(body).encode()
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n{extra}\r\n"
        )
        request = head.encode() + payload
        for attempt in (1, 2):
            sock = self.sock or self._connect()
            try:
                sock.sendall(request)
                status, data, keep = self._response(sock)
            except (ConnectionError, EOFError):
                self.close()
                if attempt == 2:
                    raise
                continue
            if not keep:
                self.close()
            return status, json.loads(data) if data else None
        raise AssertionError("unreachable")

    def _response(self, sock: socket.socket) -> tuple[int, bytes, bool]:
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self._fill(sock)
        head, self.buffer = self.buffer[:end].decode("latin-1"), self.buffer[end + 4 :]
        lines = head.split("\r\n")
        status, length, keep = int(lines[0].split(" ", 2)[1]), 0, True
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and "close" in value.lower():
                keep = False
        while len(self.buffer) < length:
            self._fill(sock)
        data, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, data, keep

    def _fill(self, sock: socket.socket) -> None:
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError("the server closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        """Close the connection."""
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buffer = None, b""


def percentiles(samples_ms: Sequence[float]) -> dict[str, float]:
    """p50, p95, p99 and max of latencies in milliseconds."""
    if not samples_ms:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {
        "p50": round(cuts[49], 2),
        "p95": round(cuts[94], 2),
        "p99": round(cuts[98], 2),
        "max": round(max(samples_ms), 2),
    }


def print_table(title: str, rows: Iterable[tuple[str, object]]) -> None:
    """A two-column table on standard output."""
    listed = [(name, str(value)) for name, value in rows]
    width = max(len(name) for name, _ in listed)
    print(f"\n{title}\n" + "-" * len(title))
    for name, value in listed:
        print(f"{name:<{width}}  {value}")


def write_results(name: str, data: dict[str, Any]) -> Path:
    """Write results as JSON to bench/results/<name>-<UTC time>.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{name}-{stamp}.json"
    data = {"machine": machine(), **data}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    return path


def machine() -> dict[str, Any]:
    """What the figures were measured on: cores and load (others may be busy on it)."""
    return {"cpus": os.cpu_count(), "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()]}


def yardstick_ms() -> float:
    """This machine's speed just now: milliseconds for a fixed pure-Python loop (best of 3).

    A shared VM's speed drifts (another tenant's load): the same code measured 10-30% apart
    within an hour here. Figures taken beside a yardstick can be compared run to run.
    """
    best = float("inf")
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for i in range(1_000_000):
            total += i
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a live process, from /proc."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def cpu_by_process(
    server_pid: int, database: str, *, with_redis: bool = False
) -> dict[int, tuple[str, float]]:
    """CPU seconds so far of the server's tree, the backends of one database (and Redis)."""
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    stats = {pid: s for pid in pids if (s := _proc_stat(pid)) is not None}
    found: dict[int, tuple[str, float]] = {}
    for pid, (parent, seconds) in stats.items():
        if pid == server_pid or parent == server_pid:
            found[pid] = ("server", seconds)
        elif _cmdline(pid).__contains__(f" postgres {database} "):
            found[pid] = ("postgres", seconds)
        elif with_redis and _cmdline(pid).startswith("redis-server"):
            found[pid] = ("redis (shared)", seconds)  # other users' work counts here too
    return found


def cpu_used(
    before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]
) -> dict[str, float]:
    """CPU seconds used between two snapshots, per kind of process."""
    used: dict[str, float] = {}
    for pid, (kind, seconds) in after.items():
        used[kind] = used.get(kind, 0.0) + seconds - before.get(pid, (kind, 0.0))[1]
    return {kind: round(seconds, 2) for kind, seconds in used.items()}
