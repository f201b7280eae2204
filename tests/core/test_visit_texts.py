"""A home visit's texts go through the bookings' outbox: sent once, and not when superseded."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from booking_core.calendar import TOKYO
from booking_core.models import Notification
from booking_core.visit_life import record_outcome, schedule_visit
from booking_core.visit_notices import owe_visit_reminders
from queues.reminders import reminders_due
from tests.conftest import work_notifications
from tests.core.conftest import COORDINATOR

MOBILE = "+819012345678"


def _schedule(runtime, clock, team, member, reference: str, day: date) -> None:
    schedule_visit(runtime.uow(), reference=reference, day=day, team_id=team.team_id,
                   city_staff_id=member.staff_id, now=clock.now(), actor=COORDINATOR,
                   policy=runtime.policy)  # fmt: skip


def _kinds(runtime) -> list[tuple[str, str]]:
    with runtime.uow() as uow:
        rows = uow.session.execute(
            select(Notification.kind, Notification.status).order_by(Notification.id)
        )
        return [(kind.split(":")[0], status) for kind, status in rows]


def test_the_resident_is_texted_the_visit_date_once(
    runtime, clock, texts, visit_request, visit_team, city_member
):
    made = visit_request()
    _schedule(runtime, clock, visit_team, city_member, made.reference, date(2026, 11, 6))
    work_notifications(runtime)
    work_notifications(runtime)
    [only] = texts.texts_to(MOBILE)
    assert f"受付番号:{made.reference}" in only and "訪問日:11月6日(金)" in only
    assert _kinds(runtime) == [("visit_scheduled", "sent")]


def test_a_postponed_and_rescheduled_visit_texts_only_the_new_date(
    runtime, clock, texts, visit_request, visit_team, city_member
):
    made = visit_request()
    _schedule(runtime, clock, visit_team, city_member, made.reference, date(2026, 11, 6))
    record_outcome(runtime.uow(), reference=made.reference, outcome="postponed",
                   reason="ご家族の都合", now=clock.now(), actor=COORDINATOR)  # fmt: skip
    _schedule(runtime, clock, visit_team, city_member, made.reference, date(2026, 11, 9))
    work_notifications(runtime)
    [only] = texts.texts_to(MOBILE)
    assert "訪問日:11月9日(月)" in only
    assert _kinds(runtime) == [("visit_scheduled", "skipped"), ("visit_scheduled", "sent")]


def test_the_day_before_the_resident_is_reminded(
    runtime, clock, texts, visit_request, visit_team, city_member
):
    made = visit_request()
    _schedule(runtime, clock, visit_team, city_member, made.reference, date(2026, 11, 6))
    thursday = datetime(2026, 11, 5, 10, 0, tzinfo=TOKYO)
    owe_visit_reminders(runtime.uow(), day=date(2026, 11, 6), now=thursday)
    work_notifications(runtime)
    assert any("明日11月6日(金)の午後" in text for text in texts.texts_to(MOBILE))


def test_the_reminder_command_owes_tomorrows_reminders_once(
    app, runtime, clock, visit_request, visit_team, city_member
):
    made = visit_request()
    _schedule(runtime, clock, visit_team, city_member, made.reference, date(2026, 11, 6))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["visit-reminders", "--date", "2026-11-06"])
    second = runner.invoke(args=["visit-reminders", "--date", "2026-11-06"])
    assert first.output == "2026-11-06: 1 visit reminders owed\n"
    assert second.output == "2026-11-06: 0 visit reminders owed\n"


def test_the_worker_s_daily_reminder_run_reminds_the_next_day_s_visits(
    runtime, clock, texts, visit_request, visit_team, city_member
):
    made = visit_request()
    _schedule(runtime, clock, visit_team, city_member, made.reference, date(2026, 11, 6))
    clock.set(datetime(2026, 11, 5, 10, 0, tzinfo=TOKYO))
    reminders_due(runtime)
    reminders_due(runtime)  # once a day
    assert _kinds(runtime) == [("visit_scheduled", "pending"), ("visit_reminder", "pending")]
