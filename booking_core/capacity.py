"""Capacity rules: which places a centre offers in each time band of a day (交付・更新可能数)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol

from booking_core.calendar import DayHours, is_bookable_time


class TemplateLike(Protocol):
    """What a capacity template row offers the rules."""

    id: int
    day_kind: str
    valid_from: date
    valid_to: date
    band_start: time
    band_end: time
    band_minutes: int
    places: int


class OverrideLike(Protocol):
    """What a one-day capacity override offers the rules."""

    day: date
    band_start: time
    band_end: time
    places: int


@dataclass(frozen=True)
class Band:
    """A time band of a day and its places."""

    start: time
    places: int


def band_starts(start: time, end: time, minutes: int) -> list[time]:
    """Band start times from `start` up to (not including) `end`."""
    day = date(2000, 1, 1)
    at, stop = datetime.combine(day, start), datetime.combine(day, end)
    starts = []
    while at < stop:
        starts.append(at.time())
        at += timedelta(minutes=minutes)
    return starts


# Bands already worked out within one call (a month view), keyed by what decides them.
BandMemo = dict[tuple[object, ...], list["Band"]]


def _in_force(templates: Iterable[TemplateLike], day: date, kind: str) -> list[TemplateLike]:
    """The templates that apply on the day, earliest range first (a later range wins)."""
    in_force = [t for t in templates if t.day_kind == kind and t.valid_from <= day <= t.valid_to]
    in_force.sort(key=lambda t: (t.valid_from, t.id))
    return in_force


def is_planned(templates: Iterable[TemplateLike], day: date) -> bool:
    """True when some template of the centre and group covers the date (any kind of day): a day
    outside every plan is not yet open for booking, rather than open with no places."""
    return any(t.valid_from <= day <= t.valid_to for t in templates)


def _template_places(in_force: Iterable[TemplateLike]) -> dict[time, int]:
    """Places by band from the templates in force, later ones overwriting earlier ones."""
    places: dict[time, int] = {}
    for template in in_force:
        for start in band_starts(template.band_start, template.band_end, template.band_minutes):
            places[start] = template.places
    return places


def _bands(
    hours: DayHours, in_force: list[TemplateLike], overrides: Iterable[OverrideLike]
) -> list[Band]:
    """Template places, then the day's overrides, kept where a booking may start."""
    places = _template_places(in_force)
    for override in overrides:
        for start in list(places):
            if override.band_start <= start < override.band_end:
                places[start] = override.places
    return [
        Band(start, count)
        for start, count in sorted(places.items())
        if count > 0 and is_bookable_time(hours, start)
    ]


def day_bands(
    hours: DayHours,
    templates: Iterable[TemplateLike],
    overrides: Iterable[OverrideLike] = (),
    *,
    memo: BandMemo | None = None,
) -> list[Band]:
    """The bookable bands of a day: templates, then that day's overrides, within opening hours.

    A caller working out many days passes one `memo` dict so that days decided by the same
    templates and hours (most of a month) are worked out once.
    """
    if not hours.open:
        return []
    in_force = _in_force(templates, hours.day, hours.kind.value)
    todays = [o for o in overrides if o.day == hours.day]
    if memo is None or todays:
        return _bands(hours, in_force, todays)
    key: tuple[object, ...] = (hours.kind, hours.opens, hours.last_reception)
    key += (hours.closed_intervals, *(t.id for t in in_force))
    if key not in memo:
        memo[key] = _bands(hours, in_force, ())
    return list(memo[key])
