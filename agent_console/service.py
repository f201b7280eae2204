"""The console's steps that touch more than one store (Redis presence and the database)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from booking_core.call_records import record_wrap_up
from booking_core.policy import Actor
from queues import acd, call_control, presence, stats
from queues.gateway import gateway_for
from runtime.bootstrap import Runtime


class NoCall(Exception):
    """The agent has no call to answer, hang up or wrap up."""


class TransferRefused(Exception):
    """The transfer's target cannot take the call (unknown, not available, the agent)."""


def my_status(runtime: Runtime, username: str, now: datetime) -> dict[str, Any]:
    """The agent's presence, current call or callback, and any wrap-up still owed."""
    figures = stats.agent_figures(runtime.redis, username, now)
    call = acd.call_info(runtime.redis, figures["call"]) if figures["call"] else {}
    owed = presence.owed_wrap_up(runtime.redis, username)
    return {
        "agent": figures,
        "call": _public_call(call, now),
        "wrap_up_owed": _public_call(acd.call_info(runtime.redis, owed), now) if owed else None,
    }


def _public_call(call: dict[str, str], now: datetime) -> dict[str, Any] | None:
    if not call:
        return None
    arrived = int(call.get("arrived") or 0)
    assigned = int(call.get("assigned_at") or 0)
    answered = int(call.get("answered_at") or 0)
    now_ms = int(now.timestamp() * 1000)
    return {
        "sid": call["sid"],
        "kind": call.get("kind", "call"),
        "queue": call.get("queue", ""),
        "caller": call.get("number") or call.get("caller", ""),
        "language": call.get("language", "ja"),
        "state": call.get("state", ""),
        "held": call.get("held") == "1",
        "waited_seconds": max(0, (assigned - arrived) // 1000) if assigned else 0,
        # what the console's timers count on from (seconds up to now)
        "ringing_seconds": max(0, (now_ms - assigned) // 1000) if assigned and not answered else 0,
        "talking_seconds": max(0, (now_ms - answered) // 1000) if answered else 0,
    }


def answer(runtime: Runtime, username: str, now: datetime) -> dict[str, Any]:
    """Pick up the routed call (offline: the simulator's answer button)."""
    call = acd.answer(runtime.redis, username, now)
    if not call:
        raise NoCall()
    return my_status(runtime, username, now)


def hang_up(runtime: Runtime, username: str, now: datetime) -> dict[str, Any]:
    """End the current call; the agent goes into wrap-up."""
    if not acd.hang_up(runtime.redis, username, now):
        raise NoCall()
    return my_status(runtime, username, now)


def wrap_up(
    runtime: Runtime,
    username: str,
    *,
    code: str,
    note: str,
    next_state: str,
    now: datetime,
    topic: str = "",
    escalate: bool = False,
) -> dict[str, Any]:
    """Record the wrap-up code and notes of the owed call, then take the next state."""
    sid = presence.owed_wrap_up(runtime.redis, username)
    if not sid:
        raise NoCall()
    call = acd.call_info(runtime.redis, sid)
    queue = call.get("queue", "general")
    if call.get("transferred_from") and call.get("agent") != username:
        # this agent put the call into another queue: their part is a record of its own
        sid, queue = f"{sid}/{username}"[:64], call["transferred_from"]
    record_wrap_up(
        runtime.uow(),
        call_sid=sid,
        queue=queue,
        kind=call.get("kind", "call"),
        code=code,
        note=note,
        now=now,
        actor=Actor.staff(username),
        topic=topic,
        escalate=escalate,
        caller=call.get("number") or call.get("caller", ""),
    )
    presence.end_wrap_up(runtime.redis, username, now, next_state)
    return my_status(runtime, username, now)


def dial_callback(runtime: Runtime, username: str, now: datetime) -> dict[str, Any]:
    """Ring the resident of the routed callback request through the telephony gateway."""
    call = my_status(runtime, username, now)["call"]
    if not call or call["kind"] != "callback" or not call["caller"]:
        raise NoCall()
    base = runtime.settings.public_base_url
    gateway_for(runtime.settings).make_call(
        call["caller"], f"{base}/console/voice/connect?client={acd.client_identity(username)}"
    )
    acd.answer(runtime.redis, username, now)
    return my_status(runtime, username, now)


def _talking(runtime: Runtime, username: str, now: datetime) -> dict[str, Any]:
    call = my_status(runtime, username, now)["call"]
    if not call or call["state"] != "answered":
        raise NoCall()
    return call


def hold(runtime: Runtime, username: str, now: datetime, *, held: bool = True) -> dict[str, Any]:
    """Put the caller on hold with music, or bring them back to the agent's browser."""
    call = _talking(runtime, username, now)
    base = runtime.settings.public_base_url
    twiml = (
        call_control.hold_twiml(username, f"{base}/console/voice/hold-music")
        if held
        else call_control.to_agent_twiml(username)
    )
    gateway_for(runtime.settings).redirect_call(call["sid"], twiml)
    call_control.set_held(runtime.redis, call["sid"], held)
    return my_status(runtime, username, now)


def transfer(
    runtime: Runtime, username: str, now: datetime, *, agent: str = "", queue: str = ""
) -> dict[str, Any]:
    """Blind transfer: the caller rings the other agent's browser, or waits in another queue
    (`queue`) for its agents; this agent goes to wrap-up.

    Raises TransferRefused unless the other agent is signed in and available, or the queue is
    open with an agent on duty and the call came from a queue (not a callback); ValueError for
    an unknown queue.
    """
    call = _talking(runtime, username, now)
    if queue:
        return _transfer_to_queue(runtime, username, now, call, queue)
    if agent == username or presence.agent(runtime.redis, agent).get("state") != "available":
        raise TransferRefused(agent)
    gateway_for(runtime.settings).redirect_call(call["sid"], call_control.to_agent_twiml(agent))
    call_control.set_held(runtime.redis, call["sid"], False)
    acd.hang_up(runtime.redis, username, now)
    return my_status(runtime, username, now)


def _transfer_to_queue(
    runtime: Runtime, username: str, now: datetime, call: dict[str, Any], queue: str
) -> dict[str, Any]:
    if call["kind"] != "call":
        raise TransferRefused("callback")
    if not presence.on_duty(runtime.redis, queue):  # as the phone front: no unserved queue
        raise TransferRefused("nobody_on_duty")
    try:
        acd.transfer_to_queue(runtime.redis, call["sid"], queue, now)
    except (acd.QueueClosed, LookupError) as refused:
        raise TransferRefused("closed") from refused
    base = runtime.settings.public_base_url
    gateway_for(runtime.settings).redirect_call(call["sid"], call_control.to_queue_twiml(base))
    acd.route(runtime.redis, now)
    return my_status(runtime, username, now)
