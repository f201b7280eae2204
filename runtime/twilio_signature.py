"""Twilio request signatures: every Twilio webhook (phone front, console voice) must be signed."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, request
from twilio.request_validator import RequestValidator

from runtime.flask_glue import rt

P = ParamSpec("P")
R = TypeVar("R")


def public_url(base_url: str, path: str, query_string: bytes) -> str:
    """The URL Twilio requested: the configured public base (TLS proxy aware), path and query."""
    url = base_url.rstrip("/") + path
    return f"{url}?{query_string.decode('latin-1')}" if query_string else url


def is_signed(auth_token: str, url: str, form: object, signature: str | None) -> bool:
    """True when the signature is Twilio's HMAC of the URL and the POST parameters."""
    if not signature:
        return False
    validator = RequestValidator(auth_token)
    # The URL exactly as Twilio was given it first: one HMAC. validate() always computes two
    # (the URL with and without its port), so it runs only when that first one differs.
    computed = validator.compute_signature(url, form)
    if hmac.compare_digest(computed.encode(), signature.encode()):  # bytes: any header is safe
        return True
    return bool(validator.validate(url, form, signature))


def signed(view: Callable[P, R]) -> Callable[P, R]:
    """Refuse (403) a webhook whose signature does not match, before it changes anything."""

    @wraps(view)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        settings = rt().settings
        url = public_url(settings.public_base_url, request.path, request.query_string)
        if not is_signed(
            settings.twilio_auth_token, url, request.form, request.headers.get("X-Twilio-Signature")
        ):
            abort(403)
        return view(*args, **kwargs)

    return checked
