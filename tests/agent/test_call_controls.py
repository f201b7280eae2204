"""The softphone's server side: hold with music and blind transfer give the caller's leg new
TwiML through the telephony gateway (the offline gateway records it), on the API and pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from queues import acd, presence
from queues.gateway import offline_gateway

CALLER = "+819011110001"


@pytest.fixture
def talking(client, r, clock, api_login):
    """aoki is talking to CA-1 (through the staff API); the gateway starts empty."""
    offline_gateway().clear()
    headers = api_login("aoki")
    client.put("/api/v1/staff/presence", json={"state": "available"}, headers=headers)
    acd.enqueue_call(
        r, call_sid="CA-1", queue="general", caller=CALLER, language="ja", now=clock.now()
    )
    client.post("/api/v1/staff/answer", headers=headers)
    clock.set(clock.now() + timedelta(minutes=1))
    return headers


def test_hold_plays_music_and_resume_rings_the_agent_again(client, talking):
    held = client.post("/api/v1/staff/call/hold", headers=talking)
    assert (held.status_code, held.json["call"]["held"]) == (200, True)
    back = client.post("/api/v1/staff/call/hold", json={"held": False}, headers=talking)
    assert back.json["call"]["held"] is False
    hold_twiml, resume_twiml = offline_gateway().redirects_of("CA-1")
    assert "<Enqueue" in hold_twiml and "hold_agent_aoki" in hold_twiml
    assert "/console/voice/hold-music" in hold_twiml
    assert "<Client>agent_aoki</Client>" in resume_twiml


def test_the_hold_music_loops(client):
    from queues.call_control import hold_music_twiml

    assert '<Play loop="0">' in hold_music_twiml()


def test_a_blind_transfer_rings_the_other_agent_and_ends_in_wrap_up(
    client, r, clock, talking, make_agent
):
    make_agent("baba")
    done = client.post("/api/v1/staff/call/transfer", json={"agent": "baba"}, headers=talking)
    assert (done.status_code, done.json["agent"]["state"]) == (200, "wrap_up")
    (twiml,) = offline_gateway().redirects_of("CA-1")
    assert twiml.endswith("<Response><Dial><Client>agent_baba</Client></Dial></Response>")


def test_a_transfer_to_an_agent_on_a_break_is_refused(client, r, clock, talking, make_agent):
    make_agent("baba", state="break")
    refused = client.post("/api/v1/staff/call/transfer", json={"agent": "baba"}, headers=talking)
    assert (refused.status_code, refused.json["error"]) == (409, "transfer_refused")
    assert offline_gateway().redirects_of("CA-1") == []
    assert presence.agent(r, "aoki")["state"] == "on_call"


def test_hold_without_a_call_is_409(client, api_login):
    headers = api_login("aoki")
    assert client.post("/api/v1/staff/call/hold", headers=headers).status_code == 409
    assert client.post("/api/v1/staff/call/hold").status_code == 401


def test_the_console_holds_and_shows_it(client, r, clock, page_login):
    offline_gateway().clear()
    csrf = page_login("ito")
    client.post("/console/presence", data={"state": "available", "csrf_token": csrf})
    acd.enqueue_call(
        r, call_sid="CA-2", queue="general", caller=CALLER, language="ja", now=clock.now()
    )
    client.post("/console/answer", data={"csrf_token": csrf})
    page = client.post("/console/call/hold", data={"csrf_token": csrf}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert 'id="held-state"' in html and 'id="resume"' in html
    assert 'id="softphone-offline"' in html  # no browser calls here: said beside the call
