"""After a booking commits, what the resident is told: a port every channel calls.

The channels (web pages, API, phone front, console) call it after the commit; the
implementation that queues the texts lives with the task queue (queues/notices.py) and is
wired by the runtime, so no channel needs to know how a text is sent.
"""

from __future__ import annotations

from typing import Protocol

from booking_core.booking_types import BookingDetails


class BookingNotices(Protocol):
    """Tell a resident about a committed booking; each returns True when a text will go."""

    def booked(self, booking: BookingDetails) -> bool:
        """A new booking committed: its confirmation."""
        ...

    def changed(self, booking: BookingDetails) -> bool:
        """A change committed: the new date and time."""
        ...

    def cancelled(self, booking: BookingDetails) -> bool:
        """A cancellation committed."""
        ...


class NoNotices:
    """Tell nobody: for tools and tests that have no task queue."""

    def booked(self, booking: BookingDetails) -> bool:
        """Nothing is sent."""
        return False

    def changed(self, booking: BookingDetails) -> bool:
        """Nothing is sent."""
        return False

    def cancelled(self, booking: BookingDetails) -> bool:
        """Nothing is sent."""
        return False
