"""Whole calls for an existing booking: hear it, change it, cancel it."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from booking_core.availability import day_availability
from booking_core.booking_life import check_in
from booking_core.bookings import BookingDetails, create_booking
from booking_core.calendar import TOKYO
from booking_core.models import Booking
from booking_core.policy import Actor


def _booked(runtime, clock, booking_request) -> BookingDetails:
    return create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )


def _row(runtime, reference: str) -> BookingDetails:
    with runtime.uow() as uow:
        found = uow.session.scalar(select(Booking).where(Booking.reference == reference))
        assert found is not None
        return BookingDetails.of(found)


def _lookup_keys(reference: str) -> list[str]:
    return ["1", "3", f"{reference}#", "19600505#"]


def test_a_caller_hears_their_booking_after_reference_and_birth_date(
    phone, runtime, clock, booking_request
):
    made = _booked(runtime, clock, booking_request)
    call = phone.ring([*_lookup_keys(made.reference), "1"])
    said = call.said()
    assert not any("ですね。" in line for line in said)  # the reference is not read back alone
    details = (
        "ご予約内容は、電子証明書の発行・更新、横浜駅マイナンバーカード特設センター、"
        "11月6日 金曜日 午後2時、1名様です。"
    )
    assert said.count(details) == 2  # after the lookup, and again on 1


def test_a_caller_changes_the_time_and_the_places_move(phone, runtime, clock, booking_request):
    made = _booked(runtime, clock, booking_request)
    keys = [*_lookup_keys(made.reference), "2", "3", "1109#", "1200#", "1"]
    call = phone.ring(keys)
    said = call.said()
    assert (
        "変更後のご予約は、横浜駅マイナンバーカード特設センター、11月9日 月曜日 午後0時です。"
        "この内容でよろしければ1を、日時を選び直す場合は2を押してください。" in said
    )
    assert "ご予約の日時を変更しました。" in said
    moved = _row(runtime, made.reference)
    assert (moved.day, moved.start, moved.status) == (date(2026, 11, 9), time(12, 0), "active")
    old = day_availability(
        runtime.uow(),
        center_id="yokohama",
        service_code="cert",
        day=date(2026, 11, 6),
        now=clock.now(),
        policy=runtime.policy,
    )
    freed = next(s for s in old.slots if s.start == time(14, 0))
    assert freed.remaining == freed.capacity


def test_a_caller_cancels_after_confirming(phone, runtime, clock, booking_request):
    made = _booked(runtime, clock, booking_request)
    call = phone.ring([*_lookup_keys(made.reference), "3", "1"])
    said = call.said()
    assert (
        "11月6日 金曜日 午後2時のご予約を取り消します。よろしければ1を、"
        "取り消さない場合は2を押してください。" in said
    )
    assert "ご予約を取り消しました。" in said
    assert _row(runtime, made.reference).status == "cancelled"


def test_a_caller_who_says_no_keeps_the_booking(phone, runtime, clock, booking_request):
    made = _booked(runtime, clock, booking_request)
    call = phone.ring([*_lookup_keys(made.reference), "3", "2"])
    assert "ご予約の取り消しは行いませんでした。" in call.said()
    assert _row(runtime, made.reference).status == "active"


def test_a_wrong_birth_date_finds_nothing_and_asks_for_the_reference_again(
    phone, runtime, clock, booking_request
):
    made = _booked(runtime, clock, booking_request)
    call = phone.ring(["1", "3", f"{made.reference}#", "19600506#"])
    said = call.said()
    assert said[-2].startswith(
        "入力された予約番号と生年月日に一致するご予約が見つかりませんでした。"
    )
    assert said[-1] == "10桁の予約番号を入力し、最後にシャープを押してください。"


def test_a_caller_with_a_used_booking_hears_so_and_is_not_offered_a_change(
    phone, runtime, clock, booking_request
):
    made = _booked(runtime, clock, booking_request)
    clock.set(datetime(2026, 11, 6, 13, 55, tzinfo=TOKYO))
    check_in(
        runtime.uow(), reference=made.reference, now=clock.now(),
        actor=Actor.staff("clerk", channel="counter"), policy=runtime.policy,
    )  # fmt: skip
    said = phone.ring(_lookup_keys(made.reference)).said()
    assert (
        "このご予約は、すでにご利用いただいたか、予約の日時が過ぎています。"
        "変更や取り消しはできません。" in said
    )
    assert "日時を変更する場合は" not in said
