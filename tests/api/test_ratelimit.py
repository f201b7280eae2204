"""Failed look-ups are limited per client in Redis windows; over the limit the answer is 429."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from booking_core.clock import TOKYO
from web.api.ratelimit import DAY_KEY, KEY_PREFIX, MINUTE_KEY, client_key

BOOKINGS = "/api/v1/bookings"


def _wrong(client, reference="1234567890"):
    return client.get(f"{BOOKINGS}/{reference}?birth_date=1960-05-05")


def test_the_eleventh_lookup_after_ten_failures_is_429_with_retry_after(client, book, clock):
    made = book().json
    clock.set(datetime(2026, 11, 2, 9, 0, 20, tzinfo=TOKYO))
    statuses = [_wrong(client).status_code for _ in range(10)]
    assert statuses == [404] * 10
    good = client.get(f"{BOOKINGS}/{made['reference']}?birth_date=1960-05-05")
    assert good.status_code == 429
    assert good.json["error"] == "rate_limited"
    assert good.headers["Retry-After"] == "40"


def test_the_next_minute_window_starts_afresh(client, book, clock):
    made = book().json
    for _ in range(10):
        _wrong(client)
    clock.set(clock.now() + timedelta(minutes=1))
    good = client.get(f"{BOOKINGS}/{made['reference']}?birth_date=1960-05-05")
    assert good.status_code == 200


def test_the_day_limit_holds_across_minutes(client, runtime, clock):
    runtime.settings = replace(runtime.settings, lookup_limit_per_day=15)
    for minute in range(2):
        clock.set(datetime(2026, 11, 2, 9, minute, tzinfo=TOKYO))
        for _ in range(8):
            _wrong(client)
    clock.set(datetime(2026, 11, 2, 23, 0, tzinfo=TOKYO))
    blocked = _wrong(client)
    assert blocked.status_code == 429
    assert blocked.headers["Retry-After"] == "3600"  # until midnight in Tokyo
    clock.set(datetime(2026, 11, 3, 0, 0, tzinfo=TOKYO))
    assert _wrong(client).status_code == 404


def test_successful_lookups_and_bad_input_are_not_counted(client, book):
    made = book().json
    for _ in range(12):
        assert (
            client.get(f"{BOOKINGS}/{made['reference']}?birth_date=1960-05-05").status_code == 200
        )
        assert client.get(f"{BOOKINGS}/{made['reference']}").status_code == 422
    assert _wrong(client).status_code == 404


def test_wrong_birth_dates_on_change_and_cancel_count_too(client, book):
    made = book().json
    url = f"{BOOKINGS}/{made['reference']}"
    for _ in range(5):
        client.delete(f"{url}?birth_date=1960-05-06")
        client.patch(url, json={"birth_date": "1960-05-06", "date": "2026-11-07", "start": "10:00"})
    assert client.delete(f"{url}?birth_date=1960-05-05").status_code == 429


def test_wrong_notice_numbers_on_issuance_count(book, ready_card):
    ready_card()
    for n in range(10):
        wrong = book(
            service="issue",
            notice_number=f"00000000{n}",
            birth_date="1950-04-01",
            date="2026-11-07",
        )
        assert wrong.json["error"] == "card_not_ready"
    assert (
        book(
            service="issue", notice_number="123456789", birth_date="1950-04-01", date="2026-11-07"
        ).status_code
        == 429
    )
    assert book().status_code == 201  # other procedures are not look-ups


def test_counters_are_fixed_window_keys_with_an_expiry(client, runtime, clock):
    _wrong(client)
    keys = sorted(k.decode() for k in runtime.redis.keys(f"{KEY_PREFIX}:*"))
    minute = int(clock.now().timestamp()) // 60
    day = (int(clock.now().timestamp()) + 9 * 3600) // 86400
    assert keys == sorted(
        [
            DAY_KEY.format(client=client_key("127.0.0.1"), window=day),
            MINUTE_KEY.format(client=client_key("127.0.0.1"), window=minute),
        ]
    )
    assert 0 < runtime.redis.ttl(keys[0]) <= 86400 + 60
    assert not any("127.0.0.1" in key for key in keys)


def test_switched_off_nothing_is_limited(client, no_ratelimit, runtime):
    assert all(_wrong(client).status_code == 404 for _ in range(15))
    assert runtime.redis.keys(f"{KEY_PREFIX}:*") == []


def test_each_client_address_has_its_own_counter(client):
    for _ in range(10):
        _wrong(client)
    other = client.get(
        f"{BOOKINGS}/1234567890?birth_date=1960-05-05", environ_base={"REMOTE_ADDR": "10.0.0.9"}
    )
    assert other.status_code == 404
    assert _wrong(client).status_code == 429


def test_lookups_still_work_when_redis_is_down(client, book, runtime):
    made = book().json
    # A real client to a port where nothing listens, without the default retries.
    runtime.redis = redis.Redis(port=1, retry=Retry(NoBackoff(), 0))
    assert _wrong(client).status_code == 404
    good = client.get(f"{BOOKINGS}/{made['reference']}?birth_date=1960-05-05")
    assert good.status_code == 200
