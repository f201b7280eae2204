"""Key `8` in the booking menus (issue 15): a text with a link that continues the booking on
the web with what was entered, mobiles only, sent once; the link holds only a token."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from twilio.http.response import Response

from booking_core.models import AuditEvent
from booking_core.phone_handover import SENT_PREFIX, Handover, hand_over, read
from ivr.simulator import HIDDEN_NUMBER
from queues.gateway import NotSent
from queues.job_runtime import use_runtime
from queues.jobs import send_phone_handover
from tests.conftest import work_notifications

from .conftest import LANDLINE, MOBILE

# language, other procedure, cert, Yokohama, birth date, one person: the offer
TO_OFFER = ["1", "2", "1", "1", "19600505#", "1"]
NOW = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
LINK = re.compile(r"https?://\S+/book/continue/([0-9a-f]+)")


def _link(texts) -> tuple[str, str]:
    [body] = texts.texts_to(MOBILE)
    found = LINK.search(body)
    assert found is not None, body
    return found.group(0), found.group(1)


def test_8_at_the_offer_on_a_mobile_texts_once_a_link_that_fills_the_web_form(
    phone, runtime, texts, client
):
    call = phone.ring([*TO_OFFER, "8"])
    said = call.said()
    assert said[-2] == (
        "ここまでのご入力内容で、ウェブで予約を続けるためのリンクをショートメッセージで"
        "お送りします。このままお電話でも続けられます。"
    )
    assert said[-1] == "予約する場合は1、次の空きは2、日付の指定は3を押してください。"
    phone.press(call, ["8"])  # again: no second text, the link shows the latest entries
    assert call.said()[-2].startswith("ショートメッセージは先ほどお送りしました。")
    work_notifications(runtime)
    work_notifications(runtime)
    link, token = _link(texts)
    assert "ウェブから予約を続けられます" in texts.texts_to(MOBILE)[0]
    assert link == f"{runtime.settings.public_base_url}/book/continue/{token}"  # a token only
    assert re.fullmatch(r"[0-9a-f]{48}", token)
    use_runtime(runtime)
    assert send_phone_handover(token) == "skipped"  # a twin job sends nothing
    assert len(texts.sent) == 1

    opened = client.get(f"/book/continue/{token}")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith("/book/calendar")
    page = client.get("/book/calendar")
    assert page.status_code == 200 and 'lang="ja"' in page.get_data(as_text=True)
    with runtime.uow() as uow:
        actions = uow.session.scalars(select(AuditEvent.action)).all()
        details_logged = uow.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "handover.create")
        ).all()
    assert {"handover.create", "handover.open"} <= set(actions)
    assert "1960-05-05" not in str(details_logged) and MOBILE not in str(details_logged)


def test_8_at_the_read_back_in_english_opens_the_details_page_filled_in_english(
    phone, runtime, texts, client
):
    call = phone.ring(["2", "2", "1", "1", "19600505#", "2", "3", "1106#", "1400#", "8"])
    assert call.said()[-3].startswith("We will text you a link")  # then the read-back again
    work_notifications(runtime)
    _, token = _link(texts)
    assert "continue your booking on the web" in texts.texts_to(MOBILE)[0]
    opened = client.get(f"/book/continue/{token}")
    assert opened.headers["Location"].endswith("/book/details")
    page = client.get("/book/details").get_data(as_text=True)
    assert 'lang="en"' in page and 'value="19600505"' in page
    with client.session_transaction() as session:
        draft = json.loads(runtime.redis.get(f"web:draft:book:{session['draft:book']}"))
    assert draft == {"service": "cert", "center": "yokohama", "party_size": 2,
                     "birth_date": "1960-05-05", "day": "2026-11-06", "start": "14:00"}  # fmt: skip


def test_8_in_an_entry_before_the_time_opens_that_days_times(phone, runtime, texts, client):
    phone.ring([*TO_OFFER, "3", "1106#", "8#"])
    work_notifications(runtime)
    _, token = _link(texts)
    opened = client.get(f"/book/continue/{token}")
    assert opened.headers["Location"].endswith("/book/day/2026-11-06")


def test_8_is_offered_at_the_date_and_after_a_failed_try_only_on_a_mobile(phone):
    hint = "ウェブで予約を続けるご案内を携帯電話にお送りする場合は、8と#を押してください。"
    assert phone.ring([*TO_OFFER, "3"]).said()[-1].endswith(hint)
    assert phone.ring(["1", "2", "1", "1", "1#"]).said()[-1].endswith(hint)  # a wrong birth date
    for keys in ([*TO_OFFER, "3"], ["1", "2", "1", "1", "1#"]):
        assert not any("ウェブ" in line for line in phone.ring(keys, caller=LANDLINE).said())


def test_8_on_a_landline_or_hidden_number_is_a_wrong_key_with_a_word_why(phone, runtime, texts):
    for caller in (LANDLINE, HIDDEN_NUMBER):
        call = phone.ring([*TO_OFFER, "8"], caller=caller)
        assert call.said()[-2] == (
            "恐れ入りますが、ショートメッセージでのご案内は、携帯電話からおかけの場合のみ"
            "ご利用いただけます。"
        )
    work_notifications(runtime)
    assert texts.sent == []
    assert not list(runtime.redis.scan_iter(SENT_PREFIX + "*"))


def test_an_unknown_or_expired_link_gets_a_page_saying_what_to_do(client):
    gone = client.get("/book/continue/" + "0" * 48)
    assert gone.status_code == 410
    text = gone.get_data(as_text=True)
    assert "このリンクは使えません" in text and 'href="/book"' in text
    assert client.get("/book/continue/not-a-token").status_code == 410


def test_a_handover_text_twilio_surely_refused_for_now_is_tried_again_and_sent_once(
    runtime, twilio
):
    entries = Handover(lang="ja", service="cert")
    token, _, _ = hand_over(runtime.uow(), runtime.redis, secret_key="s", call_sid="CA9",
                            caller=MOBILE, entries=entries, now=NOW)  # fmt: skip
    twilio.answer = lambda _url: Response(429, '{"code": 20429, "message": "busy"}')
    with pytest.raises(NotSent):
        send_phone_handover(token)  # rq tries it again later
    twilio.answer = lambda _url: Response(201, '{"sid": "SM9", "status": "queued"}')
    assert send_phone_handover(token) == "sent"
    assert send_phone_handover(token) == "skipped"
    kept = read(runtime.redis, token)
    assert kept is not None and kept.to is None  # the number is not kept once sent


def test_a_handover_text_whose_send_may_have_gone_is_never_sent_again(runtime, twilio):
    token, _, _ = hand_over(runtime.uow(), runtime.redis, secret_key="s", call_sid="CA8",
                            caller=MOBILE, entries=Handover(lang="en"), now=NOW)  # fmt: skip
    twilio.answer = lambda _url: Response(500, '{"code": 20500, "message": "oops"}')
    assert send_phone_handover(token) == "unknown"
    twilio.answer = lambda _url: Response(201, '{"sid": "SM9", "status": "queued"}')
    assert send_phone_handover(token) == "skipped"
