"""Transfer into a queue: the agent moves the caller into another queue, the phone front
enqueues them there with the usual hold announcements, and an agent of that queue answers.
Played through the offline gateway and the call simulator."""

from __future__ import annotations

from datetime import timedelta

import pytest

from booking_core.call_records import Skills, recent_records
from ivr.simulator_queue import follow
from queues import acd, presence, stats
from queues.gateway import offline_gateway

TO_AN_AGENT = ["1", "0"]  # Japanese, then 0: an agent (一般問合せ)
GENERAL = Skills(topics=("general",), languages=("ja",))
BOOKING = Skills(topics=("booking",), languages=("ja",))


@pytest.fixture
def aoki_talking(client, r, clock, api_login, ring):
    """aoki (一般問合せ) answers a caller who rang the phone front; baba (予約) is on a break."""
    offline_gateway().clear()
    baba = api_login("baba", skills=BOOKING)
    client.put("/api/v1/staff/presence", json={"state": "break", "reason": "rest"}, headers=baba)
    aoki = api_login("aoki", skills=GENERAL)
    client.put("/api/v1/staff/presence", json={"state": "break", "reason": "rest"}, headers=aoki)
    call, transport = ring(TO_AN_AGENT)
    assert call.status == "queued" and acd.call_queue(r, call.call_sid) == "general"
    client.put("/api/v1/staff/presence", json={"state": "available"}, headers=aoki)
    assert follow(r, call) == "answered" and call.status == "with-agent"
    client.post("/api/v1/staff/answer", headers=aoki)
    clock.set(clock.now() + timedelta(minutes=2))
    return call, transport, aoki, baba


def test_a_call_answered_in_one_queue_is_transferred_and_answered_in_another(
    client, r, clock, runtime, aoki_talking
):
    call, transport, aoki, baba = aoki_talking
    done = client.post("/api/v1/staff/call/transfer", json={"queue": "booking"}, headers=aoki)
    assert (done.status_code, done.json["agent"]["state"]) == (200, "wrap_up")
    assert done.json["wrap_up_owed"]["sid"] == call.call_sid
    (twiml,) = offline_gateway().redirects_of(call.call_sid)
    call.redirected(transport, twiml)  # Twilio runs the new TwiML on the caller's line
    assert (call.status, call.queue) == ("queued", "booking")
    assert "オペレーターにおつなぎします。そのままお待ちください。" in call.said()
    general = stats.queue_figures(r, "general", clock.now())
    booking = stats.queue_figures(r, "booking", clock.now())
    assert (general["answered"], general["abandoned"], general["waiting"]) == (1, 0, 0)
    assert (booking["offered"], booking["waiting"]) == (1, 1)

    client.put("/api/v1/staff/presence", json={"state": "available"}, headers=baba)
    assert follow(r, call) == "answered" and call.transcript[-1].text == "baba"
    answered = client.post("/api/v1/staff/answer", headers=baba)
    assert answered.json["call"]["queue"] == "booking"
    assert answered.json["call"]["waited_seconds"] == 0  # the wait restarted at the transfer
    call.hang_up(transport)
    assert presence.agent(r, "baba")["state"] == "wrap_up"
    assert stats.queue_figures(r, "booking", clock.now())["abandoned"] == 0
    for who, note in ((aoki, "予約の窓口へ"), (baba, "予約を変更")):  # one record each
        wrap = {"code": "enquiry", "topic": "booking", "note": note}
        assert client.post("/api/v1/staff/wrap-up", json=wrap, headers=who).status_code == 200
    for agent, queue, note in (
        ("aoki", "general", "予約の窓口へ"),
        ("baba", "booking", "予約を変更"),
    ):
        (record,) = recent_records(runtime.uow(), agent=agent)
        assert (record.queue, record.note) == (queue, note)


def test_the_desk_offers_the_other_queues_and_transfers(
    client, r, clock, page_login, ring, make_agent
):
    offline_gateway().clear()
    make_agent("emma", state="break", topics=("english",), languages=("en",))
    csrf = page_login("ito", skills=GENERAL)
    client.post("/console/presence", data={"state": "available", "csrf_token": csrf})
    call, _ = ring(TO_AN_AGENT)
    client.post("/console/answer", data={"csrf_token": csrf})
    html = client.get("/console/").get_data(as_text=True)
    assert 'id="transfer-queue"' in html and '<option value="booking">予約</option>' in html
    assert '<option value="general">' not in html  # not the queue the call is in
    page = client.post(
        "/console/call/transfer",
        data={"queue": "english", "csrf_token": csrf},
        follow_redirects=True,
    )
    assert page.status_code == 200
    info = acd.call_info(r, call.call_sid)
    assert (info["queue"], info["state"], info["language"]) == ("english", "waiting", "en")
    assert presence.agent(r, "ito")["state"] == "wrap_up"


def test_a_transfer_to_an_unknown_queue_is_422(client, aoki_talking):
    _, _, aoki, _ = aoki_talking
    reply = client.post("/api/v1/staff/call/transfer", json={"queue": "nowhere"}, headers=aoki)
    assert (reply.status_code, reply.json["fields"]) == (422, {"queue": "unknown_queue"})
    missing = client.post("/api/v1/staff/call/transfer", json={}, headers=aoki)
    assert (missing.status_code, missing.json["fields"]) == (422, {"agent": "required"})


def test_a_transfer_into_a_closed_or_unserved_queue_is_refused_and_the_call_stays(
    client, r, clock, aoki_talking
):
    call, _, aoki, _ = aoki_talking
    acd.set_open(r, "booking", open_=False, now=clock.now())
    reply = client.post("/api/v1/staff/call/transfer", json={"queue": "booking"}, headers=aoki)
    assert (reply.status_code, reply.json["fields"]) == (409, {"queue": "closed"})
    unserved = client.post("/api/v1/staff/call/transfer", json={"queue": "visit"}, headers=aoki)
    assert (unserved.status_code, unserved.json["fields"]) == (409, {"queue": "nobody_on_duty"})
    assert offline_gateway().redirects_of(call.call_sid) == []
    assert presence.agent(r, "aoki")["state"] == "on_call"


def test_only_a_signed_in_agent_with_the_call_may_transfer_it(client, api_login):
    body = {"queue": "booking"}
    assert client.post("/api/v1/staff/call/transfer", json=body).status_code == 401
    idle = api_login("sato")
    assert client.post("/api/v1/staff/call/transfer", json=body, headers=idle).status_code == 409


def test_the_acd_moves_a_talking_call_behind_those_already_waiting(r, clock, make_agent, make_call):
    make_agent("aoki", topics=("general",))
    make_call("CA-1", queue="general")
    assert acd.assigned_agent(r, "CA-1") == "aoki"
    make_call("CA-2", queue="booking")  # nobody takes 予約 yet
    assert acd.transfer_to_queue(r, "CA-1", "booking", clock.now()) == "general"
    assert [c["sid"] for c in acd.waiting(r, "booking")] == ["CA-2", "CA-1"]
    assert acd.call_info(r, "CA-1")["transferred_from"] == "general"
    assert presence.owed_wrap_up(r, "aoki") == "CA-1"
    figures = stats.queue_figures(r, "general", clock.now())
    assert (figures["offered"], figures["answered"], figures["abandoned"]) == (1, 1, 0)
    make_agent("baba", topics=("booking",))  # takes CA-2 first, CA-1 waits on
    assert acd.position(r, "CA-1")[0] == 1


def test_the_acd_moves_only_a_call_with_an_agent_into_a_known_queue(r, clock, make_call):
    make_call("CA-1", queue="general")  # waiting: nobody has it
    with pytest.raises(LookupError):
        acd.transfer_to_queue(r, "CA-1", "booking", clock.now())
    with pytest.raises(ValueError):
        acd.transfer_to_queue(r, "CA-1", "nowhere", clock.now())
