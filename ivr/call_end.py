"""The end of a call, for the city reports: what the menu did and how an agent queue ended."""

from __future__ import annotations

from datetime import datetime

from booking_core.phone_menu_calls import EndedCall, record_ended_call
from ivr import steps_notice
from ivr.state import CallState
from queues import acd
from runtime.bootstrap import Runtime

# The ACD's last state of a call -> how its time in the agent queue ended.
QUEUE_RESULTS = {"ended": "answered", "assigned": "answered", "answered": "answered",
                 "abandoned": "abandoned"}  # fmt: skip


def _queue_result(info: dict[str, str]) -> tuple[str, int | None]:
    """(answered / abandoned / callback / other, seconds waited) from the ACD's call record."""
    if info.get("kind") == "callback":
        result = "callback"
    else:
        result = QUEUE_RESULTS.get(info.get("state", ""), "other")
    arrived = info.get("arrived")
    left = info.get("assigned_at") or info.get("callback_at") or info.get("ended_at")
    if not arrived or not left:
        return result, None
    return result, max(0, (int(float(left)) - int(float(arrived))) // 1000)


def record_ended(runtime: Runtime, state: CallState, *, now: datetime) -> None:
    """Record the ended call (figures only: no number) through the core; a reminder or closure
    call the city placed (ivr.steps_notice) is not a call to the line."""
    if steps_notice.placed_by_city(state):
        return
    queue = state.reached_queue or None
    result, waited = _queue_result(acd.call_info(runtime.redis, state.sid)) if queue else ("", None)
    call = EndedCall(
        call_sid=state.sid,
        ended_at=now,
        language=state.lang,
        actions=tuple(state.did),
        queue=queue,
        queue_result=result or None,
        wait_seconds=waited,
    )
    record_ended_call(runtime.uow(), call)
