"""Sign-in attempts per client address: a growing wait after repeated failures, kept in Redis.

Each attempt is counted (atomically, in a Lua script) before its password is checked, so a
burst of guesses from one address cannot get more checks than the free tries; a success gives
its count back. The account's own count (booking_core.staff) stops guesses spread over many
addresses; this one stops one address guessing many accounts.
"""

from __future__ import annotations

import hashlib

import redis

from queues import scripts

FAILURES_KEY = "mynacall:staff:signin:failures:{client}"  # attempts counted, for a day
WAIT_KEY = "mynacall:staff:signin:wait:{client}"  # exists while the address waits
FREE_TRIES = 5
FIRST_WAIT_SECONDS = 60  # then 2, 4, 8... minutes
LONGEST_WAIT_SECONDS = 3600
MEMORY_SECONDS = 86400

# ARGV (after the prefix): failures key, wait key, free tries, first wait, longest wait, memory.
# Returns the attempt's number, or minus the milliseconds left to wait.
_CLAIM = """
local left = redis.call('PTTL', ARGV[3])
if left > 0 then return -left end
local n = redis.call('INCR', ARGV[2])
redis.call('EXPIRE', ARGV[2], ARGV[7])
local free = tonumber(ARGV[4])
if n >= free then
  local wait = math.min(tonumber(ARGV[5]) * 2 ^ (n - free), tonumber(ARGV[6]))
  redis.call('SET', ARGV[3], n, 'EX', math.floor(wait))
end
return n
"""

# ARGV (after the prefix): failures key, wait key, the attempt's number. A success gives its
# count back and lifts a wait this very attempt set.
_RELEASE = """
if tonumber(redis.call('GET', ARGV[2]) or '0') > 0 then redis.call('DECR', ARGV[2]) end
if redis.call('GET', ARGV[3]) == ARGV[4] then redis.call('DEL', ARGV[3]) end
return 0
"""


class AddressWaiting(Exception):
    """Too many failed sign-ins from this address: it waits `seconds` before the next try."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def client_key(address: str | None) -> str:
    """The client's address, hashed: Redis never holds an IP address itself."""
    return hashlib.sha256((address or "unknown").encode()).hexdigest()[:24]


def _keys(client: str) -> tuple[str, str]:
    return FAILURES_KEY.format(client=client), WAIT_KEY.format(client=client)


def claim(r: redis.Redis, client: str) -> int:
    """Count an attempt from the client before it is checked; AddressWaiting while it waits."""
    failures, wait = _keys(client)
    number = int(
        scripts.run(
            r,
            _CLAIM,
            failures,
            wait,
            FREE_TRIES,
            FIRST_WAIT_SECONDS,
            LONGEST_WAIT_SECONDS,
            MEMORY_SECONDS,
        )
    )
    if number < 0:
        raise AddressWaiting(max(1, -(number // 1000)))
    return number


def release(r: redis.Redis, client: str, attempt: int) -> None:
    """The attempt succeeded: it is not a failure of the address."""
    failures, wait = _keys(client)
    scripts.run(r, _RELEASE, failures, wait, attempt)
