"""The outbox: a booking change owes its text in its own transaction; the relay queues one job."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select, update

from booking_core.bookings import cancel_booking, change_booking, create_booking
from booking_core.errors import AlreadyBooked
from booking_core.models import Notification
from booking_core.notices import texts_go_to, will_text
from booking_core.policy import Actor
from queues.outbox import STALE_AFTER, OutboxRelay, relay_all, relay_pending, sweep_stale
from tests.conftest import owed_texts, text_ids, work_notifications

API = Actor.resident("api")
MOBILE = "+819012345678"


@pytest.fixture
def book(runtime, booking_request, clock):
    """Factory: a booking made through the core; returns its details."""

    def make(**overrides):
        return create_booking(
            runtime.uow(), booking_request(**overrides), now=clock.now(), actor=API,
            policy=runtime.policy,
        )  # fmt: skip

    return make


def _jobs(runtime) -> list[tuple[str, tuple]]:
    return [(j.func_name, j.args) for j in runtime.queue("notifications").get_jobs()]


def test_only_a_japanese_mobile_can_be_texted():
    assert texts_go_to(MOBILE) and texts_go_to("+818012345678")
    assert not texts_go_to("+81452001234") and not texts_go_to(None) and not texts_go_to("")


def test_a_booking_for_a_mobile_owes_one_text_and_queues_nothing_yet(runtime, book):
    made = book()
    assert will_text(made)
    assert owed_texts(runtime, made.reference) == [("sms_confirmation", "pending")]
    assert _jobs(runtime) == []  # nothing goes to Redis on the request path


def test_a_booking_for_a_landline_owes_no_text(runtime, book):
    made = book(phone="+81452001234")
    assert not will_text(made)
    assert owed_texts(runtime) == []


def test_both_booking_paths_owe_the_text(runtime, book):
    first = book(phone="+819011110001")  # makes the band's row: the full checks, one by one
    second = book(phone="+819011110002", service="pin")  # the one-statement path
    assert owed_texts(runtime, first.reference) == [("sms_confirmation", "pending")]
    assert owed_texts(runtime, second.reference) == [("sms_confirmation", "pending")]


def test_a_booking_refused_owes_nothing(runtime, book):
    book()
    with pytest.raises(AlreadyBooked):  # the same person, the same procedure, another time
        book(start=time(15, 0))
    assert owed_texts(runtime) == [("sms_confirmation", "pending")]


def test_a_replayed_key_owes_no_second_text(runtime, booking_request, clock):
    req = booking_request()
    kwargs = {"now": clock.now(), "actor": API, "policy": runtime.policy, "idempotency_key": "k"}
    first = create_booking(runtime.uow(), req, **kwargs)
    again = create_booking(runtime.uow(), req, **kwargs)
    assert again == first
    assert owed_texts(runtime) == [("sms_confirmation", "pending")]


def test_a_change_and_a_cancellation_each_owe_their_own_text(runtime, book, clock, policy):
    made = book()
    who = {"reference": made.reference, "birth_date": date(1960, 5, 5), "now": clock.now()}
    change_booking(
        runtime.uow(), **who, day=date(2026, 11, 9), start=time(12, 0), actor=API, policy=policy
    )
    cancel_booking(runtime.uow(), **who, actor=API)
    cancel_booking(runtime.uow(), **who, actor=API)  # cancelling again owes nothing more
    assert owed_texts(runtime, made.reference) == [
        ("sms_confirmation", "pending"),
        ("sms_change:2", "pending"),
        ("sms_cancellation", "pending"),
    ]


def test_the_relay_queues_one_job_per_owed_text_and_marks_it_queued(runtime, book):
    made = book()
    assert relay_pending(runtime) == 1
    [text_id] = text_ids(runtime)
    assert _jobs(runtime) == [("queues.jobs.send_notification", (text_id,))]
    assert owed_texts(runtime, made.reference) == [("sms_confirmation", "queued")]
    assert relay_pending(runtime) == 0  # relayed once only
    assert len(_jobs(runtime)) == 1


def test_the_relay_takes_the_oldest_first_in_batches(runtime, book):
    for n in range(5):
        book(phone=f"+81901111000{n}", service=("cert", "pin", "surface", "unlock", "return")[n])
    assert relay_pending(runtime, limit=2) == 2
    assert [args for _, args in _jobs(runtime)] == [(i,) for i in text_ids(runtime)[:2]]
    assert relay_all(runtime) == 3
    assert [args for _, args in _jobs(runtime)] == [(i,) for i in text_ids(runtime)]


def test_a_text_queued_whose_job_was_lost_is_relayed_again(runtime, book, clock):
    book()
    relay_pending(runtime)
    runtime.queue("notifications").empty()  # Redis lost the job
    assert sweep_stale(runtime) == 0  # not stale yet: its job may still be waiting
    clock.set(clock.now() + STALE_AFTER + timedelta(seconds=1))
    assert sweep_stale(runtime) == 1
    assert relay_pending(runtime) == 1
    assert len(_jobs(runtime)) == 1


def test_the_relay_thread_queues_what_is_owed_and_stops(runtime, book):
    book()
    relay = OutboxRelay(runtime, poll_seconds=0.01)
    relay.start()
    try:
        for _ in range(500):
            if _jobs(runtime):
                break
            relay.stopping.wait(0.01)
    finally:
        relay.stop()
        relay.join(timeout=5)
    assert not relay.is_alive()
    assert len(_jobs(runtime)) == 1


def test_texts_of_a_booking_changed_before_they_went_give_way_to_the_latest_change(
    runtime, book, clock, policy, texts
):
    made = book()
    who = {"reference": made.reference, "birth_date": date(1960, 5, 5), "now": clock.now()}
    for start in (time(12, 0), time(13, 0)):
        change_booking(
            runtime.uow(), **who, day=date(2026, 11, 9), start=start, actor=API, policy=policy
        )
    work_notifications(runtime)
    assert owed_texts(runtime, made.reference) == [
        ("sms_confirmation", "skipped"),
        ("sms_change:2", "skipped"),
        ("sms_change:3", "sent"),
    ]
    [only] = texts.texts_to(MOBILE)  # one text, saying where the booking is now
    assert f"予約番号:{made.reference}" in only and "新しい日時:11月9日(月) 13:00" in only
    with runtime.uow() as uow:
        reasons = uow.session.scalars(select(Notification.error).order_by(Notification.id))
        assert list(reasons) == ["superseded", "superseded", None]


def test_a_change_after_the_confirmation_went_is_texted_too(runtime, book, clock, policy, texts):
    made = book()
    work_notifications(runtime)
    change_booking(
        runtime.uow(), reference=made.reference, birth_date=date(1960, 5, 5), now=clock.now(),
        day=date(2026, 11, 9), start=time(12, 0), actor=API, policy=policy,
    )  # fmt: skip
    work_notifications(runtime)
    assert owed_texts(runtime, made.reference) == [
        ("sms_confirmation", "sent"),
        ("sms_change:2", "sent"),
    ]
    assert len(texts.texts_to(MOBILE)) == 2


def test_a_failed_send_can_be_taken_again(runtime, book, texts):
    book()
    [text_id] = text_ids(runtime)
    with runtime.uow() as uow:
        uow.session.execute(
            update(Notification).where(Notification.id == text_id).values(status="failed")
        )
        uow.commit()
    from queues.job_runtime import use_runtime
    from queues.jobs import send_notification

    use_runtime(runtime)
    assert send_notification(text_id) == "sent"
    assert send_notification(text_id) == "already_sent"
    assert len(texts.texts_to(MOBILE)) == 1


def test_the_worker_in_burst_mode_relays_what_is_owed_and_sends_it(runtime, book, texts):
    from entrypoints.worker import run_worker

    made = book()
    run_worker(runtime, burst=True)
    assert owed_texts(runtime, made.reference) == [("sms_confirmation", "sent")]
    assert len(texts.texts_to(MOBILE)) == 1
