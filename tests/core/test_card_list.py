"""The card-ready list: what an upload would add, update or hold, and withdrawing a card."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking_core import custody
from booking_core.bookings import create_booking
from booking_core.card_list import preview_card_list, withdraw_card
from booking_core.cards import ImportResult, import_card_list
from booking_core.errors import CardNotReady
from booking_core.manifests import hand_over
from booking_core.models import CardReadyRecord
from booking_core.policy import Actor

ADMIN = Actor.staff("admin1", channel="custody")
HEADER = "notice_number,birth_date,ward,ready_on"


def csv(*rows: str) -> bytes:
    return ("\n".join((HEADER, *rows)) + "\n").encode()


def test_a_preview_sorts_the_rows_and_changes_nothing(runtime, clock, ready_card):
    ready_card()  # 123456789, 1950-04-01, nishi, 2026-10-01
    ready_card(notice_number="223456789", ward_id="kohoku", ready_on=date(2026, 10, 2))
    hand_over(
        runtime.uow(), notice_number="223456789", event="picked_up", now=clock.now(),
        actor=ADMIN, policy=runtime.policy,
    )  # fmt: skip
    data = csv(
        "123456789,1950-04-01,西区,2026-10-01",  # unchanged
        "223456789,1950-04-01,港北区,2026-10-09",  # changed, but on its way: held
        "323456789,1970-07-07,中区,2026-10-20",  # new
    )
    planned = preview_card_list(runtime.uow(), data, now=clock.now(), actor=ADMIN)
    assert [r.notice_number for r in planned.adds] == ["323456789"]
    assert (planned.updates, planned.unchanged) == ([], 1)
    assert [r.notice_number for r in planned.held] == ["223456789"]
    with runtime.uow() as uow:
        assert uow.session.get(CardReadyRecord, "323456789") is None


def test_an_import_updates_a_card_still_at_its_ward(runtime, clock, ready_card):
    ready_card()
    data = csv("123456789,1950-04-01,中区,2026-10-05", "323456789,1970-07-07,中区,2026-10-20")
    result = import_card_list(runtime.uow(), data, now=clock.now(), actor=ADMIN)
    assert result == ImportResult(added=1, unchanged=0, already_imported=False, updated=1)
    with runtime.uow() as uow:
        card = uow.session.get(CardReadyRecord, "123456789")
        assert (card.ward_id, card.ready_on) == ("naka", date(2026, 10, 5))


def test_a_withdrawn_card_cannot_be_booked_and_staff_learn_whom_to_call(
    runtime, clock, ready_card, booking_request
):
    ready_card()
    request = booking_request(
        service="issue", center=None, notice_number="123456789", birth_date=date(1950, 4, 1),
        day=date(2026, 11, 9), start=time(14, 0), name="西 花子",
    )  # fmt: skip
    made = create_booking(
        runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy
    )
    done = withdraw_card(
        runtime.uow(), notice_number="123456789", reason="券面誤り", now=clock.now(), actor=ADMIN
    )
    assert (done.state, done.booking_reference, done.name, done.phone) == (
        "withdrawn", made.reference, "西 花子", "+819012345678",
    )  # fmt: skip
    with pytest.raises(CardNotReady):
        create_booking(
            runtime.uow(), booking_request(**{**request.__dict__, "phone": "+819099998888"}),
            now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
        )  # fmt: skip
    with pytest.raises(custody.CustodyRefused) as twice:
        withdraw_card(
            runtime.uow(), notice_number="123456789", reason="", now=clock.now(), actor=ADMIN
        )
    assert twice.value.state == "withdrawn"
