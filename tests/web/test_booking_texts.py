"""Texts after a change or a cancellation: owed with the change, sent once per change."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking_core.bookings import create_booking
from booking_core.policy import Actor
from queues.job_runtime import use_runtime
from queues.jobs import send_notification
from tests.conftest import owed_texts, text_ids, work_notifications
from tests.web.conftest import text_of

MOBILE = "+819012345678"
LANDLINE = "+81452001234"


@pytest.fixture
def book(runtime, booking_request, clock, texts):
    """Factory: a cert booking (mobile by default) whose confirmation has gone; its reference."""

    def make(**overrides) -> str:
        made = create_booking(
            runtime.uow(),
            booking_request(**overrides),
            now=clock.now(),
            actor=Actor.resident("web"),
            policy=runtime.policy,
        )
        work_notifications(runtime)
        texts.clear()
        return made.reference

    return make


def _owed(runtime, reference: str) -> list[tuple[str, str]]:
    """The texts the booking owes beyond its confirmation."""
    return owed_texts(runtime, reference)[1:]


def _move(resident, reference: str, day: str, start: str):
    resident.submit("/manage", "/manage", {"reference": reference, "birth_date": "19600505"})
    resident.submit(f"/manage/day/{day}", "/manage/time", {"day": day, "start": start})
    return resident.submit("/manage/review", "/manage/review", {})


def test_a_change_on_the_web_texts_the_new_time_once(resident, runtime, book, texts):
    reference = book()
    assert _move(resident, reference, "2026-11-09", "12:00").location == "/manage/done/changed"
    assert _owed(runtime, reference) == [("sms_change:2", "pending")]
    assert "末尾5678の携帯電話にお送りします" in text_of(resident.get("/manage/done/changed"))
    work_notifications(runtime)
    use_runtime(runtime)
    assert send_notification(text_ids(runtime)[-1]) == "already_sent"  # the job run twice
    [body] = texts.texts_to(MOBILE)
    assert "ご予約の日時を変更しました。" in body and f"予約番号:{reference}" in body
    assert "新しい日時:11月9日(月) 12:00" in body
    assert _owed(runtime, reference) == [("sms_change:2", "sent")]


def test_each_change_gets_its_own_text(resident, runtime, book, texts):
    reference = book()
    _move(resident, reference, "2026-11-09", "12:00")
    work_notifications(runtime)
    _move(resident, reference, "2026-11-09", "13:00")
    work_notifications(runtime)
    bodies = texts.texts_to(MOBILE)
    assert len(bodies) == 2 and "11月9日(月) 13:00" in bodies[1]
    assert _owed(runtime, reference) == [("sms_change:2", "sent"), ("sms_change:3", "sent")]


def test_a_booking_never_changed_owes_no_change_text(runtime, book, texts):
    reference = book()
    work_notifications(runtime)
    assert _owed(runtime, reference) == []
    assert texts.sent == []


def test_a_cancellation_on_the_web_is_texted_once(resident, runtime, book, texts):
    reference = book()
    resident.submit("/manage", "/manage", {"reference": reference, "birth_date": "19600505"})
    assert resident.submit("/manage/cancel", "/manage/cancel", {}).location.endswith("cancelled")
    assert _owed(runtime, reference) == [("sms_cancellation", "pending")]
    work_notifications(runtime)
    use_runtime(runtime)
    assert send_notification(text_ids(runtime)[-1]) == "already_sent"
    [body] = texts.texts_to(MOBILE)
    assert "ご予約を取り消しました。" in body and "取り消した日時:11月6日(金) 14:00" in body
    assert _owed(runtime, reference) == [("sms_cancellation", "sent")]


def test_an_english_booking_is_texted_in_english(resident, runtime, book, texts):
    reference = book(language="en")
    _move(resident, reference, "2026-11-09", "12:00")
    work_notifications(runtime)
    [body] = texts.texts_to(MOBILE)
    assert body.startswith("Yokohama My Number Card: your booking has been moved.")
    assert "new time Mon 9/11 12:00" in body


def test_a_landline_is_owed_no_text_and_the_page_says_nothing_of_one(resident, runtime, book):
    reference = book(phone=LANDLINE)
    _move(resident, reference, "2026-11-09", "12:00")
    assert owed_texts(runtime, reference) == []
    assert "携帯電話にお送りします" not in text_of(resident.get("/manage/done/changed"))


def test_re_picking_the_same_time_owes_nothing_and_promises_no_text(resident, runtime, book):
    reference = book()  # Friday 2026-11-06 14:00
    assert _move(resident, reference, "2026-11-06", "14:00").location == "/manage/done/changed"
    assert _owed(runtime, reference) == []
    assert "携帯電話にお送りします" not in text_of(resident.get("/manage/done/changed"))


def test_the_api_change_and_cancel_owe_the_same_texts(client, runtime, book, no_ratelimit):
    reference = book()
    moved = client.patch(
        f"/api/v1/bookings/{reference}",
        json={"birth_date": "1960-05-05", "date": "2026-11-09", "start": "12:00"},
    )
    assert moved.status_code == 200, moved.get_json()
    gone = client.delete(f"/api/v1/bookings/{reference}?birth_date=1960-05-05")
    assert gone.status_code == 200
    assert _owed(runtime, reference) == [
        ("sms_change:2", "pending"),
        ("sms_cancellation", "pending"),
    ]
    assert (date(2026, 11, 9), time(12, 0)) == (
        date.fromisoformat(moved.get_json()["date"]),
        time.fromisoformat(moved.get_json()["start"]),
    )
