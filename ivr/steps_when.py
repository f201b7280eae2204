"""Steps choosing when: the offer of the earliest time (1 take, 2 next, 3 choose a date), the
date (MMDD# or said), the time (HHMM#, 0# or said), and three alternatives when a wish cannot
be met. Single entries are not read back: the whole booking is, once, at the end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import partial

from booking_core.calendar import centre_day
from booking_core.errors import Alternative
from booking_core.phone_entries import (
    parse_clock_time,
    parse_month_day,
    parse_spoken_date,
    parse_spoken_time,
)
from ivr.cached_availability import day_plan, earliest, nearest_times
from ivr.catalog import Speech
from ivr.day_view import day_problem, first_time, same_day_times
from ivr.engine import Ctx, Next, Outcome, Retry, menu, step
from ivr.steps_booking import OFFER, min_day, offer_days, wanted
from ivr.steps_handover import with_hint

ALTERNATIVES = 3


def _day_notes(ctx: Ctx, problem: str, day: date) -> tuple[Speech, ...]:
    spoken = ctx.cat.date(day)
    if problem == "not_open_yet":
        return (ctx.say("not_open_day", date=spoken),)
    if problem == "closed":
        hours = centre_day(ctx.data["center"], day)
        why = ctx.cat.closed_reason(hours.reason or "ad_hoc")
        return (ctx.say("closed_day", date=spoken, why=why),)
    if problem == "outside_window":
        return (ctx.say("outside_window", date=spoken, horizon=ctx.runtime.policy.horizon_days),)
    if problem == "too_early":
        return (ctx.say("transport_late", date=spoken),)
    return (ctx.say("full_day", date=spoken),)


def _find(ctx: Ctx, *, after: list[str] | None = None) -> Alternative | None:
    center_id, service, size = wanted(ctx)
    day = date.fromisoformat(after[0]) if after else min_day(ctx)
    return earliest(
        ctx.runtime, center=center_id, service=service, from_day=day, party=size, now=ctx.now,
        after=time.fromisoformat(after[1]) if after else None,
    )  # fmt: skip


def _offered(ctx: Ctx, found: Alternative, key: str, notes: tuple[Speech, ...]) -> Outcome:
    ctx.data["offer"] = [found.day.isoformat(), found.start.strftime("%H:%M")]
    told = ctx.say(key, date=ctx.cat.date(found.day), time=ctx.cat.time(found.start))
    return Next("offer", (*notes, told))


def offer_earliest(ctx: Ctx, notes: tuple[Speech, ...]) -> Outcome:
    """Once the caller is identified and the party known: the earliest time with room."""
    found = _find(ctx)
    if found is None:
        return Next("anything_else", (*notes, ctx.say("no_room")))
    return _offered(ctx, found, "offer", notes)


OFFER.append(offer_earliest)


@step("offer", says=lambda ctx: [ctx.say("offer_menu")], topic="booking", handover=True)
def offer(ctx: Ctx, digits: str | None) -> Outcome:
    """1 takes the time offered, 2 hears the next free time, 3 chooses a date."""

    def take() -> Outcome:
        ctx.data["day"], ctx.data["start"] = ctx.data["offer"]
        return Next("readback")

    def later() -> Outcome:
        found = _find(ctx, after=ctx.data["offer"])
        if found is None:
            return Retry((ctx.say("no_room"),))
        return _offered(ctx, found, "offer_next", ())

    return menu(ctx, digits, {"1": take, "2": later, "3": lambda: Next("date")})


def _said_or_keyed(ctx: Ctx, digits: str | None) -> tuple[str | None, str | None]:
    """(keys, words): what the caller keyed in, or what the speech recogniser heard."""
    speech = (ctx.extra.get("speech") or "").strip()
    return (None, speech) if not digits and speech else (digits, None)


def _date_prompt(ctx: Ctx) -> list[Speech]:
    return with_hint(ctx, [ctx.say("date_prompt")], entry=True)


@step("date", says=_date_prompt, entry=True, topic="booking", speech=True, handover=True)
def date_step(ctx: Ctx, digits: str | None) -> Outcome:
    """MMDD# or a date said (「6月12日」「あした」「来週の金曜日」); a past date is said so."""
    keys, words = _said_or_keyed(ctx, digits)
    if not keys and not words:
        return Retry((ctx.say("no_input"),))
    today = ctx.now.date()
    day = parse_spoken_date(words, today) if words else parse_month_day(keys or "", today)
    if day is None:
        return Retry((ctx.say("speech_unclear" if words else "invalid_entry"),))
    if day < today:
        return Retry((ctx.say("past_day", date=ctx.cat.date(day)),))
    if day < min_day(ctx):
        return offer_days(ctx, _day_notes(ctx, "too_early", day), day)
    center_id, service, size = wanted(ctx)
    plan = day_plan(ctx.runtime, center=center_id, service=service, day=day, now=ctx.now)
    problem = day_problem(plan, size)
    if problem:
        return offer_days(ctx, _day_notes(ctx, problem, day), day)
    ctx.data["day"] = day.isoformat()
    return Next("time")


def _time_prompt(ctx: Ctx) -> list[Speech]:
    hours = centre_day(ctx.data["center"], date.fromisoformat(ctx.data["day"]))
    opens = ctx.cat.time(hours.opens or time(9, 0))
    last = ctx.cat.time(hours.last_reception or time(17, 0))
    return [ctx.say("time_prompt", opens=opens, last=last)]


def offer_times(ctx: Ctx, notes: tuple[Speech, ...], day: date, at: time) -> Outcome:
    """Say why, then offer three times with room: that day's nearest first, then the days
    around."""
    center_id, service, size = wanted(ctx)
    plan = day_plan(ctx.runtime, center=center_id, service=service, day=day, now=ctx.now)
    same_day = same_day_times(plan, at, size, ALTERNATIVES) if day >= min_day(ctx) else []
    pairs = [(day, t) for t in same_day]
    if len(pairs) < ALTERNATIVES:
        near = nearest_times(ctx.runtime, center=center_id, service=service, day=day, start=at,
                             party=size, now=ctx.now)  # fmt: skip
        pairs += [(a.day, a.start) for a in near if (a.day, a.start) not in pairs]
    return offer_nearest(ctx, notes, [Alternative(d, t, size) for d, t in pairs], day)


def offer_nearest(
    ctx: Ctx, notes: tuple[Speech, ...], alts: list[Alternative], day: date
) -> Outcome:
    """Say why, then offer these times (those the caller may pick), else the dates around."""
    alts = [a for a in alts if a.day >= min_day(ctx)][:ALTERNATIVES]
    if not alts:
        return offer_days(ctx, notes, day)
    ctx.data["alts"] = [[a.day.isoformat(), a.start.strftime("%H:%M")] for a in alts]
    return Next("choose", notes)


@step("time", says=_time_prompt, entry=True, topic="booking", own="0", speech=True,
      handover=True)  # fmt: skip
def time_step(ctx: Ctx, digits: str | None) -> Outcome:
    """HHMM# or a time said (「午後2時」「14時半」); 0# for the earliest time with room that day."""
    keys, words = _said_or_keyed(ctx, digits)
    if not keys and not words:
        return Retry((ctx.say("no_input"),))
    center_id, service, size = wanted(ctx)
    day = date.fromisoformat(ctx.data["day"])
    plan = day_plan(ctx.runtime, center=center_id, service=service, day=day, now=ctx.now)
    if keys == "0":
        at = first_time(plan, size)
        if at is None:
            return offer_days(ctx, _day_notes(ctx, "full", day), day)
    else:
        at = parse_spoken_time(words) if words else parse_clock_time(keys or "")
    if at is None:
        return Retry((ctx.say("speech_unclear" if words else "invalid_entry"),))
    left = plan.remaining_at(at)
    if left is None:
        return offer_times(ctx, (ctx.say("not_a_time", time=ctx.cat.time(at)),), day, at)
    if left < size:
        spoken = (ctx.say("full_time", date=ctx.cat.date(day), time=ctx.cat.time(at)),)
        return offer_times(ctx, spoken, day, at)
    ctx.data["start"] = at.strftime("%H:%M")
    return Next("readback")


def _alternative(ctx: Ctx, pair: list[str | None]) -> str:
    day = date.fromisoformat(pair[0] or "")
    if pair[1] is None:
        return ctx.cat.date(day)
    return f"{ctx.cat.date(day)} {ctx.cat.time(time.fromisoformat(pair[1]))}"


def _choose_prompt(ctx: Ctx) -> list[Speech]:
    alts = ctx.data["alts"]
    spoken = ctx.cat.choices([_alternative(ctx, a) for a in alts])
    key = "day_choices" if alts[0][1] is None else "slot_choices"
    return [ctx.say(key, choices=spoken)]


@step("choose", says=_choose_prompt, topic="booking", handover=True)
def choose(ctx: Ctx, digits: str | None) -> Outcome:
    """Pick one of the offered dates (then the time) or times; 0 enters another date."""
    alts = ctx.data["alts"]

    def pick(pair: list[str | None]) -> Outcome:
        ctx.data["day"] = pair[0]
        if pair[1] is None:
            return Next("time")
        ctx.data["start"] = pair[1]
        return Next("readback")

    options: dict[str, Callable[[], Outcome]] = {"0": lambda: Next("date")}
    for i, pair in enumerate(alts, start=1):
        options[str(i)] = partial(pick, pair)
    return menu(ctx, digits, options)
