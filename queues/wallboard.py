"""The wallboard's figures (pure): 応答率 and service level, their targets and colours, the
half-hour bars of the chart, Erlang C for the agents on duty and for the target."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from booking_core.errors import InvalidRequest
from queues.erlang import agents_needed, average_speed_of_answer, service_level

THRESHOLD_SECONDS = 20  # the service level's answer time (SL = answered within 20 s / offered)
SERIES = ("offered", "answered", "abandoned")
GRADES = ("good", "warn", "bad", "none")


@dataclass(frozen=True)
class Targets:
    """The floor's goals: 応答率 and service level, and how far below a goal is amber not red."""

    answer_rate: float = 0.9
    service_level: float = 0.8
    warn_band: float = 0.1  # within this (0.1 = 10 points) below a target: amber; further: red

    def as_dict(self) -> dict[str, float]:
        """Plain values (JSON, Redis)."""
        return asdict(self)


DEFAULT_TARGETS = Targets()


def checked_targets(values: Mapping[str, Any], *, percent: bool = False) -> Targets:
    """Targets from JSON (fractions 0-1) or a form (`percent`: 0-100); refuses the rest."""
    found, wrong = {}, {}
    for name, default in DEFAULT_TARGETS.as_dict().items():
        raw = values.get(name, default)
        try:
            number = float(raw)
        except (TypeError, ValueError):
            wrong[name] = "not_a_number"
            continue
        number = number / 100 if percent else number
        if not 0 <= number <= 1 or (name != "warn_band" and number == 0):
            wrong[name] = "out_of_range"
        found[name] = round(number, 3)
    if wrong:
        raise InvalidRequest("targets out of range", fields=wrong)
    return Targets(**found)


def rate(part: int, whole: int) -> float | None:
    """part / whole rounded to 0.1 %, None when nothing was offered."""
    return round(part / whole, 3) if whole else None


def answer_rate(*, offered: int, answered: int) -> float | None:
    """応答率: calls answered by an agent / calls offered to the agents."""
    return rate(answered, offered)


def service_level_of(*, offered: int, answered_in_sl: int) -> float | None:
    """Service level: answered within 20 s / offered (abandoned calls count in offered)."""
    return rate(answered_in_sl, offered)


def grade(value: float | None, target: float, *, warn_band: float) -> str:
    """good (target met), warn (within the band below it), bad (further), none (no calls)."""
    if value is None:
        return "none"
    if value >= target:
        return "good"
    return "warn" if value >= target - warn_band else "bad"


def rates(counts: Mapping[str, Any], targets: Targets) -> dict[str, Any]:
    """応答率 and SL of counters (offered, answered, answered_in_sl), with their grades."""
    offered, answered = int(counts.get("offered") or 0), int(counts.get("answered") or 0)
    ar = answer_rate(offered=offered, answered=answered)
    sl = service_level_of(offered=offered, answered_in_sl=int(counts.get("answered_in_sl") or 0))
    return {
        "answer_rate": ar,
        "answer_rate_grade": grade(ar, targets.answer_rate, warn_band=targets.warn_band),
        "service_level": sl,
        "service_level_grade": grade(sl, targets.service_level, warn_band=targets.warn_band),
    }


def totals(queues: Iterable[Mapping[str, Any]], targets: Targets) -> dict[str, Any]:
    """All queues together: the counters summed, then their 応答率 and SL."""
    summed = {
        name: sum(int(q.get(name) or 0) for q in queues)
        for name in ("offered", "answered", "abandoned", "answered_in_sl", "waiting")
    }
    return summed | rates(summed, targets)


def staffing_plan(
    *, calls: int, period_seconds: float, aht_seconds: float, on_duty: int, target: float
) -> dict[str, Any]:
    """Erlang C: agents needed for the SL target; the SL and wait expected with those on duty."""
    plan = agents_needed(
        calls=calls,
        period_seconds=period_seconds,
        aht_seconds=aht_seconds,
        target=target,
        threshold=THRESHOLD_SECONDS,
    )
    on_duty_sl = service_level(plan.traffic, on_duty, aht_seconds, THRESHOLD_SECONDS)
    asa = average_speed_of_answer(plan.traffic, on_duty, aht_seconds)
    return {
        "traffic_erlangs": round(plan.traffic, 2),
        "agents_needed": plan.agents_needed,
        "agents_on_duty": on_duty,
        "short_by": max(0, plan.agents_needed - on_duty),
        "expected_service_level": round(on_duty_sl, 3),  # with the agents on duty now
        "needed_service_level": round(plan.service_level, 3),  # with agents_needed
        "expected_wait_seconds": None if asa == float("inf") else round(asa),
        "service_level_grade": grade(on_duty_sl, target, warn_band=0.0),
    }


def half_hour_bars(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per half-hour (start "HH:MM"), offered / answered / abandoned of all queues together,
    in time order; rows are per queue and half-hour with an ISO `start` (or "HH:MM")."""
    sums: dict[str, dict[str, int]] = {}
    for row in rows:
        start = str(row["start"])
        label = start[11:16] if len(start) > 5 else start
        bar = sums.setdefault(label, dict.fromkeys(SERIES, 0))
        for name in SERIES:
            bar[name] += int(row.get(name) or 0)
    return [{"start": label} | sums[label] for label in sorted(sums)]
