"""The engine: pooled connections the server dropped are replaced without a ping per checkout."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, text

from booking_core.db import make_engine
from runtime.config import Settings


@pytest.fixture
def pg_url(settings: Settings) -> str:
    """The PostgreSQL URL under test (the cheap liveness check is PostgreSQL's)."""
    url = settings.effective_database_url
    if not url.startswith("postgresql"):
        pytest.skip("pooled connections to PostgreSQL only (SQLite has no server to drop them)")
    return url


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as conn:
        pid: int = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        return pid


def _terminate(url: str, pid: int) -> None:
    """Have the server end a backend, and wait until it has gone."""
    killer = make_engine(url)
    try:
        with killer.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            for _ in range(100):
                conn.commit()  # pg_stat_activity is a snapshot per transaction
                alive = conn.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
                ).scalar_one()
                if not alive:
                    return
                time.sleep(0.05)
    finally:
        killer.dispose()
    raise AssertionError("the backend did not end")


@pytest.fixture
def pings(monkeypatch: pytest.MonkeyPatch) -> Callable[[Engine], list[int]]:
    """Count the pings of an engine's pool: pings(engine) is the list that grows by one each."""

    def watch(engine: Engine) -> list[int]:
        done: list[int] = []
        real = engine.dialect.do_ping

        def counted(dbapi_conn: Any) -> bool:
            done.append(1)
            return real(dbapi_conn)

        monkeypatch.setattr(engine.dialect, "do_ping", counted)
        return done

    return watch


def test_a_pooled_connection_the_server_ended_is_replaced_unnoticed(pg_url, pings):
    engine = make_engine(pg_url, pool_size=1, max_overflow=0)
    pinged = pings(engine)
    try:
        first = _backend_pid(engine)
        _terminate(pg_url, first)
        second = _backend_pid(engine)  # no error: the dead connection was spotted at checkout
        assert second != first
        assert len(pinged) == 1
    finally:
        engine.dispose()


def test_a_healthy_pooled_connection_is_reused_without_a_ping(pg_url, pings):
    engine = make_engine(pg_url, pool_size=1, max_overflow=0)
    pinged = pings(engine)
    try:
        assert _backend_pid(engine) == _backend_pid(engine) == _backend_pid(engine)
        assert pinged == []
    finally:
        engine.dispose()


def test_a_connection_idle_for_long_is_pinged_first(pg_url, pings, monkeypatch):
    engine = make_engine(pg_url, pool_size=1, max_overflow=0)
    pinged = pings(engine)
    try:
        first = _backend_pid(engine)
        monkeypatch.setattr("booking_core.db.PING_AFTER_IDLE_SECONDS", 0.0)
        assert _backend_pid(engine) == first
        assert len(pinged) == 1
    finally:
        engine.dispose()
