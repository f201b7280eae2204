"""The worker of the fault drills: `flask worker`'s loop, with Twilio's REST API at a loopback fake.

Run as a script by the drills (FAKE_TWILIO names the fake); the outbox's waits are scaled down
so a drill ends in seconds: retries after 1 s, a stale or failed text again after 3 s, a
sweep every second.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from typing import Any

from booking_core.clock import RunningClock
from entrypoints.worker import run_worker
from queues import jobs, outbox
from queues.callbacks import CallbackList
from queues.gateway import TimedHttpClient, TwilioGateway
from runtime.bootstrap import bootstrap
from runtime.config import Settings
from runtime.logs import configure_logging


class Loopback(TimedHttpClient):
    """Twilio's HTTP client, its requests sent to the fake instead of api.twilio.com."""

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        fake = os.environ["FAKE_TWILIO"]
        return super().request(method, url.replace("https://api.twilio.com", fake), *args, **kwargs)


def main() -> None:
    settings = Settings.from_env()
    http = Loopback(connect=settings.twilio_connect_timeout, read=settings.twilio_read_timeout)
    twilio = TwilioGateway(settings, http_client=http)
    jobs.gateway_for = outbox.gateway_for = lambda _settings: twilio  # type: ignore[assignment]
    outbox.RETRY_SECONDS = [1, 1, 1, 1, 1]
    outbox.STALE_AFTER = outbox.FAILED_AGAIN_AFTER = timedelta(seconds=3)
    outbox.SWEEP_EVERY_SECONDS = 1.0
    # the worker's day is the test's (DRILL_START, its frozen clock), and time runs on from it
    runtime = bootstrap(settings, callback_requests=CallbackList)
    runtime.clock = RunningClock(datetime.fromisoformat(os.environ["DRILL_START"]))
    configure_logging(logging.WARNING)
    run_worker(runtime)


if __name__ == "__main__":
    main()
