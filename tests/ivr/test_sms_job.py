"""The booking confirmation text: owed with the booking, sent once, only to Japanese mobiles."""

from __future__ import annotations

from sqlalchemy import select

from booking_core.models import Booking
from ivr.simulator import HIDDEN_NUMBER
from queues.job_runtime import use_runtime
from queues.jobs import send_notification
from tests.conftest import owed_texts, text_ids, work_notifications

from .conftest import LANDLINE, MOBILE
from .test_booking_calls import CERT_KEYS


def _reference(runtime) -> str:
    with runtime.uow() as uow:
        return uow.session.scalars(select(Booking.reference)).one()


def test_a_mobile_caller_is_owed_one_text_and_gets_it(phone, runtime, texts):
    call = phone.ring([*CERT_KEYS, "1"])
    assert "確認のショートメッセージをお送りします。" in call.said()
    reference = _reference(runtime)
    assert owed_texts(runtime, reference) == [("sms_confirmation", "pending")]
    work_notifications(runtime)
    [body] = texts.texts_to(MOBILE)
    assert f"予約番号:{reference}" in body and "11月6日(金) 14:00" in body
    assert owed_texts(runtime) == [("sms_confirmation", "sent")]


def test_the_job_run_twice_texts_once(phone, runtime, texts):
    phone.ring([*CERT_KEYS, "1"])
    [text_id] = text_ids(runtime)
    runtime.queue("notifications").enqueue(send_notification, text_id)  # a twin of its job
    work_notifications(runtime)
    assert len(texts.texts_to(MOBILE)) == 1
    use_runtime(runtime)
    assert send_notification(text_id) == "already_sent"
    assert len(texts.sent) == 1


def test_a_landline_caller_is_told_and_is_owed_no_text(phone, runtime, texts):
    call = phone.ring([*CERT_KEYS, "1"], caller=LANDLINE)
    assert (
        "おかけの電話にはショートメッセージをお送りできないため、予約番号をお控えください。"
        in call.said()
    )
    assert owed_texts(runtime) == []


def test_a_hidden_caller_books_but_is_told_no_text_can_come(phone, runtime, texts):
    call = phone.ring([*CERT_KEYS, "1"], caller=HIDDEN_NUMBER)
    assert (
        "非通知でおかけのため、確認のショートメッセージはお送りできません。予約番号をお控えください。"
        in call.said()
    )
    assert owed_texts(runtime) == []
    with runtime.uow() as uow:
        assert uow.session.scalars(select(Booking.phone)).one() is None


def test_a_job_for_a_text_that_has_gone_does_nothing(runtime, texts):
    use_runtime(runtime)
    assert send_notification(12345) == "gone"
    assert texts.sent == []


def _booked_on_the_web(runtime, clock, booking_request) -> str:
    from booking_core.bookings import create_booking
    from booking_core.policy import Actor

    made = create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    return made.reference


def test_a_change_by_phone_texts_the_new_time_like_the_web(
    phone, runtime, clock, booking_request, texts
):
    reference = _booked_on_the_web(runtime, clock, booking_request)
    work_notifications(runtime)  # the confirmation went before the change
    lookup = ["1", "3", f"{reference}#", "19600505#"]
    phone.ring([*lookup, "2", "3", "1109#", "1200#", "1"], caller=LANDLINE)
    assert owed_texts(runtime, reference)[-1] == ("sms_change:2", "pending")
    work_notifications(runtime)
    confirmation, change = texts.texts_to(MOBILE)  # the booking's mobile, whoever rang
    assert "新しい日時:11月9日(月) 12:00" in change and "新しい日時" not in confirmation


def test_a_cancellation_by_phone_is_texted(phone, runtime, clock, booking_request, texts):
    reference = _booked_on_the_web(runtime, clock, booking_request)
    phone.ring(["1", "3", f"{reference}#", "19600505#", "3", "1"])
    assert owed_texts(runtime, reference)[-1] == ("sms_cancellation", "pending")
    work_notifications(runtime)
    # the web booking's confirmation was still owed when it was cancelled: it is not sent
    assert owed_texts(runtime) == [("sms_confirmation", "skipped"), ("sms_cancellation", "sent")]
