"""A booking over the API is confirmed by SMS like every channel: mobiles only, texted once."""

from __future__ import annotations

import redis
from rq import Queue
from sqlalchemy import select

from booking_core.models import Notification
from queues.jobs import send_booking_confirmation
from queues.notices import QueuedNotices
from runtime.worker import use_runtime
from tests.conftest import work_notifications

MOBILE = "+819012345678"


def _jobs(runtime) -> list[tuple[str, tuple]]:
    return [(j.func_name, j.args) for j in runtime.queue("notifications").get_jobs()]


def _kinds(runtime) -> list[tuple[str, str]]:
    with runtime.uow() as uow:
        return [(n.kind, n.status) for n in uow.session.scalars(select(Notification))]


def test_a_booking_over_the_api_is_confirmed_by_one_text(book, runtime, texts):
    reference = book(key="api-text-1").json["reference"]
    assert _jobs(runtime) == [("queues.jobs.send_booking_confirmation", (reference,))]
    work_notifications(runtime)
    [body] = texts.texts_to(MOBILE)
    assert f"予約番号:{reference}" in body and "11月6日(金) 14:00" in body
    assert _kinds(runtime) == [("sms_confirmation", "sent")]


def test_a_replayed_idempotency_key_texts_nothing_more(book, runtime, texts):
    first = book(key="api-text-2")
    again = book(key="api-text-2")
    assert again.json == first.json
    work_notifications(runtime)  # the replay queued a second job: it finds the text already sent
    assert len(texts.texts_to(MOBILE)) == 1
    use_runtime(runtime)
    assert send_booking_confirmation(first.json["reference"]) == "already_sent"


def test_a_landline_gets_no_job(book, runtime):
    assert book(phone="045-671-2111").status_code == 201
    assert _jobs(runtime) == []


class CountingRedis(redis.Redis):
    """A client that counts round trips: single commands and executed pipelines."""

    trips = 0

    def execute_command(self, *args, **options):
        self.trips += 1
        return super().execute_command(*args, **options)

    def pipeline(self, transaction=True, shard_hint=None):
        pipe = super().pipeline(transaction, shard_hint)
        execute = pipe.execute

        def counted(raise_on_error: bool = True):
            self.trips += 1
            return execute(raise_on_error)

        pipe.execute = counted
        return pipe


def test_queueing_a_text_costs_one_redis_round_trip(runtime, booking_request, clock):
    from booking_core.bookings import create_booking
    from booking_core.policy import Actor

    made = create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("api"),
        policy=runtime.policy,
    )
    counting = CountingRedis(connection_pool=runtime.redis.connection_pool)
    notices = QueuedNotices(Queue("notifications", connection=counting))
    assert notices.booked(made)  # the first asks the server's version once per client
    counting.trips = 0
    assert notices.booked(made) and notices.changed(made)
    assert counting.trips == 2
    assert [j.func_name for j in runtime.queue("notifications").get_jobs()] == [
        "queues.jobs.send_booking_confirmation",
        "queues.jobs.send_booking_confirmation",
        "queues.jobs.send_booking_change",
    ]
