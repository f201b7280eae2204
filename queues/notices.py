"""After a booking commits, the text it calls for: one place every channel enqueues from."""

from __future__ import annotations

from collections.abc import Callable

from rq import Queue

from booking_core.booking_types import BookingDetails
from booking_core.identifiers import is_japanese_mobile
from queues.jobs import send_booking_cancellation, send_booking_change, send_booking_confirmation


def _enqueue(queue: Queue, job: Callable[[str], str], booking: BookingDetails) -> bool:
    """Queue the job for a booking with a Japanese mobile; False when no text can go."""
    if not booking.phone or not is_japanese_mobile(booking.phone):
        return False
    queue.enqueue(job, booking.reference)
    return True


def booking_confirmed(queue: Queue, booking: BookingDetails) -> bool:
    """A new booking committed: its confirmation text."""
    return _enqueue(queue, send_booking_confirmation, booking)


def booking_changed(queue: Queue, booking: BookingDetails) -> bool:
    """A change committed: the new date and time (the job texts once per change)."""
    return _enqueue(queue, send_booking_change, booking)


def booking_cancelled(queue: Queue, booking: BookingDetails) -> bool:
    """A cancellation committed: a text saying so."""
    return _enqueue(queue, send_booking_cancellation, booking)
