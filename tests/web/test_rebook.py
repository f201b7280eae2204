"""The closure notice's rebooking link: the nearest free times, one tap to move, the reference
kept; a tampered or expired link refused; closures announced on every page."""

from __future__ import annotations

import re
from datetime import date, datetime

from booking_core.admin import add_closure
from booking_core.calendar import TOKYO
from booking_core.policy import Actor
from tests.conftest import owed_texts, work_notifications

from .conftest import form_token, text_of

MOBILE = "+819012345678"
LINK = re.compile(r"https://\S+(/rebook/[A-Za-z0-9_.\-]+)")


def close_yokohama(runtime, clock, note: str = "停電") -> None:
    add_closure(runtime.uow(), center_id="yokohama", day=date(2026, 11, 6), note=note,
                now=clock.now(), actor=Actor.staff("kanri", "admin"), notify=True)  # fmt: skip


def link_texted(runtime, texts) -> str:
    work_notifications(runtime)
    [body] = [b for b in texts.texts_to(MOBILE) if "臨時休所" in b]
    found = LINK.search(body)
    assert found, body
    return found.group(1)


def booking_of(client, reference: str) -> dict:
    return client.get(f"/api/v1/bookings/{reference}?birth_date=1960-05-05").json


def test_the_closure_text_links_to_the_nearest_times_and_one_tap_moves_the_booking(
    client, runtime, clock, appointment, texts
):
    reference = appointment()
    close_yokohama(runtime, clock)
    path = link_texted(runtime, texts)
    page = client.get(path)
    assert page.status_code == 200
    shown = text_of(page)
    assert "臨時休所のため、日時の変更をお願いします" in shown and "停電" in shown
    assert "別のセンター" in shown  # a certificate can be done at any centre
    choices = re.findall(r'name="choice" value="([^"]+)"', page.text)
    assert choices and all(not c.startswith("yokohama|2026-11-06") for c in choices)
    chosen = next(c for c in choices if c.startswith("yokohama|"))
    moved = client.post(path, data={"csrf_token": form_token(page.text), "choice": chosen})
    assert moved.status_code == 302
    after = booking_of(client, reference)
    _center, day, start = chosen.split("|")
    assert (after["reference"], after["date"], after["start"]) == (reference, day, start)
    assert owed_texts(runtime, reference)[-1] == ("sms_change:2", "pending")
    done = client.get(moved.headers["Location"])
    assert "予約の日時を変更しました" in text_of(done)
    again = client.get(path)  # the link changes nothing more once the booking has moved
    assert "変更済み" in text_of(again) and 'name="choice"' not in again.text


def test_the_link_can_move_a_certificate_booking_to_another_centre(
    client, runtime, clock, appointment, texts
):
    reference = appointment()
    close_yokohama(runtime, clock)
    path = link_texted(runtime, texts)
    page = client.get(path)
    elsewhere = next(
        c for c in re.findall(r'name="choice" value="([^"]+)"', page.text)
        if not c.startswith("yokohama|")
    )  # fmt: skip
    client.post(path, data={"csrf_token": form_token(page.text), "choice": elsewhere})
    assert booking_of(client, reference)["center"] == elsewhere.split("|")[0]


def test_a_tampered_link_is_refused_and_an_expired_one_says_so(
    client, runtime, clock, appointment, texts
):
    appointment()
    close_yokohama(runtime, clock)
    path = link_texted(runtime, texts)
    tampered = client.get(path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"))
    assert tampered.status_code == 400
    assert "このリンクは無効です" in text_of(tampered)
    clock.set(datetime(2026, 11, 7, 9, 0, tzinfo=TOKYO))  # the closure's day is over
    expired = client.get(path)
    assert expired.status_code == 410
    assert "有効期限が切れています" in text_of(expired)


def test_every_page_announces_closures_of_the_next_two_weeks(client, runtime, clock):
    close_yokohama(runtime, clock, note="設備点検")
    add_closure(runtime.uow(), center_id="kamiooka", day=date(2026, 12, 1), note="遠い先",
                now=clock.now(), actor=Actor.staff("kanri", "admin"))  # fmt: skip
    shown = text_of(client.get("/"))
    assert "臨時休所のお知らせ" in shown and "設備点検" in shown
    assert "遠い先" not in shown  # more than two weeks away
    english = text_of(client.get("/?lang=en"))
    assert "Temporary closures" in english and "Yokohama Station" in english


def test_residents_turn_their_reminder_off_on_the_manage_page(client, appointment, resident):
    reference = appointment()
    page = resident.submit("/manage", "/manage", {"reference": reference,
                                                  "birth_date": "19600505"})  # fmt: skip
    assert page.status_code == 302
    booking = client.get("/manage/booking")
    assert "前日のお知らせを停止する" in text_of(booking)
    form = {"csrf_token": form_token(booking.text), "reminders": "off"}
    off = client.post("/manage/reminders", data=form)
    assert off.status_code == 302
    assert "前日のお知らせは停止しています" in text_of(client.get("/manage/booking"))
