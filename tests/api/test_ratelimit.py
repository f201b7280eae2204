"""Reference look-ups are limited per client (Flask-Limiter, Redis), shared by web and API."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from runtime.rate_limits import KEY_PREFIX

BOOKINGS = "/api/v1/bookings"


@pytest.fixture
def ten_a_day(runtime) -> None:
    """Ten look-ups a day per client, and the minute limit out of the way.

    The day's window is what the tests count in: it cannot roll over during a test.
    """
    runtime.settings = replace(
        runtime.settings, lookup_limit_per_minute=1000, lookup_limit_per_day=10
    )


def _wrong(client, reference="1234567890", **kwargs):
    return client.get(f"{BOOKINGS}/{reference}?birth_date=1960-05-05", **kwargs)


def _web_lookup(client, reference: str):
    """The residents' 'open my booking' form, with a wrong birth date."""
    page = client.get("/manage").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"reference": reference, "birth_date": "19000101", "csrf_token": csrf}
    return client.post("/manage", data=form)


def test_the_eleventh_lookup_is_429_with_retry_after(client, book, ten_a_day):
    made = book().json
    assert [_wrong(client).status_code for _ in range(10)] == [404] * 10
    refused = _wrong(client, made["reference"])
    assert (refused.status_code, refused.json["error"]) == (429, "rate_limited")
    assert refused.json["message"].startswith("短い時間に照会が続いたため")
    assert 0 < int(refused.headers["Retry-After"]) <= 86400


def test_the_minute_limit_holds_too(client, runtime):
    assert runtime.settings.lookup_limit_per_minute == 10
    codes = [_wrong(client).status_code for _ in range(11)]
    assert codes == [404] * 10 + [429]


def test_every_lookup_counts_found_or_not(client, book, ten_a_day):
    made = book().json
    for _ in range(10):
        assert _wrong(client, made["reference"]).status_code == 200
    assert _wrong(client, made["reference"]).status_code == 429


def test_change_cancel_and_card_lookups_share_the_counter(client, book, ten_a_day):
    made = book().json
    url = f"{BOOKINGS}/{made['reference']}"
    for _ in range(3):
        client.delete(f"{url}?birth_date=1960-05-06")
        client.patch(url, json={"birth_date": "1960-05-06", "date": "2026-11-07", "start": "10:00"})
        client.post("/api/v1/cards/lookup", json={"notice_number": "1", "birth_date": "1950-04-01"})
    assert _wrong(client).status_code == 404
    assert client.delete(f"{url}?birth_date=1960-05-05").status_code == 429


def test_issuance_bookings_count_and_other_procedures_do_not(book, ready_card, ten_a_day):
    ready_card()
    for n in range(10):
        wrong = book(
            service="issue",
            notice_number=f"00000000{n}",
            birth_date="1950-04-01",
            date="2026-11-07",
        )
        assert wrong.json["error"] == "card_not_ready"
    issue = book(
        service="issue", notice_number="123456789", birth_date="1950-04-01", date="2026-11-07"
    )
    assert issue.status_code == 429
    assert book().status_code == 201


def test_the_web_lookup_and_the_api_share_one_counter(client, book, ten_a_day):
    reference = book().json["reference"]
    for _ in range(5):
        assert _wrong(client).status_code == 404
        assert _web_lookup(client, reference).status_code == 404
    assert _wrong(client).status_code == 429
    page = _web_lookup(client, reference)
    assert page.status_code == 429
    assert "しばらくしてからお試しください" in page.get_data(as_text=True)


def test_each_client_address_has_its_own_counter(client, ten_a_day):
    for _ in range(10):
        _wrong(client)
    assert _wrong(client, environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 404
    assert _wrong(client).status_code == 429


def test_without_trusted_proxies_forwarded_for_is_ignored(client, ten_a_day):
    for n in range(10):
        _wrong(client, headers={"X-Forwarded-For": f"203.0.113.{n}"})
    assert _wrong(client, headers={"X-Forwarded-For": "203.0.113.99"}).status_code == 429


def test_behind_a_trusted_proxy_each_resident_has_a_counter(runtime, ten_a_day):
    from wsgi import create_app

    runtime.settings = replace(runtime.settings, trusted_proxies=1)
    client = create_app(runtime=runtime).test_client()
    resident = {"X-Forwarded-For": "203.0.113.5"}
    for _ in range(10):
        assert _wrong(client, headers=resident).status_code == 404
    assert _wrong(client, headers=resident).status_code == 429
    assert _wrong(client, headers={"X-Forwarded-For": "203.0.113.6"}).status_code == 404
    spoofed = {"X-Forwarded-For": "198.51.100.1, 203.0.113.5"}  # only the proxy's entry counts
    assert _wrong(client, headers=spoofed).status_code == 429


def test_counters_live_in_redis_without_the_address(client, runtime):
    _wrong(client)
    names = [k.decode() for k in runtime.redis.keys(f"{KEY_PREFIX}*")]
    assert len(names) == 2  # the minute and the day
    assert not any("127.0.0.1" in name for name in names)
    assert all(0 < runtime.redis.ttl(name) <= 86400 for name in names)


def test_switched_off_nothing_is_limited(client, no_ratelimit, runtime):
    assert all(_wrong(client).status_code == 404 for _ in range(15))
    assert runtime.redis.keys(f"{KEY_PREFIX}*") == []


@pytest.mark.slow
def test_a_hundred_lookups_at_once_with_a_limit_of_ten_evaluate_exactly_ten(app, ten_a_day):
    gate = threading.Barrier(100)

    def one(_i: int) -> int:
        client = app.test_client()
        gate.wait()
        return _wrong(client).status_code

    with ThreadPoolExecutor(max_workers=100) as pool:
        codes = Counter(pool.map(one, range(100)))
    assert codes == {404: 10, 429: 90}


@pytest.fixture
def redis_down(runtime):
    """An app whose Redis is a real client to a port where nothing listens (no retries)."""
    from wsgi import create_app

    runtime.redis = redis.Redis(port=1, retry=Retry(NoBackoff(), 0))
    app = create_app(runtime=runtime)
    app.config.update(TESTING=True)
    return app.test_client()


def test_when_redis_is_down_api_lookups_are_refused_not_unlimited(redis_down):
    refused = _wrong(redis_down)
    assert (refused.status_code, refused.json["error"]) == (503, "service_unavailable")


def test_when_redis_is_down_the_web_lookup_says_so_politely(redis_down):
    page = _web_lookup(redis_down, "1234567890")
    assert page.status_code == 503
    assert "ただいま受付を休止しています" in page.get_data(as_text=True)
