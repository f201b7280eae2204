"""Fixtures: a real database (PostgreSQL when DATABASE_URL is set, else SQLite) and real Redis."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from rq import Queue, SimpleWorker
from sqlalchemy import Engine, event, select, text
from twilio.http import HttpClient
from twilio.http.response import Response
from werkzeug.routing import Rule

from booking_core.bookings import create_booking
from booking_core.clock import TOKYO, FrozenClock
from booking_core.db import UnitOfWork, make_engine, session_factory
from booking_core.models import (
    Booking,
    CapacityOverride,
    CardImport,
    CardReadyRecord,
    Notification,
)
from booking_core.policy import Actor, Policy
from booking_core.reference_cache import REFERENCE_CACHE
from booking_core.schema import metadata
from booking_core.seed import load_reference_data
from queues.callbacks import CallbackList
from queues.gateway import OfflineGateway, TwilioGateway, offline_gateway
from queues.job_runtime import use_runtime
from runtime import migrate
from runtime.bootstrap import Runtime
from runtime.config import Settings
from runtime.embedded_redis import embedded_redis_url


class RecordingHttp(HttpClient):
    """Twilio's REST calls, answered offline and kept for the test to read.

    `answer(url)` gives the reply (or raises, as a network failure would); by default a 200 with
    the sid the URL names.
    """

    def __init__(self, answer: Callable[[str], Response] | None = None) -> None:
        super().__init__(logging.getLogger("tests.twilio"), False)
        self.requests: list[tuple[str, str, dict[str, Any]]] = []
        self.answer = answer or self._named_sid

    @staticmethod
    def _named_sid(url: str) -> Response:
        sid = url.rsplit("/", 1)[-1].removesuffix(".json")
        return Response(200, f'{{"sid": "{sid}", "status": "in-progress"}}')

    def request(
        self,
        method: str,
        url: str,
        params: Any = None,
        data: Any = None,
        headers: Any = None,
        auth: Any = None,
        timeout: Any = None,
        allow_redirects: bool = False,
    ) -> Response:
        self.requests.append((method, url, dict(data or {})))
        return self.answer(url)


def _remember_url_builders() -> None:
    """Each test builds its own app, and werkzeug writes and compiles Python source for the URL
    builders of each of its ~200 routes: about 0.3 s a test, a third of the suite's time. The
    builder's code depends only on the rule (it is bound to the rule object afterwards, and reads
    the rule's own converters), so the tests keep it per rule across apps."""
    compile_builder = Rule._compile_builder
    known: dict[tuple[Any, ...], Any] = {}

    def remembered(rule: Rule, append_unknown: bool = True) -> Any:
        key = (
            rule.rule, rule.subdomain, rule.host, rule.merge_slashes, append_unknown,
            tuple(sorted((rule.defaults or {}).items())), rule.map.host_matching,
        )  # fmt: skip
        if key not in known:
            known[key] = compile_builder(rule, append_unknown)
        return known[key]

    Rule._compile_builder = remembered  # type: ignore[method-assign,assignment]


_remember_url_builders()


# A Monday in the second half of FY2026, before the centres open: a quiet, ordinary day.
DEFAULT_NOW = datetime(2026, 11, 2, 9, 0, tzinfo=TOKYO)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Test settings: DATABASE_URL/REDIS_URL from the environment, else embedded defaults."""
    instance = tmp_path_factory.mktemp("instance")
    return Settings.from_env(
        environ={k: v for k, v in os.environ.items() if k in {"DATABASE_URL", "REDIS_URL"}},
        app_env="test",
        instance_dir=instance,
        ratelimit_enabled=True,
        public_base_url="https://ivr.example.test",
    )


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[Engine]:
    """The test database, migrated once with Alembic."""
    engine = make_engine(settings.effective_database_url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def redis_url(settings: Settings) -> str:
    """The test Redis: REDIS_URL or an embedded server."""
    return settings.redis_url or embedded_redis_url(Path(settings.instance_dir) / "redis")


class CleanSlate:
    """Puts the test database back to the reference data alone, doing as little as it can.

    Emptying every table and loading the reference data again cost most of a short test's time.
    Instead only the tables a test wrote are emptied (on PostgreSQL also those whose id sequence
    moved, so ids start at 1 again), and the reference data is loaded again only when a test
    changed it (its rows, or its sequences, differ from those just after loading).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.tables = [t.name for t in reversed(metadata.sorted_tables)]
        self.postgres = engine.dialect.name == "postgresql"
        self._empty_all()
        self._load()
        # The tables load_reference_data fills; every other table starts a test empty.
        self.reference_tables = self._holding(self.tables)
        self.others = [t for t in self.tables if t not in self.reference_tables]
        self.reference = self._reference_state()

    def restore(self) -> None:
        """The database as just after loading the reference data."""
        if self._reference_state() != self.reference:
            self._empty_all()
            self._load()
            return
        if written := self._written():
            self._empty(written)

    def _load(self) -> None:
        with UnitOfWork(session_factory(self.engine)) as uow:
            load_reference_data(uow.session)
            uow.commit()

    def _reference_state(self) -> list[Any]:
        with self.engine.connect() as conn:
            tables = self.reference_tables
            rows = [conn.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all() for t in tables]
            if self.postgres:
                rows.append(conn.execute(text(SEQUENCES_OF.format(tables=_quoted(tables)))).all())
        return rows

    def _holding(self, tables: list[str]) -> list[str]:
        """Those of the tables that hold rows."""
        holding = " UNION ALL ".join(
            f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {t})" for t in tables
        )
        with self.engine.connect() as conn:
            found = set(conn.scalars(text(holding)))
        return [t for t in tables if t in found]

    def _written(self) -> list[str]:
        """The other tables that hold rows (or, on PostgreSQL, whose sequence was used)."""
        found = set(self._holding(self.others))
        with self.engine.connect() as conn:
            if self.postgres:
                query = SEQUENCES_OF.format(tables=_quoted(self.others))
                found |= {table for table, last in conn.execute(text(query)) if last is not None}
        return [t for t in self.others if t in found]

    def _empty_all(self) -> None:
        self._empty(self.tables)

    def _empty(self, tables: list[str]) -> None:
        with self.engine.begin() as conn:
            if self.postgres:
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(text(f"DELETE FROM {table}"))


# (table, last value of its id sequence: NULL when unused since it was last restarted)
SEQUENCES_OF = """
SELECT t.relname, pg_sequence_last_value(s.oid)
FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
JOIN pg_class t ON t.oid = d.refobjid
WHERE s.relkind = 'S' AND t.relname IN ({tables}) ORDER BY 1
"""


def _quoted(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


@pytest.fixture(scope="session")
def clean_slate(engine: Engine) -> CleanSlate:
    """The database's clean state: reference data only."""
    return CleanSlate(engine)


@pytest.fixture(autouse=True)
def forget_reference_data() -> None:
    """Each test starts with no reference data remembered (booking_core.reference_cache)."""
    REFERENCE_CACHE.clear()


@pytest.fixture
def clock() -> FrozenClock:
    """The clock every use case reads, frozen at DEFAULT_NOW; tests may move it."""
    return FrozenClock(DEFAULT_NOW)


@pytest.fixture
def runtime(
    settings: Settings, engine: Engine, clean_slate: CleanSlate, redis_url: str, clock: FrozenClock
) -> Runtime:
    """A clean database with reference data and an empty Redis, wired like production."""
    clean_slate.restore()
    sessions = session_factory(engine)
    connection = redis.Redis.from_url(redis_url)
    connection.flushdb()
    return Runtime(
        settings, engine, sessions, connection, clock, Policy(), CallbackList(connection)
    )


@pytest.fixture
def uow(runtime: Runtime) -> UnitOfWork:
    """A fresh unit of work on the test database."""
    return runtime.uow()


@pytest.fixture
def policy(runtime: Runtime) -> Policy:
    """The default rule settings."""
    return runtime.policy


@pytest.fixture
def app(runtime: Runtime) -> Flask:
    """The Flask app on the test runtime."""
    from wsgi import create_app

    app = create_app(runtime=runtime)
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def no_ratelimit(runtime: Runtime) -> None:
    """Turn rate limits off for tests that make many lookups."""
    runtime.settings = replace(runtime.settings, ratelimit_enabled=False)


@pytest.fixture
def ready_card(runtime: Runtime) -> Callable[..., CardReadyRecord]:
    """Factory: put a card on the ready list (defaults: 西区 -> yokohama, ready long ago)."""

    def make(**overrides: Any) -> CardReadyRecord:
        values: dict[str, Any] = {
            "notice_number": "123456789",
            "birth_date": date(1950, 4, 1),
            "ward_id": "nishi",
            "ready_on": date(2026, 10, 1),
        }
        values.update(overrides)
        with runtime.uow() as uow:
            batch = CardImport(
                digest=os.urandom(16).hex(), rows=1, imported_at=DEFAULT_NOW, imported_by="test"
            )
            uow.session.add(batch)
            uow.session.flush()
            card = CardReadyRecord(import_id=batch.id, **values)
            uow.session.add(card)
            uow.commit()
            return card

    return make


@pytest.fixture
def booking_request() -> Callable[..., Any]:
    """Factory: a valid cert booking request at yokohama on a bookable Friday."""
    from booking_core.bookings import BookingRequest

    def make(**overrides: Any) -> BookingRequest:
        values: dict[str, Any] = {
            "service": "cert",
            "center": "yokohama",
            "day": date(2026, 11, 6),
            "start": time(14, 0),
            "birth_date": date(1960, 5, 5),
            "phone": "+819012345678",
            "name": "横浜 花子",
            "kana": "ヨコハマ ハナコ",
            "party_size": 1,
        }
        values.update(overrides)
        return BookingRequest(**values)

    return make


@pytest.fixture
def appointment(runtime: Runtime, clock: FrozenClock, booking_request: Callable[..., Any]):
    """Factory: a booking made on the web (cert at yokohama, Friday 6 November 14:00 unless
    told otherwise); its reference."""

    def make(**overrides: Any) -> str:
        made = create_booking(runtime.uow(), booking_request(**overrides), now=clock.now(),
                              actor=Actor.resident("web"), policy=runtime.policy)  # fmt: skip
        return made.reference

    return make


@pytest.fixture
def one_place_band(runtime: Runtime) -> Callable[..., None]:
    """Factory: give one band of a centre a number of places for one day (default: 1)."""

    def make(
        day: date = date(2026, 11, 6),
        start: time = time(14, 0),
        places: int = 1,
        *,
        center_id: str = "yokohama",
        group: str = "issue_renew",
    ) -> None:
        minutes = start.hour * 60 + start.minute + 15
        with runtime.uow() as uow:
            uow.session.add(
                CapacityOverride(
                    center_id=center_id,
                    group=group,
                    day=day,
                    band_start=start,
                    band_end=time(minutes // 60, minutes % 60),
                    places=places,
                )
            )
            uow.commit()

    return make


@pytest.fixture
def texts() -> OfflineGateway:
    """The offline gateway, emptied: what would have been texted."""
    gateway = offline_gateway()
    gateway.clear()
    return gateway


@pytest.fixture
def twilio(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> RecordingHttp:
    """Sends go to Twilio's REST client, whose HTTP answers the test sets (`twilio.answer`)."""
    from queues import jobs, outbox

    http = RecordingHttp(lambda _url: Response(201, '{"sid": "SM0123", "status": "queued"}'))
    gateway = TwilioGateway(runtime.settings, http_client=http)
    monkeypatch.setattr(outbox, "gateway_for", lambda _settings: gateway)
    monkeypatch.setattr(jobs, "gateway_for", lambda _settings: gateway)
    use_runtime(runtime)
    return http


@pytest.fixture
def owed(runtime: Runtime, booking_request: Callable[..., Any], clock: FrozenClock) -> int:
    """A booking for a mobile made through the core; the id of the text it owes."""
    from booking_core.bookings import create_booking
    from booking_core.policy import Actor

    create_booking(
        runtime.uow(), booking_request(phone="+819012345678"), now=clock.now(),
        actor=Actor.resident("api"), policy=runtime.policy,
    )  # fmt: skip
    [text_id] = text_ids(runtime)
    return text_id


def statements_while(runtime: Runtime, action: Callable[[], Any]) -> tuple[Any, list[str]]:
    """What `action` returned, and the first word of every statement it sent to the database."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        sent.append(statement.lstrip().split()[0].upper())

    event.listen(runtime.engine, "before_cursor_execute", note)
    try:
        return action(), sent
    finally:
        event.remove(runtime.engine, "before_cursor_execute", note)


def work_notifications(runtime: Runtime) -> None:
    """Relay the texts owed and run their jobs to the end, as the worker would (burst mode)."""
    from queues.outbox import relay_all

    use_runtime(runtime)
    relay_all(runtime)
    queue = Queue("notifications", connection=runtime.redis)
    SimpleWorker([queue], connection=runtime.redis).work(burst=True, logging_level="WARNING")


def owed_texts(runtime: Runtime, reference: str | None = None) -> list[tuple[str, str]]:
    """(kind, status) of the texts owed (notification rows), oldest first; of one booking."""
    query = select(Notification.kind, Notification.status).order_by(Notification.id)
    if reference is not None:
        query = query.join(Booking, Booking.id == Notification.booking_id).where(
            Booking.reference == reference
        )
    with runtime.uow() as uow:
        return [(kind, status) for kind, status in uow.session.execute(query)]


def text_ids(runtime: Runtime) -> list[int]:
    """The ids of every text owed, oldest first (what the relay hands the jobs)."""
    with runtime.uow() as uow:
        return list(uow.session.scalars(select(Notification.id).order_by(Notification.id)))


def _closed_before_sent(app: Any) -> Any:
    """The app with every body but a stream read whole and closed before the server sends it.

    Werkzeug's development server closes a body only after draining the request socket, and a
    browser that has dropped the connection (a favicon fetched as the page closes) makes that
    read fail first: the static file stays open, and its ResourceWarning fails some later test.
    Event streams (SSE) are passed through as they are.
    """

    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        streaming = False

        def start(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            nonlocal streaming
            streaming = any(
                k.lower() == "content-type" and v.startswith("text/event-stream")
                for k, v in headers
            )
            return start_response(status, headers, *rest)

        body = app(environ, start)
        if streaming:
            return body
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app served on 127.0.0.1 on a free port, in a thread (browsers, HTTP simulators)."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, _closed_before_sent(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright, one for the whole run (Playwright's sync
    API allows one running instance per thread); the test is skipped without it."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("no /usr/bin/chromium here (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


IMPORT_HEADER = (
    "reference,center,service,date,start,party_size,name,kana,birth_date,phone,notice_number"
)


@pytest.fixture
def bookings_csv() -> Callable[..., bytes]:
    """Factory: a go-live import file; each row a dict overriding a valid cert booking at
    yokohama on Friday 6 November 14:00 (a mobile); `header` renames the columns."""

    def make(*rows: dict[str, str], header: str = IMPORT_HEADER, encoding: str = "utf-8") -> bytes:
        base = {
            "reference": "", "center": "yokohama", "service": "cert", "date": "2026-11-06",
            "start": "14:00", "party_size": "1", "name": "横浜 花子", "kana": "ヨコハマ ハナコ",
            "birth_date": "1960-05-05", "phone": "090-1234-5678", "notice_number": "",
        }  # fmt: skip
        lines = [header]
        for row in rows:
            values = base | row
            lines.append(",".join(values[name] for name in IMPORT_HEADER.split(",")))
        return ("\n".join(lines) + "\n").encode(encoding)

    return make
