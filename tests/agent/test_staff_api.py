"""The staff JSON API over HTTP: login, presence, the call's steps, live figures, voice token."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import jwt

from booking_core.call_records import Skills
from queues import acd, keys

from .conftest import PASSWORD, csrf_from


def test_login_returns_a_bearer_token_that_expires_when_idle(client, r, make_staff):
    make_staff("aoki")
    reply = client.post("/api/v1/staff/login", json={"username": "aoki", "password": PASSWORD})
    assert reply.status_code == 200
    assert (reply.json["role"], reply.json["expires_in"]) == ("agent", 1800)
    ttl = r.ttl(keys.TOKEN_PREFIX + reply.json["token"])
    assert 1790 <= ttl <= 1800


def _login(client, password, address="127.0.0.1", username="aoki"):
    return client.post(
        "/api/v1/staff/login",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_a_wrong_password_is_401_and_five_make_the_address_wait(client, make_staff):
    make_staff("aoki")
    for _ in range(5):
        reply = _login(client, "nope")
        assert (reply.status_code, reply.json["error"]) == (401, "login_failed")
    waiting = _login(client, PASSWORD)
    assert (waiting.status_code, waiting.json["error"]) == (429, "too_many_attempts")
    assert 50 < int(waiting.headers["Retry-After"]) <= 60  # a minute, counted by Redis


def test_failures_from_many_addresses_make_the_account_wait(client, clock, make_staff):
    make_staff("aoki")
    for n in range(5):
        assert _login(client, "nope", address=f"10.0.0.{n}").status_code == 401
    assert _login(client, PASSWORD, address="10.0.1.1").status_code == 401  # waits 30 s
    clock.set(clock.now() + timedelta(seconds=30))
    assert _login(client, PASSWORD, address="10.0.1.1").status_code == 200


def test_a_success_does_not_count_against_the_address(client, make_staff):
    make_staff("aoki")
    for _ in range(4):
        _login(client, "nope")
    assert _login(client, PASSWORD).status_code == 200
    assert _login(client, "nope").status_code == 401  # the fifth failure, still checked
    assert _login(client, PASSWORD).status_code == 429


def test_one_address_guessing_many_accounts_waits(client, make_staff):
    for name in ("aoki", "baba"):
        make_staff(name)
    for n in range(5):
        _login(client, "nope", username=f"nobody{n}")
    assert _login(client, PASSWORD, username="baba").status_code == 429
    assert _login(client, PASSWORD, username="baba", address="10.0.0.9").status_code == 200


def test_missing_fields_are_named(client):
    reply = client.post("/api/v1/staff/login", json={"username": "aoki"})
    assert reply.status_code == 422
    assert reply.json == {
        "error": "invalid",
        "message": "入力内容に誤りがあります。",
        "fields": {"password": "required"},
    }


def test_without_a_token_the_api_answers_401(client):
    reply = client.put("/api/v1/staff/presence", json={"state": "available"})
    assert (reply.status_code, reply.json["error"]) == (401, "unauthorized")


def test_presence_changes_the_on_duty_set(client, r, api_login):
    headers = api_login("aoki")
    reply = client.put("/api/v1/staff/presence", json={"state": "available"}, headers=headers)
    assert reply.status_code == 200
    assert reply.json["agent"]["state"] == "available"
    assert r.smembers(keys.AGENTS_ON_DUTY_KEY) == {b"aoki"}
    bad = client.put("/api/v1/staff/presence", json={"state": "break"}, headers=headers)
    assert (bad.status_code, bad.json["fields"]) == (422, {"state": "break_reason_required"})


def test_an_agent_answers_hangs_up_and_wraps_up(client, r, clock, api_login):
    headers = api_login("aoki")
    client.put("/api/v1/staff/presence", json={"state": "available"}, headers=headers)
    acd.enqueue_call(
        r, call_sid="CA-1", queue="booking", caller="+819012345678", language="ja", now=clock.now()
    )
    me = client.get("/api/v1/staff/me", headers=headers).json
    assert (me["agent"]["state"], me["call"]["sid"], me["call"]["caller"]) == (
        "on_call",
        "CA-1",
        "+819012345678",
    )
    assert client.post("/api/v1/staff/answer", headers=headers).json["call"]["state"] == "answered"
    clock.set(clock.now() + timedelta(minutes=4))
    after = client.post("/api/v1/staff/hangup", headers=headers).json
    assert (after["agent"]["state"], after["wrap_up_owed"]["sid"]) == ("wrap_up", "CA-1")
    refused = client.put("/api/v1/staff/presence", json={"state": "available"}, headers=headers)
    assert (refused.status_code, refused.json["error"]) == (409, "wrap_up_pending")
    done = client.post(
        "/api/v1/staff/wrap-up",
        json={"code": "booked", "topic": "booking", "note": "予約済"},
        headers=headers,
    )
    assert (done.status_code, done.json["agent"]["state"], done.json["wrap_up_owed"]) == (
        200,
        "available",
        None,
    )


def test_a_wrap_up_with_an_unknown_code_is_422(client, r, clock, api_login):
    headers = api_login("aoki")
    client.put("/api/v1/staff/presence", json={"state": "available"}, headers=headers)
    acd.enqueue_call(r, call_sid="CA-1", queue="general", caller="", language="ja", now=clock.now())
    client.post("/api/v1/staff/hangup", headers=headers)
    reply = client.post("/api/v1/staff/wrap-up", json={"code": "lunch"}, headers=headers)
    assert (reply.status_code, reply.json["fields"]) == (422, {"code": "unknown_wrap_code"})


def test_live_figures_are_for_supervisors_only(client, r, clock, api_login):
    agent = api_login("aoki", skills=Skills(("english",), ("en",)))
    client.put("/api/v1/staff/presence", json={"state": "break", "reason": "lunch"}, headers=agent)
    assert client.get("/api/v1/stats/live", headers=agent).status_code == 403
    acd.enqueue_call(r, call_sid="CA-1", queue="english", caller="", language="en", now=clock.now())
    supervisor = api_login("sato", role="supervisor")
    live = client.get("/api/v1/stats/live", headers=supervisor).json
    english = next(q for q in live["queues"] if q["queue"] == "english")
    assert (english["waiting"], english["agents_on_duty"]) == (1, 1)
    assert [(a["id"], a["state"], a["reason"]) for a in live["agents"]] == [
        ("aoki", "break", "lunch"),
    ]  # sato, the supervisor, is no operator while not taking calls


def test_the_voice_token_names_the_agents_client_identity(client, runtime, api_login):
    headers = api_login("aoki")
    assert client.get("/api/v1/staff/voice-token", headers=headers).status_code == 503
    runtime.settings = replace(
        runtime.settings,
        twilio_api_key="SK" + "0" * 32,
        twilio_api_secret="secret-for-tests-only-0123456789",
        twilio_twiml_app_sid="AP" + "0" * 32,
    )
    reply = client.get("/api/v1/staff/voice-token", headers=headers)
    claims = jwt.decode(
        reply.json["token"], "secret-for-tests-only-0123456789", algorithms=["HS256"]
    )
    assert claims["grants"]["identity"] == "agent_aoki"
    assert claims["grants"]["voice"]["incoming"] == {"allow": True}


def test_the_console_page_gets_its_softphone_token_with_the_session(client, runtime, page_login):
    page_login("aoki")
    assert client.get("/console/voice-token").status_code == 503  # no API key offline
    runtime.settings = replace(
        runtime.settings,
        twilio_api_key="SK" + "1" * 32,
        twilio_api_secret="another-secret-for-tests-0123456",
    )
    reply = client.get("/console/voice-token")
    assert (reply.status_code, reply.json["identity"]) == (200, "agent_aoki")


def test_callbacks_are_listed_in_serving_order_with_their_request_time(client, r, clock, api_login):
    import json

    headers = api_login("aoki")
    acd.request_callback(r, call_sid="CB-2", number="+819022223333", now=clock.now())
    entry = {
        "caller": "+819011112222",
        "language": "ja",
        "topic": "general",
        "requested_at": (clock.now() - timedelta(minutes=5)).isoformat(),
    }
    r.rpush(keys.CALLBACKS_KEY, json.dumps(entry))
    listed = client.get("/api/v1/staff/callbacks", headers=headers).json["callbacks"]
    assert [(c["number"], c["requested_at"]) for c in listed] == [
        ("+819011112222", "2026-11-02T08:55:00+09:00"),
        ("+819022223333", "2026-11-02T09:00:00+09:00"),
    ]


def test_sign_ins_per_address_are_limited_across_api_and_pages(client, make_staff):
    make_staff("aoki")
    for _ in range(30):
        assert _login(client, PASSWORD).status_code == 200
    refused = _login(client, PASSWORD)
    assert (refused.status_code, refused.json["error"]) == (429, "too_many_attempts")
    assert "Retry-After" in refused.headers
    assert _login(client, PASSWORD, address="10.0.0.9").status_code == 200
    token = csrf_from(client.get("/console/login").get_data(as_text=True))
    page = client.post(
        "/console/login", data={"username": "aoki", "password": PASSWORD, "csrf_token": token}
    )
    assert page.status_code == 429
    assert "ログインが短い時間に続いたため" in page.get_data(as_text=True)


def test_when_redis_is_down_sign_in_is_refused_with_503(runtime, make_staff):
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    from wsgi import create_app

    make_staff("aoki")
    runtime.redis = redis.Redis(port=1, retry=Retry(NoBackoff(), 0))
    client = create_app(runtime=runtime).test_client()
    reply = client.post("/api/v1/staff/login", json={"username": "aoki", "password": PASSWORD})
    assert (reply.status_code, reply.json["error"]) == (503, "unavailable")
    token = csrf_from(client.get("/console/login").get_data(as_text=True))
    page = client.post(
        "/console/login", data={"username": "aoki", "password": PASSWORD, "csrf_token": token}
    )
    assert page.status_code == 503
    assert "ただいまログインを受け付けられません" in page.get_data(as_text=True)
