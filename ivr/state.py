"""Call state in Redis, keyed by CallSid with a TTL: any worker can take any step of any call."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import redis

from ivr.keys import CALL_TTL_SECONDS, call_key

# Save only if the stored step counter is still the one we read (absent = ""): a webhook that
# Twilio delivers twice, or two workers racing on one call, can advance the call only once.
_SAVE_IF_UNCHANGED = """
local current = redis.call('HGET', KEYS[1], 'seq') or ''
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'state', ARGV[3], 'answered', ARGV[1], 'xml', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


@dataclass
class CallState:
    """Where a call is: language, step, the step counter, failed tries and what was entered."""

    sid: str
    caller: str | None  # E.164, or None for a hidden or unusable number
    hidden: bool = False  # 非通知: the caller withheld the number
    lang: str = "ja"
    step: str = "language"
    seq: int = 0
    tries: int = 0
    booked: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    # For the city reports: what the menu did (booking_core.phone_menu_calls.ACTIONS), and the
    # agent queue the caller reached; kept apart from `data`, which the main menu clears.
    did: list[str] = field(default_factory=list)
    reached_queue: str = ""

    def to_json(self) -> str:
        """Serialise for Redis."""
        # vars(), not asdict(): the fields are plain values and asdict's deep copy is slow
        return json.dumps(vars(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | bytes) -> CallState:
        """Read back what to_json wrote."""
        return cls(**json.loads(raw))


@dataclass(frozen=True)
class Stored:
    """A call as stored: its state and the step answered last (its TwiML is read on demand)."""

    state: CallState
    answered: int | None


class CallStore:
    """Load and compare-and-save call state."""

    def __init__(self, connection: redis.Redis) -> None:
        self._redis = connection
        self._save = connection.register_script(_SAVE_IF_UNCHANGED)

    def load(self, call_sid: str) -> Stored | None:
        """The stored call, or None for a call never seen (or expired)."""
        raw = self._redis.hmget(call_key(call_sid), ["state", "answered"])
        state, answered = raw  # type: ignore[misc]
        if state is None:
            return None
        return Stored(
            CallState.from_json(state), int(answered) if answered not in (None, b"") else None
        )

    def answer_given(self, call_sid: str) -> str:
        """The TwiML given for the step answered last (what a retried webhook gets again)."""
        xml = self._redis.hget(call_key(call_sid), "xml")
        return xml.decode() if isinstance(xml, bytes) else (xml or "")

    def save(self, state: CallState, *, expected_seq: int | None, xml: str) -> bool:
        """Store the state (seq already advanced) if nobody advanced the call first."""
        expected = "" if expected_seq is None else str(expected_seq)
        done = self._save(
            keys=[call_key(state.sid)],
            args=[expected, str(state.seq), state.to_json(), xml, CALL_TTL_SECONDS],
        )
        return bool(done)

    def forget(self, call_sid: str) -> None:
        """Drop a finished call's state."""
        self._redis.delete(call_key(call_sid))
