"""The one core guard: no text a resident or staff member types may keep or speak a My Number."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from booking_core.announcements import checked_announcement
from booking_core.bookings import create_booking
from booking_core.call_records import record_wrap_up
from booking_core.errors import MyNumberRefused
from booking_core.identifiers import refuse_my_number
from booking_core.models import Booking
from booking_core.policy import Actor

MY_NUMBER = "123456789018"  # a valid 個人番号 (its check digit is right)


def test_the_guard_names_every_field_holding_a_my_number():
    with pytest.raises(MyNumberRefused) as refused:
        refuse_my_number(
            {"name": f"番号{MY_NUMBER}", "kana": "ヨコハマ", "address": "1234-5678-9018"}
        )
    assert refused.value.fields == {
        "name": "my_number_not_accepted",
        "address": "my_number_not_accepted",
    }
    assert MY_NUMBER not in str(refused.value)


def test_the_guard_looks_into_lists_and_mappings_however_deep():
    nested: object = ["１２３４ ５６７８ ９０１８"]  # full-width, spaced
    for _ in range(10_000):
        nested = {"inner": nested}
    with pytest.raises(MyNumberRefused):
        refuse_my_number({"cards": nested})


def test_twelve_digits_with_a_wrong_check_digit_pass():
    refuse_my_number({"note": "123456789012", "kana": "", "count": 3})


@pytest.mark.parametrize("field", ["name", "kana", "address"])
def test_a_booking_with_a_my_number_in_a_text_field_is_refused(
    runtime, clock, booking_request, field
):
    with pytest.raises(MyNumberRefused) as refused:
        create_booking(
            runtime.uow(),
            booking_request(**{field: f"メモ {MY_NUMBER}"}),
            now=clock.now(),
            actor=Actor.staff("aoki"),
            policy=runtime.policy,
        )
    assert refused.value.fields == {field: "my_number_not_accepted"}
    with runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Booking)) == 0


def test_a_my_number_as_idempotency_key_is_refused_by_the_core(runtime, clock, booking_request):
    with pytest.raises(MyNumberRefused) as refused:
        create_booking(
            runtime.uow(),
            booking_request(),
            now=clock.now(),
            actor=Actor.resident("api"),
            policy=runtime.policy,
            idempotency_key=MY_NUMBER,
        )
    assert refused.value.fields == {"idempotency_key": "my_number_not_accepted"}


def test_a_phone_of_twelve_digits_is_a_phone_not_a_my_number(runtime, clock, booking_request):
    made = create_booking(
        runtime.uow(),
        booking_request(phone="+819012345673"),  # 819012345673 passes the My Number check
        now=clock.now(),
        actor=Actor.resident("api"),
        policy=runtime.policy,
    )
    assert made.reference


def test_a_wrap_up_note_with_a_my_number_is_refused(runtime, clock):
    with pytest.raises(MyNumberRefused) as refused:
        record_wrap_up(
            runtime.uow(),
            call_sid="CA1",
            queue="booking",
            kind="inbound",
            code="enquiry",
            topic="procedure",
            note=f"番号は{MY_NUMBER}",
            now=clock.now(),
            actor=Actor.staff("aoki"),
        )
    assert refused.value.fields == {"note": "my_number_not_accepted"}


def test_an_emergency_announcement_with_a_my_number_is_refused():
    with pytest.raises(MyNumberRefused):
        checked_announcement("ja", f"お問い合わせ番号 {MY_NUMBER}")
    assert checked_announcement("en", "  Closed today.  ") == "Closed today."
