"""Change and cancel with the reference and birth date; lookups are limited per client."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from booking_core.booking_life import check_in
from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.models import Booking, Slot
from booking_core.policy import Actor
from tests.web.conftest import text_of


@pytest.fixture
def booked(runtime, booking_request, clock) -> str:
    """A cert booking for two at yokohama, Friday 6 November 14:00."""
    made = create_booking(
        runtime.uow(),
        booking_request(party_size=2),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    return made.reference


def _open(resident, reference: str, birth: str = "19600505"):
    return resident.submit("/manage", "/manage", {"reference": reference, "birth_date": birth})


def _row(runtime, reference):
    with runtime.uow() as uow:
        b = uow.session.scalar(select(Booking).where(Booking.reference == reference))
        return b.status, b.day, b.start


def _booked_places(runtime, day, start) -> int:
    with runtime.uow() as uow:
        slot = uow.session.scalar(
            select(Slot).where(Slot.center_id == "yokohama", Slot.day == day, Slot.start == start)
        )
        return slot.booked if slot else 0


def test_a_booking_opens_with_its_reference_and_birth_date(resident, booked):
    opened = _open(resident, f"{booked[:3]}-{booked[3:6]}-{booked[6:]}")
    assert opened.location == "/manage/booking"
    page = text_of(resident.get("/manage/booking"))
    assert f"{booked[:3]} {booked[3:6]} {booked[6:]}" in page
    assert "2026年11月6日（金） 14:00" in page and "2名" in page


def test_a_wrong_birth_date_looks_like_no_booking(resident, booked):
    response = _open(resident, booked, "19600506")
    assert response.status_code == 404
    assert "予約が見つかりませんでした。予約番号と生年月日をご確認ください。" in text_of(response)
    assert resident.get("/manage/booking").location == "/manage?expired=1"


def test_a_mistyped_reference_is_caught_by_its_check_digit(resident, booked):
    wrong = booked[:-1] + str((int(booked[-1]) + 1) % 10)
    response = _open(resident, wrong)
    assert response.status_code == 422
    assert "予約番号が正しくありません" in text_of(response)


def test_lookups_are_limited_per_client(resident, booked, runtime):
    limit = runtime.settings.lookup_limit_per_minute
    codes = [_open(resident, booked, "19000101").status_code for _ in range(limit + 1)]
    assert codes == [404] * limit + [429]
    refused = _open(resident, booked)
    assert refused.status_code == 429 and "しばらくしてからお試しください" in text_of(refused)


def test_without_the_limit_lookups_are_not_counted(resident, booked, runtime, no_ratelimit):
    codes = {_open(resident, booked, "19000101").status_code for _ in range(15)}
    assert codes == {404}


def test_a_booking_moves_to_a_new_time_and_gives_its_places_back(resident, booked, runtime):
    _open(resident, booked)
    calendar = text_of(resident.get("/manage/calendar"))
    assert "現在のご予約：2026年11月6日（金） 14:00" in calendar
    assert '<a href="/manage/day/2026-11-09">' in calendar
    resident.submit(
        "/manage/day/2026-11-09", "/manage/time", {"day": "2026-11-09", "start": "12:00"}
    )
    review = text_of(resident.get("/manage/review"))
    assert "2026年11月9日（月） 12:00" in review
    moved = resident.submit("/manage/review", "/manage/review", {})
    assert moved.location == "/manage/done/changed"
    assert _row(runtime, booked) == ("active", date(2026, 11, 9), time(12, 0))
    assert _booked_places(runtime, date(2026, 11, 6), time(14, 0)) == 0
    assert _booked_places(runtime, date(2026, 11, 9), time(12, 0)) == 2
    assert "予約の日時を変更しました" in text_of(resident.get("/manage/done/changed"))


def test_a_move_to_a_time_without_room_offers_the_nearest(
    resident, booked, runtime, one_place_band
):
    one_place_band(date(2026, 11, 9), time(12, 0), 1)
    _open(resident, booked)
    resident.submit(
        "/manage/day/2026-11-09", "/manage/time", {"day": "2026-11-09", "start": "12:00"}
    )
    response = resident.submit("/manage/review", "/manage/review", {})
    assert response.location == "/manage/full"
    page = text_of(resident.get("/manage/full"))
    assert "選ばれた時間は満員になりました" in page and 'value="12:15"' in page
    assert _row(runtime, booked) == ("active", date(2026, 11, 6), time(14, 0))


def test_cancelling_asks_once_then_gives_the_places_back(resident, booked, runtime):
    _open(resident, booked)
    ask = text_of(resident.get("/manage/cancel"))
    assert "この予約を取り消しますか" in ask and "取り消すと元に戻せません" in ask
    done = resident.submit("/manage/cancel", "/manage/cancel", {})
    assert done.location == "/manage/done/cancelled"
    assert _row(runtime, booked)[0] == "cancelled"
    assert _booked_places(runtime, date(2026, 11, 6), time(14, 0)) == 0
    page = text_of(resident.get("/manage/done/cancelled"))
    assert "予約を取り消しました" in page and "取り消し済み" in page
    assert resident.get("/manage/calendar").location == "/manage?expired=1"


def test_a_booking_whose_time_has_passed_cannot_be_cancelled(resident, booked, clock):
    _open(resident, booked)
    clock.set(clock.now().replace(day=6, hour=15))
    response = resident.submit("/manage/cancel", "/manage/cancel", {})
    assert response.status_code == 409
    assert "予約の時刻を過ぎているため、取り消しできません。" in text_of(response)


def test_a_cancelled_booking_shows_as_cancelled_with_nothing_left_to_do(resident, booked):
    _open(resident, booked)
    resident.submit("/manage/cancel", "/manage/cancel", {})
    _open(resident, booked)
    page = text_of(resident.get("/manage/booking"))
    assert "取り消し済み" in page and "/manage/cancel" not in page
    assert resident.get("/manage/cancel").location == "/manage/booking"


def test_a_used_booking_says_so_and_offers_no_change(resident, runtime, clock, booked):
    clock.set(datetime(2026, 11, 6, 13, 55, tzinfo=TOKYO))
    check_in(
        runtime.uow(), reference=booked, now=clock.now(),
        actor=Actor.staff("clerk", channel="counter"), policy=runtime.policy,
    )  # fmt: skip
    _open(resident, booked)
    page = text_of(resident.get("/manage/booking"))
    assert "受付済み" in page
    assert "この予約はすでにご利用済み、または予約の日時が過ぎています。" in page
    assert "日時を変更する" not in page


def test_a_my_number_typed_as_reference_is_refused_and_never_echoed(resident):
    response = _open(resident, "123456789018")
    assert response.status_code == 422
    page = text_of(response)
    assert "マイナンバー（12桁の個人番号）は入力しないでください" in page
    assert "123456789018" not in page
