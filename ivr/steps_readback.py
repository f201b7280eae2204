"""The read-back before booking or changing: 1 does what was read back, 2 starts over."""

from __future__ import annotations

from ivr.catalog import Speech
from ivr.engine import Ctx, Next, Outcome, menu, step
from ivr.steps_booking import wanted
from ivr.steps_confirm import book, details, when
from ivr.steps_manage import change


def _readback_prompt(ctx: Ctx) -> list[Speech]:
    center_id, service, size = wanted(ctx)
    day, at = when(ctx)
    if ctx.data["flow"] == "manage":
        return [
            ctx.say(
                "change_readback",
                center=ctx.cat.center(center_id),
                date=ctx.cat.date(day),
                time=ctx.cat.time(at),
            )
        ]
    told = details(ctx, "readback", service=service, center=center_id, day=day, at=at, party=size)
    return [told, ctx.say("readback_ask")]


START_OVER = {"issue": "notice", "procedure": "procedure", "manage": "date"}


@step("readback", says=_readback_prompt, topic="booking", handover=True)
def readback(ctx: Ctx, digits: str | None) -> Outcome:
    """1 books (or changes) as read back; 2 starts over."""
    act = change if ctx.data["flow"] == "manage" else book
    return menu(
        ctx, digits, {"1": lambda: act(ctx), "2": lambda: Next(START_OVER[ctx.data["flow"]])}
    )
