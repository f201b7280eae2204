"""Operators' endpoints: /healthz, /readyz naming what is down, /metrics in Prometheus format."""

from __future__ import annotations

from dataclasses import replace

import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from booking_core.bookings import create_booking
from booking_core.policy import Actor
from queues.liveness import beat_scheduler, beat_worker


@pytest.fixture
def worker_and_scheduler(runtime, clock):
    """A worker and the scheduler beating, as a running worker process writes them."""
    beat_worker(runtime.redis, "host:1:test", clock.now())
    beat_scheduler(runtime.redis, "host:1:test", clock.now())


def _figures(reply) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(reply.get_data(as_text=True))
        for sample in family.samples
    }


def test_healthz_answers_while_the_process_is_up(client):
    reply = client.get("/healthz")
    assert (reply.status_code, reply.json) == (200, {"status": "ok"})


def test_readyz_is_200_when_everything_is_up(client, worker_and_scheduler):
    reply = client.get("/readyz")
    assert reply.status_code == 200
    assert reply.json["down"] == []
    assert reply.json["checks"] == {
        "database": True,
        "redis": True,
        "worker": True,
        "scheduler": True,
    }


def test_readyz_names_a_missing_worker_and_scheduler(client):
    reply = client.get("/readyz")
    assert reply.status_code == 503
    assert reply.json["down"] == ["scheduler", "worker"]


def test_readyz_names_a_database_that_does_not_answer(client, runtime, worker_and_scheduler):
    nowhere = create_engine("sqlite:////nonexistent-dir/none.db")
    runtime.sessions = sessionmaker(nowhere)
    reply = client.get("/readyz")
    assert reply.status_code == 503
    assert reply.json["down"] == ["database"]


def test_readyz_names_redis_when_it_is_down(client, runtime):
    runtime.redis = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=1)
    reply = client.get("/readyz")
    assert reply.status_code == 503
    assert reply.json["down"] == ["redis", "scheduler", "worker"]


def test_metrics_counts_requests_queue_depth_texts_and_workers(
    client, runtime, clock, worker_and_scheduler, booking_request
):
    create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("api"),
        policy=runtime.policy,
    )
    runtime.queue("notifications").enqueue("queues.jobs.no_such_job")
    client.get("/api/v1/centers")
    reply = client.get("/metrics")
    assert reply.status_code == 200
    assert reply.content_type.startswith("text/plain; version=")
    figures = _figures(reply)
    counted = ("endpoint", "api.centers"), ("method", "GET"), ("status", "200")
    assert figures[("mynacall_http_requests_total", counted)] >= 1
    assert figures[("mynacall_queue_depth", (("queue", "notifications"),))] == 1
    assert figures[("mynacall_texts", (("status", "pending"),))] == 1
    assert figures[("mynacall_workers_alive", ())] == 1
    assert figures[("mynacall_scheduler_alive", ())] == 1


def test_metrics_in_production_need_the_bearer_token(client, runtime):
    runtime.settings = replace(runtime.settings, app_env="production", metrics_token="t" * 32)
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = client.get("/metrics", headers={"Authorization": f"Bearer {'t' * 32}"})
    assert right.status_code == 200


def test_metrics_in_production_without_a_token_are_not_served(client, runtime):
    runtime.settings = replace(runtime.settings, app_env="production", metrics_token="")
    assert client.get("/metrics").status_code == 404
