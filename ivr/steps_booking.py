"""Steps of a booking by keypad: issuance (notice, birth date) and other procedures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from booking_core.cards import lookup_card
from booking_core.errors import CardNotReady
from booking_core.identifiers import (
    InvalidIdentifier,
    contains_my_number,
    normalize_notice_number,
)
from booking_core.phone_entries import looks_too_old, parse_birth_date
from booking_core.policy import Actor
from booking_core.schedule import ServiceInfo, phone_menu
from ivr.cached_availability import days_with_room
from ivr.engine import Ctx, Next, Outcome, Retry, after_confirm, ask_to_confirm, menu, step
from ivr.steps_menu import CENTER_KEYS

# What follows a confirmed birth date, by flow ("manage" is added by steps_manage).
AFTER_BIRTH: dict[str, Callable[[Ctx], Outcome]] = {}


def actor(ctx: Ctx) -> Actor:
    """The caller as the audit log names them: the IVR channel and the CallSid."""
    return Actor.resident("ivr", ctx.state.sid)


def _entry_missing(ctx: Ctx) -> Retry:
    return Retry((ctx.say("no_input"),))


def _invalid(ctx: Ctx) -> Retry:
    return Retry((ctx.say("invalid_entry"),))


def _notice_prompt(ctx: Ctx) -> list:
    return [ctx.say("notice_prompt", digits=ctx.runtime.policy.notice_number_digits)]


@step("notice", says=_notice_prompt, entry=True, topic="booking", handover=True)
def notice(ctx: Ctx, digits: str | None) -> Outcome:
    """The 交付通知書 number, then #."""
    if not digits:
        return _entry_missing(ctx)
    wanted_digits = ctx.runtime.policy.notice_number_digits
    # a My Number is never taken: say what it is and what to key in instead
    if len(digits) == 12 or contains_my_number(digits):
        return Retry((ctx.say("my_number_refused", digits=wanted_digits),))
    try:
        number = normalize_notice_number(digits, wanted_digits)
    except InvalidIdentifier:
        return _invalid(ctx)
    ctx.data["notice"] = number  # no read-back of single entries: the whole booking is read back
    return Next("birth")


@step("birth", says=lambda ctx: [ctx.say("birth_prompt")], entry=True, topic="booking",
      handover=True)  # fmt: skip
def birth(ctx: Ctx, digits: str | None) -> Outcome:
    """The birth date as YYYYMMDD, then #."""
    if not digits:
        return _entry_missing(ctx)
    born = parse_birth_date(digits, ctx.now.date())
    if born is None:
        return _invalid(ctx)
    if looks_too_old(born, ctx.now.date()):  # the one entry that looks wrong is read back
        spoken = ctx.say("birth_value", birth=ctx.cat.birth_date(born)).text
        return ask_to_confirm(ctx, field="birth", value=born.isoformat(), spoken=spoken,
                              back="birth")  # fmt: skip
    ctx.data["birth"] = born.isoformat()
    return AFTER_BIRTH[ctx.data["flow"]](ctx)


@after_confirm("birth")
def _birth_confirmed(ctx: Ctx) -> Outcome:
    return AFTER_BIRTH[ctx.data["flow"]](ctx)


def _card_centre(ctx: Ctx) -> Outcome:
    """Issuance: the card's ward decides the centre, which is announced, not asked."""
    try:
        card = lookup_card(
            ctx.runtime.uow(),
            notice_number=ctx.data["notice"],
            birth_date=date.fromisoformat(ctx.data["birth"]),
            now=ctx.now,
            actor=actor(ctx),
            policy=ctx.runtime.policy,
        )
    except CardNotReady:
        return Retry((ctx.say("card_not_found"),), back_to="notice")
    ctx.data.update(center=card.center_id, party=1, min_day=card.earliest_day.isoformat())
    where = ctx.cat.center(card.center_id)
    told = ctx.say("card_centre", center=where, date=ctx.cat.date(card.earliest_day))
    return HELD[0](ctx, (told,)) or OFFER[0](ctx, (told,))


# Filled by later steps modules: a booking the person already holds (steps_manage: its step,
# or None), and the offer of the earliest time (steps_when).
HELD: list[Callable[[Ctx, tuple], Outcome | None]] = []
OFFER: list[Callable[[Ctx, tuple], Outcome]] = []

AFTER_BIRTH["issue"] = _card_centre
AFTER_BIRTH["procedure"] = lambda ctx: HELD[0](ctx, ()) or Next("party")


def _procedures(ctx: Ctx) -> list[ServiceInfo]:
    """The procedures of the phone menu with their keys, as administrators set them."""
    return phone_menu(ctx.runtime.uow())


def _procedure_prompt(ctx: Ctx) -> list:
    pairs = [(s.ivr_key or "", s.name_en if ctx.cat.code == "en" else s.name_ja) for s in
             _procedures(ctx)]  # fmt: skip
    return [ctx.say("procedure_prompt", choices=ctx.cat.keyed_choices(pairs))]


@step("procedure", says=_procedure_prompt, topic="booking", handover=True)
def procedure(ctx: Ctx, digits: str | None) -> Outcome:
    """Which procedure, one key as the phone menu (administrators' data) gives it."""
    service = next((s.code for s in _procedures(ctx) if s.ivr_key == digits), None)
    if service is None or not digits:
        return menu(ctx, digits, {})
    ctx.data["service"] = service
    return Next("center")


@step("center", says=lambda ctx: [ctx.say("center_prompt")], topic="booking", handover=True)
def center(ctx: Ctx, digits: str | None) -> Outcome:
    """Which centre, one key 1-4."""
    center_id = CENTER_KEYS.get(digits or "")
    if center_id is None:
        return menu(ctx, digits, {})
    ctx.data["center"] = center_id
    return Next("birth")


def _party_prompt(ctx: Ctx) -> list:
    return [ctx.say("party_prompt", max=ctx.runtime.policy.max_party_size)]


@step("party", says=_party_prompt, topic="booking", handover=True)
def party(ctx: Ctx, digits: str | None) -> Outcome:
    """How many people, one key."""
    keys = {str(n) for n in range(1, ctx.runtime.policy.max_party_size + 1)}
    if digits not in keys:
        return menu(ctx, digits, {})
    ctx.data["party"] = int(digits or "1")
    return OFFER[0](ctx, ())


def wanted(ctx: Ctx) -> tuple[str, str, int]:
    """Centre, procedure and party size of the booking being made or changed."""
    return ctx.data["center"], ctx.data["service"], int(ctx.data.get("party", 1))


def min_day(ctx: Ctx) -> date:
    """The first day the caller may pick (a card's transport, else today)."""
    first = ctx.data.get("min_day")
    today = ctx.now.date()
    return max(date.fromisoformat(first), today) if first else today


def offer_days(ctx: Ctx, notes: tuple, around: date) -> Outcome:
    """Say why, then offer the nearest dates with room (or ask for another date)."""
    center_id, service, size = wanted(ctx)
    days = days_with_room(
        ctx.runtime,
        center=center_id,
        service=service,
        around=max(around, min_day(ctx)),
        party=size,
        now=ctx.now,
    )
    days = [d for d in days if d >= min_day(ctx)]
    if not days:
        return Retry((*notes, ctx.say("no_room")), back_to="date")
    ctx.data["alts"] = [[d.isoformat(), None] for d in days]
    return Next("choose", notes)
