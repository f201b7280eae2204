"""The outbox relay's use cases: claim owed texts for their jobs, give them back, sweep.

Each opens its unit of work and commits; the relay (queues/outbox.py) queues the jobs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from booking_core.db import UnitOfWork
from booking_core.notices import (
    claim_pending,
    give_up_interrupted,
    requeue_failed,
    requeue_stale,
    unclaim,
)


def claim_owed(uow: UnitOfWork, *, limit: int, now: datetime) -> list[int]:
    """Mark up to `limit` pending texts (oldest first) as queued; their ids."""
    with uow:
        ids = claim_pending(uow.session, limit=limit, now=now)
        uow.commit()
    return ids


def give_back(uow: UnitOfWork, ids: list[int]) -> None:
    """Texts claimed whose jobs could not be queued: pending again, for the next pass."""
    with uow:
        unclaim(uow.session, ids)
        uow.commit()


def sweep(
    uow: UnitOfWork,
    *,
    older_than: timedelta,
    failed_again_after: timedelta,
    owed_within: timedelta,
    now: datetime,
) -> tuple[int, int, int]:
    """(texts queued long ago with no job, back to pending; sends cut off, marked unknown;
    failed texts whose retry never came, owed again)."""
    with uow:
        requeued = requeue_stale(uow.session, older_than=older_than, now=now)
        cut_off = give_up_interrupted(uow.session, older_than=older_than, now=now)
        again = requeue_failed(
            uow.session, older_than=failed_again_after, owed_within=owed_within, now=now
        )
        uow.commit()
    return requeued, cut_off, again
