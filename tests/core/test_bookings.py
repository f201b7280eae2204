"""Booking use cases against the real database."""

from __future__ import annotations

from datetime import date, time
from functools import partial

import pytest
from sqlalchemy import select

from booking_core import take_and_write
from booking_core.admin import add_closure
from booking_core.bookings import (
    BookingRequest,
    cancel_booking,
    change_booking,
    create_booking,
    get_booking,
)
from booking_core.errors import AlreadyBooked, IdempotencyConflict, NotBookable, NotFound, SlotFull
from booking_core.models import AuditEvent
from booking_core.policy import Actor
from tests.conftest import statements_while

WEB = Actor.resident("web")
ADMIN = Actor.staff("admin", "admin")


def test_a_booking_takes_places_and_can_be_read_back(uow, runtime, booking_request, clock):
    made = create_booking(
        uow, booking_request(party_size=2), now=clock.now(), actor=WEB, policy=runtime.policy
    )
    read = get_booking(
        runtime.uow(),
        reference=made.reference,
        birth_date=date(1960, 5, 5),
        now=clock.now(),
        actor=WEB,
    )
    assert read == made
    assert read.party_size == 2 and read.status == "active"


def test_a_wednesday_is_refused_as_a_weekly_closure(uow, runtime, booking_request, clock):
    with pytest.raises(NotBookable) as exc:
        create_booking(
            uow,
            booking_request(day=date(2026, 11, 4)),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )
    assert exc.value.reason == "closed:weekly_closure"


def test_one_active_booking_per_person_and_service(uow, runtime, booking_request, clock):
    create_booking(uow, booking_request(), now=clock.now(), actor=WEB, policy=runtime.policy)
    with pytest.raises(AlreadyBooked):
        create_booking(
            runtime.uow(),
            booking_request(start=time(15, 0)),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
        )


def test_change_then_cancel_gives_the_places_back(uow, runtime, booking_request, clock):
    made = create_booking(uow, booking_request(), now=clock.now(), actor=WEB, policy=runtime.policy)
    moved = change_booking(
        runtime.uow(),
        reference=made.reference,
        birth_date=date(1960, 5, 5),
        day=date(2026, 11, 9),
        start=time(12, 0),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )
    assert (moved.day, moved.start) == (date(2026, 11, 9), time(12, 0))
    cancelled = cancel_booking(
        runtime.uow(),
        reference=made.reference,
        birth_date=date(1960, 5, 5),
        now=clock.now(),
        actor=WEB,
    )
    assert cancelled.status == "cancelled"


def test_a_wrong_birth_date_looks_like_no_booking(uow, runtime, booking_request, clock):
    made = create_booking(uow, booking_request(), now=clock.now(), actor=WEB, policy=runtime.policy)
    with pytest.raises(NotFound):
        get_booking(
            runtime.uow(),
            reference=made.reference,
            birth_date=date(1960, 5, 6),
            now=clock.now(),
            actor=WEB,
        )


def test_a_request_fingerprint_is_the_same_across_releases():
    # Fingerprints are stored with idempotency keys: a retry after a deploy must still match.
    req = BookingRequest(
        service="cert",
        day=date(2026, 12, 1),
        start=time(10, 0),
        birth_date=date(1970, 1, 1),
        center="yokohama",
        phone="+819012345678",
        name="横浜 太郎",
    )
    assert req.digest() == "963d4adb6e48495fa4b2bf474767f98af0c2568d559560954bee8eb40fdf8784"


def test_a_retry_after_the_day_was_closed_returns_the_booking_it_made(
    runtime, booking_request, clock
):
    req = booking_request()
    made = create_booking(
        runtime.uow(), req, now=clock.now(), actor=WEB, policy=runtime.policy, idempotency_key="k1"
    )
    add_closure(runtime.uow(), center_id=None, day=req.day, now=clock.now(), actor=ADMIN)
    again = create_booking(
        runtime.uow(), req, now=clock.now(), actor=WEB, policy=runtime.policy, idempotency_key="k1"
    )
    assert again == made
    with pytest.raises(NotBookable):
        create_booking(
            runtime.uow(),
            booking_request(service="pin"),
            now=clock.now(),
            actor=WEB,
            policy=runtime.policy,
            idempotency_key="k2",
        )


def test_another_centre_closed_that_day_does_not_stop_a_booking(runtime, booking_request, clock):
    req = booking_request()
    add_closure(runtime.uow(), center_id="kamiooka", day=req.day, now=clock.now(), actor=ADMIN)
    made = create_booking(runtime.uow(), req, now=clock.now(), actor=WEB, policy=runtime.policy)
    assert (made.center_id, made.day, made.status) == ("yokohama", req.day, "active")


def test_a_partial_closure_refuses_only_the_times_it_covers(runtime, booking_request, clock):
    req = booking_request(start=time(14, 0))
    add_closure(
        runtime.uow(),
        center_id="yokohama",
        day=req.day,
        start=time(14, 0),
        end=time(15, 0),
        now=clock.now(),
        actor=ADMIN,
    )
    with pytest.raises(NotBookable):
        create_booking(runtime.uow(), req, now=clock.now(), actor=WEB, policy=runtime.policy)
    later = booking_request(start=time(15, 0))
    made = create_booking(runtime.uow(), later, now=clock.now(), actor=WEB, policy=runtime.policy)
    assert made.start == time(15, 0)


def test_a_booking_in_a_band_already_in_use_is_one_statement_on_postgresql(
    runtime, booking_request, clock
):
    book = partial(create_booking, now=clock.now(), actor=WEB, policy=runtime.policy)
    book(runtime.uow(), booking_request(phone="+819011110001"), idempotency_key="first")
    _, statements = statements_while(
        runtime,
        lambda: book(runtime.uow(), booking_request(phone="+819011110002"), idempotency_key="b"),
    )
    # the conditional UPDATE, the booking, its audit event, the text it owes: one statement on
    # PostgreSQL, four on SQLite (which also sends its BEGIN IMMEDIATE)
    if runtime.engine.dialect.name == "postgresql":
        assert statements == ["WITH"]
    else:
        assert [s for s in statements if s != "BEGIN"] == ["UPDATE", "INSERT", "INSERT", "INSERT"]


def test_every_booking_leaves_one_audit_event_naming_it(runtime, booking_request, clock):
    book = partial(create_booking, now=clock.now(), actor=WEB, policy=runtime.policy)
    first = book(runtime.uow(), booking_request(phone="+819011110001"), idempotency_key="a")
    second = book(runtime.uow(), booking_request(phone="+819011110002"), idempotency_key="b")
    again = book(runtime.uow(), booking_request(phone="+819011110002"), idempotency_key="b")
    assert again == second
    columns = (AuditEvent.entity, AuditEvent.entity_id, AuditEvent.actor, AuditEvent.channel)
    with runtime.uow() as uow:
        events = uow.session.execute(
            select(*columns, AuditEvent.at, AuditEvent.detail)
            .where(AuditEvent.action == "booking.create")
            .order_by(AuditEvent.id)
        ).all()
    who = ("resident:anonymous", "web", clock.now(), {})
    # the first takes the slow path (it creates the band's row), the second the quick one
    assert [tuple(e) for e in events] == [
        ("booking", first.reference, *who),
        ("booking", second.reference, *who),
    ]


def test_the_hot_statement_sent_to_the_driver_fails_as_sqlalchemy_would(
    runtime, booking_request, clock
):
    from sqlalchemy import bindparam, update
    from sqlalchemy.exc import IntegrityError

    from booking_core.db import DriverStatement
    from booking_core.models import Slot

    create_booking(runtime.uow(), booking_request(), now=clock.now(), actor=WEB,
                   policy=runtime.policy)  # fmt: skip
    overfill = DriverStatement(
        update(Slot).values(booked=Slot.capacity + bindparam("over")).returning(Slot.id)
    )
    with runtime.uow() as uow:
        with pytest.raises(IntegrityError):  # the CHECK (booked <= capacity), as SQLAlchemy says it
            overfill.rows(uow.session.connection(), {"over": 1})
        uow.rollback()
        assert overfill.rows(uow.session.connection(), {"over": 0})  # exactly full is allowed


def _full_band(runtime, booking_request, clock, one_place_band) -> None:
    """Friday 14:00 at yokohama with its one place taken (and its slot row made)."""
    one_place_band()
    book = partial(create_booking, now=clock.now(), actor=WEB, policy=runtime.policy)
    book(runtime.uow(), booking_request(phone="+819011110001"), idempotency_key="first")


def test_a_full_band_is_answered_with_the_nearest_times_by_either_path(
    runtime, booking_request, clock, one_place_band
):
    _full_band(runtime, booking_request, clock, one_place_band)
    late = booking_request(phone="+819011110002")
    sent: list[SlotFull] = []

    def book() -> None:
        with pytest.raises(SlotFull) as refused:
            create_booking(runtime.uow(), late, now=clock.now(), actor=WEB, policy=runtime.policy)
        sent.append(refused.value)

    _, statements = statements_while(runtime, book)
    [full] = sent
    assert [(a.day, a.start) for a in full.alternatives] == [
        (date(2026, 11, 6), time(13, 45)),
        (date(2026, 11, 6), time(14, 15)),
        (date(2026, 11, 6), time(13, 30)),
    ]
    if runtime.engine.dialect.name == "postgresql":
        # the statement that took nothing said why: no second try, no lookups of twins
        assert statements[0] == "WITH" and set(statements[1:]) == {"SELECT"}
        assert len(statements) <= 5


def test_a_full_band_still_answers_a_retried_key_with_its_booking(
    runtime, booking_request, clock, one_place_band
):
    one_place_band()
    req = booking_request(phone="+819011110001")
    book = partial(create_booking, now=clock.now(), actor=WEB, policy=runtime.policy)
    made = book(runtime.uow(), req, idempotency_key="k1")
    assert book(runtime.uow(), req, idempotency_key="k1") == made  # the band is full now
    with pytest.raises(IdempotencyConflict):
        book(runtime.uow(), booking_request(phone="+819011110009"), idempotency_key="k1")


def test_a_full_band_says_already_booked_to_someone_who_holds_the_procedure(
    runtime, booking_request, clock, one_place_band
):
    one_place_band()
    book = partial(create_booking, now=clock.now(), actor=WEB, policy=runtime.policy)
    book(runtime.uow(), booking_request(start=time(15, 0)))  # this person, another time
    book(runtime.uow(), booking_request(phone="+819011110002"))  # fills 14:00
    with pytest.raises(AlreadyBooked):
        book(runtime.uow(), booking_request())


def test_the_booking_statement_writes_the_constants_its_plan_depends_on():
    """Bound, 'active' would keep PostgreSQL's one (generic) plan of the prepared statement
    from using the partial index of active bookings, and each booking would be planned anew."""
    from sqlalchemy.dialects import postgresql

    sql = str(take_and_write.TAKE_WRITE_AND_RECORD.compile(dialect=postgresql.dialect()))
    assert "booking.status = 'active'" in sql
    assert sql.count("FROM recorded) = 0)") == 4  # the why-probes run only when nothing landed
