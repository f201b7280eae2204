"""Supervisors and administrators sign in with a TOTP code after the password (enrolled by QR)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from booking_core.models import StaffUser
from booking_core.second_factor import code_at

from .conftest import PASSWORD, TOTP_SECRET, csrf_from

LOGIN = "/api/v1/staff/login"


def _password(client, username="sato"):
    token = csrf_from(client.get("/console/login").get_data(as_text=True))
    form = {"username": username, "password": PASSWORD, "csrf_token": token}
    return client.post("/console/login", data=form)


def _code(client, code):
    token = csrf_from(client.get("/console/login/code").get_data(as_text=True))
    return client.post("/console/login/code", data={"code": code, "csrf_token": token})


def _secret_of(runtime, username="sato"):
    with runtime.uow() as uow:
        return uow.session.scalar(
            select(StaffUser.totp_secret).where(StaffUser.username == username)
        )


def test_a_new_supervisor_enrols_with_a_qr_code_then_signs_in(client, runtime, clock, make_staff):
    make_staff("sato", role="supervisor", enrolled=False)
    assert _password(client).location == "/console/login/code"
    page = client.get("/console/login/code").get_data(as_text=True)
    assert "二段階認証の登録" in page
    svg = re.search(r'<div class="qr" id="totp-qr">(<svg.*?</svg>)</div>', page, re.S)
    assert svg and "http" not in svg.group(1)  # drawn inline, nothing fetched from elsewhere
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    signed_in = _code(client, code_at(secret, clock.now()))
    assert signed_in.location == "/console/dashboard"
    assert _secret_of(runtime) == secret
    assert client.get("/console/dashboard").status_code == 200


def test_the_password_alone_opens_nothing(client, make_staff):
    make_staff("sato", role="supervisor")
    _password(client)
    assert client.get("/console/dashboard").location == "/console/login"


def test_an_enrolled_supervisor_is_asked_for_the_code(client, clock, make_staff, totp_code):
    make_staff("sato", role="supervisor")
    _password(client)
    page = client.get("/console/login/code").get_data(as_text=True)
    assert "確認コードの入力" in page and "<svg" not in page
    wrong = _code(client, "000000" if totp_code() != "000000" else "111111")
    assert wrong.status_code == 401
    assert "確認コードが正しくありません" in wrong.get_data(as_text=True)
    assert _code(client, totp_code()).location == "/console/dashboard"


def test_a_code_is_accepted_only_once(client, app, make_staff, totp_code):
    make_staff("sato", role="supervisor")
    _password(client)
    assert _code(client, totp_code()).status_code == 302
    other = app.test_client()
    _password(other)
    assert _code(other, totp_code()).status_code == 401


def test_a_code_of_the_next_half_minute_is_still_taken(client, clock, make_staff):
    make_staff("sato", role="supervisor")
    _password(client)
    ahead = code_at(TOTP_SECRET, clock.now() + timedelta(seconds=30))
    assert _code(client, ahead).status_code == 302


def test_without_the_password_step_the_code_page_sends_back_to_login(client, make_staff):
    make_staff("sato", role="supervisor")
    reply = client.get("/console/login/code", follow_redirects=True)
    assert "ユーザー名とパスワードからもう一度ログインしてください" in reply.get_data(as_text=True)


def test_the_api_asks_supervisors_for_the_code(client, make_staff, totp_code):
    make_staff("sato", role="supervisor")
    body = {"username": "sato", "password": PASSWORD}
    missing = client.post(LOGIN, json=body)
    assert (missing.status_code, missing.json["error"]) == (401, "totp_required")
    wrong = client.post(LOGIN, json={**body, "totp": "12345"})
    assert (wrong.status_code, wrong.json["error"]) == (401, "totp_invalid")
    right = client.post(LOGIN, json={**body, "totp": totp_code()})
    assert (right.status_code, right.json["role"]) == (200, "supervisor")


def test_the_api_sends_unenrolled_supervisors_to_the_console(client, make_staff):
    make_staff("ito", role="admin", enrolled=False)
    reply = client.post(LOGIN, json={"username": "ito", "password": PASSWORD, "totp": "123456"})
    assert (reply.status_code, reply.json["error"]) == (403, "totp_enrolment_required")


def test_wrong_codes_count_against_the_account_like_wrong_passwords(client, clock, make_staff):
    make_staff("sato", role="supervisor")
    body = {"username": "sato", "password": PASSWORD, "totp": "999999"}
    for n in range(5):  # from five addresses: the account's own count, not the address's
        client.post(LOGIN, json=body, environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
    right = {**body, "totp": code_at(TOTP_SECRET, clock.now())}
    elsewhere = {"REMOTE_ADDR": "10.0.1.1"}
    assert client.post(LOGIN, json=right, environ_base=elsewhere).status_code == 401
    clock.set(clock.now() + timedelta(seconds=30))
    right = {**body, "totp": code_at(TOTP_SECRET, clock.now())}
    assert client.post(LOGIN, json=right, environ_base=elsewhere).status_code == 200


def test_agents_sign_in_with_the_password_alone(client, make_staff):
    make_staff("aoki")
    reply = client.post(LOGIN, json={"username": "aoki", "password": PASSWORD})
    assert reply.status_code == 200
