"""Who is alive among the workers: heartbeat keys, and the one scheduler's lock.

Each worker process writes its heartbeat every few seconds with a TTL, so a worker that dies
(even by kill -9) disappears from Redis within HEARTBEAT_TTL_SECONDS. Every worker runs a
scheduler thread; one holds the lock (a short TTL renewed by its heartbeat) and moves due jobs
(the retries of texts) to their queues. When the holder dies, another takes the lock within
SCHEDULER_LOCK_TTL_SECONDS, or at once when it can see the holder's process is gone (same host).
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime

import redis

from queues.scripts import text

WORKER_HEARTBEAT_PREFIX = "mynacall:worker:heartbeat:"  # + worker name: when it last beat
SCHEDULER_HEARTBEAT_KEY = "mynacall:scheduler:heartbeat"  # holder and when it last beat
SCHEDULER_LOCK_KEY = "mynacall:scheduler:lock"  # the holder's name
HEARTBEAT_TTL_SECONDS = 30
SCHEDULER_LOCK_TTL_SECONDS = 10

# ARGV: holder, ttl, a holder known to be dead ("" when none). 1 taken, 2 renewed, 0 held.
HOLD_LOCK = """
local v = redis.call('GET', KEYS[1])
if not v or (ARGV[3] ~= '' and v == ARGV[3]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return 1
elseif v == ARGV[1] then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return 2
end
return 0
"""
# ARGV: holder. Deletes the lock only when this holder has it.
RELEASE_LOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def worker_heartbeat_key(worker: str) -> str:
    """The heartbeat key of one worker process."""
    return WORKER_HEARTBEAT_PREFIX + worker


def process_name() -> str:
    """This process's name in heartbeats and the lock: host, pid and a token (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def beat_worker(r: redis.Redis, worker: str, now: datetime) -> None:
    """Say this worker is alive for the next HEARTBEAT_TTL_SECONDS."""
    r.set(worker_heartbeat_key(worker), now.isoformat(), ex=HEARTBEAT_TTL_SECONDS)


def beat_scheduler(r: redis.Redis, holder: str, now: datetime) -> None:
    """Say the scheduler (held by `holder`) is alive for the next HEARTBEAT_TTL_SECONDS."""
    r.set(SCHEDULER_HEARTBEAT_KEY, f"{holder} {now.isoformat()}", ex=HEARTBEAT_TTL_SECONDS)


def live_workers(r: redis.Redis) -> list[str]:
    """The names of the workers whose heartbeat has not expired."""
    found = r.scan_iter(match=WORKER_HEARTBEAT_PREFIX + "*", count=100)
    return sorted(text(key)[len(WORKER_HEARTBEAT_PREFIX) :] for key in found)


def scheduler_alive(r: redis.Redis) -> bool:
    """True when a scheduler has beaten within HEARTBEAT_TTL_SECONDS."""
    return bool(r.exists(SCHEDULER_HEARTBEAT_KEY))


def is_dead(holder: str) -> bool:
    """True when the holder is a process of this host that no longer exists."""
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process: alive
        return False
    return False


def hold_scheduler_lock(r: redis.Redis, holder: str) -> bool:
    """Take or renew the scheduler lock; False while another live process holds it."""
    current = text(r.get(SCHEDULER_LOCK_KEY))
    dead = current if current and current != holder and is_dead(current) else ""
    script = r.register_script(HOLD_LOCK)
    return bool(script(keys=[SCHEDULER_LOCK_KEY], args=[holder, SCHEDULER_LOCK_TTL_SECONDS, dead]))


def release_scheduler_lock(r: redis.Redis, holder: str) -> None:
    """Give the lock up (a stopping worker), so another takes it at once."""
    r.register_script(RELEASE_LOCK)(keys=[SCHEDULER_LOCK_KEY], args=[holder])


def retry_delay(first: float, failures: int, *, cap: float = 30.0) -> float:
    """How long to wait after `failures` failures in a row: doubling from `first`, at most cap."""
    return min(cap, first * 2 ** min(failures, 16))
