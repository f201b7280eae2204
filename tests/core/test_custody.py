"""A card's custody and the transport manifests: every move and refusal, the cut-off, a late
booking, returns, and issuance only through a booking checked in where the card was received."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import update

from booking_core import booking_life, custody
from booking_core.booking_changes import cancel_booking
from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.manifests import hand_over, transport_manifest
from booking_core.models import Booking
from booking_core.policy import Actor

COURIER = Actor.staff("courier", channel="custody")
NOTICE, BIRTH = "123456789", date(1950, 4, 1)  # the ready_card fixture: 西区 -> yokohama


@pytest.fixture
def issuance(runtime, clock, ready_card, booking_request):
    """Factory: the card on the ready list and its issuance booking (Monday 9 November 14:00;
    3 November is a holiday, so Friday's transport is the first that can carry it)."""

    def make(day: date = date(2026, 11, 9)) -> str:
        ready_card()
        request = booking_request(
            service="issue", center=None, notice_number=NOTICE, birth_date=BIRTH, day=day,
            start=time(14, 0),
        )  # fmt: skip
        made = create_booking(
            runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"),
            policy=runtime.policy,
        )  # fmt: skip
        return made.reference

    return make


def move(runtime, clock, event):
    return hand_over(
        runtime.uow(), notice_number=NOTICE, event=event, now=clock.now(), actor=COURIER,
        policy=runtime.policy,
    )  # fmt: skip


def manifest(runtime, clock, day):
    return transport_manifest(
        runtime.uow(), day=day, now=clock.now(), actor=COURIER, policy=runtime.policy
    )


def test_a_card_travels_from_ward_to_centre_and_its_history_says_who_when_where(
    runtime, clock, issuance
):
    issuance()
    clock.set(datetime(2026, 11, 3, 10, 0, tzinfo=TOKYO))
    assert move(runtime, clock, "picked_up").state == "in_transit"
    clock.set(datetime(2026, 11, 3, 12, 0, tzinfo=TOKYO))
    assert move(runtime, clock, "received").state == "at_centre"
    history = custody.custody_of(
        runtime.uow(), notice_number=NOTICE, now=clock.now(), actor=COURIER
    )
    assert history.state == "at_centre"
    assert [(e.event, e.at.hour, e.by, e.place) for e in history.events] == [
        ("picked_up", 10, "staff:courier", "nishi"),
        ("received", 12, "staff:courier", "yokohama"),
    ]


@pytest.mark.parametrize(
    ("done", "event", "state"),
    [
        ((), "received", "at_ward"),
        ((), "return_packed", "at_ward"),
        (("picked_up",), "picked_up", "in_transit"),
        (("picked_up", "received"), "returned", "at_centre"),
        (("picked_up", "received"), "issued", "at_centre"),
    ],
)
def test_moves_not_allowed_from_the_state_are_refused_with_it(
    runtime, clock, issuance, done, event, state
):
    issuance()
    for earlier in done:
        move(runtime, clock, earlier)
    with pytest.raises(custody.CustodyRefused) as refused:
        move(runtime, clock, event)
    assert refused.value.state == state


def test_an_unclaimed_card_goes_back_and_can_travel_again(
    runtime, clock, issuance, booking_request
):
    reference = issuance()
    move(runtime, clock, "picked_up")
    move(runtime, clock, "received")
    cancel_booking(
        runtime.uow(), reference=reference, birth_date=BIRTH, now=clock.now(),
        actor=Actor.resident("web"),
    )  # fmt: skip
    returns = manifest(runtime, clock, date(2026, 11, 9)).returns
    assert [(r.notice_number, r.reason) for r in returns] == [(NOTICE, "no_booking")]
    for event, state in (("return_packed", "in_return"), ("returned", "back_at_ward")):
        assert move(runtime, clock, event).state == state
    assert move(runtime, clock, "picked_up").state == "in_transit"


def test_a_card_left_at_the_centre_past_the_claim_period_is_listed_for_return(
    runtime, clock, issuance
):
    issuance(day=date(2026, 12, 18))
    move(runtime, clock, "picked_up")
    move(runtime, clock, "received")
    assert manifest(runtime, clock, date(2026, 11, 16)).returns == []
    clock.set(datetime(2026, 11, 17, 9, 0, tzinfo=TOKYO))  # 15 days after it was carried
    [back] = manifest(runtime, clock, date(2026, 11, 17)).returns
    assert (back.notice_number, back.reason) == (NOTICE, "unclaimed")


def test_the_manifest_is_fixed_at_the_cut_off_the_business_day_before(runtime, clock, issuance):
    reference = issuance()  # booked Monday 09:00, before Thursday 17:00: Friday's transport
    friday = manifest(runtime, clock, date(2026, 11, 6))
    assert friday.cutoff == datetime(2026, 11, 5, 17, 0, tzinfo=TOKYO)
    [ward] = friday.wards
    assert (ward.ward_id, ward.center_id) == ("nishi", "yokohama")
    assert [(c.notice_number, c.booking_reference, c.booking_date) for c in ward.cards] == [
        (NOTICE, reference, date(2026, 11, 9))
    ]
    assert manifest(runtime, clock, date(2026, 11, 2)).wards == []  # its cut-off was 30 Oct
    clock.set(datetime(2026, 11, 6, 10, 0, tzinfo=TOKYO))
    move(runtime, clock, "picked_up")
    carried = manifest(runtime, clock, date(2026, 11, 6)).wards[0].cards
    assert [c.state for c in carried] == ["in_transit"]  # still listed on its day once carried


def test_a_booking_made_after_the_cut_off_waits_for_the_next_transport(runtime, clock, issuance):
    clock.set(datetime(2026, 11, 5, 17, 30, tzinfo=TOKYO))
    issuance(day=date(2026, 11, 10))
    friday = manifest(runtime, clock, date(2026, 11, 6))
    assert (friday.wards, friday.late) == ([], [])  # Monday's transport is in time
    monday = manifest(runtime, clock, date(2026, 11, 9))
    assert [c.notice_number for w in monday.wards for c in w.cards] == [NOTICE]


def test_a_booking_the_next_transport_cannot_reach_is_listed_as_late(runtime, clock, issuance):
    clock.set(datetime(2026, 11, 5, 17, 30, tzinfo=TOKYO))
    reference = issuance(day=date(2026, 11, 10))
    with runtime.uow() as uow:  # moved by staff to the day the next transport only arrives
        uow.session.execute(
            update(Booking).where(Booking.reference == reference).values(day=date(2026, 11, 9))
        )
        uow.commit()
    late = manifest(runtime, clock, date(2026, 11, 6)).late
    assert [(c.notice_number, c.booking_reference) for c in late] == [(NOTICE, reference)]


def test_a_pick_up_off_the_manifest_is_recorded_and_flagged(runtime, clock, ready_card):
    ready_card()  # no booking: no reason to carry it
    done = move(runtime, clock, "picked_up")
    assert (done.state, done.off_manifest) == ("in_transit", True)
    assert manifest(runtime, clock, date(2026, 11, 2)).off_manifest == [NOTICE]


def test_a_card_is_issued_only_to_a_booking_checked_in_where_it_was_received(
    runtime, clock, issuance
):
    reference = issuance()
    move(runtime, clock, "picked_up")
    move(runtime, clock, "received")
    clock.set(datetime(2026, 11, 9, 13, 58, tzinfo=TOKYO))
    with pytest.raises(custody.CustodyRefused) as early:
        booking_life.issue_card(runtime.uow(), notice_number=NOTICE, now=clock.now(), actor=COURIER)
    assert early.value.state == "at_centre"
    booking_life.check_in(
        runtime.uow(), reference=reference, now=clock.now(), actor=COURIER, policy=runtime.policy
    )
    assert (
        booking_life.issue_card(runtime.uow(), notice_number=NOTICE, now=clock.now(), actor=COURIER)
        == "issued"
    )
    with runtime.uow() as uow:
        booking = uow.session.query(Booking).filter_by(reference=reference).one()
        assert booking.status == "completed"


def test_the_days_card_figures_count_per_centre(runtime, clock, issuance):
    issuance()
    clock.set(datetime(2026, 11, 6, 12, 0, tzinfo=TOKYO))
    move(runtime, clock, "picked_up")
    move(runtime, clock, "received")
    with runtime.uow() as uow:
        figures = custody.day_figures(uow.session, date(2026, 11, 6))
        later = custody.day_figures(uow.session, date(2026, 11, 7))
    assert figures["yokohama"] == {"received": 1, "in_safe": 1}
    assert figures["nishi"] == {"picked_up": 1}
    assert later == {"yokohama": {"in_safe": 1}}
