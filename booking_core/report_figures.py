"""The figures of a city report, counted from the facts of its days (pure: no database).

`figures(facts, ...)` counts one period; `by_day(facts)` splits the facts so a month can be
counted day by day. Figures only: counts, rates and seconds, never a resident's details.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from booking_core.phone_menu_calls import ACTIONS, TO_AGENT
from booking_core.report_facts import Facts

CHANNELS = ("ivr", "agent", "web", "counter", "other")
CHANNEL_OF = {"ivr": "ivr", "agent": "agent", "web": "web", "api": "web", "counter": "counter"}
BOOKING_COUNTS = ("made", "changed", "cancelled")
CENTER_COUNTS = (
    "appointments", "checked_in", "completed", "no_shows", "late", "walk_ins",
    "walk_in_persons", "visitors", "cards_received", "cards_issued", "cards_returned",
    "places_offered", "places_used",
)  # fmt: skip
CARD_COUNTS = {
    "at_centre": "cards_received",
    "issued": "cards_issued",
    "in_return": "cards_returned",
}
VISITED = ("checked_in", "completed")
# How long callers waited before hanging up in an agent queue: (label, up to seconds).
ABANDON_BANDS = (("under_20s", 19), ("20_to_59s", 59), ("60_to_179s", 179), ("180s_or_more", None))
MENU_OUTCOMES = (*ACTIONS, "hung_up")


@dataclass(frozen=True)
class CallFigures:
    """The line's calls: all of them, those the menu handled alone, and the agent queues."""

    total: int
    ivr_only: int
    ivr_outcomes: dict[str, int]
    to_agent: int
    offered: int
    answered: int
    abandoned: int
    abandoned_after: dict[str, int]
    answer_rate: float | None
    service_level: float | None
    average_wait_seconds: int
    average_handle_seconds: int
    callbacks_requested: int
    callbacks_made: int
    by_topic: dict[str, int]
    wrap_codes: dict[str, int]


@dataclass(frozen=True)
class Figures:
    """A period's figures: bookings by channel, centre and service; visits; cards; calls."""

    bookings: dict[str, Any]
    appointments: int
    checked_in: int
    completed: int
    no_shows: int
    late: int
    walk_ins: int
    walk_in_persons: int
    visitors: int
    cards: dict[str, int]
    places: dict[str, dict[str, int]]
    home_visits: int
    by_center: dict[str, dict[str, Any]]
    calls: CallFigures

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (the calls as a nested object)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["calls"] = {f.name: getattr(self.calls, f.name) for f in fields(self.calls)}
        return out


def rate(part: int, whole: int) -> float | None:
    """part / whole to three places; None when there is nothing to divide by."""
    return round(part / whole, 3) if whole else None


def _booking_figures(
    facts: Facts, centers: Sequence[str], services: Sequence[str]
) -> dict[str, Any]:
    by_channel = {ch: dict.fromkeys(BOOKING_COUNTS, 0) for ch in CHANNELS}
    by_center = {c: dict.fromkeys(BOOKING_COUNTS, 0) for c in centers}
    by_service = {s: {"made": 0, "appointments": 0} for s in services}
    for _, channel, center, service, _party in facts.made:
        by_channel[CHANNEL_OF.get(channel, "other")]["made"] += 1
        by_center.setdefault(center, dict.fromkeys(BOOKING_COUNTS, 0))["made"] += 1
        by_service.setdefault(service, {"made": 0, "appointments": 0})["made"] += 1
    for _, action, channel, center in facts.changes:
        what = "cancelled" if action == "booking.cancel" else "changed"
        by_channel[CHANNEL_OF.get(channel, "other")][what] += 1
        by_center.setdefault(center, dict.fromkeys(BOOKING_COUNTS, 0))[what] += 1
    for _, _center, service, status, _late, _party in facts.appointments:
        if status != "cancelled":
            by_service.setdefault(service, {"made": 0, "appointments": 0})["appointments"] += 1
    totals = {k: sum(v[k] for v in by_channel.values()) for k in BOOKING_COUNTS}
    return {**totals, "by_channel": by_channel, "by_center": by_center, "by_service": by_service}


def _center_figures(facts: Facts, centers: Sequence[str]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for c in centers:
        out[c] = Counter(dict.fromkeys(CENTER_COUNTS, 0))
    for _, center, _service, status, late, party in facts.appointments:
        if status == "cancelled":
            continue
        tally = out[center]
        tally["appointments"] += 1
        tally["checked_in"] += status in VISITED
        tally["completed"] += status == "completed"
        tally["no_shows"] += status == "no_show"
        tally["late"] += bool(late) and status in VISITED
        tally["visitors"] += party if status in VISITED else 0
    for _, center, _service, party in facts.walk_ins:
        out[center]["walk_ins"] += 1
        out[center]["walk_in_persons"] += party
        out[center]["visitors"] += party
    for _, state, place in facts.custody:
        out[place][CARD_COUNTS[state]] += 1
    for _, center, _group, places in facts.offered:
        out[center]["places_offered"] += places
    for _, center, _group, places in facts.used:
        out[center]["places_used"] += places
    return out


def _places(facts: Facts) -> dict[str, dict[str, int]]:
    places: dict[str, dict[str, int]] = defaultdict(lambda: {"offered": 0, "used": 0})
    for _, _center, group, offered in facts.offered:
        places[group]["offered"] += offered
    for _, _center, group, used in facts.used:
        places[group]["used"] += used
    return dict(places)


def _abandon_band(seconds: int | None) -> str:
    for label, upto in ABANDON_BANDS:
        if upto is None or (seconds or 0) <= upto:
            return label
    return ABANDON_BANDS[-1][0]


def call_figures(facts: Facts, topics: Iterable[str]) -> CallFigures:
    """The line's figures: the menu's calls (phone_menu_call) and the agent queues' half-hours."""
    outcomes = Counter({o: 0 for o in MENU_OUTCOMES})
    abandoned_after = Counter({label: 0 for label, _ in ABANDON_BANDS})
    to_agent = 0
    for _, outcome, _queue, result, waited in facts.calls:
        if outcome == TO_AGENT:
            to_agent += 1
            if result == "abandoned":
                abandoned_after[_abandon_band(waited)] += 1
        else:
            outcomes[outcome] += 1
    sums = [0] * 8  # call_records.INTERVAL_FIELDS
    by_topic = Counter({t: 0 for t in topics})
    for _, queue, values in facts.intervals:
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        by_topic[queue] += values[0]
    offered, answered, abandoned, in_sl, wait_ms, handled, handle_ms, served = sums
    return CallFigures(
        total=len(facts.calls),
        ivr_only=len(facts.calls) - to_agent,
        ivr_outcomes=dict(outcomes),
        to_agent=to_agent,
        offered=offered,
        answered=answered,
        abandoned=abandoned,
        abandoned_after=dict(abandoned_after),
        answer_rate=rate(answered, offered),
        service_level=rate(in_sl, offered),
        average_wait_seconds=round(wait_ms / answered / 1000) if answered else 0,
        average_handle_seconds=round(handle_ms / handled / 1000) if handled else 0,
        callbacks_requested=outcomes["callback"]
        + sum(1 for c in facts.calls if c[3] == "callback"),
        callbacks_made=served,
        by_topic=dict(by_topic),
        wrap_codes=dict(Counter(code for _, _queue, code in facts.wrap_ups)),
    )


def figures(
    facts: Facts, *, centers: Sequence[str], services: Sequence[str], topics: Sequence[str]
) -> Figures:
    """Count a period's facts."""
    by_center = _center_figures(facts, centers)
    total: Counter[str] = Counter(dict.fromkeys(CENTER_COUNTS, 0))
    for tally in by_center.values():
        total.update(tally)
    center_out: dict[str, dict[str, Any]] = {}
    for center, tally in by_center.items():
        row: dict[str, Any] = {k: tally[k] for k in CENTER_COUNTS}
        row["no_show_rate"] = rate(tally["no_shows"], tally["appointments"])
        center_out[center] = row
    return Figures(
        bookings=_booking_figures(facts, centers, services),
        appointments=total["appointments"],
        checked_in=total["checked_in"],
        completed=total["completed"],
        no_shows=total["no_shows"],
        late=total["late"],
        walk_ins=total["walk_ins"],
        walk_in_persons=total["walk_in_persons"],
        visitors=total["visitors"],
        cards={v: total[v] for v in CARD_COUNTS.values()},
        places=_places(facts),
        home_visits=len(facts.home_visits),
        by_center=center_out,
        calls=call_figures(facts, topics),
    )


def by_day(facts: Facts, days: Iterable[date]) -> dict[date, Facts]:
    """The facts of each day (every list split on its leading day)."""
    split: dict[date, dict[str, list[Any]]] = {d: {f.name: [] for f in fields(Facts)} for d in days}
    for f in fields(Facts):
        for row in getattr(facts, f.name):
            if (bucket := split.get(row[0])) is not None:
                bucket[f.name].append(row)
    return {d: Facts(**lists) for d, lists in split.items()}
