"""A booking over the API is confirmed by SMS like every channel: mobiles only, texted once."""

from __future__ import annotations

import redis

from queues.job_runtime import use_runtime
from queues.jobs import send_notification
from tests.conftest import owed_texts, text_ids, work_notifications

MOBILE = "+819012345678"


def test_a_booking_over_the_api_is_confirmed_by_one_text(book, runtime, texts):
    reference = book(key="api-text-1").json["reference"]
    assert owed_texts(runtime, reference) == [("sms_confirmation", "pending")]
    work_notifications(runtime)
    [body] = texts.texts_to(MOBILE)
    assert f"予約番号:{reference}" in body and "11月6日(金) 14:00" in body
    assert owed_texts(runtime) == [("sms_confirmation", "sent")]


def test_a_replayed_idempotency_key_texts_nothing_more(book, runtime, texts):
    first = book(key="api-text-2")
    again = book(key="api-text-2")
    assert again.json == first.json
    work_notifications(runtime)
    assert len(texts.texts_to(MOBILE)) == 1
    use_runtime(runtime)
    [text_id] = text_ids(runtime)
    assert send_notification(text_id) == "already_sent"  # its job run again


def test_a_landline_owes_no_text(book, runtime):
    assert book(phone="045-671-2111").status_code == 201
    assert owed_texts(runtime) == []


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


def test_a_booking_over_the_api_makes_no_redis_round_trip(client, runtime, book):
    counting = CountingRedis(connection_pool=runtime.redis.connection_pool)
    runtime.redis = counting
    assert book(key="api-text-3").status_code == 201
    assert counting.trips == 0  # its text is owed in the database, in the booking's statement
