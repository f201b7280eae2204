"""The daily reminder run: at the reminder hour of each call-centre day, the next days' bookings
(booking_core.reminders) and home visits (booking_core.visit_notices) owe their reminders. A
Redis key marks a day whose run is done, so several workers do not repeat it; a second run would
owe nothing more anyway."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from booking_core import schedule
from booking_core.calendar import TOKYO
from booking_core.reminders import LOOK_AHEAD_DAYS, ReminderRun, owe_reminders, reminder_days
from booking_core.visit_notices import owe_visit_reminders
from queues.keys import PREFIX
from runtime.bootstrap import Runtime

log = logging.getLogger(__name__)
DONE_FOR = timedelta(days=3)


def done_key(day: date) -> str:
    """Set once the reminders owed on a day have been owed."""
    return f"{PREFIX}reminders:{day.isoformat()}"


def days_to_remind(runtime: Runtime, today: date) -> list[date]:
    """The appointment days whose reminders are owed on `today` (call-centre closures known)."""
    closures = schedule.closures(runtime.uow(), start=today,
                                 end=today + timedelta(days=LOOK_AHEAD_DAYS))  # fmt: skip
    return reminder_days(today, closures)


def send_reminders(runtime: Runtime, *, days: list[date] | None = None) -> ReminderRun:
    """Owe the reminders of these days (default: those owed today); the CLI and the loop."""
    now = runtime.clock.now()
    if days is None:
        days = days_to_remind(runtime, now.astimezone(TOKYO).date())
    return owe_reminders(runtime.uow(), days=days, now=now, policy=runtime.policy)


def reminders_due(runtime: Runtime) -> ReminderRun | None:
    """Once the reminder hour of today has come, owe today's reminders (once a day)."""
    now = runtime.clock.now()
    local = now.astimezone(TOKYO)
    if local.time() < runtime.policy.reminder_time or runtime.redis.exists(done_key(local.date())):
        return None
    run = send_reminders(runtime)
    visits = sum(
        owe_visit_reminders(runtime.uow(), day=day, now=now) for day in run.days
    )  # home visits of the same days (booking_core.visit_notices)
    runtime.redis.set(done_key(local.date()), "1", ex=DONE_FOR)
    if run.owed or visits:
        log.info("reminders for %s: %d bookings, %d home visits",
                 ",".join(map(str, run.days)), run.owed, visits)  # fmt: skip
    return run
