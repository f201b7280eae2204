"""CSRF tokens, security headers and the rate limit on reference lookups."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

import redis
from flask import Response, request, session

CSRF_SESSION_KEY = "csrf"
CSRF_FIELD = "csrf_token"
RATELIMIT_PREFIX = "web:ratelimit:"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def csrf_token() -> str:
    """This session's CSRF token, made on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def csrf_ok() -> bool:
    """True when the posted form carries this session's token."""
    expected = session.get(CSRF_SESSION_KEY)
    sent = request.form.get(CSRF_FIELD, "")
    return isinstance(expected, str) and hmac.compare_digest(expected.encode(), sent.encode())


def add_security_headers(response: Response) -> Response:
    """Headers on every response of the pages; personal pages are never stored by caches."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/assets/"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def client_key() -> str:
    """The caller's address, hashed: the limiter never stores an IP address itself."""
    address = request.remote_addr or "unknown"
    return hashlib.sha256(address.encode()).hexdigest()[:24]


def within_lookup_limit(
    connection: redis.Redis, client: str, *, now: datetime, per_minute: int, per_day: int
) -> bool:
    """Count one lookup for the client; False once it is over the minute or day limit."""
    minute_key = f"{RATELIMIT_PREFIX}m:{client}:{now:%Y%m%d%H%M}"
    day_key = f"{RATELIMIT_PREFIX}d:{client}:{now:%Y%m%d}"
    pipe = connection.pipeline()
    pipe.incr(minute_key)
    pipe.expire(minute_key, 120)
    pipe.incr(day_key)
    pipe.expire(day_key, 2 * 86400)
    in_minute, _, in_day, _ = pipe.execute()
    return int(in_minute) <= per_minute and int(in_day) <= per_day
