"""Bench: change-to-dashboard latency over SSE, and routing decisions per second.

500 calls wait, 100 agents change state, 20 supervisors' dashboards are connected through
gunicorn (gthread); then callers join and hang up (queue changes, each with the chart's
current half-hour). Latency is measured from the moment a change is published (the event
carries the publisher's clock) to the moment a dashboard reads the event, for agent and queue
changes apart. Everything runs on this machine: an embedded Valkey and a SQLite file in a
temporary directory.

    .venv/bin/python bench/dashboard_latency.py [--seconds 20] [--rate 100] [--queue-rate 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from sqlalchemy import update  # noqa: E402

from booking_core.clock import SystemClock  # noqa: E402
from booking_core.db import UnitOfWork, make_engine, session_factory  # noqa: E402
from booking_core.models import StaffUser  # noqa: E402
from booking_core.second_factor import code_at  # noqa: E402
from booking_core.seed import load_reference_data  # noqa: E402
from booking_core.staff import create_user  # noqa: E402
from queues import acd, presence  # noqa: E402
from runtime import migrate  # noqa: E402
from runtime.embedded_redis import embedded_redis_url, stop_embedded_redis  # noqa: E402

PASSWORD = "bench-password-123"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(tmp: Path) -> tuple[str, str]:
    """A migrated, seeded SQLite file with a supervisor, and an embedded Redis."""
    db_url = f"sqlite:///{tmp / 'bench.db'}"
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    with UnitOfWork(session_factory(engine)) as uow:
        load_reference_data(uow.session)
        uow.commit()
    create_user(
        UnitOfWork(session_factory(engine)),
        username="sato",
        password=PASSWORD,
        role="supervisor",
        now=SystemClock().now(),
    )
    with UnitOfWork(session_factory(engine)) as uow:  # enrolled: the bench gives its codes
        uow.session.execute(
            update(StaffUser).where(StaffUser.username == "sato").values(totp_secret=TOTP_SECRET)
        )
        uow.commit()
    engine.dispose()
    return db_url, embedded_redis_url(tmp / "redis")


def start_server(tmp: Path, db_url: str, redis_url: str, port: int) -> subprocess.Popen[bytes]:
    """gunicorn with gthread workers, as in production (each open stream holds a thread)."""
    env = dict(
        os.environ,
        DATABASE_URL=db_url,
        REDIS_URL=redis_url,
        INSTANCE_DIR=str(tmp),
        SECRET_KEY="bench-secret",
    )
    log = open(tmp / "gunicorn.log", "wb")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-w",
            "2",
            "--threads",
            "32",  # an open stream holds a thread; 2 x 32 leaves room for 20 boards
            "-b",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start; see gunicorn.log")


class Dashboard(threading.Thread):
    """One supervisor's browser: logs in, opens the stream, timestamps every change event."""

    def __init__(self, port: int, cookie: str) -> None:
        super().__init__(daemon=True)
        self.port, self.cookie = port, cookie
        self.latencies_ms: dict[str, list[float]] = {"agent": [], "queue": []}
        self.ready, self.stop, self.snapshots = threading.Event(), threading.Event(), 0

    def run(self) -> None:
        """Read the stream until told to stop."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/console/dashboard/stream", headers={"Cookie": self.cookie})
        stream = conn.getresponse()
        event = ""
        while not self.stop.is_set():
            line = stream.fp.readline().decode()
            if not line:
                break
            if line.startswith("event: "):
                event = line[7:].strip()
            elif line.startswith("data: "):
                if event == "snapshot":
                    self.snapshots += 1
                    self.ready.set()
                elif event == "change":
                    message = json.loads(line[6:])
                    if message["kind"] in self.latencies_ms:
                        took = time.time() * 1000 - message["sent_ms"]
                        self.latencies_ms[message["kind"]].append(took)
        conn.close()


def login(port: int) -> str:
    """Log the supervisor in through the form once; the dashboards share the session cookie."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/console/login")
    reply = conn.getresponse()
    cookie = reply.getheader("Set-Cookie", "").split(";")[0]
    token = CSRF.search(reply.read().decode())
    assert token
    body = f"username=sato&password={PASSWORD}&csrf_token={token.group(1)}"
    conn.request(
        "POST",
        "/console/login",
        body,
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    reply = conn.getresponse()
    reply.read()
    cookie = reply.getheader("Set-Cookie", cookie).split(";")[0]
    conn.request("GET", "/console/login/code", headers={"Cookie": cookie})
    reply = conn.getresponse()
    cookie = reply.getheader("Set-Cookie", cookie).split(";")[0]  # with the form's CSRF token
    token = CSRF.search(reply.read().decode())
    assert token
    code = code_at(TOTP_SECRET, SystemClock().now())
    conn.request(
        "POST",
        "/console/login/code",
        f"code={code}&csrf_token={token.group(1)}",
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    reply = conn.getresponse()
    reply.read()
    conn.close()
    return reply.getheader("Set-Cookie", cookie).split(";")[0]


def setup_queues(r: redis.Redis, calls: int, agents: int) -> None:
    """Calls waiting in Japanese queues; English-only agents, so none of them is routed."""
    now = SystemClock().now()
    for n in range(calls):
        acd.enqueue_call(
            r,
            call_sid=f"CA{n:05}",
            queue=("general", "booking", "visit")[n % 3],
            caller="",
            language="ja",
            now=now - timedelta(seconds=calls - n),
        )
    for n in range(agents):
        presence.register_agent(
            r, f"agent{n:03}", name=f"Agent {n}", topics=("english",), languages=("en",), now=now
        )


def churn(r: redis.Redis, agents: int, seconds: float, rate: float) -> list[float]:
    """Agents switch between available and break at `rate` changes a second; returns ms each."""
    clock, took, period = SystemClock(), [], 1.0 / rate
    end, state = time.monotonic() + seconds, {}
    next_at = time.monotonic()
    while time.monotonic() < end:
        agent = f"agent{random.randrange(agents):03}"
        target = "break" if state.get(agent) == "available" else "available"
        started = time.perf_counter()
        presence.set_state(r, agent, target, clock.now(), "rest" if target == "break" else "")
        took.append((time.perf_counter() - started) * 1000)
        state[agent] = target
        next_at += period
        time.sleep(max(0.0, next_at - time.monotonic()))
    return took


def queue_churn(r: redis.Redis, seconds: float, rate: float) -> int:
    """Callers join a queue and hang up at `rate` changes a second; returns the changes made."""
    clock, period, made = SystemClock(), 1.0 / rate, 0
    end = next_at = time.monotonic()
    end += seconds
    while time.monotonic() < end:
        sid = f"QC{made:06}"
        if made % 2 == 0:
            acd.enqueue_call(r, call_sid=sid, queue="general", caller="", language="ja",
                             now=clock.now())  # fmt: skip
        else:
            acd.call_left(r, f"QC{made - 1:06}", "hangup", clock.now())
        made += 1
        next_at += period
        time.sleep(max(0.0, next_at - time.monotonic()))
    return made


def summary(latencies: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of latencies in ms."""
    if not latencies:
        return {}
    return {
        "p50": round(statistics.median(latencies), 1),
        "p95": round(percentile(latencies, 0.95), 1),
        "p99": round(percentile(latencies, 0.99), 1),
        "max": round(max(latencies), 1),
    }


def routing_rate(r: redis.Redis, calls: int, agents: int) -> dict[str, float]:
    """Routing decisions a second: `agents` free agents taking from `calls` waiting calls."""
    r.flushdb()
    now = SystemClock().now()
    for n in range(calls):
        acd.enqueue_call(
            r,
            call_sid=f"RT{n:05}",
            queue="general",
            caller="",
            language="ja",
            now=now - timedelta(seconds=calls - n),
        )
    for n in range(agents):
        presence.register_agent(
            r, f"rt{n:03}", name="", topics=("general",), languages=("ja",), now=now
        )
        presence.set_state(r, f"rt{n:03}", "available", now, route=False)
    started = time.perf_counter()
    done = acd.route(r, now)
    elapsed = time.perf_counter() - started
    return {
        "decisions": len(done),
        "seconds": round(elapsed, 3),
        "per_second": round(len(done) / elapsed, 1),
    }


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Run the bench and print the figures as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rate", type=float, default=100, help="state changes per second")
    parser.add_argument("--dashboards", type=int, default=20)
    parser.add_argument("--agents", type=int, default=100)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--queue-rate", type=float, default=20, help="queue changes per second")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    db_url, redis_url = prepare(tmp)
    r = redis.Redis.from_url(redis_url)
    r.flushdb()
    setup_queues(r, args.calls, args.agents)
    port = free_port()
    server = start_server(tmp, db_url, redis_url, port)
    try:
        cookie = login(port)
        boards = [Dashboard(port, cookie) for _ in range(args.dashboards)]
        for board in boards:
            board.start()
        for board in boards:
            board.ready.wait(timeout=60)
        took = churn(r, args.agents, args.seconds, args.rate)
        queue_changes = queue_churn(r, args.seconds, args.queue_rate)
        time.sleep(1.0)
        for board in boards:
            board.stop.set()
        latencies = [x for board in boards for x in board.latencies_ms["agent"]]
        queued = [x for board in boards for x in board.latencies_ms["queue"]]
        result: dict[str, Any] = {
            "dashboards_ready": sum(1 for board in boards if board.ready.is_set()),
            "calls_waiting": args.calls,
            "agents": args.agents,
            "dashboards": args.dashboards,
            "changes": len(took),
            "changes_per_second": round(len(took) / args.seconds, 1),
            "events_expected": len(took) * args.dashboards,
            "events_received": len(latencies),
            "latency_ms": summary(latencies),
            "queue_changes": queue_changes,
            "queue_events_received": len(queued),  # with 20 boards: 20 per change at least
            "queue_latency_ms": summary(queued),
            "state_change_ms": {
                "p50": round(statistics.median(took), 2),
                "p95": round(percentile(took, 0.95), 2),
            },
        }
    finally:
        server.terminate()  # open streams would hold a graceful stop for 30 s
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
    result["routing"] = routing_rate(r, 2000, 1000)
    stop_embedded_redis()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
