"""The nightly retention beside the worker: once a day, after 2:00 Tokyo, by one worker."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from booking_core.calendar import TOKYO
from booking_core.staff import create_user
from queues.retention import done_key, retention_due


def test_the_worker_runs_retention_once_a_night(runtime, clock):
    create_user(runtime.uow(), username="aoki", password="correct horse battery", role="agent",
                now=clock.now())  # fmt: skip
    clock.set(datetime(2027, 2, 1, 1, 30, tzinfo=TOKYO))  # 91 days later, before 2:00
    assert retention_due(runtime) is None
    clock.set(clock.now() + timedelta(hours=1))
    done = retention_due(runtime)
    assert done is not None and done.disabled == ("aoki",)
    assert runtime.redis.exists(done_key(date(2027, 2, 1)))
    assert retention_due(runtime) is None  # another worker, or the next look: already done
