"""0 for a person: queued only when staffed and someone is on duty; else hours and a callback."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from booking_core.clock import TOKYO
from ivr.simulator import HIDDEN_NUMBER
from queues import acd, callbacks, presence
from queues.keys import CALLBACKS_KEY, EMERGENCY_KEY_PREFIX

from .conftest import MOBILE

HOURS = (
    "オペレーターの受付時間は、平日が午前8時30分から午後8時まで、"
    "土曜・日曜・祝日が午前9時から午後5時30分までです。12月29日から1月3日はお休みです。"
)


def _callbacks(runtime) -> list[dict[str, str]]:
    return [json.loads(raw) for raw in runtime.redis.lrange(CALLBACKS_KEY, 0, -1)]


def test_zero_in_staffed_hours_with_an_agent_on_duty_queues_the_caller(
    phone, runtime, agent_on_duty
):
    agent_on_duty("agent-7")
    call = phone.ring(["1", "0"])
    assert (call.status, call.queue) == ("queued", "general")
    kinds = [h.kind for h in call.transcript]
    assert kinds[-5:] == ["enqueue", "say", "say", "say", "play"]  # short words, then music
    assert call.said()[-3:] == [  # first in line: no 混み合って
        "ただいま、1番目にお待ちいただいております。",
        "おおよそ4分でおつなぎできる見込みです。",  # from the queue's recent handle time
        "折り返しのお電話をご希望の場合は、こめじるしを押してください。"
        "お待ちの順番のまま、0、1、2、0の、7、6、9の、7、0、6からおかけします。",
    ]
    assert [w["sid"] for w in acd.waiting(runtime.redis, "general")] == [call.call_sid]


def test_a_caller_who_hangs_up_while_waiting_leaves_the_agent_queue(phone, runtime, agent_on_duty):
    agent_on_duty("agent-7")
    call = phone.ring(["1", "0"])
    form = {**call.params({}), "CallStatus": "completed"}
    url = call.public_base_url + "/ivr/status"
    assert phone.transport().post(url, form, call.sign(url, form))[0] == 200
    assert acd.waiting(runtime.redis, "general") == []
    assert acd.call_info(runtime.redis, call.call_sid)["state"] == "abandoned"


def test_star_while_waiting_leaves_a_callback_that_keeps_the_place(phone, runtime, agent_on_duty):
    agent_on_duty("agent-7")
    call = phone.ring(["1", "0"])
    call.wait(phone.transport(), press="*")
    assert (
        "折り返しのお電話のご依頼を承りました。順番が来ましたら、おかけの電話番号にお電話いたします。"
        in call.said()
    )
    assert call.status == "completed" and call.transcript[-1].kind == "hangup"
    [waiting] = acd.waiting(runtime.redis, "general")
    assert (waiting["kind"], waiting["number"]) == ("callback", MOBILE)


def test_an_english_caller_with_only_japanese_agents_on_duty_is_offered_a_callback(
    phone, runtime, agent_on_duty
):
    agent_on_duty("aoki", state="available")
    agent_on_duty("chiba")
    call = phone.ring(["2", "0"])
    assert "enqueue" not in [h.kind for h in call.transcript]
    assert call.queue is None and acd.waiting(runtime.redis, "english") == []
    assert call.said()[-2:] == [  # inside staffed hours: not told the hours
        "We are sorry, no operator can take your call right now.",
        "To have an operator call you back, press 1. To return to the main menu, press 9.",
    ]
    phone.press(call, ["1"])
    [request] = _callbacks(runtime)
    assert (request["caller"], request["language"]) == (MOBILE, "en")


def test_an_english_caller_is_queued_for_an_english_speaking_agent_on_duty(
    phone, runtime, agent_on_duty
):
    agent_on_duty("aoki", state="available")
    agent_on_duty("smith", topics=("english",), languages=("en",), state="available")
    call = phone.ring(["2", "0"])
    assert [h.text for h in call.transcript if h.kind == "enqueue"] == ["english"]
    assert "Connecting you to an operator. Please hold." in call.said()
    assert acd.assigned_agent(runtime.redis, call.call_sid) == "smith"


def test_an_english_caller_waits_while_the_english_speaking_agent_is_busy(
    phone, runtime, agent_on_duty
):
    agent_on_duty("smith", topics=("english",), languages=("en",))
    call = phone.ring(["2", "0"])
    assert (call.status, call.queue) == ("queued", "english")
    assert [w["sid"] for w in acd.waiting(runtime.redis, "english")] == [call.call_sid]


def test_zero_out_of_hours_announces_the_hours_and_takes_a_callback_request(
    phone, runtime, clock, agent_on_duty
):
    agent_on_duty("agent-7")
    clock.set(datetime(2026, 11, 2, 21, 30, tzinfo=TOKYO))
    call = phone.ring(["1", "0", "1"])
    said = call.said()
    assert "ただいまの時間は、オペレーターの受付時間外です。" in said and HOURS in said
    assert said[-2] == (
        "折り返しのお電話のご依頼を承りました。オペレーターの受付時間内に、順番にお電話いたします。"
    )
    assert call.status == "completed" and call.queue is None
    [request] = _callbacks(runtime)
    assert (request["caller"], request["language"], request["topic"]) == (MOBILE, "ja", "general")
    assert request["requested_at"] == "2026-11-02T21:30:00+09:00"


def test_nobody_on_duty_in_staffed_hours_never_queues(phone, runtime):
    call = phone.ring(["1", "0", "9"])
    assert "申し訳ございません。ただいまオペレーターにおつなぎできません。" in call.said()
    assert call.queue is None and call.said()[-1].startswith("ご用件をお選びください。")


def test_a_hidden_caller_keys_in_a_number_for_the_callback(phone, runtime, clock):
    clock.set(datetime(2026, 11, 3, 7, 0, tzinfo=TOKYO))
    call = phone.ring(["1", "5", "2", "0451234567#", "1"], caller=HIDDEN_NUMBER)
    assert (
        "電話番号、0、4、5、1、2、3、4、5、6、7ですね。よろしければ1を、訂正する場合は2を押してください。"
        in call.said()
    )
    [request] = _callbacks(runtime)
    assert (request["caller"], request["topic"]) == ("+81451234567", "visit")
    acd.absorb_callbacks(runtime.redis, clock.now())  # what the agents' console does
    [waiting] = callbacks.waiting(runtime.redis)
    assert (waiting["queue"], waiting["kind"], waiting["number"]) == (
        "visit", "callback", "+81451234567",
    )  # fmt: skip


def test_a_queued_caller_is_let_go_with_a_callback_offer_when_agents_leave(
    phone, runtime, clock, agent_on_duty
):
    agent_on_duty("agent-7")
    call = phone.ring(["1", "0"])
    assert call.status == "queued"
    presence.set_state(runtime.redis, "agent-7", "offline", clock.now())
    call.wait(phone.transport())
    assert [h.kind for h in call.transcript if h.kind in {"enqueue", "leave"}] == [
        "enqueue",
        "leave",
    ]
    assert call.said()[-1].startswith("オペレーターからの折り返しのお電話をご希望の場合は1を")


def test_the_emergency_announcement_plays_first_on_every_call_while_set(phone, runtime):
    runtime.redis.set(
        EMERGENCY_KEY_PREFIX + "ja", "大雨のため、本日は全センターを臨時休所とします。"
    )
    runtime.redis.set(
        EMERGENCY_KEY_PREFIX + "en", "All centres are closed today due to heavy rain."
    )
    first = phone.ring(["2"])
    assert first.said()[0] == "大雨のため、本日は全センターを臨時休所とします。"
    assert first.said()[6] == "All centres are closed today due to heavy rain."
    assert first.transcript[0].lang == "ja-JP"
    runtime.redis.delete(EMERGENCY_KEY_PREFIX + "ja")
    second = phone.ring(["1"])
    assert (
        second.said()[0] == "お電話ありがとうございます。横浜市マイナンバーカード専用ダイヤルです。"
    )


def test_an_announcement_holding_a_my_number_is_never_read_out(phone, runtime):
    # Written around the console's guard (straight into Redis): the phone front still refuses.
    runtime.redis.set(EMERGENCY_KEY_PREFIX + "ja", "番号 123456789018 の方はお電話ください")
    call = phone.ring(["1"])
    assert (
        call.said()[0] == "お電話ありがとうございます。横浜市マイナンバーカード専用ダイヤルです。"
    )
    assert not any("123456789018" in said for said in call.said())


def test_a_caller_behind_others_hears_it_is_busy_and_the_estimated_wait(
    phone, runtime, clock, agent_on_duty
):
    agent_on_duty("agent-7")
    phone.ring(["1", "0"])
    clock.set(clock.now() + timedelta(seconds=5))  # queued later: behind the first
    second = phone.ring(["1", "0"])
    assert second.said()[-4:-1] == [
        "ただいま、電話が大変混み合っております。順番におつなぎしますので、このままお待ちください。",
        "ただいま、2番目にお待ちいただいております。",
        "おおよそ8分でおつなぎできる見込みです。",
    ]


def test_a_hidden_caller_waiting_is_not_offered_a_callback(phone, agent_on_duty):
    agent_on_duty("agent-7")
    call = phone.ring(["1", "0"], caller=HIDDEN_NUMBER)
    assert call.status == "queued"
    assert not any("折り返し" in line for line in call.said())


def test_nobody_on_duty_inside_staffed_hours_is_not_told_the_staffed_hours(phone):
    said = phone.ring(["1", "0"]).said()
    assert "申し訳ございません。ただいまオペレーターにおつなぎできません。" in said
    assert not any(line.startswith("オペレーターの受付時間は") for line in said)
