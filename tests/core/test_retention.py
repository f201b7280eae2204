"""Retention: old bookings lose their personal data but keep their figures; unused accounts are
disabled, never the last administrator; audited; a second run changes nothing more."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from booking_core.bookings import create_booking
from booking_core.models import AuditEvent, Booking, StaffUser
from booking_core.policy import Actor
from booking_core.retention import ANONYMOUS_BIRTH_DATE, run_retention
from booking_core.staff import authenticate, create_user


def _booking(runtime, clock, booking_request, **overrides):
    return create_booking(runtime.uow(), booking_request(**overrides), now=clock.now(),
                          actor=Actor.resident("web"), policy=runtime.policy).reference  # fmt: skip


def _row(runtime, reference):
    with runtime.uow() as uow:
        row = uow.session.scalar(select(Booking).where(Booking.reference == reference))
        uow.session.expunge(row)
        return row


def test_a_booking_a_year_past_loses_its_personal_data_but_keeps_its_figures(
    runtime, clock, booking_request
):
    old = _booking(runtime, clock, booking_request)
    recent = _booking(runtime, clock, booking_request, day=date(2026, 11, 9), start=time(15, 0),
                      phone="+819055556666")  # fmt: skip
    clock.set(clock.now() + timedelta(days=370))  # 2027-11-07: 6 Nov 2026 is over a year ago
    dry = run_retention(runtime.uow(), now=clock.now(), dry_run=True)
    assert (dry.bookings, _row(runtime, old).name) == (1, "横浜 花子")
    done = run_retention(runtime.uow(), now=clock.now())
    assert (done.before_day, done.bookings) == (date(2026, 11, 7), 1)
    gone = _row(runtime, old)
    assert (gone.name, gone.kana, gone.phone, gone.birth_date, gone.person_key) == (
        "", "", None, ANONYMOUS_BIRTH_DATE, None,
    )  # fmt: skip
    assert (gone.center_id, gone.service_code, gone.day, gone.start, gone.channel) == (
        "yokohama", "cert", date(2026, 11, 6), time(14, 0), "web",
    )  # fmt: skip
    assert _row(runtime, recent).name == "横浜 花子"
    assert run_retention(runtime.uow(), now=clock.now()).bookings == 0


def test_unused_accounts_are_disabled_but_never_the_last_administrator(runtime, clock):
    for name, role in (("aoki", "agent"), ("ueda", "reception"), ("kanri", "admin")):
        create_user(runtime.uow(), username=name, password="correct horse battery", role=role,
                    now=clock.now())  # fmt: skip
    clock.set(clock.now() + timedelta(days=60))
    authenticate(runtime.uow(), username="ueda", password="correct horse battery", now=clock.now())
    clock.set(clock.now() + timedelta(days=40))
    done = run_retention(runtime.uow(), now=clock.now(), inactive_days=90)
    assert done.disabled == ("aoki",)
    with runtime.uow() as uow:
        active = dict(uow.session.execute(select(StaffUser.username, StaffUser.active)).all())
        actions = uow.session.scalars(select(AuditEvent.action).where(
            AuditEvent.actor == "system:retention").order_by(AuditEvent.id)).all()  # fmt: skip
    assert active == {"aoki": False, "ueda": True, "kanri": True}
    assert actions == ["staff.disable", "retention.run"]


def test_a_call_record_a_year_old_loses_the_number_and_note_but_keeps_its_topic(runtime, clock):
    from booking_core.call_records import record_wrap_up
    from booking_core.callcentre_models import CallRecord

    record_wrap_up(
        runtime.uow(), call_sid="CA-old", queue="general", kind="call", code="enquiry",
        note="住所変更の相談", now=clock.now(), actor=Actor.staff("aoki"), topic="procedure",
        caller="+819011110001",
    )  # fmt: skip
    run_retention(runtime.uow(), now=clock.now() + timedelta(days=366))
    with runtime.uow() as uow:
        row = uow.session.scalars(select(CallRecord)).one()
        assert (row.caller, row.note, row.topic, row.wrap_code) == ("", "", "procedure", "enquiry")
