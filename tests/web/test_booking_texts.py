"""Texts after a change or a cancellation: queued after the commit, sent once per change."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from booking_core.bookings import create_booking
from booking_core.models import Notification
from booking_core.policy import Actor
from queues.jobs import send_booking_cancellation, send_booking_change
from runtime.worker import use_runtime
from tests.conftest import work_notifications
from tests.web.conftest import text_of

MOBILE = "+819012345678"
LANDLINE = "+81452001234"


@pytest.fixture
def book(runtime, booking_request, clock):
    """Factory: a cert booking (mobile by default), returns its reference."""

    def make(**overrides) -> str:
        made = create_booking(
            runtime.uow(),
            booking_request(**overrides),
            now=clock.now(),
            actor=Actor.resident("web"),
            policy=runtime.policy,
        )
        return made.reference

    return make


def _jobs(runtime) -> list[tuple[str, tuple]]:
    return [(j.func_name.split(".")[-1], j.args) for j in runtime.queue().get_jobs()]


def _kinds(runtime) -> list[tuple[str, str]]:
    with runtime.uow() as uow:
        rows = uow.session.scalars(select(Notification).order_by(Notification.id))
        return [(n.kind, n.status) for n in rows]


def _move(resident, reference: str, day: str, start: str):
    resident.submit("/manage", "/manage", {"reference": reference, "birth_date": "19600505"})
    resident.submit(f"/manage/day/{day}", "/manage/time", {"day": day, "start": start})
    return resident.submit("/manage/review", "/manage/review", {})


def test_a_change_on_the_web_texts_the_new_time_once(resident, runtime, book, texts):
    reference = book()
    assert _move(resident, reference, "2026-11-09", "12:00").location == "/manage/done/changed"
    assert _jobs(runtime) == [("send_booking_change", (reference,))]
    assert "末尾5678の携帯電話にお送りします" in text_of(resident.get("/manage/done/changed"))
    work_notifications(runtime)
    use_runtime(runtime)
    assert send_booking_change(reference) == "already_sent"  # the job run twice
    [body] = texts.texts_to(MOBILE)
    assert "ご予約の日時を変更しました。" in body and f"予約番号:{reference}" in body
    assert "新しい日時:11月9日(月) 12:00" in body
    assert _kinds(runtime) == [("sms_change:2", "sent")]


def test_each_change_gets_its_own_text(resident, runtime, book, texts):
    reference = book()
    _move(resident, reference, "2026-11-09", "12:00")
    work_notifications(runtime)
    _move(resident, reference, "2026-11-09", "13:00")
    work_notifications(runtime)
    bodies = texts.texts_to(MOBILE)
    assert len(bodies) == 2 and "11月9日(月) 13:00" in bodies[1]
    assert _kinds(runtime) == [("sms_change:2", "sent"), ("sms_change:3", "sent")]


def test_a_booking_never_changed_gets_no_change_text(runtime, book, texts):
    reference = book()
    use_runtime(runtime)
    assert send_booking_change(reference) == "unchanged"
    assert send_booking_cancellation(reference) == "not_cancelled"
    assert texts.sent == []


def test_a_cancellation_on_the_web_is_texted_once(resident, runtime, book, texts):
    reference = book()
    resident.submit("/manage", "/manage", {"reference": reference, "birth_date": "19600505"})
    assert resident.submit("/manage/cancel", "/manage/cancel", {}).location.endswith("cancelled")
    assert _jobs(runtime) == [("send_booking_cancellation", (reference,))]
    work_notifications(runtime)
    use_runtime(runtime)
    assert send_booking_cancellation(reference) == "already_sent"
    assert send_booking_change(reference) == "not_active"  # a late change job stays quiet
    [body] = texts.texts_to(MOBILE)
    assert "ご予約を取り消しました。" in body and "取り消した日時:11月6日(金) 14:00" in body
    assert _kinds(runtime) == [("sms_cancellation", "sent")]


def test_an_english_booking_is_texted_in_english(resident, runtime, book, texts):
    reference = book(language="en")
    _move(resident, reference, "2026-11-09", "12:00")
    work_notifications(runtime)
    [body] = texts.texts_to(MOBILE)
    assert body.startswith("Yokohama My Number Card: your booking has been moved.")
    assert "new time Mon 9/11 12:00" in body


def test_a_landline_gets_no_job_and_the_page_says_nothing_of_a_text(resident, runtime, book):
    reference = book(phone=LANDLINE)
    _move(resident, reference, "2026-11-09", "12:00")
    assert _jobs(runtime) == []
    assert "携帯電話にお送りします" not in text_of(resident.get("/manage/done/changed"))


def test_re_picking_the_same_time_queues_nothing_and_promises_no_text(resident, runtime, book):
    reference = book()  # Friday 2026-11-06 14:00
    assert _move(resident, reference, "2026-11-06", "14:00").location == "/manage/done/changed"
    assert _jobs(runtime) == []
    assert "携帯電話にお送りします" not in text_of(resident.get("/manage/done/changed"))


def test_the_api_change_and_cancel_queue_the_same_jobs(client, runtime, book, no_ratelimit):
    reference = book()
    moved = client.patch(
        f"/api/v1/bookings/{reference}",
        json={"birth_date": "1960-05-05", "date": "2026-11-09", "start": "12:00"},
    )
    assert moved.status_code == 200, moved.get_json()
    gone = client.delete(f"/api/v1/bookings/{reference}?birth_date=1960-05-05")
    assert gone.status_code == 200
    assert _jobs(runtime) == [
        ("send_booking_change", (reference,)),
        ("send_booking_cancellation", (reference,)),
    ]
    assert (date(2026, 11, 9), time(12, 0)) == (
        date.fromisoformat(moved.get_json()["date"]),
        time.fromisoformat(moved.get_json()["start"]),
    )
