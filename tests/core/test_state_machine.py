"""A Hypothesis state machine of book / change / cancel on a few small slots.

The model is a dict of places taken per band and who holds an active booking; after every
step the database must agree: remaining is never below zero and always capacity minus the
people booked, in the slot rows, in the availability use case and in the bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import delete, func, select

from booking_core.availability import day_availability
from booking_core.bookings import BookingRequest, cancel_booking, change_booking, create_booking
from booking_core.errors import AlreadyBooked, BookingError, NotFound, SlotFull
from booking_core.models import AuditEvent, Booking, CapacityOverride, Notification, Slot
from booking_core.policy import Actor

WEB = Actor.resident("web")
DAY = date(2026, 11, 6)
BIRTH = date(1980, 2, 29)
CAPACITY = {time(14, 0): 1, time(14, 15): 3, time(14, 30): 3}
BANDS = sorted(CAPACITY)
PEOPLE = 6


@dataclass
class Held:
    """The model's view of one booking."""

    reference: str
    person: int
    party: int
    start: time
    active: bool = True


def _small_slots(runtime) -> None:
    """Capacity overrides that make the three bands small."""
    with runtime.uow() as uow:
        uow.session.add_all(
            CapacityOverride(
                center_id="yokohama",
                group="issue_renew",
                day=DAY,
                band_start=start,
                band_end=time(start.hour, start.minute + 15),
                places=places,
            )
            for start, places in CAPACITY.items()
        )
        uow.commit()


def _wipe_bookings(runtime) -> None:
    """Start an example from empty slots."""
    with runtime.uow() as uow:
        for table in (AuditEvent, Notification, Booking, Slot):
            uow.session.execute(delete(table))
        uow.commit()


def machine_for(runtime, clock) -> type[RuleBasedStateMachine]:
    """The state machine class bound to one test database."""

    class BookingMachine(RuleBasedStateMachine):
        """Book, change and cancel against the real use cases, checked against a model."""

        held = Bundle("held")

        def __init__(self) -> None:
            super().__init__()
            _wipe_bookings(runtime)
            self.taken = dict.fromkeys(BANDS, 0)
            self.bookings: list[Held] = []

        def holder(self, person: int) -> Held | None:
            return next((b for b in self.bookings if b.person == person and b.active), None)

        @rule(
            target=held,
            person=st.integers(0, PEOPLE - 1),
            start=st.sampled_from(BANDS),
            party=st.integers(1, 4),
        )
        def book(self, person: int, start: time, party: int) -> Held | None:
            req = BookingRequest(
                service="cert",
                center="yokohama",
                day=DAY,
                start=start,
                birth_date=BIRTH,
                phone=f"+81901234000{person}",
                party_size=party,
            )
            outcome = _attempt(
                lambda: create_booking(
                    runtime.uow(), req, now=clock.now(), actor=WEB, policy=runtime.policy
                )
            )
            if self.holder(person) is not None:
                assert isinstance(outcome, AlreadyBooked)
                return None
            if self.taken[start] + party > CAPACITY[start]:
                assert isinstance(outcome, SlotFull)
                return None
            assert not isinstance(outcome, Exception), outcome
            self.taken[start] += party
            made = Held(outcome.reference, person, party, start)
            self.bookings.append(made)
            return made

        @rule(booking=held, start=st.sampled_from(BANDS))
        def change(self, booking: Held | None, start: time) -> None:
            if booking is None:
                return
            outcome = _attempt(
                lambda: change_booking(
                    runtime.uow(),
                    reference=booking.reference,
                    birth_date=BIRTH,
                    day=DAY,
                    start=start,
                    now=clock.now(),
                    actor=WEB,
                    policy=runtime.policy,
                )
            )
            if not booking.active:
                assert isinstance(outcome, NotFound)
            elif start != booking.start and self.taken[start] + booking.party > CAPACITY[start]:
                assert isinstance(outcome, SlotFull)
            else:
                assert not isinstance(outcome, Exception), outcome
                assert outcome.start == start
                self.taken[booking.start] -= booking.party
                self.taken[start] += booking.party
                booking.start = start

        @rule(booking=held)
        def cancel(self, booking: Held | None) -> None:
            if booking is None:
                return
            outcome = _attempt(
                lambda: cancel_booking(
                    runtime.uow(),
                    reference=booking.reference,
                    birth_date=BIRTH,
                    now=clock.now(),
                    actor=WEB,
                )
            )
            assert not isinstance(outcome, Exception), outcome
            assert outcome.status == "cancelled"
            if booking.active:
                self.taken[booking.start] -= booking.party
                booking.active = False

        @invariant()
        def remaining_is_capacity_minus_people_booked(self) -> None:
            plan = day_availability(
                runtime.uow(),
                center_id="yokohama",
                service_code="cert",
                day=DAY,
                now=clock.now(),
                policy=runtime.policy,
            )
            shown = {s.start: (s.capacity, s.remaining) for s in plan.slots if s.start in CAPACITY}
            assert shown == {s: (CAPACITY[s], CAPACITY[s] - self.taken[s]) for s in BANDS}
            assert all(remaining >= 0 for _, remaining in shown.values())
            assert _stored(runtime) == {s: (self.taken[s], self.taken[s]) for s in BANDS}

    return BookingMachine


def _attempt(call):
    """The use case's result, or the BookingError it raised."""
    try:
        return call()
    except BookingError as refused:
        return refused


def _stored(runtime) -> dict[time, tuple[int, int]]:
    """(slot.booked, people in active bookings) per band, for bands that have a slot row."""
    with runtime.uow() as uow:
        slots = {s.start: (s.id, s.booked) for s in uow.session.scalars(select(Slot))}
        people = dict(
            uow.session.execute(
                select(Booking.slot_id, func.sum(Booking.party_size))
                .where(Booking.status == "active")
                .group_by(Booking.slot_id)
            ).all()
        )
    found = {start: (booked, int(people.get(sid, 0))) for start, (sid, booked) in slots.items()}
    return {start: found.get(start, (0, 0)) for start in BANDS}


def test_book_change_cancel_never_oversell_and_remaining_adds_up(runtime, clock):
    _small_slots(runtime)
    run_state_machine_as_test(
        machine_for(runtime, clock),
        settings=settings(
            max_examples=60,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
