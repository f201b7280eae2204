"""The simulator produces every queue state by hand: waiting, abandoned (hang up while queued),
callback requested (* while queued), answered (an agent takes the call), several at once; on
the dev page and from the command line."""

from __future__ import annotations

from datetime import timedelta

import pytest

from entrypoints.phone_simulator import main
from ivr.simulator_queue import follow, queue_state
from queues import acd, presence

TO_AN_AGENT = ["1", "0"]  # main menu, then 0: an agent


def test_a_caller_who_hangs_up_while_queued_is_abandoned(phone, runtime, agent_on_duty):
    agent_on_duty("aoki")
    call = phone.ring(TO_AN_AGENT)
    assert call.status == "queued" and queue_state(runtime.redis, call.call_sid) == "waiting"
    call.hang_up(phone.transport())
    assert call.status == "completed" and call.transcript[-1].text == "caller"
    assert queue_state(runtime.redis, call.call_sid) == "abandoned"
    assert acd.waiting(runtime.redis, "general") == []


def test_star_while_queued_requests_a_callback(phone, runtime, agent_on_duty):
    agent_on_duty("aoki")
    call = phone.ring(TO_AN_AGENT).request_callback(phone.transport())
    assert queue_state(runtime.redis, call.call_sid) == "callback_requested"


def test_several_calls_at_once_one_answered_by_an_agent_the_others_waiting(
    phone, runtime, clock, agent_on_duty
):
    agent_on_duty("aoki")
    calls = []
    for n in range(3):
        calls.append(phone.ring(TO_AN_AGENT, caller=f"+8190123456{n:02}"))
        clock.set(clock.now() + timedelta(seconds=1))  # they queue in this order
    assert len(acd.waiting(runtime.redis, "general")) == 3
    presence.set_state(runtime.redis, "aoki", "available", clock.now())  # takes the first
    states = [follow(runtime.redis, c) for c in calls]
    assert states == ["answered", "waiting", "waiting"]
    assert calls[0].status == "with-agent" and calls[0].transcript[-1].text == "aoki"
    calls[0].hang_up(phone.transport())
    assert presence.agent(runtime.redis, "aoki")["state"] == "wrap_up"


def test_the_dev_page_hangs_up_and_asks_for_a_callback(client, runtime, agent_on_duty):
    agent_on_duty("aoki")

    def api(**body):
        return client.post("/ivr/simulator/api", json=body).get_json()

    first, second = api(action="start"), api(action="start", caller="+819087654321")
    for call in (first, second):
        for key in TO_AN_AGENT:
            reply = api(action="press", id=call["id"], keys=key)
        assert (reply["status"], reply["queue_state"]) == ("queued", "waiting")
    assert api(action="wait", id=second["id"], keys="*")["queue_state"] == "callback_requested"
    hung_up = api(action="hangup", id=first["id"])
    assert (hung_up["status"], hung_up["queue_state"]) == ("completed", "abandoned")
    assert api(action="status", id=second["id"])["queue_state"] == "callback_requested"


def test_the_command_line_places_several_calls_and_hangs_them_up(
    live_server, runtime, redis_url, agent_on_duty, capsys
):
    agent_on_duty("aoki")
    settings = runtime.settings
    code = main(
        ["--url", live_server, "--public-base-url", settings.public_base_url,
         "--auth-token", settings.twilio_auth_token, "--redis-url", redis_url,
         "--calls", "2", "--keys", "1,0", "--hang-up"]
    )  # fmt: skip
    printed = capsys.readouterr().out.splitlines()
    assert code == 0
    assert printed[-2:] == [
        "[1] [call completed, queue: abandoned]",
        "[2] [call completed, queue: abandoned]",
    ]
    assert "[2]  queue  waiting for an agent in 'general'" in printed


@pytest.mark.browser
def test_the_dev_page_drives_two_lines_hangs_one_up_and_asks_a_callback_on_the_other(
    chromium, live_server, agent_on_duty
):
    agent_on_duty("aoki")
    page = chromium.new_page()
    page.goto(f"{live_server}/ivr/simulator")
    for caller in ("+819011110001", "+819011110002"):
        page.fill("#caller", caller)
        page.click("#call")
        page.wait_for_function("document.querySelector('#status').innerText.includes('press')")
        page.click("#keys button:text-is('1')")
        page.wait_for_function("document.querySelector('#log').innerText.includes('ご用件')")
        page.click("#keys button:text-is('0')")
        page.wait_for_function("document.querySelector('#status').innerText.includes('[waiting]')")
    page.click("#keys button:text-is('*')")  # the second line asks for a callback
    _until_lines_show(page, "+819011110002: completed / callback_requested")
    page.click("#lines button:first-child")  # back to the first line, then hang up
    page.wait_for_function("document.querySelector('#status').innerText.includes('queued')")
    page.click("#hangup")
    _until_lines_show(page, "+819011110001: completed / abandoned")
    page.screenshot(path="/tmp/wallboard-shots/05-simulator.png", full_page=True)
    page.close()


def _until_lines_show(page, text: str) -> None:
    page.wait_for_function("t => document.querySelector('#lines').innerText.includes(t)", arg=text)


def test_the_command_line_presses_star_while_queued(
    live_server, runtime, redis_url, agent_on_duty, capsys
):
    agent_on_duty("aoki")
    settings = runtime.settings
    main(
        ["--url", live_server, "--public-base-url", settings.public_base_url,
         "--auth-token", settings.twilio_auth_token, "--redis-url", redis_url,
         "--keys", "1,0,*"]
    )  # fmt: skip
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "[call completed, queue: callback_requested]"


def test_the_command_line_holds_until_an_agent_answers(
    live_server, runtime, redis_url, agent_on_duty, capsys
):
    agent_on_duty("aoki", state="available")  # takes the call as soon as it queues
    settings = runtime.settings
    main(
        ["--url", live_server, "--public-base-url", settings.public_base_url,
         "--auth-token", settings.twilio_auth_token, "--redis-url", redis_url,
         "--keys", "1,0", "--hold", "30"]
    )  # fmt: skip
    printed = capsys.readouterr().out.splitlines()
    assert printed[-2:] == [" agent  put through to aoki", "[call with-agent, queue: answered]"]
