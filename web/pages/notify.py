"""After a booking commits: the SMS confirmation job (the same rq job as the phone front)."""

from __future__ import annotations

from queues.jobs import send_booking_confirmation
from runtime.flask_glue import rt


def booking_confirmed(reference: str) -> None:
    """Queue the SMS confirmation of a committed booking (the job texts once, mobiles only)."""
    rt().queue("notifications").enqueue(send_booking_confirmation, reference)
