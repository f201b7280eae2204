"""Information, home visits and English: the rest of the main menu."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from booking_core.clock import TOKYO
from booking_core.home_visits import HomeVisitRequest, request_home_visit
from booking_core.models import Booking, ClosureRecord
from booking_core.policy import Actor
from booking_core.visit_life import schedule_visit
from booking_core.visit_teams import add_city_staff, add_team


def test_centre_information_reads_the_address_hours_and_coming_closures(phone, runtime, clock):
    with runtime.uow() as uow:
        uow.session.add(
            ClosureRecord(
                center_id="kamiooka", day=date(2026, 11, 9), note="設備点検", created_at=clock.now()
            )
        )
        uow.commit()
    call = phone.ring(["1", "4", "3"])
    said = call.said()
    assert said[-3].startswith(
        "上大岡駅マイナンバーカード特設センター。本日は開所しています。"
        "所在地は、横浜市港南区上大岡西1丁目18番3号、ミオカリスト館2階です。"
    )
    assert len(said[-3]) <= 140  # at most 20 s at 7 characters a second
    # the J-LIS Sunday after the third Saturday (11/22 is after 11/21) is beyond two weeks
    assert said[-2] == "このほか、2週間以内のお休みは、11月9日 月曜日です。"
    phone.press(call, ["2", "4"])
    assert call.said()[-2].startswith("二俣川駅マイナンバーカード特設センター。")


def test_a_centre_closed_today_says_so_first_with_the_next_day_it_opens(phone, clock):
    clock.set(datetime(2026, 11, 4, 9, 0, tzinfo=TOKYO))  # a Wednesday
    said = phone.ring(["1", "4", "1"]).said()
    assert said[-2].startswith(
        "横浜駅マイナンバーカード特設センター。本日はお休みです。次の開所日は、11月6日 金曜日です。"
    )


def test_a_home_visit_request_goes_to_the_visit_queue(phone, runtime, agent_on_duty):
    agent_on_duty("agent-3")
    call = phone.ring(["1", "5", "1"])
    assert call.said()[-6].startswith("ご自宅や施設への訪問による、カードの申請サポートと交付")
    assert call.queue == "visit"


def test_an_english_caller_books_a_pin_reset(phone, runtime):
    call = phone.ring(["2", "2", "2", "3", "19700101#", "1", "3", "1106#", "1500#", "1"])
    said = call.said()
    assert "The earliest time is Monday, November 2 at 11:30 A.M." in said
    assert (
        "Your booking: PIN change or reset, at the Kamiooka Station My Number Card Center, "
        "on Friday, November 6 at 3 P.M., for 1 person." in said
    )
    assert call.transcript[-1].lang == "en-US"
    with runtime.uow() as uow:
        booking = uow.session.scalars(select(Booking)).one()
        assert (booking.service_code, booking.center_id, booking.language) == (
            "pin",
            "kamiooka",
            "en",
        )
        assert (booking.day, booking.start) == (date(2026, 11, 6), time(15, 0))


def test_a_caller_hears_the_state_of_a_home_visit_request(phone, runtime, clock):
    staff = Actor.staff("coord1", channel="visits")
    asked = HomeVisitRequest(service="visit-apply", name="横浜 ハル", kana="ヨコハマ ハル",
                             birth_date=date(1938, 3, 3), phone="+81452001234",
                             address="横浜市西区北幸2-1-1")  # fmt: skip
    made = request_home_visit(runtime.uow(), asked, now=clock.now(), actor=staff)
    team = add_team(
        runtime.uow(),
        name="横浜A",
        center_id="yokohama",
        operators="山田",
        daily_visits=3,
        now=clock.now(),
        actor=staff,
    )
    member = add_city_staff(
        runtime.uow(), name="市役所 一郎", section="", now=clock.now(), actor=staff
    )
    schedule_visit(
        runtime.uow(),
        reference=made.reference,
        day=date(2026, 11, 6),
        team_id=team.team_id,
        city_staff_id=member.staff_id,
        now=clock.now(),
        actor=staff,
        policy=runtime.policy,
    )
    wrong = phone.ring(["1", "5", "3", f"{made.reference}#", "19380304#"])
    not_found = "入力された受付番号と生年月日に一致するお申込みが見つかりませんでした。"
    assert any(not_found in line for line in wrong.said())
    call = phone.ring(["1", "5", "3", f"{made.reference}#", "3130303#"])  # 昭和13年3月3日
    said = call.said()
    assert "訪問日は、11月6日 金曜日の午後に決まっております。" in "".join(said)
