"""Redis key names of the phone front alone; the ones it shares with the agent queues and the
dashboard (on-duty sets, callback requests, the emergency announcement) are queues.keys."""

from __future__ import annotations

# + CallSid: a HASH with the call's state, the last step answered and its TwiML.
CALL_KEY_PREFIX = "mynacall:ivr:call:"
CALL_TTL_SECONDS = 2 * 60 * 60
# + CallSid: set when a waiting caller left a callback request that keeps their place.
CALLBACK_KEPT_PREFIX = "mynacall:ivr:callback-kept:"
# + kind:centre:procedure:...: a STRING, seconds-old availability answers shared by workers.
AVAILABILITY_CACHE_PREFIX = "mynacall:ivr:availability:"
# + simulator session id: a STRING (JSON) with a browser-driven simulated call (dev page only).
SIMULATOR_KEY_PREFIX = "mynacall:ivr:simulator:"
SIMULATOR_TTL_SECONDS = 60 * 60


def call_key(call_sid: str) -> str:
    """The key of one call's state."""
    return CALL_KEY_PREFIX + call_sid
