"""The notices port: channels tell residents through the runtime, whatever sends the text."""

from __future__ import annotations

from dataclasses import dataclass, field

from booking_core.booking_types import BookingDetails
from booking_core.bookings import create_booking
from booking_core.notices import BookingNotices, NoNotices
from booking_core.policy import Actor
from queues.notices import QueuedNotices


@dataclass
class FakeNotices:
    """Remembers what it was asked to tell, and tells nobody."""

    told: list[tuple[str, str]] = field(default_factory=list)

    def booked(self, booking: BookingDetails) -> bool:
        self.told.append(("booked", booking.reference))
        return True

    def changed(self, booking: BookingDetails) -> bool:
        self.told.append(("changed", booking.reference))
        return True

    def cancelled(self, booking: BookingDetails) -> bool:
        self.told.append(("cancelled", booking.reference))
        return True


def _made(runtime, booking_request, clock, **overrides) -> BookingDetails:
    return create_booking(
        runtime.uow(),
        booking_request(**overrides),
        now=clock.now(),
        actor=Actor.resident("api"),
        policy=runtime.policy,
    )


def test_no_notices_tells_nobody(runtime, booking_request, clock):
    made = _made(runtime, booking_request, clock)
    quiet: BookingNotices = NoNotices()
    assert (quiet.booked(made), quiet.changed(made), quiet.cancelled(made)) == (False,) * 3


def test_the_runtime_queues_texts_for_mobiles_only(runtime, booking_request, clock):
    assert isinstance(runtime.notices, QueuedNotices)
    mobile = _made(runtime, booking_request, clock)
    landline = _made(runtime, booking_request, clock, phone="+81452001234", service="pin")
    assert runtime.notices.booked(mobile) is True
    assert runtime.notices.cancelled(landline) is False
    jobs = [(j.func_name, j.args) for j in runtime.queue("notifications").get_jobs()]
    assert jobs == [("queues.jobs.send_booking_confirmation", (mobile.reference,))]


def test_a_channel_tells_whatever_the_runtime_was_given(
    client, runtime, booking_request, clock, no_ratelimit
):
    made = _made(runtime, booking_request, clock)
    runtime.notices = FakeNotices()
    moved = client.patch(
        f"/api/v1/bookings/{made.reference}",
        json={"birth_date": "1960-05-05", "date": "2026-11-09", "start": "12:00"},
    )
    assert moved.status_code == 200, moved.get_json()
    assert runtime.notices.told == [("changed", made.reference)]
    assert runtime.queue("notifications").count == 0
