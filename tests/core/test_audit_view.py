"""The audit log viewer: filters by date, member of staff, booking and action; a booking's
reads by staff are found by its reference; CSV export; looking is audited too."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta

from booking_core.audit_view import AuditFilter, audit_events, export_csv
from booking_core.bookings import create_booking
from booking_core.card_list import withdraw_card
from booking_core.counter import counter_day
from booking_core.policy import Actor
from booking_core.resident_records import search

ADMIN = Actor.staff("kanri", channel="admin")
AGENT = Actor.staff("aoki")


def _look(runtime, clock, **wanted):
    return audit_events(runtime.uow(), AuditFilter(**wanted), now=clock.now(), actor=ADMIN)


def test_a_staff_read_of_a_booking_is_found_by_its_reference(
    runtime, clock, booking_request, policy
):
    made = create_booking(runtime.uow(), booking_request(), now=clock.now(),
                          actor=Actor.resident("web"), policy=policy)  # fmt: skip
    other = create_booking(runtime.uow(), booking_request(phone="+819055556666"), now=clock.now(),
                           actor=Actor.resident("web"), policy=policy)  # fmt: skip
    clock.set(clock.now() + timedelta(minutes=5))
    search(runtime.uow(), reference=made.reference, now=clock.now(), actor=AGENT, policy=policy)
    counter_day(runtime.uow(), center_id="yokohama", day=date(2026, 11, 6), now=clock.now(),
                actor=Actor.staff("ueda", "counter"), policy=policy)  # fmt: skip
    found = _look(runtime, clock, reference=made.reference)
    assert [(e.actor, e.action) for e in found] == [
        ("staff:ueda", "counter.day_list"), ("staff:aoki", "booking.read"),
        ("resident:anonymous", "booking.create"),
    ]  # fmt: skip
    assert other.reference not in {e.entity_id for e in found}


def test_filters_by_staff_action_and_date(runtime, clock, booking_request, policy):
    made = create_booking(runtime.uow(), booking_request(), now=clock.now(),
                          actor=Actor.resident("web"), policy=policy)  # fmt: skip
    clock.set(clock.now() + timedelta(days=1))
    search(runtime.uow(), reference=made.reference, now=clock.now(), actor=AGENT, policy=policy)
    by_staff = _look(runtime, clock, staff="aoki")
    assert [e.action for e in by_staff] == ["booking.read"]
    assert [e.action for e in _look(runtime, clock, action="booking.")] == [
        "booking.read", "booking.create",
    ]  # fmt: skip
    first_day = _look(runtime, clock, day_from=date(2026, 11, 2), day_to=date(2026, 11, 2))
    assert [e.action for e in first_day] == ["booking.create"]


def test_the_export_is_csv_with_a_header_and_looking_is_audited(
    runtime, clock, booking_request, policy
):
    create_booking(runtime.uow(), booking_request(), now=clock.now(),
                   actor=Actor.resident("web"), policy=policy)  # fmt: skip
    text = export_csv(runtime.uow(), AuditFilter(action="booking.create"), now=clock.now(),
                      actor=ADMIN)  # fmt: skip
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][:4] == ["id", "at", "actor", "action"]
    assert [r[3] for r in rows[1:]] == ["booking.create"]
    looked = _look(runtime, clock, staff="kanri")
    assert [e.action for e in looked] == ["audit.export"]
    assert looked[0].detail == {"filter": {"action": "booking.create"}, "rows": 1}


def test_a_card_withdrawal_that_shows_whom_to_call_is_a_read_of_the_booking(
    runtime, clock, ready_card, booking_request, policy
):
    ready_card()
    request = booking_request(
        service="issue", center=None, notice_number="123456789", birth_date=date(1950, 4, 1),
        day=date(2026, 11, 9), start=time(14, 0),
    )  # fmt: skip
    made = create_booking(runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"),
                          policy=policy)  # fmt: skip
    withdraw_card(runtime.uow(), notice_number="123456789", reason="券面誤り", now=clock.now(),
                  actor=Actor.staff("sato", "admin"))  # fmt: skip
    found = _look(runtime, clock, reference=made.reference, staff="sato")
    assert sorted((e.action, e.entity_id) for e in found) == [
        ("booking.read", made.reference), ("card.withdrawn", "123456789"),
    ]  # fmt: skip
