"""Redis key names of the phone front, shared with the agent queues and the dashboard."""

from __future__ import annotations

# A Redis SET of the ids of agents on duty; the agent console adds and removes them.
AGENTS_ON_DUTY_KEY = "mynacall:presence:on_duty"
# A Redis LIST of callback requests (JSON: caller, language, topic, requested_at), oldest first.
CALLBACKS_KEY = "mynacall:callbacks"
# + language ("ja", "en"): a STRING a supervisor sets; played first on every call while set.
EMERGENCY_KEY_PREFIX = "mynacall:emergency:"
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


def emergency_key(language: str) -> str:
    """The key of the emergency announcement in one language."""
    return EMERGENCY_KEY_PREFIX + language
