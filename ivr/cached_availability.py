"""Where there is room, as the phone front reads it: day views and offers cached a moment.

Offers come from Redis entries a couple of seconds old at most; booking takes the places for
real, and a refused booking drops its day's entry (forget_day).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from booking_core import schedule
from booking_core.availability import group_days, last_bookable_day, nearest_in_group
from booking_core.calendar import TOKYO, ClosedReason, centre_days
from booking_core.errors import Alternative
from ivr.day_view import DayView
from ivr.keys import AVAILABILITY_CACHE_PREFIX
from runtime.bootstrap import Runtime

# Offers read from a cache this many seconds old at most; booking takes the places for real.
AVAILABILITY_CACHE_SECONDS = 2
# Days read at once while looking for the earliest with room: most callers find it at once.
FIRST_LOOK_DAYS, LATER_LOOK_DAYS = 3, 14

NEARBY_BEFORE, NEARBY_AFTER = 7, 14


def _cache_key(kind: str, *parts: object, now: datetime) -> str:
    # the minute is part of the key: bands that have just passed drop out of the answer
    return AVAILABILITY_CACHE_PREFIX + ":".join(
        [kind, *map(str, parts), now.strftime("%Y%m%d%H%M")]
    )


def _group(runtime: Runtime, service: str) -> str:
    """The capacity group of a procedure (remembered a minute by booking_core.reference_cache)."""
    return schedule.capacity_group(runtime.uow(), service)


def day_views(
    runtime: Runtime, *, center: str, group: str, days: list[date], now: datetime
) -> dict[date, DayView]:
    """Each day's bands with places left for a centre and capacity group, cached a moment.

    One cache entry per centre, group and day serves every procedure of the group and every
    party size: one MGET reads them all; the days missing are planned together and cached.
    """
    keys = [_cache_key("dayview", center, group, day, now=now) for day in days]
    views = {
        day: DayView.from_json(raw)
        for day, raw in zip(days, runtime.redis.mget(keys), strict=True)
        if raw is not None
    }
    missing = [day for day in days if day not in views]
    if missing:
        plans = group_days(
            runtime.uow(), center_id=center, group=group, start=min(missing), end=max(missing),
            now=now, policy=runtime.policy,
        )  # fmt: skip
        fresh = {
            plan.hours.day: DayView(
                plan.hours.open,
                plan.bookable,
                tuple((s.start, s.remaining) for s in plan.slots),
                plan.hours.reason.value if plan.hours.reason else "",
            )
            for plan in plans
            if plan.hours.day in missing
        }
        with runtime.redis.pipeline(transaction=False) as pipe:
            for day, view in fresh.items():
                pipe.set(_cache_key("dayview", center, group, day, now=now), view.to_json(),
                         ex=AVAILABILITY_CACHE_SECONDS)  # fmt: skip
            pipe.execute()
        views |= fresh
    return views


def day_plan(runtime: Runtime, *, center: str, service: str, day: date, now: datetime) -> DayView:
    """A day's bands with places left (cached a moment: booking itself is what decides)."""
    group = _group(runtime, service)
    return day_views(runtime, center=center, group=group, days=[day], now=now)[day]


def forget_day(runtime: Runtime, *, center: str, service: str, day: date, now: datetime) -> None:
    """Drop a day's cached view: a booking there was just refused, so the view was behind."""
    runtime.redis.delete(_cache_key("dayview", center, _group(runtime, service), day, now=now))


def closed_days(
    runtime: Runtime, *, center: str, start: date, end: date, now: datetime
) -> list[date]:
    """The days from start to end a centre is closed beyond its weekly closures (holidays, the
    year end, maintenance Sundays, ad hoc closures); cached a moment, like the offers."""
    key = _cache_key("closed", center, start, end, now=now)
    if (cached := runtime.redis.get(key)) is not None:
        return [date.fromisoformat(d) for d in json.loads(cached)]
    listed = schedule.closures(runtime.uow(), start=start, end=end)
    found = [
        d.day
        for d in centre_days(center, start, end, listed)
        if not d.open and d.reason != ClosedReason.WEEKLY
    ]
    runtime.redis.set(
        key, json.dumps([d.isoformat() for d in found]), ex=AVAILABILITY_CACHE_SECONDS
    )
    return found


def days_with_room(
    runtime: Runtime,
    *,
    center: str,
    service: str,
    around: date,
    party: int,
    now: datetime,
    count: int = 3,
) -> list[date]:
    """The dates nearest to `around` (from today, within the horizon) with room for the party."""
    start = max(around - timedelta(days=NEARBY_BEFORE), now.astimezone(TOKYO).date())
    end = min(around + timedelta(days=NEARBY_AFTER), last_bookable_day(now, runtime.policy))
    if end < start:
        start = end = last_bookable_day(now, runtime.policy)
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    views = day_views(runtime, center=center, group=_group(runtime, service), days=days, now=now)
    found = [d for d in days if any(left >= party for _, left in views[d].slots)]
    return sorted(found, key=lambda d: (abs((d - around).days), d < around))[:count]


def earliest(
    runtime: Runtime,
    *,
    center: str,
    service: str,
    from_day: date,
    party: int,
    now: datetime,
    after: time | None = None,
) -> Alternative | None:
    """The first band from a date on with room for the party (from the cached day views);
    with `after`, the first one later than that time of `from_day` (the next free time)."""
    group = _group(runtime, service)
    day = max(from_day, now.astimezone(TOKYO).date())
    end, look = last_bookable_day(now, runtime.policy), FIRST_LOOK_DAYS
    while day <= end:
        days = [day + timedelta(days=n) for n in range(min(look, (end - day).days + 1))]
        views = day_views(runtime, center=center, group=group, days=days, now=now)
        for d in days:
            for at, left in views[d].slots:
                if left >= party and (after is None or d > from_day or at > after):
                    return Alternative(d, at, left)
        day, look = days[-1] + timedelta(days=1), LATER_LOOK_DAYS
    return None


def nearest_times(
    runtime: Runtime,
    *,
    center: str,
    service: str,
    day: date,
    start: time,
    party: int,
    now: datetime,
) -> list[Alternative]:
    """The bands nearest to a wished-for moment with room for the party (cached a moment)."""
    key = _cache_key("near", center, service, day, start, party, now=now)
    if (cached := runtime.redis.get(key)) is not None:
        return [_alternative(a) for a in json.loads(cached)]
    group = _group(runtime, service)
    found = nearest_in_group(
        runtime.uow(),
        center_id=center,
        group=group,
        around=datetime.combine(day, start, TOKYO),
        party_size=party,
        now=now,
        policy=runtime.policy,
    )
    runtime.redis.set(key, json.dumps([_plain(a) for a in found]), ex=AVAILABILITY_CACHE_SECONDS)
    return found


def _plain(alt: Alternative) -> list[str | int]:
    return [alt.day.isoformat(), alt.start.strftime("%H:%M"), alt.remaining]


def _alternative(values: list[str | int]) -> Alternative:
    day, start, remaining = values
    return Alternative(date.fromisoformat(str(day)), time.fromisoformat(str(start)), int(remaining))
