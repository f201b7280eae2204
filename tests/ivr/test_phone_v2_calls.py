"""Whole calls of the shorter flow (issue 15): keys that work everywhere, the offer of the
earliest time, dates and times said, a booking already held found at once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, time

from sqlalchemy import select

from booking_core.clock import TOKYO
from booking_core.models import Booking
from ivr.state import CallStore
from runtime.config import Settings

# language, other procedure, cert, Yokohama, birth date, one person
TO_OFFER = ["1", "2", "1", "1", "19600505#", "1"]


def _booking(runtime) -> tuple[date, time]:
    with runtime.uow() as uow:
        [booking] = uow.session.scalars(select(Booking)).all()
        return booking.day, booking.start


def test_the_earliest_time_is_booked_in_eight_entries_with_one_read_back(phone, runtime):
    call = phone.ring([*TO_OFFER, "1", "1"])
    said = call.said()
    assert "最も早い空きは、11月2日 月曜日 午前11時30分です。" in said
    assert len(said[5]) <= 84 and said[5].startswith("ご用件をお選びください。")  # 12 s
    assert [line for line in said if "よろしければ1" in line] == [
        "よろしければ1、やり直す場合は2を押してください。"
    ]
    assert sum(1 for h in call.transcript if h.kind == "press") == 8
    assert _booking(runtime) == (date(2026, 11, 2), time(11, 30))
    # at most 100 s of speech counted as characters / 7 (15 for Latin script), as issue 15 did
    seconds = sum(
        len(h.text.replace(" ", "")) / (15 if h.lang.startswith(("en", "vi")) else 7)
        for h in call.transcript
        if h.kind == "say"
    )
    assert seconds <= 100


def test_2_offers_the_next_free_time(phone, runtime):
    call = phone.ring([*TO_OFFER, "2"])
    assert call.said()[-2] == "次の空きは、11月2日 月曜日 午前11時45分です。"
    phone.press(call, ["1", "1"])
    assert _booking(runtime) == (date(2026, 11, 2), time(11, 45))


def test_the_date_and_the_time_can_be_said(phone, runtime):
    call = phone.ring([*TO_OFFER, "3"])
    gather = ET.fromstring(_last_twiml(phone, call)).find("Gather")
    assert gather is not None
    assert (gather.get("input"), gather.get("language")) == ("dtmf speech", "ja-JP")
    call.speak(phone.transport(), "来週の金曜日")
    assert call.said()[-1].startswith("ご希望の時刻を")
    call.speak(phone.transport(), "14時半")
    assert call.said()[-2].endswith("11月13日 金曜日 午後2時30分、1名様です。")
    phone.press(call, ["1"])
    assert _booking(runtime) == (date(2026, 11, 13), time(14, 30))


def test_words_that_are_not_a_date_fall_back_to_the_keypad(phone):
    call = phone.ring([*TO_OFFER, "3"])
    call.speak(phone.transport(), "ええと")
    assert call.said()[-2] == "恐れ入りますが、聞き取れませんでした。番号で入力してください。"
    assert call.said()[-1].startswith("ご希望の日付を")


def test_a_past_date_is_said_to_be_past_never_next_year(phone, clock):
    clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=TOKYO))
    call = phone.ring([*TO_OFFER, "3", "1202#"])
    assert call.said()[-2] == "12月2日 水曜日は、すでに過ぎています。"


def test_star_repeats_an_entry_prompt_without_counting_as_a_failed_try(phone, clock):
    clock.set(datetime(2026, 11, 2, 22, 0, tzinfo=TOKYO))  # no agent: three failures would end
    call = phone.ring(["1", "2", "1", "1", "*", "*", "*", "*"])
    said = call.said()
    assert call.status != "completed"
    assert said[-1].startswith("生年月日を、") and said[-2].startswith("生年月日を、")
    phone.press(call, ["19600505#"])
    assert call.said()[-1] == "人数を、1から4で押してください。"


def test_9_returns_to_the_main_menu_and_0_reaches_an_operator_from_any_step(phone, agent_on_duty):
    call = phone.ring(["1", "2", "1", "9"])  # 9 at the centre step
    assert call.said()[-1].startswith("ご用件をお選びください。")
    agent_on_duty("agent-1")
    queued = phone.ring(["1", "2", "1", "1", "0#"])  # 0 at the birth-date entry
    assert (queued.status, queued.queue) == ("queued", "booking")


def test_a_booking_already_held_is_found_right_after_the_birth_date(phone, runtime, appointment):
    appointment()  # cert at Yokohama, Friday 6 November 14:00, this mobile and birth date
    call = phone.ring(["1", "2", "1", "2", "19600505#"])
    said = call.said()
    assert said[-2] == (
        "すでに同じ手続きのご予約があります。ご予約内容は、電子証明書の発行・更新、"
        "横浜駅マイナンバーカード特設センター、11月6日 金曜日 午後2時、1名様です。"
    )
    assert said[-1] == "ご予約の確認・変更は1を、メインメニューに戻る場合は9を押してください。"
    phone.press(call, ["1", "2", "3", "1109#", "1200#", "1"])
    assert "ご予約の日時を変更しました。" in call.said()
    assert _booking(runtime) == (date(2026, 11, 9), time(12, 0))


def test_a_my_number_keyed_as_a_notice_number_is_refused_as_such(phone):
    call = phone.ring(["1", "1", "123456789018#"])
    assert call.said()[-2].startswith("入力された12桁の番号は、マイナンバー、個人番号です。")


def test_the_language_step_goes_on_in_japanese_after_two_seconds(phone):
    call = phone.ring([])
    gather = ET.fromstring(_last_twiml(phone, call)).find("Gather")
    assert gather is not None and gather.get("timeout") == "2"


def _last_twiml(phone, call) -> str:
    """The TwiML the call is waiting in, as stored for a retried webhook."""
    return CallStore(phone.runtime.redis).answer_given(call.call_sid)


def test_the_spoken_web_address_is_configured_per_language_and_is_the_texts_address():
    settings = Settings.from_env(environ={"WEB_ADDRESS_SPOKEN_EN": "example dot org"})
    assert settings.web_address_spoken_en == "example dot org"
    default = Settings()
    said = default.web_address_spoken_en.lower().replace(" dot ", ".").replace(" slash ", "/")
    assert said.replace(" ", "") in default.web_address


def test_an_english_caller_hears_the_web_address_in_english(phone, clock):
    clock.set(datetime(2026, 11, 2, 22, 0, tzinfo=TOKYO))
    said = phone.ring(["2", "8", "", "7"]).said()
    assert "city dot yokohama dot L G dot J P slash mynumber" in said[-2]


def test_out_of_hours_the_caller_is_told_before_the_menu(phone, clock):
    clock.set(datetime(2026, 11, 2, 21, 0, tzinfo=TOKYO))
    said = phone.ring(["1"]).said()
    assert said[-2:] == [
        "ただいまはオペレーターの受付時間外です。自動音声でご予約などを承ります。",
        phone.ring(["1"]).said()[-1],
    ]
    assert said[-1].startswith("ご用件をお選びください。")


def test_an_english_caller_says_the_date_and_time_in_english(phone, runtime):
    call = phone.ring(["2", "2", "1", "1", "19600505#", "1", "3"])
    gather = ET.fromstring(_last_twiml(phone, call)).find("Gather")
    assert gather is not None and gather.get("language") == "en-US"
    call.speak(phone.transport(), "next Friday")
    call.speak(phone.transport(), "2:30 p.m.")
    assert call.said()[-2].endswith("on Friday, November 13 at 2:30 P.M., for 1 person.")


def test_the_welcome_offers_english_chinese_korean_and_vietnamese(phone):
    call = phone.ring([])
    assert [(h.text, h.lang) for h in call.transcript if h.kind == "say"][1:] == [
        ("For English, please press 2.", "en-US"),
        ("中文请按3。", "cmn-CN"),
        ("한국어는 4번을 누르십시오.", "ko-KR"),
        ("Tiếng Việt, xin bấm phím 5.", "vi-VN"),
    ]


def test_a_korean_caller_books_the_earliest_time_in_korean(phone, runtime):
    call = phone.ring(["4", "2", "1", "1", "19600505#", "1", "1", "1"])
    said = call.said()
    assert "가장 빠른 예약 가능 시간은 11월 2일 월요일 오전 11시 30분입니다." in said
    assert said[-1] == "예약 번호를 다시 들으시려면 별표를 눌러 주십시오."
    assert call.transcript[-1].lang == "ko-KR"
    with runtime.uow() as uow:
        [booking] = uow.session.scalars(select(Booking)).all()
        assert booking.language == "ko"


def test_a_chinese_caller_hears_the_menu_in_chinese(phone):
    said = phone.ring(["3"]).said()
    assert said[-1].startswith("预约领卡请按1")
