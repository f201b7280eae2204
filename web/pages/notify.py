"""After a booking commits: the texts the channels share (the same rq jobs as the phone front)."""

from __future__ import annotations

from booking_core.booking_types import BookingDetails
from queues import notices
from runtime.flask_glue import rt


def booking_confirmed(booking: BookingDetails) -> None:
    """Queue the SMS confirmation of a committed booking (mobiles only, texted once)."""
    notices.booking_confirmed(rt().queue("notifications"), booking)


def booking_changed(booking: BookingDetails) -> None:
    """Queue the SMS with the new date and time of a committed change."""
    notices.booking_changed(rt().queue("notifications"), booking)


def booking_cancelled(booking: BookingDetails) -> None:
    """Queue the SMS saying a booking was cancelled."""
    notices.booking_cancelled(rt().queue("notifications"), booking)
