"""The reminder run by hand (`flask send-reminders`) and by the worker's daily chores."""

from __future__ import annotations

from datetime import date, datetime

from booking_core.calendar import TOKYO
from queues.reminders import reminders_due
from tests.conftest import owed_texts

THURSDAY = date(2026, 11, 5)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 5, hour, minute, tzinfo=TOKYO)


def test_send_reminders_owes_the_next_business_day_s_reminders_once(
    app, runtime, clock, appointment
):
    reference = appointment()
    clock.set(at(10))
    cli = app.test_cli_runner()
    first = cli.invoke(args=["send-reminders"])
    assert first.exit_code == 0, first.output
    assert "reminders for 2026-11-06: 1 newly owed (due: sms 1;" in first.output
    again = cli.invoke(args=["send-reminders", "--date", "2026-11-06"])
    assert "0 newly owed" in again.output
    assert [k for k, _s in owed_texts(runtime, reference)][-1] == "sms_reminder:2026-11-06"


def test_the_worker_owes_the_day_s_reminders_once_at_the_reminder_hour(runtime, clock, appointment):
    reference = appointment()
    clock.set(at(9, 59))
    assert reminders_due(runtime) is None
    clock.set(at(10, 0))
    run = reminders_due(runtime)
    assert run is not None and (run.days, run.owed) == ((date(2026, 11, 6),), 1)
    clock.set(at(10, 1))
    assert reminders_due(runtime) is None  # done for today
    assert len(owed_texts(runtime, reference)) == 2
