"""Staff sessions: an absolute lifetime beside the idle timeout, __Host- cookie, HSTS, no-store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from queues import keys

from .conftest import PASSWORD, csrf_from

ME = "/api/v1/staff/me"


def test_the_token_response_is_never_cached_and_asks_for_https(client, make_staff):
    make_staff("aoki")
    reply = client.post("/api/v1/staff/login", json={"username": "aoki", "password": PASSWORD})
    assert reply.headers["Cache-Control"] == "no-store"
    assert reply.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_console_pages_ask_for_https_and_are_not_stored(client):
    reply = client.get("/console/login")
    assert reply.headers["Cache-Control"] == "no-store"
    assert reply.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_activity_never_keeps_a_session_past_twelve_hours(client, r, clock, api_login):
    headers = api_login("aoki")
    [key] = list(r.scan_iter(keys.TOKEN_PREFIX + "*"))
    clock.set(clock.now() + timedelta(hours=12) - timedelta(seconds=20))
    assert client.get(ME, headers=headers).status_code == 200
    assert 0 < r.ttl(key) <= 20  # renewed only up to the session's end
    clock.set(clock.now() + timedelta(seconds=20))
    assert client.get(ME, headers=headers).json["error"] == "unauthorized"
    assert not r.exists(key)


def test_the_absolute_lifetime_is_configurable(client, runtime, clock, api_login):
    runtime.settings = replace(runtime.settings, staff_session_hours=1)
    headers = api_login("aoki")
    clock.set(clock.now() + timedelta(hours=1))
    assert client.get(ME, headers=headers).status_code == 401


def test_an_ended_page_session_goes_back_to_login(client, clock, page_login):
    page_login("aoki")
    clock.set(clock.now() + timedelta(hours=12))
    reply = client.get("/console/")
    assert (reply.status_code, reply.location) == (302, "/console/login")


def test_in_production_the_cookie_is_host_only_secure_and_every_answer_has_hsts(
    runtime, make_staff
):
    from wsgi import create_app

    runtime.settings = replace(runtime.settings, app_env="production")
    app = create_app(runtime=runtime)
    client = app.test_client()
    make_staff("aoki")
    token = csrf_from(client.get("https://localhost/console/login").get_data(as_text=True))
    reply = client.post(
        "https://localhost/console/login",
        data={"username": "aoki", "password": PASSWORD, "csrf_token": token},
    )
    cookie = reply.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert "Strict-Transport-Security" in client.get("https://localhost/api/v1/centers").headers
