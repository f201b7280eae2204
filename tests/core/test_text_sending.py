"""Sending an owed text through Twilio: tried again only when surely nothing went, never twice."""

from __future__ import annotations

import socket
from dataclasses import replace
from datetime import timedelta

import pytest
import redis
import requests
from redis.backoff import NoBackoff
from redis.retry import Retry
from sqlalchemy import select, update
from twilio.http.response import Response
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError, ProtocolError

from booking_core.models import Notification
from queues import jobs
from queues.gateway import NotSent, TwilioGateway, timed_http
from queues.outbox import (
    FAILED_AGAIN_AFTER,
    OWED_FOR,
    RETRY_SECONDS,
    STALE_AFTER,
    relay_pending,
    sweep_stale,
)
from tests.conftest import RecordingHttp, owed_texts, work_notifications

MOBILE = "+819012345678"


def _raise(exc: Exception):
    def answer(_url: str) -> Response:
        raise exc

    return answer


CREATED = Response(201, '{"sid": "SM0123", "status": "queued"}')
BUSY = Response(429, '{"code": 20429, "message": "Too Many Requests", "status": 429}')
BAD_NUMBER = Response(400, '{"code": 21211, "message": "Invalid To number", "status": 400}')
SERVER_ERROR = Response(500, '{"code": 20500, "message": "Internal Server Error", "status": 500}')
REFUSED_CONNECTION = requests.ConnectionError(
    MaxRetryError(None, "/Messages.json", NewConnectionError(None, "connection refused"))
)


def _status(runtime, text_id: int) -> tuple[str, str | None]:
    with runtime.uow() as uow:
        row = uow.session.get(Notification, text_id)
        assert row is not None
        return row.status, row.error


@pytest.mark.parametrize(
    ("answer", "retry"),
    [(BUSY, True), (Response(503, "{}"), True), (BAD_NUMBER, False), (Response(401, "{}"), False)],
)
def test_twilio_answering_with_an_error_means_nothing_was_sent(runtime, answer, retry):
    http = RecordingHttp(lambda _url: answer)
    with pytest.raises(NotSent) as refused:
        TwilioGateway(runtime.settings, http_client=http).send_sms(MOBILE, "本文")
    assert refused.value.retry is retry
    assert refused.value.reason.startswith(f"twilio_{answer.status_code}_")


NO_DNS = requests.ConnectionError(
    MaxRetryError(None, "/Messages.json", NameResolutionError("api.twilio.com", None, "no name"))
)
NO_TUNNEL = requests.exceptions.ProxyError(MaxRetryError(None, "/", OSError("403 Forbidden")))
DROPPED = requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError()))


@pytest.mark.parametrize(
    "failure",
    [
        requests.ConnectTimeout("connect timed out"),
        REFUSED_CONNECTION,
        NO_DNS,
        NO_TUNNEL,
        requests.exceptions.SSLError("handshake failed"),
    ],
    ids=["connect_timeout", "refused", "dns", "proxy", "tls"],
)
def test_a_request_that_never_left_means_nothing_was_sent(runtime, failure):
    http = RecordingHttp(_raise(failure))
    with pytest.raises(NotSent) as refused:
        TwilioGateway(runtime.settings, http_client=http).send_sms(MOBILE, "本文")
    assert refused.value.retry and refused.value.reason == "unreachable"


@pytest.mark.parametrize(
    "failure", [requests.ReadTimeout("read timed out"), DROPPED], ids=["read_timeout", "dropped"]
)
def test_an_answer_lost_after_the_request_left_is_not_a_refusal(runtime, failure):
    http = RecordingHttp(_raise(failure))
    with pytest.raises(type(failure)):
        TwilioGateway(runtime.settings, http_client=http).send_sms(MOBILE, "本文")


def test_every_twilio_request_has_a_connect_and_a_read_timeout_from_the_settings(runtime):
    settings = replace(runtime.settings, twilio_connect_timeout=0.5, twilio_read_timeout=0.2)
    with socket.socket() as hung:  # takes the connection (the backlog), never answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(1)
        http = timed_http(settings)
        assert http.timeout == (0.5, 0.2)
        with pytest.raises(requests.ReadTimeout):
            http.request("POST", f"http://127.0.0.1:{hung.getsockname()[1]}/Messages.json")


def test_a_proxy_refusing_the_tunnel_leaves_the_text_failed_for_a_later_try(runtime, twilio, owed):
    twilio.answer = _raise(NO_TUNNEL)
    with pytest.raises(NotSent):
        jobs.send_notification(owed)
    assert _status(runtime, owed) == ("failed", "unreachable")


def test_a_sent_text_keeps_twilios_message_sid(runtime, twilio, owed):
    assert jobs.send_notification(owed) == "sent"
    [(method, url, form)] = twilio.requests
    assert method == "POST" and url.endswith("/Messages.json") and form["To"] == MOBILE
    with runtime.uow() as uow:
        assert uow.session.scalars(select(Notification.provider_id)).one() == "SM0123"


def test_twilio_busy_leaves_the_text_failed_for_rq_to_try_again_and_it_goes_once(
    runtime, twilio, owed
):
    twilio.answer = lambda _url: BUSY
    with pytest.raises(NotSent):  # rq sees the failure and schedules the next try
        jobs.send_notification(owed)
    assert _status(runtime, owed) == ("failed", "twilio_429_20429")
    twilio.answer = lambda _url: CREATED
    assert jobs.send_notification(owed) == "sent"
    assert jobs.send_notification(owed) == "already_sent"
    assert len(twilio.requests) == 2  # the refused try and the one that went


def test_the_relay_gives_each_job_the_retry_schedule(runtime, owed):
    relay_pending(runtime)
    [job] = runtime.queue("notifications").get_jobs()
    assert job.retries_left == len(RETRY_SECONDS) and job.retry_intervals == RETRY_SECONDS


def test_a_number_twilio_refuses_for_good_is_not_tried_again(runtime, twilio, owed):
    twilio.answer = lambda _url: BAD_NUMBER
    assert jobs.send_notification(owed) == "refused"  # no exception: rq does not retry
    assert _status(runtime, owed) == ("refused", "twilio_400_21211")
    assert jobs.send_notification(owed) == "already_sent"
    assert len(twilio.requests) == 1


@pytest.mark.parametrize("failure", [SERVER_ERROR, requests.ReadTimeout("read timed out")])
def test_a_send_that_may_have_gone_is_never_sent_again(runtime, twilio, owed, failure):
    twilio.answer = (lambda _url: failure) if isinstance(failure, Response) else _raise(failure)
    assert jobs.send_notification(owed) == "unknown"
    assert _status(runtime, owed)[0] == "unknown"
    twilio.answer = lambda _url: CREATED
    assert jobs.send_notification(owed) == "already_sent"
    assert len(twilio.requests) == 1


def test_a_send_cut_off_mid_way_is_marked_unknown_and_not_sent_again(runtime, twilio, owed, clock):
    with runtime.uow() as uow:  # a worker took the text, then died before it could say how it went
        uow.session.execute(
            update(Notification)
            .where(Notification.id == owed)
            .values(status="sending", taken_at=clock.now())
        )
        uow.commit()
    sweep_stale(runtime)
    assert _status(runtime, owed)[0] == "sending"  # not yet: the send may still be under way
    clock.set(clock.now() + STALE_AFTER + timedelta(seconds=1))
    sweep_stale(runtime)
    assert _status(runtime, owed) == ("unknown", "interrupted")
    assert jobs.send_notification(owed) == "already_sent"
    assert twilio.requests == []


def test_texts_the_relay_could_not_queue_are_owed_again_at_once(runtime, owed):
    away = redis.Redis(port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    gone = replace(runtime, redis=away)
    with pytest.raises(redis.ConnectionError):
        relay_pending(gone)
    assert owed_texts(runtime) == [("sms_confirmation", "pending")]  # not left queued 10 minutes
    assert relay_pending(runtime) == 1
    assert len(runtime.queue("notifications").get_jobs()) == 1


def test_a_worker_whose_send_twilio_put_off_schedules_the_next_try(runtime, twilio, owed):
    twilio.answer = lambda _url: BUSY
    work_notifications(runtime)  # relay, then the rq worker runs the job, which fails
    queue = runtime.queue("notifications")
    [job_id] = queue.scheduled_job_registry.get_job_ids()  # rq's retry, RETRY_SECONDS[0] later
    assert queue.fetch_job(job_id).retries_left == len(RETRY_SECONDS) - 1
    assert owed_texts(runtime) == [("sms_confirmation", "failed")]


def test_a_failed_text_whose_retry_was_lost_is_owed_again_and_goes_once(
    runtime, twilio, owed, clock
):
    twilio.answer = lambda _url: BUSY
    with pytest.raises(NotSent):
        jobs.send_notification(owed)  # its rq retry is lost (Redis died as the job failed)
    clock.set(clock.now() + FAILED_AGAIN_AFTER - timedelta(seconds=1))
    sweep_stale(runtime)
    assert _status(runtime, owed)[0] == "failed"  # a retry may still be coming
    clock.set(clock.now() + timedelta(seconds=2))
    sweep_stale(runtime)
    assert _status(runtime, owed)[0] == "pending"
    twilio.answer = lambda _url: CREATED
    work_notifications(runtime)
    assert owed_texts(runtime) == [("sms_confirmation", "sent")]
    assert len(twilio.requests) == 2


def test_a_failed_text_older_than_a_day_stays_failed(runtime, twilio, owed, clock):
    twilio.answer = lambda _url: BUSY
    with pytest.raises(NotSent):
        jobs.send_notification(owed)
    clock.set(clock.now() + OWED_FOR + timedelta(seconds=1))
    sweep_stale(runtime)
    assert _status(runtime, owed)[0] == "failed"
