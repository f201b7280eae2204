"""Steps choosing when: the date (MMDD# or 0#), the time (HHMM# or 0#), nearby alternatives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import partial

from booking_core.calendar import centre_day
from booking_core.errors import Alternative
from ivr.cached_availability import day_plan, earliest, nearest_times
from ivr.catalog import Speech
from ivr.day_view import day_problem, first_time, same_day_times
from ivr.engine import Ctx, Next, Outcome, Retry, after_confirm, ask_to_confirm, menu, step
from ivr.keyed_entries import parse_clock_time, parse_month_day
from ivr.steps_booking import min_day, offer_days, wanted


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


def _earliest_day(ctx: Ctx) -> Outcome:
    center_id, service, size = wanted(ctx)
    found = earliest(
        ctx.runtime,
        center=center_id,
        service=service,
        from_day=min_day(ctx),
        party=size,
        now=ctx.now,
    )
    if found is None:
        return Retry((ctx.say("no_room"),))
    spoken = ctx.cat.date(found.day)
    return ask_to_confirm(ctx, field="day", value=found.day.isoformat(), spoken=spoken, back="date")


@step("date", says=lambda ctx: [ctx.say("date_prompt")], entry=True, topic="booking")
def date_step(ctx: Ctx, digits: str | None) -> Outcome:
    """MMDD# for the next such date, 0# for the earliest date with room."""
    if not digits:
        return Retry((ctx.say("no_input"),))
    if digits == "0":
        return _earliest_day(ctx)
    day = parse_month_day(digits, ctx.now.date())
    if day is None:
        return Retry((ctx.say("invalid_entry"),))
    if day < min_day(ctx):
        return offer_days(ctx, _day_notes(ctx, "too_early", day), day)
    center_id, service, size = wanted(ctx)
    plan = day_plan(ctx.runtime, center=center_id, service=service, day=day, now=ctx.now)
    problem = day_problem(plan, size)
    if problem:
        return offer_days(ctx, _day_notes(ctx, problem, day), day)
    return ask_to_confirm(
        ctx, field="day", value=day.isoformat(), spoken=ctx.cat.date(day), back="date"
    )


after_confirm("day")(lambda ctx: Next("time"))


def _time_prompt(ctx: Ctx) -> list[Speech]:
    hours = centre_day(ctx.data["center"], date.fromisoformat(ctx.data["day"]))
    opens = ctx.cat.time(hours.opens or time(9, 0))
    last = ctx.cat.time(hours.last_reception or time(17, 0))
    return [ctx.say("time_prompt", opens=opens, last=last)]


def offer_times(ctx: Ctx, notes: tuple[Speech, ...], day: date, at: time) -> Outcome:
    """Say why, then offer the nearest times with room: that day first, else the days around."""
    center_id, service, size = wanted(ctx)
    plan = day_plan(ctx.runtime, center=center_id, service=service, day=day, now=ctx.now)
    if day >= min_day(ctx) and (times := same_day_times(plan, at, size)):
        ctx.data["alts"] = [[day.isoformat(), t.strftime("%H:%M")] for t in times]
        return Next("choose", notes)
    alts = nearest_times(
        ctx.runtime, center=center_id, service=service, day=day, start=at, party=size, now=ctx.now
    )
    return offer_nearest(ctx, notes, alts, day)


def offer_nearest(
    ctx: Ctx, notes: tuple[Speech, ...], alts: list[Alternative], day: date
) -> Outcome:
    """Say why, then offer these times (those the caller may pick), else the dates around."""
    alts = [a for a in alts if a.day >= min_day(ctx)]
    if not alts:
        return offer_days(ctx, notes, day)
    ctx.data["alts"] = [[a.day.isoformat(), a.start.strftime("%H:%M")] for a in alts]
    return Next("choose", notes)


@step("time", says=_time_prompt, entry=True, topic="booking")
def time_step(ctx: Ctx, digits: str | None) -> Outcome:
    """HHMM# for a time, 0# for the earliest time with room that day."""
    if not digits:
        return Retry((ctx.say("no_input"),))
    center_id, service, size = wanted(ctx)
    day = date.fromisoformat(ctx.data["day"])
    plan = day_plan(ctx.runtime, center=center_id, service=service, day=day, now=ctx.now)
    at = first_time(plan, size) if digits == "0" else parse_clock_time(digits)
    if at is None:
        if digits == "0":
            return offer_days(ctx, _day_notes(ctx, "full", day), day)
        return Retry((ctx.say("invalid_entry"),))
    left = plan.remaining_at(at)
    if left is None:
        return offer_times(ctx, (ctx.say("not_a_time", time=ctx.cat.time(at)),), day, at)
    if left < size:
        spoken = (ctx.say("full_time", date=ctx.cat.date(day), time=ctx.cat.time(at)),)
        return offer_times(ctx, spoken, day, at)
    value = at.strftime("%H:%M")
    return ask_to_confirm(ctx, field="start", value=value, spoken=ctx.cat.time(at), back="time")


after_confirm("start")(lambda ctx: Next("readback"))


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


@step("choose", says=_choose_prompt, topic="booking")
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
