"""Building the outside world once: engine, Redis, task queue, clock. Shared by web and workers.

This package sits below the channels (ivr, web, queues, agent_console): they import it, it
imports none of them. What a channel implements for another (the agents' callback list) comes
in from the entry point that starts the process (wsgi.create_app, the worker).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

import redis
from rq import Queue
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from booking_core.callback_requests import CallbackRequests
from booking_core.clock import Clock, FrozenClock, SystemClock
from booking_core.db import UnitOfWork, make_engine, session_factory
from booking_core.policy import Policy
from runtime.config import Settings, reminder_clock
from runtime.embedded_redis import embedded_redis_url

QUEUE_NAMES = ("notifications", "default")


@dataclass
class Runtime:
    """Everything a request or a job needs from outside the process."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    redis: redis.Redis
    clock: Clock
    policy: Policy
    callback_requests: CallbackRequests  # the agents' list of residents to call back

    def uow(self) -> UnitOfWork:
        """A fresh unit of work."""
        return UnitOfWork(self.sessions)

    def queue(self, name: str = "notifications") -> Queue:
        """An rq queue on our Redis."""
        return Queue(name, connection=self.redis)


def redis_url(settings: Settings) -> str:
    """The configured Redis, or the embedded server started on demand."""
    return settings.redis_url or embedded_redis_url(settings.instance_dir / "redis")


def bootstrap(
    settings: Settings, *, callback_requests: Callable[[redis.Redis], CallbackRequests]
) -> Runtime:
    """Connect to the database and Redis described by the settings."""
    settings.instance_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.effective_database_url)
    clock: Clock = FrozenClock(settings.app_now) if settings.app_now else SystemClock()
    policy = Policy(
        horizon_days=settings.booking_horizon_days,
        max_party_size=settings.max_party_size,
        notice_number_digits=settings.notice_number_digits,
        manifest_cutoff=time(17, 0),
        reminder_time=reminder_clock(settings.reminder_time) or Policy.reminder_time,
    )
    connection = redis.Redis.from_url(redis_url(settings))
    return Runtime(
        settings,
        engine,
        session_factory(engine),
        connection,
        clock,
        policy,
        callback_requests(connection),
    )
