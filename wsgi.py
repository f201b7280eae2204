"""The application factory: configuration, database, Redis and every blueprint wired together."""

from __future__ import annotations

import logging
import sys
from typing import Any

from flask import Flask

from agent_console import bp as console_bp
from agent_console.openapi import part as staff_api_part
from entrypoints.cli import register_commands
from entrypoints.ops import install_ops
from ivr import bp as ivr_bp
from queues.callbacks import CallbackList
from runtime import rate_limits
from runtime.bootstrap import Runtime, bootstrap
from runtime.config import ConfigError, Settings
from runtime.flask_glue import CookieSessions, strict_transport
from runtime.limits import install_limits
from runtime.logs import configure_logging
from web.api import bp as api_bp
from web.api.openapi import add_part
from web.pages import bp as pages_bp


def _register_blueprints(app: Flask) -> None:
    for blueprint in (api_bp, pages_bp, ivr_bp, console_bp):
        app.register_blueprint(blueprint)
    add_part(app, staff_api_part())  # one /api/v1/openapi.json: public and staff paths


def create_app(
    test_config: dict[str, Any] | None = None, *, runtime: Runtime | None = None
) -> Flask:
    """Build the app; `test_config` overrides settings, `runtime` reuses a connected runtime."""
    overrides = dict(test_config or {})
    settings = runtime.settings if runtime else Settings.from_env(**overrides)
    app = Flask(__name__, instance_path=str(settings.instance_dir))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        JSON_SORT_KEYS=False,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.production,
        # __Host-: only over https, for this host and every path; browsers refuse it on http,
        # so development and tests keep the plain name.
        SESSION_COOKIE_NAME="__Host-session" if settings.production else "session",
        SESSION_COOKIE_PATH="/",
        SESSION_COOKIE_DOMAIN=None,
    )
    if settings.production:
        app.after_request(strict_transport)
    app.session_interface = CookieSessions()
    install_limits(app)
    install_ops(app)
    app.extensions["runtime"] = runtime or bootstrap(settings, callback_requests=CallbackList)
    rate_limits.init_app(app, app.extensions["runtime"])
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    _register_blueprints(app)
    register_commands(app)
    configure_logging(logging.INFO)
    return app


_app: Flask | None = None
BOOT_REFUSED = 3  # gunicorn.arbiter.Arbiter.WORKER_BOOT_ERROR


def _app_or_exit() -> Flask:
    """The app from the environment; refused settings stop the process with their reasons."""
    try:
        return create_app()
    except ConfigError as exc:
        # The reasons without a traceback, and exit status 3: gunicorn's "worker failed to boot",
        # on which its master stops instead of starting the same refused worker again and again.
        print(f"mynacall: {exc}", file=sys.stderr)
        raise SystemExit(BOOT_REFUSED) from None


def __getattr__(name: str) -> Flask:
    # `gunicorn wsgi:app` and `flask --app wsgi` find the app without building it at import time.
    global _app
    if name == "app":
        if _app is None:
            _app = _app_or_exit()
        return _app
    raise AttributeError(name)
