"""Steps of the menus: language, main menu, centre information, home visits, callbacks."""

from __future__ import annotations

from datetime import date, timedelta

from booking_core.calendar import TOKYO, centre_day
from booking_core.identifiers import InvalidIdentifier, normalize_phone
from booking_core.rebooking import closed_bookings_of
from ivr import handoff
from ivr.cached_availability import closed_days
from ivr.catalog import CATALOGS, LANGUAGE_KEYS, Speech
from ivr.engine import (
    AFTER_CONFIRM,
    Ctx,
    Hangup,
    Next,
    Operator,
    Outcome,
    Retry,
    after_confirm,
    ask_to_confirm,
    menu,
    step,
)
from ivr.keys import CALLBACK_KEPT_PREFIX
from queues import callbacks

CENTER_KEYS = {"1": "yokohama", "2": "center-kita", "3": "kamiooka", "4": "futamatagawa"}
INFO_DAYS = 14


def _language_prompt(ctx: Ctx) -> list[Speech]:
    return [CATALOGS[code].say("language_offer") for code in LANGUAGE_KEYS.values() if code != "ja"]


@step("language", says=_language_prompt)
def language(ctx: Ctx, digits: str | None) -> Outcome:
    """1 or no key: Japanese; 2 English, 3 Chinese, 4 Korean, 5 Vietnamese (with the English
    emergency announcement: the supervisors write it in Japanese and English)."""
    chosen = LANGUAGE_KEYS.get(digits or "1")
    if chosen is None:
        return Retry((CATALOGS["ja"].say("wrong_key"), CATALOGS["en"].say("wrong_key")))
    ctx.state.lang = chosen
    announced = ctx.emergency("en") if chosen != "ja" else []
    return Next("main", (*announced, *_hours_notice(ctx), *_closed_bookings(ctx)))


def _hours_notice(ctx: Ctx) -> list[Speech]:
    """Out of the staffed hours, said before the menu: the line still books by keypad."""
    return [] if handoff.staffed(ctx.runtime, ctx.now) else [ctx.say("hours_notice")]


def _closed_bookings(ctx: Ctx) -> list[Speech]:
    """The caller's own bookings a closure hits, said before the menu (at most two)."""
    if ctx.state.caller is None:
        return []
    today = ctx.now.astimezone(TOKYO).date()
    hit = closed_bookings_of(ctx.runtime.uow(), ctx.state.caller, today=today)
    return [
        ctx.say(
            "closure_for_caller",
            date=ctx.cat.date(b.day),
            time=ctx.cat.time(b.start),
            center=ctx.cat.center(b.center_id),
        )
        for b in hit[:2]
    ]


def _start(ctx: Ctx, flow: str, first: str, **values: str) -> Next:
    ctx.data.update(flow=flow, **values)
    return Next(first)


@step("main", says=lambda ctx: [ctx.say("main_menu")])
def main(ctx: Ctx, digits: str | None) -> Outcome:
    """The main menu: 1 issuance, 2 other procedure, 3 my booking, 4 info, 5 visit, 0 person."""
    return menu(
        ctx,
        digits,
        {
            "1": lambda: _start(ctx, "issue", "notice", service="issue"),
            "2": lambda: _start(ctx, "procedure", "procedure"),
            "3": lambda: _start(ctx, "manage", "reference"),
            "4": lambda: Next("info"),
            "5": lambda: Next("visit"),
            "0": lambda: Operator("general"),
        },
    )


@step(
    "confirm",
    says=lambda ctx: [ctx.say("confirm_entry", value=ctx.data["confirm"]["say"])],
    topic="booking",
)
def confirm(ctx: Ctx, digits: str | None) -> Outcome:
    """1 keeps the entry read back and moves on; 2 asks for it again."""
    pending = ctx.data["confirm"]

    def accept() -> Outcome:
        ctx.data[pending["field"]] = pending["value"]
        return AFTER_CONFIRM[pending["field"]](ctx)

    return menu(ctx, digits, {"1": accept, "2": lambda: Next(pending["back"])})


def _today(ctx: Ctx, center_id: str, closed: list[date]) -> str:
    """Today's state first: open, or closed and the next day it opens."""
    today = ctx.now.date()
    for offset in range(INFO_DAYS):
        day = today + timedelta(days=offset)
        if day not in closed and centre_day(center_id, day).open:
            if offset == 0:
                return ctx.say("info_open_today").text
            return ctx.say("info_closed_today", date=ctx.cat.date(day)).text
    return ""


def _centre_info(ctx: Ctx) -> tuple[Speech, ...]:
    """A centre in about 20 s: today's state, the address and hours, closures coming."""
    center_id, today = ctx.data["info_center"], ctx.now.date()
    end = today + timedelta(days=INFO_DAYS - 1)
    closed = closed_days(ctx.runtime, center=center_id, start=today, end=end, now=ctx.now)
    about = ctx.say(
        "info_centre",
        center=ctx.cat.center(center_id),
        today=_today(ctx, center_id, closed),
        address=ctx.cat.address(center_id),
    )
    coming = [ctx.cat.date(day) for day in closed if day > today]
    if not coming:
        return (about,)
    return (about, ctx.say("info_closures", days=ctx.cat.listing(coming)))


@step("info", says=lambda ctx: [ctx.say("info_prompt")])
def info(ctx: Ctx, digits: str | None) -> Outcome:
    """Which centre to hear about."""
    center_id = CENTER_KEYS.get(digits or "")
    if center_id is None:
        return menu(ctx, digits, {})
    ctx.data["info_center"] = center_id
    ctx.state.did.append("information")
    return Next("info_more", _centre_info(ctx))


@step("info_more", says=lambda ctx: [ctx.say("info_more")])
def info_more(ctx: Ctx, digits: str | None) -> Outcome:
    """1 again, 2 another centre, 9 main menu."""
    return menu(
        ctx,
        digits,
        {
            "1": lambda: Next("info_more", _centre_info(ctx)),
            "2": lambda: Next("info"),
            "9": lambda: Next("main"),
        },
    )


def _callback(ctx: Ctx, topic: str) -> Outcome:
    ctx.data["topic"] = topic
    if ctx.state.caller is None:
        return Next("callback_number")
    return _leave_callback(ctx, ctx.state.caller)


def _leave_callback(ctx: Ctx, number: str) -> Outcome:
    topic = handoff.queue_for(ctx.data.get("topic", "general"), ctx.state.lang)
    callbacks.leave_request(
        ctx.runtime.redis, number=number, language=ctx.state.lang, topic=topic, now=ctx.now
    )
    ctx.state.did.append("callback")
    return Hangup((ctx.say("callback_taken"),))


@step("visit", says=lambda ctx: [ctx.say("visit_intro"), ctx.say("visit_menu")], topic="visit")
def visit(ctx: Ctx, digits: str | None) -> Outcome:
    """Home visits are arranged by a person: 1 speak to one now, 2 be called back, 3 hear the
    state of a request (steps_visit)."""
    return menu(
        ctx,
        digits,
        {
            "1": lambda: Operator("visit"),
            "2": lambda: _callback(ctx, "visit"),
            "3": lambda: _start(ctx, "visit_status", "visit_receipt"),
            "9": lambda: Next("main"),
        },
    )


@step("callback_offer", says=lambda ctx: [ctx.say("callback_offer")], topic="callback")
def callback_offer(ctx: Ctx, digits: str | None) -> Outcome:
    """Nobody can answer now: 1 leaves a callback request, 9 back to the menu."""
    topic = ctx.data.get("topic", "general")
    return menu(ctx, digits, {"1": lambda: _callback(ctx, topic), "9": lambda: Next("main")})


@step(
    "callback_number",
    says=lambda ctx: [ctx.say("callback_number_prompt")],
    entry=True,
    topic="callback",
)
def callback_number(ctx: Ctx, digits: str | None) -> Outcome:
    """A hidden caller keys in a number to be called back on."""
    if not digits:
        return Retry((ctx.say("no_input"),))
    try:
        number = normalize_phone(digits)
    except InvalidIdentifier:
        return Retry((ctx.say("invalid_entry"),))
    spoken = ctx.say("callback_number_value", digits=ctx.cat.digits(digits)).text
    return ask_to_confirm(
        ctx, field="callback_phone", value=number, spoken=spoken, back="callback_number"
    )


@after_confirm("callback_phone")
def _callback_number_confirmed(ctx: Ctx) -> Outcome:
    return _leave_callback(ctx, ctx.data["callback_phone"])


@step("anything_else", says=lambda ctx: [ctx.say("anything_else")])
def anything_else(ctx: Ctx, digits: str | None) -> Outcome:
    """After a task: 1 main menu; silence ends the call politely."""
    if digits is None:
        return Hangup()
    return menu(ctx, digits, {"1": lambda: Next("main")})


@step("queued", says=lambda ctx: [])
def queued(ctx: Ctx, digits: str | None) -> Outcome:
    """The queue let the caller go: after a conversation, end; else offer a callback."""
    result = ctx.extra.get("queue_result", "")
    if result != "bridged":
        handoff.left(ctx.runtime, call_sid=ctx.state.sid, reason=result or "left", now=ctx.now)
    if ctx.runtime.redis.get(CALLBACK_KEPT_PREFIX + ctx.state.sid):
        return Hangup()
    if result in {"bridged", "hangup"}:
        return Hangup()
    ctx.data["topic"] = ctx.data.get("queue", "general")
    return Next("callback_offer", (ctx.say("queue_left"),))
