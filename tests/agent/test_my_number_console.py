"""No console form or staff API field keeps, shows or puts in a URL a My Number: 4xx instead."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from booking_core.callcentre_models import CallRecord
from booking_core.models import Booking
from queues import keys

MY_NUMBER = "123456789018"  # a valid 個人番号
BOOKING_FORM = {
    "service": "cert",
    "center": "kamiooka",
    "day": "2026-11-06",
    "start": "14:00",
    "party_size": "1",
    "name": "横浜 太郎",
    "kana": "ヨコハマ タロウ",
    "address": "",
    "birth_date": "1960-05-05",
    "phone": "+819012345678",
}


def _count(runtime, model) -> int:
    with runtime.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("field", ["name", "kana", "address"])
def test_the_console_booking_form_refuses_a_my_number(client, runtime, page_login, field):
    csrf = page_login("aoki")
    reply = client.post(
        "/console/bookings/new",
        data={**BOOKING_FORM, field: f"番号 {MY_NUMBER}", "csrf_token": csrf},
    )
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    assert "マイナンバー（個人番号）は入力・保存できません" in page
    assert MY_NUMBER not in page
    assert _count(runtime, Booking) == 0


def test_a_wrap_up_note_with_a_my_number_is_refused(client, runtime, page_login):
    csrf = page_login("aoki")
    reply = client.post(
        "/console/wrap-up",
        data={"csrf_token": csrf, "code": "enquiry", "note": "1234 5678 9018", "next_state": ""},
    )
    assert reply.status_code == 422
    assert _count(runtime, CallRecord) == 0


def test_an_emergency_announcement_with_a_my_number_is_never_stored(client, r, page_login):
    csrf = page_login("sato", role="supervisor")
    reply = client.post(
        "/console/dashboard/emergency",
        data={"csrf_token": csrf, "language": "ja", "text": f"番号{MY_NUMBER}", "action": "set"},
    )
    assert reply.status_code == 422
    assert r.get(keys.emergency_key("ja")) is None


def test_the_notice_search_is_posted_so_the_number_never_reaches_a_url(client, page_login):
    page_login("aoki")
    page = client.get("/console/").get_data(as_text=True)
    assert '<form method="post" action="/console/" class="stack" id="search-form">' in page


def test_a_my_number_in_the_notice_search_is_refused_without_echo(client, page_login):
    csrf = page_login("aoki")
    reply = client.post("/console/", data={"csrf_token": csrf, "notice": MY_NUMBER})
    assert reply.status_code == 422
    assert reply.location is None
    assert MY_NUMBER not in reply.get_data(as_text=True)


def test_a_my_number_in_a_console_url_is_refused_not_redirected(client, page_login):
    page_login("aoki")
    reply = client.get(f"/console/?notice={MY_NUMBER}")
    assert reply.status_code == 422
    assert reply.location is None
    assert MY_NUMBER not in reply.get_data(as_text=True)


def test_the_notice_search_by_post_finds_a_ready_card(client, page_login, ready_card):
    ready_card(notice_number="123456789")
    csrf = page_login("aoki")
    page = client.post("/console/", data={"csrf_token": csrf, "notice": "123 456789"})
    assert page.status_code == 200
    assert "123456789" in page.get_data(as_text=True)


def test_the_staff_api_refuses_a_my_number_in_a_wrap_up_note(client, runtime, api_login):
    headers = api_login("aoki")
    reply = client.post(
        "/api/v1/staff/wrap-up",
        json={"code": "enquiry", "note": f"番号 {MY_NUMBER}"},
        headers=headers,
    )
    assert reply.status_code == 422
    assert reply.json["error"] == "my_number_not_accepted"
    assert reply.json["fields"] == {"note": "my_number_not_accepted"}
    assert _count(runtime, CallRecord) == 0


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("put", "/api/v1/staff/presence", {"state": "break", "reason": MY_NUMBER}),
        ("get", f"/api/v1/staff/me?q={MY_NUMBER}", None),
        ("get", f"/api/v1/staff/callbacks?x={MY_NUMBER}", None),
    ],
)
def test_any_staff_api_field_with_a_my_number_gets_422(client, api_login, method, path, body):
    headers = api_login("aoki")
    reply = getattr(client, method)(path, json=body, headers=headers)
    assert reply.status_code == 422
    assert reply.json["error"] == "my_number_not_accepted"
