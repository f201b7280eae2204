"""Twilio's word on a text: its signed status callback and the sweep's question settle "unknown"."""

from __future__ import annotations

import requests
from twilio.http.response import Response
from twilio.request_validator import RequestValidator

from booking_core import text_status
from booking_core.models import Notification
from queues import jobs
from queues.outbox import settle_unknown, sweep_stale


def _callback(client, runtime, text_id, *, sign=True, **form):
    path = f"/ivr/texts/{text_id}/status"
    url = runtime.settings.public_base_url + path
    signature = RequestValidator(runtime.settings.twilio_auth_token).compute_signature(url, form)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature if sign else "x"})


def _row(runtime, text_id) -> tuple[str, str | None, str | None]:
    with runtime.uow() as uow:
        row = uow.session.get(Notification, text_id)
        assert row is not None
        return row.status, row.provider_id, row.error


def _timed_out(_url: str) -> Response:
    raise requests.ReadTimeout("read timed out")


def _status_is(status: str, code: str = "null"):
    def answer(url: str) -> Response:
        sid = url.rsplit("/", 1)[-1].removesuffix(".json")
        return Response(200, f'{{"sid": "{sid}", "status": "{status}", "error_code": {code}}}')

    return answer


def test_a_text_asks_twilio_to_post_its_status_to_the_signed_callback(runtime, twilio, owed):
    jobs.send_notification(owed)
    [(_method, _url, form)] = twilio.requests
    assert form["StatusCallback"] == f"https://ivr.example.test/ivr/texts/{owed}/status"


def test_a_delivered_callback_marks_a_sent_text_delivered(client, runtime, twilio, owed):
    jobs.send_notification(owed)
    reply = _callback(client, runtime, owed, MessageSid="SM0123", MessageStatus="delivered")
    assert reply.status_code == 204
    assert _row(runtime, owed) == ("delivered", "SM0123", None)


def test_an_unsigned_callback_changes_nothing(client, runtime, twilio, owed):
    jobs.send_notification(owed)
    reply = _callback(client, runtime, owed, sign=False, MessageSid="SM0123",
                      MessageStatus="undelivered")  # fmt: skip
    assert reply.status_code == 403
    assert _row(runtime, owed)[0] == "sent"


def test_an_unknown_send_that_twilio_took_becomes_sent_by_its_callback(
    client, runtime, twilio, owed
):
    twilio.answer = _timed_out
    assert jobs.send_notification(owed) == "unknown"
    _callback(client, runtime, owed, MessageSid="SM77", MessageStatus="sent")
    assert _row(runtime, owed) == ("sent", "SM77", "ReadTimeout")


def test_an_unknown_send_the_carrier_did_not_deliver_is_refused(client, runtime, twilio, owed):
    twilio.answer = _timed_out
    jobs.send_notification(owed)
    _callback(client, runtime, owed, MessageSid="SM77", MessageStatus="undelivered",
              ErrorCode="30005")  # fmt: skip
    assert _row(runtime, owed) == ("refused", "SM77", "provider_undelivered_30005")


def test_the_sweep_asks_twilio_about_an_unknown_text_whose_message_it_knows(
    client, runtime, twilio, owed
):
    twilio.answer = _timed_out
    jobs.send_notification(owed)
    _callback(client, runtime, owed, MessageSid="SM77", MessageStatus="queued")
    assert _row(runtime, owed) == ("unknown", "SM77", "ReadTimeout")  # taken, not yet gone
    twilio.answer = _status_is("delivered")
    sweep_stale(runtime)
    assert _row(runtime, owed)[:2] == ("delivered", "SM77")
    method, url, _form = twilio.requests[-1]
    assert method == "GET" and url.endswith("/Messages/SM77.json")


def test_the_sweep_leaves_a_text_twilio_cannot_say_about_for_the_next_sweep(
    runtime, twilio, owed, clock
):
    twilio.answer = _timed_out
    jobs.send_notification(owed)
    text_status.record_provider_status(runtime.uow(), owed, provider_id="SM77",
                                       provider_status="accepted", error_code=None,
                                       now=clock.now())  # fmt: skip
    assert settle_unknown(runtime) == 0
    twilio.answer = _status_is("failed", '"30008"')
    assert settle_unknown(runtime) == 1
    assert _row(runtime, owed) == ("refused", "SM77", "provider_failed_30008")


def test_a_callback_before_the_send_returned_is_not_overwritten(runtime, owed, clock):
    with runtime.uow() as uow:
        assert text_status.take(uow.session, owed, now=clock.now())
        assert text_status.settle(uow.session, owed, provider_id="SM1", provider_status="delivered",
                                  error_code=None, now=clock.now()) == "delivered"  # fmt: skip
        text_status.mark_sent(uow.session, owed, provider_id="SM1", now=clock.now())
        uow.commit()
    assert _row(runtime, owed) == ("delivered", "SM1", None)


def test_a_late_sent_callback_does_not_undo_a_delivery(client, runtime, twilio, owed):
    jobs.send_notification(owed)
    _callback(client, runtime, owed, MessageSid="SM0123", MessageStatus="delivered")
    _callback(client, runtime, owed, MessageSid="SM0123", MessageStatus="sent")
    assert _row(runtime, owed)[0] == "delivered"


def test_a_callback_about_another_message_is_ignored(client, runtime, twilio, owed):
    jobs.send_notification(owed)
    _callback(client, runtime, owed, MessageSid="SM-other", MessageStatus="undelivered")
    assert _row(runtime, owed) == ("sent", "SM0123", None)
