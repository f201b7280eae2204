"""Read-back and booking: everything is read back, then booked once (idempotent per CallSid)."""

from __future__ import annotations

from datetime import date, time

from booking_core.bookings import BookingDetails, BookingRequest, create_booking
from booking_core.errors import (
    AlreadyBooked,
    BookingError,
    NotBookable,
    SlotFull,
    TransportTooLate,
)
from booking_core.notices import will_text
from ivr.cached_availability import forget_day
from ivr.catalog import Speech
from ivr.engine import Ctx, Hangup, Next, Outcome, menu, step
from ivr.steps_booking import actor, offer_days, wanted
from ivr.steps_when import offer_nearest


def when(ctx: Ctx) -> tuple[date, time]:
    """The chosen date and time."""
    return date.fromisoformat(ctx.data["day"]), time.fromisoformat(ctx.data["start"])


def details(
    ctx: Ctx, key: str, *, service: str, center: str, day: date, at: time, party: int
) -> Speech:
    """A booking's details as one sentence."""
    return ctx.say(
        key,
        service=ctx.cat.service(service),
        center=ctx.cat.center(center),
        date=ctx.cat.date(day),
        time=ctx.cat.time(at),
        party=ctx.say("party_one" if party == 1 else "party", n=party).text,
    )


def request_of(ctx: Ctx) -> BookingRequest:
    """The booking request built from what the caller entered."""
    center_id, service, size = wanted(ctx)
    day, at = when(ctx)
    return BookingRequest(
        service=service,
        day=day,
        start=at,
        birth_date=date.fromisoformat(ctx.data["birth"]),
        center=center_id,
        party_size=size,
        phone=ctx.state.caller,
        notice_number=ctx.data.get("notice"),
        language=ctx.state.lang,
    )


def refused(ctx: Ctx, error: BookingError) -> Outcome:
    """Turn a rule the booking broke into words and the step to go back to."""
    day, at = when(ctx)
    if isinstance(error, SlotFull):
        center_id, service, _size = wanted(ctx)
        forget_day(ctx.runtime, center=center_id, service=service, day=day, now=ctx.now)
        spoken = (ctx.say("full_time", date=ctx.cat.date(day), time=ctx.cat.time(at)),)
        # the nearest times as the refusal read them: the cached day view did not know yet
        return offer_nearest(ctx, spoken, error.alternatives, day)
    if isinstance(error, TransportTooLate):
        ctx.data["min_day"] = error.earliest.isoformat()
        return offer_days(ctx, (ctx.say("transport_late", date=ctx.cat.date(day)),), day)
    if isinstance(error, NotBookable):
        return offer_days(ctx, (ctx.say("booking_failed"),), day)
    if isinstance(error, AlreadyBooked):
        return Next("main", (ctx.say("already_booked"),))
    return Next("main", (ctx.say("booking_failed"),))


def _sms(ctx: Ctx, made: BookingDetails) -> Speech:
    """Say whether the confirmation text the booking owes is coming, and why not."""
    if will_text(made):  # the booking's phone (the caller's) decides
        return ctx.say("sms_will_send")
    return ctx.say("sms_hidden" if ctx.state.hidden else "sms_not_mobile")


def reference_twice(ctx: Ctx) -> Speech:
    """The booking reference, digit by digit in groups of 3, 3 and 4, twice."""
    return ctx.say("reference_twice", digits=ctx.cat.reference(ctx.data["reference"]))


def book(ctx: Ctx) -> Outcome:
    """Book through the shared core; the key makes a retried webhook return the same booking."""
    key = f"ivr:{ctx.state.sid}:{ctx.state.booked}"
    try:
        made = create_booking(
            ctx.runtime.uow(),
            request_of(ctx),
            now=ctx.now,
            actor=actor(ctx),
            policy=ctx.runtime.policy,
            idempotency_key=key,
        )
    except BookingError as error:
        return refused(ctx, error)
    ctx.state.booked += 1
    ctx.state.did.append("booked")
    ctx.data["reference"] = made.reference
    bring = Speech(ctx.state.lang, ctx.cat.bring(made.service_code))
    told = (ctx.say("booked"), reference_twice(ctx), bring, ctx.say("arrival_rule"))
    return Next("booked", (*told, _sms(ctx, made)))


@step("booked", says=lambda ctx: [ctx.say("after_booked")])
def booked(ctx: Ctx, digits: str | None) -> Outcome:
    """* hears the reference again, 1 main menu, silence ends the call."""
    if digits is None:
        return Hangup()
    return menu(
        ctx,
        digits,
        {"*": lambda: Next("booked", (reference_twice(ctx),)), "1": lambda: Next("main")},
    )
