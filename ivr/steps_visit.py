"""Steps of a home visit's state by phone: the 8-digit receipt number and the birth date."""

from __future__ import annotations

from datetime import date

from booking_core.errors import NotFound
from booking_core.home_visits import REFERENCE_DIGITS, request_status
from booking_core.identifiers import ascii_digits
from ivr.engine import Ctx, Next, Outcome, Retry, step
from ivr.steps_booking import AFTER_BIRTH, actor

SPOKEN_STATES = ("requested", "scheduled", "done", "not_at_home", "cancelled")


@step("visit_receipt", says=lambda ctx: [ctx.say("visit_receipt_prompt")], entry=True,
      topic="visit")  # fmt: skip
def visit_receipt(ctx: Ctx, digits: str | None) -> Outcome:
    """The 8-digit receipt number of a home-visit request, then #."""
    if not digits:
        return Retry((ctx.say("no_input"),))
    number = ascii_digits(digits)
    if len(number) != REFERENCE_DIGITS or not number.isdigit():
        return Retry((ctx.say("invalid_entry"),))
    ctx.data["receipt"] = number  # not read back alone: the request found is read out
    return Next("birth")


def _visit_state(ctx: Ctx) -> Outcome:
    """Read the request's state, and its visit day once fixed."""
    try:
        found = request_status(ctx.runtime.uow(), reference=ctx.data["receipt"],
                               birth_date=date.fromisoformat(ctx.data["birth"]), now=ctx.now,
                               actor=actor(ctx))  # fmt: skip
    except NotFound:
        return Retry((ctx.say("visit_not_found"),), back_to="visit_receipt")
    day = ctx.cat.date(found.visit_day) if found.visit_day else ""
    return Next("anything_else", (ctx.say(f"visit_state_{found.status}", day=day),))


AFTER_BIRTH["visit_status"] = _visit_state
