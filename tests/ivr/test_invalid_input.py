"""Every way a caller can go wrong: silence, wrong keys, bad entries, closed or full dates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from sqlalchemy import select, update

from booking_core.clock import TOKYO
from booking_core.models import Booking, Slot
from booking_core.slots import ensure
from ivr.keys import CALL_KEY_PREFIX

GIVE_UP = (
    "恐れ入りますが、お電話でのお手続きを完了できませんでした。"
    "ご予約はインターネットでも承っております。ホームページのアドレスは、"
)
TO_CERT_DATE = ["1", "2", "1", "1", "19600505#", "1", "3"]  # ... party 1, choose a date


def test_no_key_at_the_language_menu_means_japanese(phone):
    call = phone.ring([""])
    assert call.said()[-1].startswith("ご用件をお選びください。")


def test_silence_at_a_menu_gets_a_kind_prompt_and_another_try(phone):
    call = phone.ring(["1", ""])
    assert call.said()[-2:] == [
        "入力が確認できませんでした。",
        call.said()[5],  # the main menu again (after the welcome and the four languages)
    ]
    assert call.pending is not None


def test_a_wrong_key_gets_a_kind_prompt_and_another_try(phone):
    call = phone.ring(["1", "8"])
    assert call.said()[-2] == "恐れ入りますが、その番号はお選びいただけません。"
    assert call.said()[-1].startswith("ご用件をお選びください。")


def test_star_repeats_the_main_menu(phone):
    call = phone.ring(["1", "*"])
    menus = [s for s in call.said() if s.startswith("ご用件をお選びください。")]
    assert len(menus) == 2


def test_three_failures_out_of_hours_end_politely_with_the_web_address(phone, clock):
    clock.set(datetime(2026, 11, 2, 22, 0, tzinfo=TOKYO))
    call = phone.ring(["1", "8", "", "7"])
    said = call.said()
    assert said[-2].startswith(GIVE_UP)
    assert "シティ、ドット、ヨコハマ、ドット、エルジー" in said[-2]
    assert said[-1] == "お電話ありがとうございました。失礼いたします。"
    assert call.status == "completed" and call.transcript[-1].kind == "hangup"


def test_three_failures_in_staffed_hours_go_to_an_agent(phone, runtime, agent_on_duty):
    agent_on_duty("agent-1")
    call = phone.ring(["1", "1", "12#", "#", "abc#"])
    assert call.queue == "booking" and call.status == "queued"
    assert "オペレーターにおつなぎします。そのままお待ちください。" in call.said()


def test_an_impossible_birth_date_is_refused(phone):
    call = phone.ring(["1", "2", "1", "1", "19601332#"])
    assert call.said()[-2] == "恐れ入りますが、入力された内容を確認できませんでした。"
    assert call.said()[-1].startswith("生年月日を、西暦8桁か、元号の番号と6桁で入力し")


def test_a_birth_date_over_110_years_ago_is_read_back_and_can_be_corrected_with_2(phone):
    call = phone.ring(["1", "2", "1", "1", "19100101#"])
    assert (
        call.said()[-1]
        == "生年月日、1910年1月1日ですね。よろしければ1を、訂正する場合は2を押してください。"
    )
    phone.press(call, ["2", "3350505#"])
    assert call.said()[-1] == "人数を、1から4で押してください。"


def test_a_closed_day_is_explained_and_the_nearest_days_with_room_offered(phone):
    call = phone.ring([*TO_CERT_DATE, "1104#"])
    said = call.said()
    assert said[-2] == "11月4日 水曜日は、定休日のため、閉所日です。"
    assert said[-1] == (
        "空きのある近い日をご案内します。11月3日 火曜日は1、11月6日 金曜日は2、"
        "11月2日 月曜日は3を押してください。別の日を入力する場合は0を押してください。"
    )
    phone.press(call, ["1", "1400#"])
    assert call.said()[-2].endswith("11月3日 火曜日 午後2時、1名様です。")


def test_a_full_time_is_explained_and_the_nearest_times_offered(phone, runtime):
    with runtime.uow() as uow:
        slot_id = ensure(
            uow.session,
            "yokohama",
            "issue_renew",
            datetime(2026, 11, 6).date(),
            datetime(2026, 11, 6, 14, 0).time(),
        )
        uow.session.execute(update(Slot).where(Slot.id == slot_id).values(booked=Slot.capacity))
        uow.commit()
    call = phone.ring([*TO_CERT_DATE, "1106#", "1400#"])
    said = call.said()
    assert said[-2] == "11月6日 金曜日 午後2時は、満席です。"
    assert said[-1].startswith("空きのある近い日時をご案内します。11月6日 金曜日 午後1時45分は1、")
    assert said[-1].count("は3を押してください") == 1  # three alternatives
    phone.press(call, ["1"])
    assert call.said()[-2].endswith("11月6日 金曜日 午後1時45分、1名様です。")


def test_a_time_between_bands_offers_the_nearest_times(phone):
    call = phone.ring([*TO_CERT_DATE, "1106#", "1405#"])
    assert call.said()[-2] == "午後2時5分は、ご予約を承っている時刻ではありません。"


def test_an_unknown_card_asks_again_and_three_misses_end_the_call(phone, clock):
    clock.set(datetime(2026, 11, 2, 21, 0, tzinfo=TOKYO))
    miss = ["111111111#", "19500401#"]
    call = phone.ring(["1", "1", *miss, *miss, *miss])
    said = call.said()
    assert (
        said.count(
            "入力された交付通知書番号と生年月日では、お受け取りの準備ができたカードを"
            "確認できませんでした。お手数ですが、番号からもう一度入力してください。"
        )
        == 3
    )
    assert said[-2].startswith(GIVE_UP) and call.status == "completed"


def test_a_stale_or_unknown_step_re_asks_without_changing_anything(phone):
    call = phone.ring(["1"])
    url = call.public_base_url + "/ivr/step?s=0"  # the language step, already answered
    form = call.params({"Digits": "2"})
    code, body = phone.transport().post(url, form, call.sign(url, form))
    assert code == 200
    says = [s.text or "" for s in ET.fromstring(body).iter("Say")]
    assert says[0].startswith("ご用件をお選びください。")  # the same answer as the first time


def test_a_place_taken_while_the_caller_listens_is_refused_at_booking_and_others_offered(
    phone, runtime
):
    call = phone.ring([*TO_CERT_DATE, "1106#", "1400#"])
    assert call.said()[-1].startswith("よろしければ1、")
    with runtime.uow() as uow:
        slot_id = ensure(
            uow.session,
            "yokohama",
            "issue_renew",
            datetime(2026, 11, 6).date(),
            datetime(2026, 11, 6, 14, 0).time(),
        )
        uow.session.execute(update(Slot).where(Slot.id == slot_id).values(booked=Slot.capacity))
        uow.commit()
    phone.press(call, ["1"])
    assert call.said()[-2] == "11月6日 金曜日 午後2時は、満席です。"
    assert call.said()[-1].startswith(  # read as it was refused, not from the cached day
        "空きのある近い日時をご案内します。11月6日 金曜日 午後1時45分は1、"
    )
    assert "午後2時は" not in call.said()[-1]
    assert runtime.redis.keys("mynacall:ivr:availability:dayview:yokohama:*:2026-11-06:*") == []
    with runtime.uow() as uow:
        assert uow.session.scalars(select(Booking)).all() == []
    phone.press(call, ["1", "1"])
    with runtime.uow() as uow:
        [booking] = uow.session.scalars(select(Booking)).all()
        assert booking.start == datetime(2026, 11, 6, 13, 45).time()


def test_a_notice_number_of_the_wrong_length_is_refused(phone):
    call = phone.ring(["1", "1", "12345#"])
    assert call.said()[-2] == "恐れ入りますが、入力された内容を確認できませんでした。"
    assert call.said()[-1].startswith("交付通知書に記載されている、9桁の交付通知書番号")


def test_a_reference_with_a_wrong_check_digit_is_refused(phone):
    call = phone.ring(["1", "3", "1234567891#"])
    assert call.said()[-2] == "恐れ入りますが、入力された内容を確認できませんでした。"
    assert call.said()[-1] == "10桁の予約番号を入力し、最後にシャープを押してください。"


def test_an_impossible_date_and_a_party_too_large_are_refused(phone):
    call = phone.ring(["1", "2", "1", "1", "19600505#", "5"])
    assert call.said()[-2] == "恐れ入りますが、その番号はお選びいただけません。"
    phone.press(call, ["1", "3", "1332#"])
    assert call.said()[-2] == "恐れ入りますが、入力された内容を確認できませんでした。"
    assert call.said()[-1].startswith("ご希望の日付を、月と日の4桁で入力し")


def test_a_wrong_key_at_the_language_menu_is_explained_in_both_languages(phone):
    call = phone.ring(["7"])
    assert call.said()[-6:-4] == [
        "恐れ入りますが、その番号はお選びいただけません。",
        "Sorry, that is not one of the choices.",
    ]


def test_a_step_that_fails_inside_apologises_instead_of_an_error_tone(phone, runtime):
    call = phone.ring(["1"])
    key = CALL_KEY_PREFIX + call.call_sid
    runtime.redis.hset(key, "state", runtime.redis.hget(key, "state").replace(b'"main"', b'"gone"'))
    phone.press(call, ["1"])
    said = call.said()
    assert said[-2].startswith("申し訳ございません。ただいまシステムの不具合により")
    assert said[-1].startswith("We are sorry, our system cannot take your request")
    assert call.status == "completed" and call.transcript[-1].kind == "hangup"


def test_three_unknown_cards_in_staffed_hours_go_to_the_booking_agents(
    phone, runtime, agent_on_duty
):
    agent_on_duty("agent-2")
    miss = ["111111111#", "19500401#"]
    call = phone.ring(["1", "1", *miss, *miss, *miss])
    assert (call.status, call.queue) == ("queued", "booking")
