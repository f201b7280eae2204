"""After a booking commits: the SMS confirmation job (the same rq job as the phone front)."""

from __future__ import annotations

import logging

from runtime.flask_glue import rt

log = logging.getLogger(__name__)


def booking_confirmed(reference: str) -> None:
    """Queue the SMS confirmation of a booking that has been committed."""
    try:
        from queues.jobs import send_booking_confirmation
    except ImportError:  # the job lands with the phone front (issue: ivr); until then, nothing
        log.warning("booking confirmation job not available yet; no SMS queued")
        return
    rt().queue("notifications").enqueue(send_booking_confirmation, reference)
