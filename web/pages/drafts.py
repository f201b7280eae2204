"""The booking in progress, kept in Redis under a random id held in the signed session.

Personal data typed into the forms stays on the server: the cookie carries only the id.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from flask import session

from runtime.flask_glue import rt

DRAFT_PREFIX = "web:draft:"
DRAFT_TTL_SECONDS = 45 * 60
SESSION_KEY = "draft"


def _key(kind: str) -> str | None:
    draft_id = session.get(f"{SESSION_KEY}:{kind}")
    return f"{DRAFT_PREFIX}{kind}:{draft_id}" if isinstance(draft_id, str) else None


def load(kind: str) -> dict[str, Any]:
    """The current draft of a kind ('book' or 'manage'); empty when none or expired."""
    key = _key(kind)
    raw = rt().redis.get(key) if key else None
    return dict(json.loads(raw)) if raw else {}


def save(kind: str, draft: dict[str, Any]) -> None:
    """Store the draft and renew its time to live."""
    key = _key(kind)
    if key is None:
        session[f"{SESSION_KEY}:{kind}"] = secrets.token_urlsafe(24)
        key = _key(kind)
    assert key is not None
    rt().redis.set(key, json.dumps(draft, ensure_ascii=False), ex=DRAFT_TTL_SECONDS)


def update(kind: str, **values: Any) -> dict[str, Any]:
    """Merge values into the draft and store it."""
    draft = load(kind)
    draft.update(values)
    save(kind, draft)
    return draft


def start(kind: str, **values: Any) -> dict[str, Any]:
    """Throw away any draft of this kind and begin a new one."""
    discard(kind)
    draft = dict(values)
    save(kind, draft)
    return draft


def discard(kind: str) -> None:
    """Forget the draft, on the server and in the session."""
    key = _key(kind)
    if key:
        rt().redis.delete(key)
    session.pop(f"{SESSION_KEY}:{kind}", None)
