"""Walk-ins (当日受付): tickets from the places held back, never for issuance, never oversold."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from booking_core.calendar import TOKYO
from booking_core.errors import InvalidRequest
from booking_core.policy import Actor
from booking_core.walk_ins import NoWalkInPlace, issue_walk_in, walk_ins_of_day

CLERK = Actor.staff("clerk", channel="counter")
MONDAY_NOON = datetime(2026, 11, 2, 12, 5, tzinfo=TOKYO)  # yokohama: 2 walk-in places a band


def walk_in(runtime, *, service="pin", party=1, now=MONDAY_NOON, center="yokohama"):
    return issue_walk_in(
        runtime.uow(), center_id=center, service_code=service, party_size=party, now=now,
        actor=CLERK, policy=runtime.policy,
    )  # fmt: skip


def test_walk_ins_are_numbered_and_take_the_band_under_way(runtime):
    first, second = walk_in(runtime), walk_in(runtime, service="apply")
    assert (first.ticket, second.ticket) == ("W001", "W002")
    assert first.band.strftime("%H:%M") == second.band.strftime("%H:%M") == "12:00"
    with runtime.uow() as uow:
        listed = walk_ins_of_day(uow.session, "yokohama", MONDAY_NOON.date())
    assert [(w.ticket, w.service_code) for w in listed] == [("W001", "pin"), ("W002", "apply")]


def test_a_full_band_sends_the_walk_in_to_the_next_band(runtime):
    walk_in(runtime, party=2)
    assert walk_in(runtime).band.strftime("%H:%M") == "12:15"


def test_no_walk_in_place_left_today_is_refused(runtime):
    late = datetime(2026, 11, 2, 19, 10, tzinfo=TOKYO)  # only the 19:00 and 19:15 bands remain
    walk_in(runtime, party=2, now=late)
    walk_in(runtime, party=2, now=late)
    with pytest.raises(NoWalkInPlace):
        walk_in(runtime, now=late)


def test_a_closed_day_takes_no_walk_ins(runtime):
    wednesday = datetime(2026, 11, 4, 12, 0, tzinfo=TOKYO)
    with pytest.raises(NoWalkInPlace):
        walk_in(runtime, now=wednesday)


@pytest.mark.parametrize("service", ["issue", "visit-issue"])
def test_procedures_by_appointment_only_take_no_walk_ins(runtime, service):
    with pytest.raises(InvalidRequest) as refused:
        walk_in(runtime, service=service)
    assert refused.value.fields == {"service": "booking_required"}


def test_a_party_beyond_the_limit_is_refused(runtime):
    with pytest.raises(InvalidRequest) as refused:
        walk_in(runtime, party=5)
    assert refused.value.fields == {"party_size": "party_size_out_of_range"}


@pytest.mark.slow
def test_racing_counters_never_give_more_walk_in_places_than_held_back(runtime):
    late = datetime(2026, 11, 2, 19, 10, tzinfo=TOKYO)  # 2 bands x 2 places left today
    barrier, tickets, refused = threading.Barrier(8), [], []

    def counter() -> None:
        barrier.wait()
        try:
            tickets.append(walk_in(runtime, now=late).ticket)
        except NoWalkInPlace:
            refused.append(1)

    threads = [threading.Thread(target=counter) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == ["W001", "W002", "W003", "W004"]
    assert len(refused) == 4
