"""The go-live import: a dry run lists every problem by line, the import takes places like a
booking in one transaction, refuses overbooked bands or leaves them out whole, and runs twice
without importing anything more."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from booking_core.booking_import import ImportRefused, import_bookings, preview_import
from booking_core.models import AuditEvent, Booking, Notification, Slot
from booking_core.policy import Actor

ADMIN = Actor.staff("kanri", channel="admin")


def _import(runtime, clock, data, **options):
    return import_bookings(runtime.uow(), data, now=clock.now(), actor=ADMIN,
                           policy=runtime.policy, **options)  # fmt: skip


def _preview(runtime, clock, data):
    return preview_import(runtime.uow(), data, now=clock.now(), actor=ADMIN, policy=runtime.policy)


def _count(runtime, model, *where):
    with runtime.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model).where(*where))


def _booked(runtime, center="yokohama", day=date(2026, 11, 6), start=time(14, 0)):
    with runtime.uow() as uow:
        return uow.session.scalar(
            select(Slot.booked).where(Slot.center_id == center, Slot.day == day,
                                      Slot.start == start, Slot.group == "issue_renew")
        )  # fmt: skip


def test_a_dry_run_lists_every_problem_by_line_and_changes_nothing(runtime, clock, bookings_csv):
    data = bookings_csv(
        {},
        {"center": "mars", "phone": "090-1111-2222"},
        {"date": "6/11/2026", "phone": "090-1111-3333"},
        {"name": "123456789018", "phone": "090-1111-4444"},  # a My Number in a name column
        {"date": "2026-11-04", "phone": "090-1111-5555"},  # a Wednesday: closed
        {"start": "10:00", "phone": "090-1111-6666"},  # before a weekday's opening
        {"phone": ""},
    )
    plan = _preview(runtime, clock, data)
    assert [(p.line, p.code) for p in plan.problems] == [
        (3, "unknown_center"), (4, "bad_date"), (5, "my_number_found"), (6, "closed"),
        (7, "outside_hours"), (8, "who_required"),
    ]  # fmt: skip
    assert plan.lines == 7 and len(plan.new) == 1
    assert "123456789018" not in " ".join(p.message for p in plan.problems)
    assert _count(runtime, Booking) == 0 and _count(runtime, Slot) == 0


def test_an_import_takes_places_like_a_booking_and_twice_imports_nothing_more(
    runtime, clock, bookings_csv
):
    data = bookings_csv({"reference": "OLD-0001"}, {"phone": "090-2222-3333", "party_size": "3"})
    done = _import(runtime, clock, data)
    assert (done.imported, done.already_imported, done.notified) == (2, 0, 0)
    assert _booked(runtime) == 4
    again = _import(runtime, clock, data)
    assert (again.imported, again.already_imported) == (0, 2)
    assert _booked(runtime) == 4 and _count(runtime, Booking) == 2
    with runtime.uow() as uow:
        kept = uow.session.scalar(select(Booking).where(Booking.reference == "OLD-0001"))
        assert (kept.channel, kept.status, kept.phone) == ("import", "active", "+819012345678")
    assert _count(runtime, Notification) == 0  # texts only when asked for
    assert _count(runtime, AuditEvent, AuditEvent.action == "booking.import") == 2


def test_texts_are_owed_only_when_asked_and_only_to_mobiles(runtime, clock, bookings_csv):
    data = bookings_csv({}, {"phone": "045-123-4567"})
    done = _import(runtime, clock, data, notify=True)
    assert (done.imported, done.notified) == (2, 1)
    assert _count(runtime, Notification, Notification.kind == "sms_confirmation") == 1


def test_an_overbooked_band_refuses_the_whole_file(runtime, clock, bookings_csv, one_place_band):
    one_place_band(places=2)
    data = bookings_csv({}, {"phone": "090-2222-3333"}, {"phone": "090-4444-5555"},
                        {"phone": "090-6666-7777", "start": "15:00"})  # fmt: skip
    plan = _preview(runtime, clock, data)
    [band] = plan.full_bands
    assert (band.start, band.wanted, band.left, band.lines) == (time(14, 0), 3, 2, (2, 3, 4))
    with pytest.raises(ImportRefused) as refused:
        _import(runtime, clock, data)
    assert [p.code for p in refused.value.problems] == ["band_full"]
    assert _count(runtime, Booking) == 0


def test_an_overbooked_band_can_be_left_out_whole(runtime, clock, bookings_csv, one_place_band):
    one_place_band(places=2)
    data = bookings_csv({}, {"phone": "090-2222-3333"}, {"phone": "090-4444-5555"},
                        {"phone": "090-6666-7777", "start": "15:00"})  # fmt: skip
    done = _import(runtime, clock, data, leave_out_full_bands=True)
    assert (done.imported, [b.start for b in done.left_out]) == (1, [time(14, 0)])
    assert _booked(runtime) in (None, 0)  # the 14:00 band: nothing taken, not half imported
    assert _booked(runtime, start=time(15, 0)) == 1


def test_a_person_already_booked_or_twice_in_the_file_is_a_problem(runtime, clock, bookings_csv):
    _import(runtime, clock, bookings_csv({}))
    data = bookings_csv({"start": "15:00"}, {"phone": "090-2222-3333"},
                        {"phone": "090-2222-3333", "start": "16:00"})  # fmt: skip
    plan = _preview(runtime, clock, data)
    assert [(p.line, p.code) for p in plan.problems] == [(2, "already_booked"),
                                                         (4, "duplicate_person")]  # fmt: skip
    with pytest.raises(ImportRefused):
        _import(runtime, clock, data)


def test_japanese_headers_and_shift_jis_files_are_read(runtime, clock, bookings_csv):
    header = (
        "予約番号,センター,業務,予約日,開始時刻,人数,氏名,フリガナ,生年月日,電話番号,交付通知書番号"
    )
    data = bookings_csv({"center": "横浜駅", "service": "電子証明書の発行・更新"}, header=header,
                        encoding="cp932")  # fmt: skip
    plan = _preview(runtime, clock, data)
    assert plan.problems == [] and [(r.center_id, r.service_code) for r in plan.new] == [
        ("yokohama", "cert")
    ]


def test_issuance_needs_a_notice_number_and_one_person(runtime, clock, bookings_csv):
    data = bookings_csv(
        {"service": "issue", "phone": ""},
        {"service": "issue", "notice_number": "123456789", "party_size": "2"},
    )
    plan = _preview(runtime, clock, data)
    assert [(p.line, p.code) for p in plan.problems] == [(2, "notice_required"),
                                                         (3, "issue_party_size")]  # fmt: skip
