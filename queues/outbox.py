"""The relay from the outbox (texts owed, booking_core.notices) to rq jobs that send them.

Bookings write the texts they owe in their own transaction; nothing is queued on the request
path. The relay runs beside the rq worker: it takes pending rows (pending -> queued, committed)
and then enqueues one send_notification job per row in one pipeline. When Redis refuses the
jobs the rows are pending again at once; a relay that dies between the two leaves rows queued
with no job, and after STALE_AFTER they are pending again and relayed once more. A job that
runs twice finds its row taken and texts nothing. A send the provider surely did not take is
tried again on the RETRY schedule; one cut off mid-way is marked unknown after STALE_AFTER.
The sweep also asks the provider about unknown texts it took (booking_core.text_status).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from rq import Retry

from booking_core.outbox_relay import claim_owed, give_back, sweep
from booking_core.text_status import record_provider_status, unsettled
from queues.gateway import gateway_for
from queues.jobs import RETRY_SECONDS, send_notification
from queues.liveness import retry_delay
from runtime.bootstrap import Runtime

log = logging.getLogger(__name__)
BATCH = 200
POLL_SECONDS = 0.5  # how long an owed text waits at most before its job is queued (when idle)
STALE_AFTER = timedelta(minutes=10)
SWEEP_EVERY_SECONDS = 60.0
# When a send surely went nowhere (the provider busy or unreachable): again after these waits.
# A failed text whose retry did not come in this long (longer than any wait above) is owed
# again: its rq job was lost (Redis died as it failed) or its tries were used up.
FAILED_AGAIN_AFTER = timedelta(seconds=max(RETRY_SECONDS)) + STALE_AFTER
OWED_FOR = timedelta(days=1)  # after that a failed text stays failed (staff see it)


def relay_pending(runtime: Runtime, *, limit: int = BATCH) -> int:
    """Queue a job for each pending text (oldest first, at most `limit`); how many."""
    ids = claim_owed(runtime.uow(), limit=limit, now=runtime.clock.now())
    if not ids:
        return 0
    queue = runtime.queue("notifications")
    retry = Retry(max=len(RETRY_SECONDS), interval=RETRY_SECONDS)
    try:
        with runtime.redis.pipeline() as pipe:
            for notification_id in ids:
                queue.enqueue(send_notification, notification_id, retry=retry, pipeline=pipe)
            pipe.execute()
    except Exception:
        give_back(runtime.uow(), ids)  # relayed again on the next pass (a twin job is harmless)
        raise
    return len(ids)


def relay_all(runtime: Runtime) -> int:
    """Relay until nothing is pending (a burst worker, tests); how many."""
    total = 0
    while relayed := relay_pending(runtime):
        total += relayed
    return total


def sweep_stale(runtime: Runtime) -> int:
    """Owed texts whose job was lost go back to pending (how many); sends cut off become unknown."""
    count, cut_off, again = sweep(
        runtime.uow(), older_than=STALE_AFTER, failed_again_after=FAILED_AGAIN_AFTER,
        owed_within=OWED_FOR, now=runtime.clock.now(),
    )  # fmt: skip
    if count:
        log.warning("outbox: %d texts queued %s ago had no job; relaying again", count, STALE_AFTER)
    if again:
        log.warning("outbox: %d failed texts had no retry coming; owed again", again)
    if cut_off:
        log.error("outbox: %d texts were cut off mid-send; marked unknown, not resent", cut_off)
    settle_unknown(runtime)
    return count


def settle_unknown(runtime: Runtime, *, limit: int = BATCH) -> int:
    """Ask the provider how unknown texts it took went (its callback may have been lost)."""
    texts = unsettled(runtime.uow(), limit=limit)
    gateway, settled = gateway_for(runtime.settings), 0
    for text_id, provider_id in texts:
        try:
            status, error_code = gateway.message_status(provider_id)
        except Exception as exc:  # asked again on the next sweep
            log.warning("outbox: status of text %s not known: %s", text_id, type(exc).__name__)
            continue
        moved = record_provider_status(runtime.uow(), text_id, provider_id=provider_id,
                                       provider_status=status, error_code=error_code,
                                       now=runtime.clock.now())  # fmt: skip
        settled += moved is not None
    return settled


class OutboxRelay(threading.Thread):
    """Relay owed texts until stopped: at once while there are more, else every POLL_SECONDS."""

    def __init__(self, runtime: Runtime, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__(name="outbox-relay", daemon=True)
        self.runtime, self.poll_seconds = runtime, poll_seconds
        self.stopping = threading.Event()

    def run(self) -> None:
        """The loop; a failure (database or Redis away) is logged and tried again, less often."""
        next_sweep, failures = 0.0, 0
        while not self.stopping.is_set():
            try:
                if time.monotonic() >= next_sweep:
                    sweep_stale(self.runtime)
                    next_sweep = time.monotonic() + SWEEP_EVERY_SECONDS
                more = relay_pending(self.runtime) == BATCH
                failures = 0
                if more:
                    continue  # more are waiting
            except Exception as exc:  # keep relaying once the outage is over
                failures += 1
                log.error("outbox relay failed (%d in a row): %s", failures, type(exc).__name__)
            self.stopping.wait(retry_delay(self.poll_seconds, failures))

    def stop(self) -> None:
        """Finish the current pass and end."""
        self.stopping.set()
