"""Operators' endpoints: /healthz (process up), /readyz (what is down), /metrics (Prometheus)."""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

import redis
from flask import Blueprint, Flask, Response, abort, jsonify, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from rq import Queue

from booking_core.health import database_answers, texts_by_status
from queues.liveness import live_workers, scheduler_alive
from runtime.bootstrap import QUEUE_NAMES, Runtime
from runtime.flask_glue import rt

bp = Blueprint("ops", __name__)

REQUESTS = Counter(
    "mynacall_http_requests",
    "HTTP requests answered, by endpoint and status.",
    ["endpoint", "method", "status"],
)


def readiness(runtime: Runtime) -> dict[str, bool]:
    """Each dependency the service needs, and whether it is up."""
    checks = {"database": database_answers(runtime.uow())}
    try:
        runtime.redis.ping()
    except redis.RedisError:
        return {**checks, "redis": False, "worker": False, "scheduler": False}
    checks["redis"] = True
    checks["worker"] = bool(live_workers(runtime.redis))
    checks["scheduler"] = scheduler_alive(runtime.redis)
    return checks


@bp.get("/healthz")
def healthz() -> Response:
    """The process is up and answering (no dependency is asked)."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    """200 when database, Redis, a worker and the scheduler are up; else 503 naming what is down."""
    checks = readiness(rt())
    down = sorted(name for name, up in checks.items() if not up)
    body = jsonify(status="down" if down else "ok", down=down, checks=checks)
    body.headers["Cache-Control"] = "no-store"
    return body, 503 if down else 200


class LiveFigures(Collector):
    """Figures read at scrape time from Redis and the database, alike in every process."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """Queue depth, texts by status, worker and scheduler liveness."""
        r = self.runtime.redis
        depth = GaugeMetricFamily("mynacall_queue_depth", "rq jobs waiting.", labels=["queue"])
        for name in QUEUE_NAMES:
            depth.add_metric([name], Queue(name, connection=r).count)
        yield depth
        texts = GaugeMetricFamily("mynacall_texts", "Texts to residents.", labels=["status"])
        for status, count in sorted(texts_by_status(self.runtime.uow()).items()):
            texts.add_metric([status], count)
        yield texts
        yield GaugeMetricFamily(
            "mynacall_workers_alive",
            "Workers whose heartbeat is fresh.",
            value=len(live_workers(r)),
        )
        yield GaugeMetricFamily(
            "mynacall_scheduler_alive", "1 while the scheduler beats.",
            value=int(scheduler_alive(r)),
        )  # fmt: skip


def _authorised() -> bool:
    token = rt().settings.metrics_token
    if not token:
        return not rt().settings.production  # production without a token: no metrics at all
    sent = request.headers.get("Authorization", "")
    return hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


@bp.get("/metrics")
def metrics() -> Response:
    """Prometheus text format; in production only with `Authorization: Bearer METRICS_TOKEN`."""
    if not _authorised():
        abort(404 if not rt().settings.metrics_token else 401)
    registry = CollectorRegistry()
    registry.register(LiveFigures(rt()))
    body = generate_latest(registry) + _request_counts()
    return Response(body, mimetype=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def _request_counts() -> bytes:
    """Requests by endpoint and status: of every gunicorn worker when PROMETHEUS_MULTIPROC_DIR
    is set (prometheus_client's multiprocess mode), else of this process."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry)


def _count_request(response: Response) -> Response:
    endpoint = request.url_rule.endpoint if request.url_rule else "unrouted"
    REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    return response


def install_ops(app: Flask) -> None:
    """Register the operators' endpoints and the request counter."""
    app.register_blueprint(bp)
    app.after_request(_count_request)
