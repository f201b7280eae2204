"""Erlang C staffing: how many agents a queue needs for a target service level (pure maths)."""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_AGENTS = 1000


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a call has to wait, for `traffic` Erlangs offered to `agents` agents."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    # Erlang B by its stable recurrence, then C from B.
    b = 1.0
    for n in range(1, agents + 1):
        b = traffic * b / (n + traffic * b)
    return agents * b / (agents - traffic * (1 - b))


def service_level(traffic: float, agents: int, aht: float, threshold: float) -> float:
    """Share of calls answered within `threshold` seconds (aht = average handle time, s)."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    wait = erlang_c(traffic, agents)
    return 1.0 - wait * math.exp(-(agents - traffic) * threshold / aht)


def average_speed_of_answer(traffic: float, agents: int, aht: float) -> float:
    """Mean wait in seconds over all calls (infinite when the agents cannot keep up)."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return erlang_c(traffic, agents) * aht / (agents - traffic)


@dataclass(frozen=True)
class Staffing:
    """Agents needed for a target, from arrivals and handle time over a period."""

    calls: int
    period_seconds: float
    aht_seconds: float
    traffic: float
    agents_needed: int
    service_level: float  # expected with agents_needed


def agents_needed(
    *,
    calls: int,
    period_seconds: float,
    aht_seconds: float,
    target: float = 0.8,
    threshold: float = 20.0,
) -> Staffing:
    """The fewest agents whose expected service level reaches `target` within `threshold` s."""
    traffic = calls * aht_seconds / period_seconds if period_seconds > 0 else 0.0
    if traffic <= 0:
        return Staffing(calls, period_seconds, aht_seconds, 0.0, 0, 1.0)
    agents = max(1, math.floor(traffic) + 1)
    while agents < MAX_AGENTS:
        level = service_level(traffic, agents, aht_seconds, threshold)
        if level >= target:
            return Staffing(calls, period_seconds, aht_seconds, traffic, agents, level)
        agents += 1
    return Staffing(calls, period_seconds, aht_seconds, traffic, agents, 0.0)
