"""The application factory: configuration, database, Redis and every blueprint wired together."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask

from agent_console import bp as console_bp
from agent_console.openapi import part as staff_api_part
from entrypoints.cli import register_commands
from ivr import bp as ivr_bp
from queues.callbacks import CallbackList
from runtime.bootstrap import Runtime, bootstrap
from runtime.config import Settings
from runtime.flask_glue import CookieSessions
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
    )
    app.session_interface = CookieSessions()
    app.extensions["runtime"] = runtime or bootstrap(settings, callback_requests=CallbackList)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    _register_blueprints(app)
    register_commands(app)
    configure_logging(logging.INFO)
    return app


_app: Flask | None = None


def __getattr__(name: str) -> Flask:
    # `gunicorn wsgi:app` and `flask --app wsgi` find the app without building it at import time.
    global _app
    if name == "app":
        if _app is None:
            _app = create_app()
        return _app
    raise AttributeError(name)
