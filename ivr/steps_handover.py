"""Key `8` in the booking steps: a text with a link that continues the booking on the web.

Only a mobile can receive it (booking_core.phone_handover.offered_to): there the date prompt
and any failed try in a booking step say so (not the first prompts: the booking by the
earliest time stays within its 100 s of speech), and `8` keeps what was entered on the
server and owes one text; on a landline or a hidden number `8` is not offered and counts as a
key that is not a choice, with a word why. Changes and home visits are not continued so.
"""

from __future__ import annotations

from booking_core.phone_handover import entries_of, hand_over, offered_to
from ivr.catalog import Speech
from ivr.engine import HANDOVER, Ctx, Outcome, Repeat, Retry
from queues.jobs import owe_handover_text

# The flows that make a new booking (a change or a home visit is not continued on the web).
BOOKING_FLOWS = frozenset({"issue", "procedure"})


def hint(ctx: Ctx, *, entry: bool = False) -> list[Speech]:
    """The short offer of `8`, said in a booking menu on a mobile only."""
    if not offered_to(ctx.state.caller) or ctx.data.get("flow") not in BOOKING_FLOWS:
        return []
    return [ctx.say("handover_hint_entry" if entry else "handover_hint")]


def with_hint(ctx: Ctx, prompt: list[Speech], *, entry: bool = False) -> list[Speech]:
    """The prompt with the offer of `8` said at its end (one line, so the prompt stays last)."""
    offer = hint(ctx, entry=entry)
    if not offer or not prompt:
        return prompt
    last = prompt[-1]
    space = "" if last.lang in ("ja", "zh") else " "
    joined = Speech(
        last.lang, f"{last.text}{space}{offer[0].text}", fixed=last.fixed and offer[0].fixed
    )
    return [*prompt[:-1], joined]


def handover(ctx: Ctx) -> Outcome | None:
    """Keep the entries for the web, owe the text, and go on where the caller was (None: `8`
    means nothing here, outside a new booking)."""
    if ctx.data.get("flow") not in BOOKING_FLOWS:
        return None
    caller = ctx.state.caller
    if caller is None or not offered_to(caller):
        return Retry((ctx.say("handover_mobile_only"),))
    token, first, owed = hand_over(
        ctx.runtime.uow(),
        ctx.runtime.redis,
        secret_key=ctx.runtime.settings.secret_key,
        call_sid=ctx.state.sid,
        caller=caller,
        entries=entries_of(ctx.data, ctx.state.lang),
        now=ctx.now,
    )
    if owed:  # not begun yet: (again) queue the job; a twin finds the send claimed
        owe_handover_text(ctx.runtime, token)
    return Repeat((ctx.say("handover_sent" if first else "handover_again"),))


HANDOVER.append(handover)
