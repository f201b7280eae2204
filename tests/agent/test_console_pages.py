"""The agent's console pages: login, CSRF, timeout, and a whole call booked for the caller."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

from booking_core.bookings import create_booking
from booking_core.callcentre_models import CallRecord
from booking_core.home_visits import HomeVisitRequest, request_home_visit
from booking_core.models import AuditEvent, Booking, Notification
from booking_core.policy import Actor
from queues import acd, callbacks, keys, presence, stats
from tests.conftest import owed_texts

from .conftest import PASSWORD, csrf_from


def test_the_console_sends_strangers_to_the_login_form(client):
    reply = client.get("/console/")
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith("/console/login")


def test_a_login_without_the_csrf_token_is_refused(client, make_staff):
    make_staff("aoki")
    reply = client.post("/console/login", data={"username": "aoki", "password": PASSWORD})
    assert reply.status_code == 400
    assert "画面の有効期限が切れました" in reply.get_data(as_text=True)


def test_a_wrong_password_tells_about_the_growing_wait(client, make_staff):
    make_staff("aoki")
    token = csrf_from(client.get("/console/login").get_data(as_text=True))
    reply = client.post(
        "/console/login", data={"username": "aoki", "password": "wrong", "csrf_token": token}
    )
    assert reply.status_code == 401
    assert "間違えるたびに待ち時間が長くなります" in reply.get_data(as_text=True)


def test_too_many_failures_from_one_address_show_the_wait(client, make_staff):
    make_staff("aoki")
    token = csrf_from(client.get("/console/login").get_data(as_text=True))
    form = {"username": "aoki", "password": "wrong", "csrf_token": token}
    for _ in range(5):
        assert client.post("/console/login", data=form).status_code == 401
    reply = client.post("/console/login", data={**form, "password": PASSWORD})
    assert reply.status_code == 429
    assert "1分ほどたってから" in reply.get_data(as_text=True)


def test_an_expired_session_goes_back_to_login_with_a_message(client, r, page_login):
    page_login("aoki")
    for key in r.scan_iter(keys.TOKEN_PREFIX + "*"):
        r.delete(key)  # what the idle timeout does
    reply = client.get("/console/", follow_redirects=True)
    assert "一定時間操作がなかったため" in reply.get_data(as_text=True)


def test_a_form_without_the_csrf_token_changes_nothing(client, r, page_login):
    page_login("aoki")
    client.post("/console/presence", data={"state": "available"})
    assert presence.agent(r, "aoki")["state"] == "offline"


def test_an_agent_answers_books_for_the_caller_and_wraps_up(
    client, r, runtime, clock, page_login, booking_request
):
    earlier = create_booking(
        runtime.uow(),
        booking_request(service="pin"),
        now=clock.now(),
        actor=Actor.resident("ivr"),
        policy=runtime.policy,
    )
    csrf = page_login("aoki")
    client.post("/console/presence", data={"state": "available", "csrf_token": csrf})
    acd.enqueue_call(
        r, call_sid="CA-1", queue="booking", caller="+819012345678", language="ja", now=clock.now()
    )
    page = client.get("/console/").get_data(as_text=True)
    assert 'id="caller-number" class="mono">090-1234-5678<' in page
    assert earlier.reference in page  # the screen pop
    client.post("/console/answer", data={"csrf_token": csrf})
    assert acd.call_info(r, "CA-1")["state"] == "answered"
    booked = client.post(
        "/console/bookings/new",
        data={
            "csrf_token": csrf,
            "service": "cert",
            "center": "kamiooka",
            "day": "2026-11-06",
            "start": "14:00",
            "party_size": "1",
            "name": "横浜 太郎",
            "kana": "ヨコハマ タロウ",
            "birth_date": "1960-05-05",
            "phone": "+819012345678",
        },
        follow_redirects=True,
    )
    assert "予約しました。予約番号" in booked.get_data(as_text=True)
    with runtime.uow() as uow:
        made = uow.session.scalars(select(Booking).where(Booking.service_code == "cert")).one()
        assert (made.channel, made.center_id, made.day) == ("agent", "kamiooka", date(2026, 11, 6))
    clock.set(clock.now() + timedelta(minutes=5))
    client.post("/console/hangup", data={"csrf_token": csrf})
    assert 'id="wrap-up-form"' in client.get("/console/").get_data(as_text=True)
    client.post(
        "/console/wrap-up",
        data={
            "csrf_token": csrf,
            "code": "booked",
            "topic": "booking",
            "note": "証明書更新を予約",
            "next_state": "available",
        },
    )
    assert presence.agent(r, "aoki")["state"] == "available"
    with runtime.uow() as uow:
        record = uow.session.scalars(select(CallRecord)).one()
        assert (record.call_sid, record.wrap_code, record.agent) == ("CA-1", "booked", "aoki")
    figures = stats.queue_figures(r, "booking", clock.now())
    assert (figures["answered"], figures["waiting"], figures["service_level"]) == (1, 0, 1.0)


def test_a_refused_booking_says_which_reason(client, page_login):
    csrf = page_login("aoki")
    reply = client.post(
        "/console/bookings/new",
        data={
            "csrf_token": csrf,
            "service": "cert",
            "center": "kamiooka",
            "day": "2026-11-04",
            "start": "14:00",
            "birth_date": "1960-05-05",
        },
        follow_redirects=True,
    )
    page = reply.get_data(as_text=True)
    assert "その日はセンターの休所日です（定休日）。" in page


def test_search_by_reference_shows_the_booking(client, runtime, clock, page_login, booking_request):
    made = create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    page_login("aoki")
    page = client.get(f"/console/?reference={made.reference}").get_data(as_text=True)
    assert f'data-reference="{made.reference}"' in page
    assert "該当するご予約" not in page
    assert '<span class="text pending">予約確認（SMS） 送信待ち' in page  # the confirmation it owes


def test_a_text_that_may_not_have_arrived_stands_out_to_the_agent(
    client, runtime, clock, page_login, booking_request
):
    made = create_booking(
        runtime.uow(), booking_request(), now=clock.now(), actor=Actor.resident("web"),
        policy=runtime.policy,
    )  # fmt: skip
    with runtime.uow() as uow:
        uow.session.execute(update(Notification).values(status="unknown", error="ReadTimeout"))
        uow.commit()
    page_login("aoki")
    page = client.get(f"/console/?reference={made.reference}").get_data(as_text=True)
    assert '<span class="text unknown">予約確認（SMS） 届いたか不明（再送しません）' in page


def test_a_callback_is_dialled_through_the_gateway(client, r, clock, page_login):
    from queues.gateway import offline_gateway

    offline_gateway().clear()
    acd.request_callback(r, call_sid="CB-1", number="+819055556666", now=clock.now())
    csrf = page_login("aoki")
    assert "090-5555-6666" in client.get("/console/").get_data(as_text=True)  # the list
    client.post("/console/presence", data={"state": "available", "csrf_token": csrf})
    page = client.get("/console/").get_data(as_text=True)
    assert 'id="dial"' in page
    client.post("/console/callback/dial", data={"csrf_token": csrf})
    sent = offline_gateway().sent
    assert [(s.kind, s.to) for s in sent] == [("call", "+819055556666")]
    assert sent[0].body.endswith("/console/voice/connect?client=agent_aoki")


def test_an_abandoned_caller_is_offered_a_callback_from_the_console(client, r, clock, page_login):
    acd.enqueue_call(
        r, call_sid="CA-9", queue="general", caller="+819077778888", language="ja", now=clock.now()
    )
    acd.call_left(r, "CA-9", "hangup", clock.now())
    csrf = page_login("aoki")
    assert 'id="abandoned"' in client.get("/console/").get_data(as_text=True)
    reply = client.post(
        "/console/abandoned/callback",
        data={"csrf_token": csrf, "sid": "CA-9"},
        follow_redirects=True,
    )
    page = reply.get_data(as_text=True)
    assert "元の順番で折り返し待ちに加えました。" in page and 'id="abandoned"' not in page
    assert [(c["sid"], c["number"]) for c in callbacks.waiting(r)] == [("CB-CA-9", "+819077778888")]


def test_the_background_poll_does_not_keep_a_session_alive(client, r, page_login):
    page_login("aoki")
    [key] = list(r.scan_iter(keys.TOKEN_PREFIX + "*"))
    r.expire(key, 60)
    assert client.get("/console/poll").status_code == 200
    assert r.ttl(key) <= 60  # a person's click renews it; the poll does not
    client.get("/console/")
    assert r.ttl(key) > 1700


def test_an_agent_whose_session_expired_goes_off_duty(client, r, page_login):
    csrf = page_login("aoki")
    client.post("/console/presence", data={"state": "available", "csrf_token": csrf})
    for key in r.scan_iter(keys.TOKEN_PREFIX + "*"):
        r.delete(key)
    assert client.get("/console/poll").status_code == 302
    assert presence.agent(r, "aoki")["state"] == "offline"
    assert presence.on_duty(r) == set()


def test_showing_the_callback_list_is_audited_without_the_number(
    client, r, runtime, clock, page_login
):
    from booking_core.models import AuditEvent

    acd.request_callback(r, call_sid="CB-7", number="+819055556666", now=clock.now())
    page_login("aoki")
    client.get("/console/")
    with runtime.uow() as uow:
        rows = uow.session.execute(
            select(AuditEvent.actor, AuditEvent.entity_id).where(AuditEvent.action == "phone.read")
        ).all()
    assert ("staff:aoki", "+81******6666") in rows


def test_the_slot_grid_shows_five_days_of_places_and_why_a_day_is_closed(client, page_login):
    page_login("aoki")
    grid = client.get("/console/availability?service=cert&center=yokohama&from=2026-11-04").json
    days = {d["date"]: d for d in grid["days"]}
    assert len(days) == 5
    assert (days["2026-11-04"]["closed"], days["2026-11-04"]["slots"]) == ("定休日", [])
    friday = {s["start"]: s["remaining"] for s in days["2026-11-06"]["slots"]}
    assert friday["14:00"] > 0 and days["2026-11-06"]["label"] == "11/06（金）"
    bad = client.get("/console/availability?service=cert&center=yokohama&from=6-11")
    assert (bad.status_code, bad.json["fields"]) == (422, {"from": "invalid_date"})


def test_a_change_and_a_cancel_from_the_console_owe_the_residents_texts(
    client, runtime, clock, page_login, booking_request
):
    made = create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("ivr"),
        policy=runtime.policy,
    )
    csrf = page_login("aoki")
    person = {"csrf_token": csrf, "reference": made.reference, "birth_date": "1960-05-05"}
    client.post("/console/bookings/change", data={**person, "day": "2026-11-09", "start": "12:00"})
    client.post("/console/bookings/cancel", data=person)
    assert owed_texts(runtime, made.reference) == [
        ("sms_confirmation", "pending"),
        ("sms_change:2", "pending"),
        ("sms_cancellation", "pending"),
    ]


def test_a_web_home_visit_request_reaches_the_agent_with_its_details(
    client, runtime, r, clock, page_login
):
    request = HomeVisitRequest(
        service="visit-apply", name="横浜 ハル", kana="ヨコハマ ハル", birth_date=date(1938, 3, 3),
        phone="+81452001234", address="横浜市中区本町6-50-10", facility="みなと苑 201号室",
        access_notes="耳が遠いです",
    )  # fmt: skip
    made = request_home_visit(runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"))
    callbacks.leave_request(r, number="+81452001234", language="ja", topic="visit", now=clock.now())
    csrf = page_login("aoki")
    client.post("/console/presence", data={"state": "available", "csrf_token": csrf})
    page = client.get("/console/").get_data(as_text=True)
    assert 'id="dial"' in page and 'id="home-visits"' in page
    assert made.reference in page and "みなと苑 201号室" in page and "耳が遠いです" in page
    with runtime.uow() as uow:
        reads = uow.session.scalars(
            select(AuditEvent.entity_id).where(AuditEvent.action == "home_visit.read")
        ).all()
    assert made.reference in reads


def _book_from_console(client, csrf: str, phone: str) -> None:
    reply = client.post(
        "/console/bookings/new",
        data={
            "csrf_token": csrf,
            "service": "cert",
            "center": "kamiooka",
            "day": "2026-11-06",
            "start": "14:00",
            "name": "横浜 太郎",
            "kana": "ヨコハマ タロウ",
            "birth_date": "1960-05-05",
            "phone": phone,
        },
    )
    assert reply.status_code == 302


def test_a_booking_from_the_console_owes_the_residents_confirmation(client, runtime, page_login):
    _book_from_console(client, page_login("aoki"), "090-1234-5678")
    with runtime.uow() as uow:
        reference = uow.session.scalars(select(Booking.reference)).one()
    assert owed_texts(runtime, reference) == [("sms_confirmation", "pending")]


def test_a_booking_from_the_console_for_a_landline_owes_no_text(client, runtime, page_login):
    _book_from_console(client, page_login("aoki"), "045-671-2111")
    with runtime.uow() as uow:
        assert uow.session.scalars(select(Booking.phone)).one() == "+81456712111"
    assert owed_texts(runtime) == []
