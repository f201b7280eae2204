"""Rate limits per client, counted in Redis by Flask-Limiter: reference look-ups and staff sign-in.

Each limited request is counted (one atomic INCR per window) before its view runs, so however
many arrive at once no more than the limit are evaluated. The residents' pages and the API
share one look-up counter per client. When Redis cannot count, the request is refused with
503: a limit that cannot be checked is not waived.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, request
from flask_limiter import Limiter
from limits.errors import StorageError
from werkzeug.exceptions import ServiceUnavailable
from werkzeug.middleware.proxy_fix import ProxyFix

from runtime.bootstrap import Runtime
from runtime.flask_glue import rt

F = TypeVar("F", bound=Callable[..., Any])

KEY_PREFIX = "mynacall:limits"
LOOKUP_SCOPE = "reference-lookup"
STAFF_SIGNIN_SCOPE = "staff-signin"
STAFF_SIGNIN_LIMIT = "30/minute"  # per address, pages and API together; wrong passwords: throttle


def client_key() -> str:
    """The client's address (after trusted proxies), hashed: Redis never holds an IP address."""
    return hashlib.sha256((request.remote_addr or "unknown").encode()).hexdigest()[:24]


limiter = Limiter(
    key_func=client_key,
    strategy="fixed-window",
    headers_enabled=True,
    swallow_errors=False,
)


@limiter.request_filter
def _switched_off() -> bool:
    return not rt().settings.ratelimit_enabled


def init_app(app: Flask, runtime: Runtime) -> None:
    """Count in the runtime's Redis; believe X-Forwarded-For only from the configured proxies."""
    app.config.update(
        RATELIMIT_STORAGE_URI="redis://",
        RATELIMIT_STORAGE_OPTIONS={
            "connection_pool": runtime.redis.connection_pool,
            "key_prefix": KEY_PREFIX,
            "wrap_exceptions": True,
        },
    )
    limiter.init_app(app)
    proxies = runtime.settings.trusted_proxies
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


def _lookup_limits() -> str:
    settings = rt().settings
    return f"{settings.lookup_limit_per_minute}/minute;{settings.lookup_limit_per_day}/day"


def _fail_closed(limited: F) -> F:
    """Redis could not count: 503, never an unlimited request."""

    @wraps(limited)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            return limited(*args, **kwargs)
        except StorageError as error:
            raise ServiceUnavailable("rate_limit_unavailable") from error

    return checked  # type: ignore[return-value]


def _limited_by(limit: Any) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        return _fail_closed(limit(view))

    return decorate


def lookups(
    *, methods: list[str] | None = None, unless: Callable[[], bool] | None = None
) -> Callable[[F], F]:
    """Count the view as a reference look-up (LOOKUP_LIMIT_PER_MINUTE / _PER_DAY per client)."""
    shared = limiter.shared_limit(
        _lookup_limits, scope=LOOKUP_SCOPE, methods=methods, exempt_when=unless
    )
    return _limited_by(shared)


def staff_signins() -> Callable[[F], F]:
    """Count the view as a staff sign-in attempt from the client's address."""
    shared = limiter.shared_limit(STAFF_SIGNIN_LIMIT, scope=STAFF_SIGNIN_SCOPE, methods=["POST"])
    return _limited_by(shared)
