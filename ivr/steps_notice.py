"""Calls the city places: a reminder the day before (1 keep, 2 cancel, 0 operator) and a closure
notice (1 operator to choose a new time, 2 cancel); * repeats, never a failed try."""

from __future__ import annotations

from datetime import date, time

from booking_core.booking_changes import birth_date_of, cancel_booking
from booking_core.errors import BookingError
from booking_core.policy import Actor
from booking_core.reminders import NoticeCall, heard, notice_call
from ivr.catalog import CATALOGS, Speech
from ivr.engine import Ctx, Hangup, Next, Operator, Outcome, menu, step
from ivr.state import CallState


def start_state(call_sid: str, call: NoticeCall) -> CallState:
    """The state of a notice call as it is answered."""
    return CallState(
        call_sid,
        call.phone,
        lang=call.language if call.language in CATALOGS else "ja",
        step="placed_call",
        data={
            "notice": call.notification_id,
            "purpose": call.purpose,
            "reference": call.reference,
            "center": call.center_id,
            "service": call.service_code,
            "day": call.day.isoformat(),
            "start": call.start.isoformat(timespec="minutes"),
        },
    )


def placed_by_city(state: CallState) -> bool:
    """True for a reminder or closure call the city placed (not a call to the line)."""
    # "purpose", not "notice": an issuance caller's data holds the notice *number* as "notice"
    return "purpose" in state.data


def _about(ctx: Ctx) -> list[Speech]:
    data, cat = ctx.data, ctx.cat
    values = {
        "date": cat.date(date.fromisoformat(data["day"])),
        "time": cat.time(time.fromisoformat(data["start"])),
        "center": cat.center(data["center"]),
        "service": cat.service(data["service"]),
    }
    if data["purpose"] == "closure":
        return [ctx.say("notice_closure", **values), ctx.say("notice_closure_menu")]
    return [ctx.say("notice_reminder", **values), ctx.say("notice_reminder_menu")]


def _call(ctx: Ctx) -> NoticeCall | None:
    return notice_call(ctx.runtime.uow(), int(ctx.data["notice"]))


def _heard(ctx: Ctx, answer: str) -> None:
    if (call := _call(ctx)) is not None:
        heard(ctx.runtime.uow(), call, answer=answer, now=ctx.now)


def _keep(ctx: Ctx) -> Outcome:
    _heard(ctx, "kept")
    return Hangup((ctx.say("notice_kept"),))


def _operator(ctx: Ctx) -> Outcome:
    _heard(ctx, "operator")
    return Operator("booking")


@step("placed_call", says=_about, topic="booking")
def notice(ctx: Ctx, digits: str | None) -> Outcome:
    """The reminder or closure, then its keys."""
    call = _call(ctx)
    if call is None or call.status != "active":
        return Hangup((ctx.say("notice_not_active"),))
    if ctx.data["purpose"] == "closure":
        options = {"1": lambda: _operator(ctx), "0": lambda: _operator(ctx)}
    else:
        options = {"1": lambda: _keep(ctx), "0": lambda: _operator(ctx)}
    options |= {"2": lambda: Next("placed_call_cancel"), "*": lambda: Next("placed_call")}
    return menu(ctx, digits, options)


def _cancel(ctx: Ctx) -> Outcome:
    reference = ctx.data["reference"]
    uow = ctx.runtime.uow()
    try:
        cancel_booking(
            uow, reference=reference, birth_date=birth_date_of(uow, reference), now=ctx.now,
            actor=Actor.resident("ivr", ctx.state.sid),
        )  # fmt: skip
    except BookingError:
        return Hangup((ctx.say("notice_not_active"),))
    return Hangup((ctx.say("cancelled"),))


@step("placed_call_cancel", says=lambda ctx: [ctx.say("notice_cancel_confirm")], topic="booking")
def notice_cancel(ctx: Ctx, digits: str | None) -> Outcome:
    """Cancel only once the resident confirms."""
    return menu(ctx, digits, {"1": lambda: _cancel(ctx), "2": lambda: Next("placed_call"),
                              "*": lambda: Next("placed_call_cancel")})  # fmt: skip
