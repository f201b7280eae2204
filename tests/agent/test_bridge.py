"""With Twilio, a routed caller is redirected out of the queue to the agent's browser."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from queues import acd
from queues.bridge import TwilioBridge
from tests.conftest import RecordingHttp


def test_a_routed_call_is_dialled_to_the_agents_client(runtime, r, clock, make_agent, make_call):
    http = RecordingHttp()
    bridge = TwilioBridge(runtime.settings, http_client=http)
    acd.on_assign(bridge)
    try:
        make_call("CA1234", queue="booking")
        acd.request_callback(r, call_sid="CB-1", number="+819011112222", now=clock.now())
        make_agent("aoki")
        make_agent("baba")
    finally:
        acd.off_assign(bridge)
    [(method, url, form)] = http.requests  # the callback is not bridged: the agent dials it
    assert method == "POST" and url.endswith("/Calls/CA1234.json")
    twiml = ET.fromstring(form["Twiml"])
    assert [c.text for c in twiml.iter("Client")] == ["agent_aoki"]


def test_a_failing_hook_does_not_undo_the_assignment(r, make_agent, make_call):
    def broken(_r: Any, _done: acd.Assignment) -> None:
        raise RuntimeError("Twilio is down")

    acd.on_assign(broken)
    try:
        make_call("CA-1")
        make_agent("aoki")
    finally:
        acd.off_assign(broken)
    assert acd.assigned_agent(r, "CA-1") == "aoki"
