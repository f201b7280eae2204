"""The bridge from a Flask request to the runtime built by create_app()."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from runtime.bootstrap import Runtime


def rt() -> Runtime:
    """The runtime of the current app."""
    runtime: Runtime = current_app.extensions["runtime"]
    return runtime


def now() -> datetime:
    """The current moment from the app's clock."""
    return rt().clock.now()
