"""After a booking commits, the text it calls for: the rq side of booking_core.notices."""

from __future__ import annotations

from collections.abc import Callable

from rq import Queue

from booking_core.booking_types import BookingDetails
from booking_core.identifiers import is_japanese_mobile
from queues.jobs import send_booking_cancellation, send_booking_change, send_booking_confirmation


class QueuedNotices:
    """Queue an SMS job for a booking with a Japanese mobile (the job itself texts once)."""

    def __init__(self, queue: Queue) -> None:
        self.queue = queue

    def _enqueue(self, job: Callable[[str], str], booking: BookingDetails) -> bool:
        """Queue the job in one Redis round trip; False when no text can go."""
        if not booking.phone or not is_japanese_mobile(booking.phone):
            return False
        with self.queue.connection.pipeline() as pipe:
            self.queue.enqueue(job, booking.reference, pipeline=pipe)
            pipe.execute()
        return True

    def booked(self, booking: BookingDetails) -> bool:
        """A new booking committed: its confirmation text."""
        return self._enqueue(send_booking_confirmation, booking)

    def changed(self, booking: BookingDetails) -> bool:
        """A change committed: the new date and time (the job texts once per change)."""
        return self._enqueue(send_booking_change, booking)

    def cancelled(self, booking: BookingDetails) -> bool:
        """A cancellation committed: a text saying so."""
        return self._enqueue(send_booking_cancellation, booking)
