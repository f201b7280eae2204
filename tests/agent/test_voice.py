"""The TwiML that puts an answered callback through to the agent's browser (signed webhooks)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from twilio.request_validator import RequestValidator


def _post(client, runtime, path, form, *, sign=True):
    url = runtime.settings.public_base_url + path
    signature = RequestValidator(runtime.settings.twilio_auth_token).compute_signature(url, form)
    headers = {"X-Twilio-Signature": signature if sign else "forged"}
    return client.post(path, data=form, headers=headers)


def test_an_answered_callback_dials_the_agents_client(client, runtime):
    reply = _post(
        client,
        runtime,
        "/console/voice/connect?client=agent_aoki",
        {"CallSid": "CA-out", "CallStatus": "in-progress"},
    )
    root = ET.fromstring(reply.get_data(as_text=True))
    dial = root.find("Dial")
    assert dial is not None and dial.get("callerId") == runtime.settings.twilio_caller_id
    assert [c.text for c in dial.findall("Client")] == ["agent_aoki"]


def test_an_unsigned_request_is_refused(client, runtime):
    reply = _post(
        client,
        runtime,
        "/console/voice/connect?client=agent_aoki",
        {"CallSid": "CA-out"},
        sign=False,
    )
    assert reply.status_code == 403


def test_only_agent_identities_are_dialled(client, runtime):
    reply = _post(
        client, runtime, "/console/voice/connect?client=%2B819012345678", {"CallSid": "CA-out"}
    )
    assert reply.status_code == 404


def test_a_consult_call_from_the_browser_rings_the_other_agent(client, runtime):
    reply = _post(
        client,
        runtime,
        "/console/voice/outgoing",
        {"CallSid": "CA-consult", "From": "client:agent_aoki", "To": "agent_baba"},
    )
    dial = ET.fromstring(reply.get_data(as_text=True)).find("Dial")
    assert dial is not None and [c.text for c in dial.findall("Client")] == ["agent_baba"]


def test_a_browser_call_never_dials_a_phone_number(client, runtime):
    reply = _post(
        client,
        runtime,
        "/console/voice/outgoing",
        {"CallSid": "CA-x", "From": "client:agent_aoki", "To": "+819012345678"},
    )
    assert reply.status_code == 404
