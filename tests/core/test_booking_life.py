"""A booking's life: check-in (late or not), completion, no-show, close-out, and the rule that
only a booking whose day has not ended counts as the person's one booking of a procedure."""

from __future__ import annotations

import threading
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from booking_core import booking_life
from booking_core.booking_changes import cancel_booking, change_booking
from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.errors import AlreadyBooked, NotBookable
from booking_core.manifests import hand_over
from booking_core.models import AuditEvent, Booking, CardReadyRecord
from booking_core.policy import Actor

MONDAY = date(2026, 11, 2)  # the clock's day (09:00); yokohama is open 11:30-19:30
CLERK = Actor.staff("clerk", channel="counter")


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def book(runtime, clock, booking_request):
    """Factory: book now (the clock's time) and return the reference."""

    def make(**overrides):
        made = create_booking(
            runtime.uow(),
            booking_request(**{"day": MONDAY, "start": time(12, 0), **overrides}),
            now=clock.now(),
            actor=Actor.resident("web"),
            policy=runtime.policy,
        )
        return made.reference

    return make


def status_of(runtime, reference):
    with runtime.uow() as uow:
        row = uow.session.scalar(select(Booking).where(Booking.reference == reference))
        return row.status, row.late


def check_in(runtime, clock, reference):
    return booking_life.check_in(
        runtime.uow(), reference=reference, now=clock.now(), actor=CLERK, policy=runtime.policy
    )


def test_a_resident_on_time_is_checked_in_then_served(runtime, clock, book):
    reference = book()
    clock.set(at(12, 5))
    moved = check_in(runtime, clock, reference)
    assert (moved.status, moved.late) == ("checked_in", False)
    booking_life.complete(runtime.uow(), reference=reference, now=clock.now(), actor=CLERK)
    assert status_of(runtime, reference) == ("completed", False)
    with runtime.uow() as uow:
        actions = uow.session.execute(
            select(AuditEvent.action, AuditEvent.actor).where(AuditEvent.entity_id == reference)
        ).all()
    assert ("booking.check_in", "staff:clerk") in actions
    assert ("booking.complete", "staff:clerk") in actions


def test_a_check_in_more_than_five_minutes_after_the_start_is_late(runtime, clock, book):
    early, late = book(), book(phone="+819011112222")
    clock.set(at(11, 40))
    assert check_in(runtime, clock, early).late is False  # early is not late
    clock.set(datetime(2026, 11, 2, 12, 5, 1, tzinfo=TOKYO))
    assert check_in(runtime, clock, late).late is True
    assert status_of(runtime, late) == ("checked_in", True)


def test_only_todays_bookings_are_checked_in(runtime, clock, book):
    reference = book(day=date(2026, 11, 6))
    with pytest.raises(booking_life.MoveRefused) as refused:
        check_in(runtime, clock, reference)
    assert refused.value.code == "not_today"


def test_refused_moves_say_why(runtime, clock, book):
    reference = book()
    with pytest.raises(booking_life.MoveRefused) as not_checked_in:
        booking_life.complete(runtime.uow(), reference=reference, now=clock.now(), actor=CLERK)
    assert not_checked_in.value.code == "not_checked_in"
    clock.set(at(12, 0))
    check_in(runtime, clock, reference)
    with pytest.raises(booking_life.MoveRefused) as twice:
        check_in(runtime, clock, reference)
    assert twice.value.code == "not_active"
    with pytest.raises(booking_life.MoveRefused) as no_show:
        booking_life.mark_no_show(
            runtime.uow(), reference=reference, now=at(13), actor=CLERK, policy=runtime.policy
        )
    assert no_show.value.code == "not_active"


def test_a_cancelled_booking_cannot_be_checked_in(runtime, clock, book, booking_request):
    reference = book()
    cancel_booking(
        runtime.uow(), reference=reference, birth_date=booking_request().birth_date,
        now=clock.now(), actor=Actor.resident("web"),
    )  # fmt: skip
    clock.set(at(12, 0))
    with pytest.raises(booking_life.MoveRefused) as refused:
        check_in(runtime, clock, reference)
    assert refused.value.code == "not_active"


def test_a_no_show_is_marked_only_after_the_start_and_the_grace(runtime, clock, book):
    reference = book()

    def mark(now):
        return booking_life.mark_no_show(
            runtime.uow(), reference=reference, now=now, actor=CLERK, policy=runtime.policy
        )

    with pytest.raises(booking_life.MoveRefused) as early:
        mark(at(12, 14))
    assert early.value.code == "too_early"
    assert mark(at(12, 15)).status == "no_show"
    assert status_of(runtime, reference) == ("no_show", False)


def test_a_used_booking_is_neither_changed_nor_cancelled(runtime, clock, book, booking_request):
    reference = book(start=time(15, 0))
    clock.set(at(14, 50))
    check_in(runtime, clock, reference)
    birth = booking_request().birth_date
    with pytest.raises(NotBookable) as cancel:
        cancel_booking(
            runtime.uow(), reference=reference, birth_date=birth, now=clock.now(),
            actor=Actor.resident("web"),
        )  # fmt: skip
    with pytest.raises(NotBookable) as change:
        change_booking(
            runtime.uow(), reference=reference, birth_date=birth, day=date(2026, 11, 6),
            start=time(14, 0), now=clock.now(), actor=Actor.resident("web"),
            policy=runtime.policy,
        )  # fmt: skip
    assert cancel.value.reason == change.value.reason == "used"


def test_completing_an_issuance_hands_the_card_over(runtime, clock, ready_card, booking_request):
    ready_card()
    made = create_booking(
        runtime.uow(),
        booking_request(
            service="issue", center=None, notice_number="123456789", birth_date=date(1950, 4, 1),
            day=date(2026, 11, 9), start=time(14, 0),
        ),
        now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
    )  # fmt: skip
    clock.set(at(14, 0, date(2026, 11, 9)))
    check_in(runtime, clock, made.reference)
    with pytest.raises(booking_life.MoveRefused) as not_here:
        booking_life.complete(runtime.uow(), reference=made.reference, now=clock.now(), actor=CLERK)
    assert not_here.value.code == "card_not_at_centre"
    for event in ("picked_up", "received"):
        hand_over(
            runtime.uow(), notice_number="123456789", event=event, now=clock.now(), actor=CLERK,
            policy=runtime.policy,
        )  # fmt: skip
    booking_life.complete(runtime.uow(), reference=made.reference, now=clock.now(), actor=CLERK)
    with runtime.uow() as uow:
        card = uow.session.get(CardReadyRecord, "123456789")
        assert card is not None and card.status == "issued"


def test_close_out_marks_what_is_still_active_once_the_day_has_ended(runtime, clock, book):
    missed, served = book(), book(phone="+819011112222")
    clock.set(at(12, 0))
    check_in(runtime, clock, served)
    before = booking_life.close_day(runtime.uow(), day=MONDAY, now=at(19, 0))
    assert before.still_open == ("yokohama", "center-kita", "kamiooka", "futamatagawa")
    assert status_of(runtime, missed) == ("active", False)
    first = booking_life.close_day(runtime.uow(), day=MONDAY, now=at(19, 30))
    second = booking_life.close_day(runtime.uow(), day=MONDAY, now=at(19, 31))
    assert (first.no_shows["yokohama"], second.no_shows["yokohama"]) == (1, 0)
    assert first.still_open == ()
    assert status_of(runtime, missed) == ("no_show", False)
    assert status_of(runtime, served) == ("checked_in", False)  # a check-in is never undone


@pytest.mark.parametrize("ending", ["passed", "no_show", "completed"])
def test_a_past_booking_never_blocks_a_new_one(runtime, clock, book, ending):
    first = book(service="pin", start=time(12, 0))
    if ending == "no_show":
        booking_life.close_day(runtime.uow(), day=MONDAY, now=at(20))
    elif ending == "completed":
        clock.set(at(12, 0))
        check_in(runtime, clock, first)
        booking_life.complete(runtime.uow(), reference=first, now=clock.now(), actor=CLERK)
    clock.set(datetime(2026, 11, 3, 9, 0, tzinfo=TOKYO))  # the next day
    second = book(service="pin", day=date(2026, 11, 6), start=time(14, 0))
    assert status_of(runtime, second)[0] == "active"
    assert status_of(runtime, first)[0] == ("completed" if ending == "completed" else "no_show")


def test_todays_booking_blocks_until_the_centre_closes(runtime, clock, book):
    book(service="pin", start=time(12, 0))
    clock.set(at(19, 29))
    with pytest.raises(AlreadyBooked):
        book(service="pin", day=date(2026, 11, 6), start=time(14, 0))
    clock.set(at(19, 30))
    assert book(service="pin", day=date(2026, 11, 6), start=time(14, 0))


def test_a_future_booking_still_blocks(runtime, clock, book):
    book(service="pin", day=date(2026, 11, 6), start=time(14, 0))
    with pytest.raises(AlreadyBooked):
        book(service="pin", day=date(2026, 11, 9), start=time(14, 0))


@pytest.mark.slow
def test_two_counters_checking_in_the_same_booking_one_wins(runtime, clock, book):
    reference = book()
    clock.set(at(12, 0))
    barrier, results = threading.Barrier(2), []

    def counter() -> None:
        barrier.wait()
        try:
            check_in(runtime, clock, reference)
            results.append("checked_in")
        except booking_life.MoveRefused as refused:
            results.append(refused.code)

    threads = [threading.Thread(target=counter) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["checked_in", "not_active"]
    with runtime.uow() as uow:
        events = uow.session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.entity_id == reference, AuditEvent.action == "booking.check_in"
            )
        ).all()
    assert events == ["booking.check_in"]


def test_a_card_is_handed_over_only_after_every_check_the_counter_ticks(
    runtime, clock, ready_card, booking_request
):
    ready_card()
    made = create_booking(
        runtime.uow(),
        booking_request(
            service="issue", center=None, notice_number="123456789", birth_date=date(1950, 4, 1),
            day=date(2026, 11, 9), start=time(14, 0),
        ),
        now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
    )  # fmt: skip
    for event in ("picked_up", "received"):
        hand_over(
            runtime.uow(), notice_number="123456789", event=event, now=clock.now(), actor=CLERK,
            policy=runtime.policy,
        )  # fmt: skip
    clock.set(at(14, 0, date(2026, 11, 9)))
    check_in(runtime, clock, made.reference)
    with pytest.raises(booking_life.MoveRefused) as unchecked:
        booking_life.complete(
            runtime.uow(), reference=made.reference, now=clock.now(), actor=CLERK,
            checks=["matches_list", "undamaged"],
        )  # fmt: skip
    assert unchecked.value.code == "checks_incomplete"
    booking_life.complete(
        runtime.uow(), reference=made.reference, now=clock.now(), actor=CLERK,
        checks=booking_life.ISSUE_CHECKS,
    )  # fmt: skip
    with runtime.uow() as uow:
        detail = uow.session.scalar(
            select(AuditEvent.detail).where(AuditEvent.action == "card.issued")
        )
    assert detail == {"place": "yokohama", "checks": sorted(booking_life.ISSUE_CHECKS)}
