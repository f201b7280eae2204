"""Callback requests (折り返し依頼) a channel leaves for the agents: a port, wired by the runtime.

The residents' pages leave one after a home-visit request commits; the implementation that
puts it in the agents' list lives with the agent queues (queues/callbacks.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class CallbackRequests(Protocol):
    """Ask the agents to call a resident back about a topic."""

    def leave(self, *, number: str, language: str, topic: str, now: datetime) -> None:
        """Leave the request; it is served in turn with the callers waiting on the topic."""
        ...
