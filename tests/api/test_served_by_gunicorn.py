"""The app under gunicorn with the project's settings: the same answers whichever parser reads
the requests (gunicorn's C parser where it was built, else its Python one)."""

from __future__ import annotations

import http.client
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "gunicorn-test-token"
PARSERS = ["python", "fast"] if importlib.util.find_spec("gunicorn_h1c") else ["python"]
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(params=PARSERS)
def served(request, runtime, settings, redis_url) -> Iterator[int]:
    """gunicorn (gunicorn.conf.py, one worker) serving wsgi:app on the test database; its port."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DATABASE_URL": settings.effective_database_url,
        "REDIS_URL": redis_url,
        "APP_ENV": "test",
        "APP_NOW": "2026-11-02T09:00:00+09:00",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "RATELIMIT_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
    }
    command = [
        sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--workers", "1",
        "--http-parser", request.param, "--bind", f"127.0.0.1:{port}", "wsgi:app",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.poll() is None, "gunicorn exited while starting"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _call(port: int, method: str, path: str, body: bytes = b"", **headers: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        reply = conn.getresponse()
        return reply.status, reply.read().decode()
    finally:
        conn.close()


def test_the_api_and_a_signed_webhook_are_answered(served):
    status, body = _call(served, "GET", "/api/v1/services")
    assert status == 200 and '"cert"' in body
    form = {"CallSid": "CA" + "7" * 32, "From": "+819012345678", "To": "+81120769706"}
    url = f"http://127.0.0.1:{served}/ivr/voice"
    signature = RequestValidator(TOKEN).compute_signature(url, form)
    status, twiml = _call(
        served, "POST", "/ivr/voice", urlencode(form).encode(),
        **{"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature},
    )  # fmt: skip
    assert status == 200 and 'action="/ivr/step?s=0"' in twiml and "For English" in twiml
    forged, _ = _call(
        served, "POST", "/ivr/voice", urlencode(form).encode(),
        **{"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "bad"},
    )  # fmt: skip
    assert forged == 403


def test_a_malformed_request_is_refused_with_400(served):
    with socket.create_connection(("127.0.0.1", served), timeout=10) as sock:
        sock.sendall(b"GET /api/v1/services HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
        answer = sock.recv(200)
    assert answer.startswith(b"HTTP/1.1 400")
