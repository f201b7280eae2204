"""Running the Lua scripts: loaded once per process, called on any client."""

from __future__ import annotations

from typing import Any

import redis
from redis.commands.core import Script

from queues import keys

_scripts: dict[str, Script] = {}


def run(connection: redis.Redis, source: str, *args: Any) -> Any:
    """Run a script (EVALSHA, loading it on first use) with the prefix as the first argument."""
    script = _scripts.get(source)
    if script is None:
        script = _scripts[source] = connection.register_script(source)
    return script(keys=[], args=[keys.PREFIX, *args], client=connection)


def text(value: Any) -> str:
    """A Redis reply as text."""
    if value is None:
        return ""
    return value.decode() if isinstance(value, bytes) else str(value)


def texts(mapping: dict[Any, Any]) -> dict[str, str]:
    """A Redis hash reply as text keys and values."""
    return {text(k): text(v) for k, v in mapping.items()}
