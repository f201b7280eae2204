"""Steps for an existing booking: reference and birth date, then hear, change or cancel."""

from __future__ import annotations

from datetime import date, time

from booking_core.bookings import BookingDetails, cancel_booking, change_booking, get_booking
from booking_core.errors import BookingError, NotBookable, NotFound
from booking_core.held_bookings import held_booking
from booking_core.identifiers import InvalidIdentifier, normalize_reference
from ivr.catalog import Speech
from ivr.engine import Ctx, Next, Outcome, Retry, menu, step
from ivr.steps_booking import AFTER_BIRTH, HELD, OFFER, actor
from ivr.steps_confirm import details, refused, when


@step("reference", says=lambda ctx: [ctx.say("reference_prompt")], entry=True, topic="booking")
def reference(ctx: Ctx, digits: str | None) -> Outcome:
    """The 10-digit booking reference, then #."""
    if not digits:
        return Retry((ctx.say("no_input"),))
    try:
        number = normalize_reference(digits)
    except InvalidIdentifier:
        return Retry((ctx.say("invalid_entry"),))
    ctx.data["reference"] = number  # not read back alone: the booking found is read out
    return Next("birth")


def _remember(ctx: Ctx, found: BookingDetails) -> None:
    ctx.data.update(
        service=found.service_code,
        center=found.center_id,
        party=found.party_size,
        booked_day=found.day.isoformat(),
        booked_start=found.start.strftime("%H:%M"),
        status=found.status,
    )


def _told(ctx: Ctx) -> Speech:
    if ctx.data["status"] == "cancelled":
        return ctx.say("details_cancelled")
    if ctx.data["status"] != "active":
        return ctx.say("details_used")
    day = date.fromisoformat(ctx.data["booked_day"])
    at = time.fromisoformat(ctx.data["booked_start"])
    service, center, party = ctx.data["service"], ctx.data["center"], ctx.data["party"]
    return details(ctx, "details", service=service, center=center, day=day, at=at, party=party)


def _find(ctx: Ctx) -> Outcome:
    try:
        found = get_booking(
            ctx.runtime.uow(),
            reference=ctx.data["reference"],
            birth_date=date.fromisoformat(ctx.data["birth"]),
            now=ctx.now,
            actor=actor(ctx),
        )
    except NotFound:
        return Retry((ctx.say("booking_not_found"),), back_to="reference")
    _remember(ctx, found)
    if found.status != "active":
        return Next("anything_else", (_told(ctx),))
    return Next("manage", (_told(ctx),))


AFTER_BIRTH["manage"] = _find


@step("manage", says=lambda ctx: [ctx.say("manage_menu")], topic="booking")
def manage(ctx: Ctx, digits: str | None) -> Outcome:
    """1 hear the details, 2 change the date or time, 3 cancel, 9 main menu."""
    return menu(
        ctx,
        digits,
        {
            "1": lambda: Next("manage", (_told(ctx),)),
            "2": lambda: OFFER[0](ctx, ()),
            "3": lambda: Next("cancel"),
            "9": lambda: Next("main"),
        },
    )


def _cancel_prompt(ctx: Ctx) -> list[Speech]:
    day = date.fromisoformat(ctx.data["booked_day"])
    at = time.fromisoformat(ctx.data["booked_start"])
    return [ctx.say("cancel_ask", date=ctx.cat.date(day), time=ctx.cat.time(at))]


def _cancel(ctx: Ctx) -> Outcome:
    try:
        cancel_booking(  # the cancellation owes its text in the same transaction
            ctx.runtime.uow(),
            reference=ctx.data["reference"],
            birth_date=date.fromisoformat(ctx.data["birth"]),
            now=ctx.now,
            actor=actor(ctx),
        )
    except BookingError:
        return Next("anything_else", (ctx.say("booking_failed"),))
    ctx.state.did.append("cancelled")
    return Next("anything_else", (ctx.say("cancelled"),))


@step("cancel", says=_cancel_prompt, topic="booking")
def cancel(ctx: Ctx, digits: str | None) -> Outcome:
    """Asked to confirm: 1 cancels, 2 keeps the booking."""
    return menu(
        ctx,
        digits,
        {
            "1": lambda: _cancel(ctx),
            "2": lambda: Next("manage", (ctx.say("not_cancelled"),)),
        },
    )


def change(ctx: Ctx) -> Outcome:
    """Move the booking to the date and time read back."""
    day, at = when(ctx)
    try:
        moved = change_booking(
            ctx.runtime.uow(),
            reference=ctx.data["reference"],
            birth_date=date.fromisoformat(ctx.data["birth"]),
            day=day,
            start=at,
            now=ctx.now,
            actor=actor(ctx),
            policy=ctx.runtime.policy,
        )
    except NotBookable as error:
        if error.reason == "past":
            return Next("anything_else", (ctx.say("booking_past"),))
        return refused(ctx, error)
    except BookingError as error:
        return refused(ctx, error)
    _remember(ctx, moved)
    ctx.state.did.append("changed")
    return Next("anything_else", (ctx.say("changed"), _told(ctx)))


def _held(ctx: Ctx, notes: tuple[Speech, ...]) -> Outcome | None:
    """Right after the birth date: a booking the person already holds for the procedure is
    offered (1 hear or change it, 9 main menu) instead of being refused at the end."""
    found = held_booking(
        ctx.runtime.uow(),
        service=ctx.data["service"],
        birth_date=date.fromisoformat(ctx.data["birth"]),
        phone=ctx.state.caller,
        notice_number=ctx.data.get("notice"),
        now=ctx.now,
        actor=actor(ctx),
    )
    if found is None:
        return None
    ctx.data["reference"] = found.reference
    _remember(ctx, found)
    return Next("held", (*notes, ctx.say("held_booking", details=_told(ctx).text)))


HELD.append(_held)


@step("held", says=lambda ctx: [ctx.say("held_menu")], topic="booking")
def held(ctx: Ctx, digits: str | None) -> Outcome:
    """1 hears and changes the booking already held (the change menu); 9 main menu."""

    def to_manage() -> Outcome:
        ctx.data["flow"] = "manage"
        return Next("manage", (_told(ctx),))

    return menu(ctx, digits, {"1": to_manage, "9": lambda: Next("main")})
