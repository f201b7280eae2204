"""Every call to the line, recorded when it ends: what the phone menu (IVR) did on its own and,
when the caller went on to an agent queue, how that ended (answered, abandoned, callback).

The city's 応答率 is reported for the whole line, so the calls the menu handled alone must be
counted as well as those offered to agents (booking_core.city_reports reads these rows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from booking_core.db import UnitOfWork
from booking_core.report_models import PhoneMenuCall

# What a caller can get done in the menu, in the order that names a call's outcome.
ACTIONS = ("booked", "changed", "cancelled", "callback", "information")
TO_AGENT, HUNG_UP = "to_agent", "hung_up"
OUTCOMES = (*ACTIONS, TO_AGENT, HUNG_UP)
QUEUE_RESULTS = ("answered", "abandoned", "callback", "other")


@dataclass(frozen=True)
class EndedCall:
    """A call as it ended: what the menu did, and the agent queue it reached (if any)."""

    call_sid: str
    ended_at: datetime
    language: str
    actions: Sequence[str] = ()
    queue: str | None = None
    queue_result: str | None = None
    wait_seconds: int | None = None

    @property
    def outcome(self) -> str:
        """to_agent when it reached a queue; else the weightiest thing done; else hung_up."""
        if self.queue:
            return TO_AGENT
        return next((a for a in ACTIONS if a in self.actions), HUNG_UP)


def record_ended_call(uow: UnitOfWork, call: EndedCall) -> bool:
    """Store a call that ended; a repeated status callback for the same call stores nothing."""
    with uow:
        known = uow.session.scalar(
            select(PhoneMenuCall.id).where(PhoneMenuCall.call_sid == call.call_sid)
        )
        if known is not None:
            return False
        uow.session.add(
            PhoneMenuCall(
                call_sid=call.call_sid,
                ended_at=call.ended_at,
                language=call.language,
                outcome=call.outcome,
                actions=",".join(a for a in call.actions if a in ACTIONS)[:200],
                queue=call.queue,
                queue_result=call.queue_result if call.queue else None,
                wait_seconds=call.wait_seconds if call.queue else None,
            )
        )
        try:
            uow.commit()
        except IntegrityError:  # the same callback, delivered twice at once
            return False
        return True
