"""Booking through the pages: every step, its errors, and the booking the core holds."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from booking_core.bookings import BookingDetails
from booking_core.models import Booking
from tests.web.conftest import text_of


def _bookings(runtime):
    with runtime.uow() as uow:
        return [BookingDetails.of(b) for b in uow.session.scalars(select(Booking))]


def test_a_full_booking_ends_with_the_reference_grouped_and_an_sms_note(resident, runtime):
    review = resident.book_until_review(party="2")
    assert review.status_code == 200
    page = text_of(review)
    assert "2026年11月6日（金） 14:00" in page and "ヨコハマ ハナコ" in page
    done = resident.submit("/book/review", "/book/confirm", {})
    assert done.status_code == 302 and done.location.endswith("/book/done")
    [booking] = _bookings(runtime)
    assert (booking.day, booking.start, booking.party_size) == (date(2026, 11, 6), time(14), 2)
    assert (booking.kana, booking.phone, booking.channel) == ("ヨコハマ ハナコ", "+819012345678", "web")
    shown = text_of(resident.get("/book/done"))
    grouped = f"{booking.reference[:3]} {booking.reference[3:6]} {booking.reference[6:]}"
    assert grouped in shown
    assert "末尾5678の携帯電話にお送りします" in shown
