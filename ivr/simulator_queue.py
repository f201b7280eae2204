"""What the agent queues (ACD) say of a simulated call: waiting, callback requested, answered,
abandoned; the simulator follows an agent's answer as Twilio's bridge would."""

from __future__ import annotations

import redis

from ivr.simulator import SimulatedCall
from queues import acd

ANSWERED = {"assigned", "answered", "ended"}


def queue_state(r: redis.Redis, call_sid: str) -> str:
    """waiting, callback_requested, answered, abandoned, or "" when the call never queued."""
    info = acd.call_info(r, call_sid)
    if not info:
        return ""
    if info.get("kind") == "callback":
        return "callback_requested"
    state = info.get("state", "")
    return "answered" if state in ANSWERED else state


def follow(r: redis.Redis, call: SimulatedCall) -> str:
    """The call's queue state; a queued call an agent took is put through to the agent."""
    state = queue_state(r, call.call_sid)
    if state == "answered" and call.status == "queued":
        call.connected(acd.call_info(r, call.call_sid).get("agent", ""))
    return state
