"""Callback requests (折り返し依頼): from the phone front's list, and for abandoned callers.

Every request waits in its queue's ordered set at the caller's own arrival time, so it is
served in turn with everyone else, never ahead of them.
"""

from __future__ import annotations

import json
from datetime import datetime

import redis

from queues import acd, keys, scripts
from queues.timestamps import day_of, from_ms


def leave_request(r: redis.Redis, *, number: str, language: str, topic: str, now: datetime) -> None:
    """Leave a request in the list acd.absorb_callbacks() takes in (the phone front's format)."""
    entry = {"caller": number, "language": language, "topic": topic}
    entry["requested_at"] = now.isoformat()
    r.rpush(keys.CALLBACKS_KEY, json.dumps(entry, ensure_ascii=False))


class CallbackList:
    """booking_core.callback_requests on Redis: the list acd.absorb_callbacks() takes in."""

    def __init__(self, r: redis.Redis) -> None:
        self.r = r

    def leave(self, *, number: str, language: str, topic: str, now: datetime) -> None:
        """Leave the request for the agents."""
        leave_request(self.r, number=number, language=language, topic=topic, now=now)


def waiting(r: redis.Redis) -> list[dict[str, str]]:
    """Every waiting callback request, in the order they will be served."""
    items = [i for q in keys.QUEUE_NAMES for i in acd.waiting(r, q) if i.get("kind") == "callback"]
    return sorted(items, key=lambda i: acd.score(int(i.get("priority") or 0), int(i["arrived"])))


HIDDEN_NUMBERS = {"+266696687", "+86282452253", "+7378742833", "+2562533"}  # Twilio's withheld


def abandoned_with_number(r: redis.Redis, now: datetime) -> list[dict[str, str]]:
    """Today's callers who hung up while waiting, with a number, not yet offered a callback."""
    sids = [scripts.text(s) for s in r.zrange(keys.abandoned_key(day_of(now)), 0, -1)]
    found = [acd.call_info(r, sid) for sid in sids]
    return [
        c
        for c in found
        if c and c.get("caller") not in HIDDEN_NUMBERS and not c.get("callback_sid")
    ]


def callback_for_abandoned(r: redis.Redis, call_sid: str, now: datetime) -> str:
    """Offer an abandoned caller a callback at the place they had (their arrival time)."""
    info = acd.call_info(r, call_sid)
    if info.get("state") != "abandoned" or not info.get("caller", "").startswith("+"):
        return ""
    if not r.hsetnx(keys.call_key(call_sid), "callback_sid", f"CB-{call_sid}"):
        return ""  # offered already
    acd.request_callback(
        r,
        call_sid=f"CB-{call_sid}",
        number=info["caller"],
        now=now,
        queue=info["queue"],
        language=info.get("language") or "ja",
        arrived=from_ms(info["arrived"]),
    )
    return f"CB-{call_sid}"
