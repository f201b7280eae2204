"""Redis key names of the agent queues, presence and live figures (one place, one prefix)."""

from __future__ import annotations

PREFIX = "mynacall:"

# Shared with the phone front (ivr/keys.py defines the same strings; neither imports the other).
AGENTS_ON_DUTY_KEY = "mynacall:presence:on_duty"  # SET of agent ids not offline
CALLBACKS_KEY = "mynacall:callbacks"  # callback requests pushed by the phone front
EMERGENCY_KEY_PREFIX = "mynacall:emergency:"  # + language: announcement text

QUEUE_NAMES = ("general", "booking", "visit", "english")
QUEUE_LANGUAGE = {"general": "ja", "booking": "ja", "visit": "ja", "english": "en"}
STATES = ("offline", "available", "on_call", "wrap_up", "break")

EVENTS_CHANNEL = "mynacall:events"  # pub/sub: one JSON message per change (+ ":db<n>")
AVAILABLE_KEY = "mynacall:agents:available"  # ZSET agent id -> idle since (ms)
AGENTS_KEY = "mynacall:agents"  # SET of every agent id ever seen
CLOSED_QUEUES_KEY = "mynacall:queues:closed"  # SET of queue names closed by a supervisor
PENDING_INTERVALS_KEY = "mynacall:intervals:pending"  # SET of "queue|YYYYmmddHHMM"
TOKEN_PREFIX = "mynacall:staff:token:"


def waiting_key(queue: str) -> str:
    """ZSET of the queue's waiting items (calls and callbacks), score = priority then arrival."""
    return f"{PREFIX}queue:{queue}:waiting"


def queue_callbacks_key(queue: str) -> str:
    """SET of the queue's waiting items that are callback requests."""
    return f"{PREFIX}queue:{queue}:callbacks"


def online_key(queue: str) -> str:
    """ZSET of the queue's callers still on the line (not callbacks), score = arrival ms."""
    return f"{PREFIX}queue:{queue}:online"


def abandoned_key(day: str) -> str:
    """ZSET of the day's abandoned calls with a known number (sid -> arrival ms)."""
    return f"{PREFIX}abandoned:{day}"


def call_key(call_sid: str) -> str:
    """HASH of one call or callback request: queue, caller, language, times, state, agent."""
    return f"{PREFIX}call:{call_sid}"


def agent_key(agent_id: str) -> str:
    """HASH of one agent: state, reason, since, skills, current call."""
    return f"{PREFIX}agent:{agent_id}"


def on_duty_queue_key(queue: str) -> str:
    """SET of agents on duty who have the queue's skill (topic and language)."""
    return f"{AGENTS_ON_DUTY_KEY}:{queue}"


def day_stats_key(day: str, queue: str) -> str:
    """HASH of a queue's counters for one day (YYYY-MM-DD)."""
    return f"{PREFIX}stats:{day}:{queue}"


def agent_day_key(day: str, agent_id: str) -> str:
    """HASH of milliseconds an agent spent in each state on one day (closed stretches only)."""
    return f"{PREFIX}agentday:{day}:{agent_id}"


def interval_key(stamp: str, queue: str) -> str:
    """HASH of a queue's counters for one half-hour (YYYYmmddHHMM of its start)."""
    return f"{PREFIX}interval:{stamp}:{queue}"


def arrivals_key(queue: str) -> str:
    """ZSET of recent arrivals (call sid -> ms), trimmed to the last hour, for Erlang C."""
    return f"{PREFIX}arrivals:{queue}"


def handles_key(queue: str) -> str:
    """ZSET of recent handle times ("sid:seconds" -> end ms), for Erlang C."""
    return f"{PREFIX}handles:{queue}"


def emergency_key(language: str) -> str:
    """The emergency announcement text of one language."""
    return f"{EMERGENCY_KEY_PREFIX}{language}"


TARGETS_KEY = "mynacall:board:targets"  # HASH of the wallboard's targets (queues.wallboard)


def emergency_meta_key(language: str) -> str:
    """HASH of who set the language's emergency announcement (display name) and when (ISO)."""
    return f"{PREFIX}emergency_meta:{language}"


def events_channel(db: int) -> str:
    """The change events' channel of one Redis database: pub/sub channels are server-wide, so
    two systems on one server (staging and production, parallel test runs) keep apart."""
    return f"{EVENTS_CHANNEL}:db{db}"
