"""Engine and unit of work: one transaction per use case, committed explicitly."""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

# A pooled connection idle longer than this is pinged before use (a firewall may have dropped it).
PING_AFTER_IDLE_SECONDS = 30.0


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine; on SQLite, WAL, a busy timeout and BEGIN IMMEDIATE so writers queue, not fail."""
    if not url.startswith("sqlite"):
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 20)
        engine = create_engine(url, **kwargs)
        if not kwargs.get("pool_pre_ping"):
            _ping_when_in_doubt(engine)
        return engine
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _ping_when_in_doubt(engine: Engine) -> None:
    """pool_pre_ping's safety without its round trip on every checkout.

    A connection is pinged only if it sat idle for long, or if the server sent something to it
    while idle: a terminated backend or a restarted server leaves its socket readable.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None:
            return  # just connected
        fresh = time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS
        if fresh and not _has_unread_data(dbapi_conn):
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            raise DisconnectionError("pooled connection is gone") from exc  # the pool reconnects


def _has_unread_data(dbapi_conn: Any) -> bool:
    """True if an idle connection's socket is readable (its server said goodbye) or unknown."""
    try:
        readable, _, _ = select.select([dbapi_conn.fileno()], [], [], 0)
    except (AttributeError, OSError, ValueError):
        return True
    return bool(readable)


class UnitOfWork:
    """A session for one use case; leaving without `commit()` rolls back."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Make the use case's changes durable."""
        self.session.commit()

    def rollback(self) -> None:
        """Undo everything since the last commit."""
        self.session.rollback()

    @property
    def dialect(self) -> str:
        """'postgresql' or 'sqlite'."""
        bind = self.session.get_bind()
        return bind.dialect.name


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    processors: dict[str, Callable[[Any], Any]]
    fixed: dict[str, Any]  # literal values compiled into the statement's parameters
    order: tuple[str, ...] | None  # parameter names in order, for positional drivers (SQLite)


class DriverStatement:
    """A fixed statement compiled once per dialect and handed straight to the driver.

    SQLAlchemy's per-execution work (cache key, parameter dictionary, execution context,
    result wrapper) costs more Python than the driver's own for this one hot statement, so
    the booking path sends the compiled SQL on the connection it is given: its transaction
    (if any), the same bind processors (the types' conversions run here), and driver errors
    come back as SQLAlchemy's exceptions (IntegrityError for a duplicate), with a lost
    connection invalidated as SQLAlchemy would; before_cursor_execute listeners still hear it.
    """

    def __init__(self, statement: ClauseElement) -> None:
        self._statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: Dialect) -> _Compiled:
        if (done := self._compiled.get(dialect.name)) is None:
            compiled = self._statement.compile(dialect=dialect)
            assert isinstance(compiled, SQLCompiler)  # a DML or SELECT statement
            done = self._compiled[dialect.name] = _Compiled(
                sql=compiled.string,
                processors={k: p for k, p in compiled._bind_processors.items() if callable(p)},
                fixed={k: b.value for k, b in compiled.binds.items() if not b.required},
                order=tuple(compiled.positiontup or ()) if dialect.positional else None,
            )
        return done

    def rows(self, connection: Connection, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Execute on the connection (in its transaction, if any); every row returned."""
        dialect = connection.dialect
        compiled = self._for(dialect)
        named = compiled.fixed | params
        for name, convert in compiled.processors.items():
            named[name] = convert(named[name])
        sql = compiled.sql
        values: Any = named if compiled.order is None else [named[n] for n in compiled.order]
        driver = connection.connection.driver_connection
        cursor = driver.cursor()  # type: ignore[union-attr]
        try:
            if connection.dispatch.before_cursor_execute:  # statement counters, tracing
                connection.dispatch.before_cursor_execute(
                    connection, cursor, sql, values, None, False
                )
            cursor.execute(sql, values)
            return list(cursor.fetchall())
        except dialect.loaded_dbapi.Error as error:
            lost = dialect.is_disconnect(error, driver, None)
            if lost:
                connection.invalidate(error)
            raise DBAPIError.instance(
                sql, values, error, dialect.loaded_dbapi.Error,
                connection_invalidated=lost, dialect=dialect,
            ) from error  # fmt: skip
        finally:
            cursor.close()
