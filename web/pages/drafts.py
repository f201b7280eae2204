"""The booking in progress, kept in Redis under a random id held in the signed session.

Personal data typed into the forms stays on the server: the cookie carries only the id.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from flask import g, session

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


FORMS = "forms"  # forms kept by page path: refused ones, and ones carried across a language


@dataclass(frozen=True)
class KeptForm:
    """What a resident typed into a page's form, with the error codes still true of it."""

    form: dict[str, str]
    errors: dict[str, str]
    problem: str | None


def keep_form(path: str, form: dict[str, Any], errors: dict[str, str], problem: Any) -> None:
    """Keep a refused form (its My Numbers already emptied) for the same page shown again."""
    entry = {"form": form, "errors": errors, "checked": form, "show": False}
    if isinstance(problem, str) and re.fullmatch(r"[a-z_.]+", problem):
        entry["problem"] = problem  # a catalog key, worded again in the next language
    update(FORMS, **{path: entry})


def keep_switched_form(path: str, form: dict[str, str]) -> None:
    """Keep a form to show again: sent by a language button, or too late for its booking.
    Errors found earlier stay with the values that still have them (a field changed since
    is no longer known to be wrong)."""
    before = load(FORMS).get(path) or {}
    checked: dict[str, str] = before.get("checked") or {}
    errors = {
        name: code
        for name, code in (before.get("errors") or {}).items()
        if form.get(name, "") == checked.get(name, "")
    }
    entry: dict[str, Any] = {"form": form, "errors": errors, "checked": checked, "show": True}
    g.form_kept = True  # not forgotten by the redirect that follows
    if before.get("problem") and form == checked:
        entry["problem"] = before["problem"]
    update(FORMS, **{path: entry})


def kept_form(path: str) -> KeptForm | None:
    """The form kept for a page to show again, given once (showing it forgets it)."""
    kept = load(FORMS)
    entry = kept.get(path)
    if not entry or not entry.get("show"):
        return None
    del kept[path]
    save(FORMS, kept)
    return KeptForm(dict(entry["form"]), dict(entry.get("errors") or {}), entry.get("problem"))


def forget_form(path: str) -> None:
    """A form accepted: nothing of it is kept for later."""
    kept = load(FORMS)
    if kept.pop(path, None) is not None:
        save(FORMS, kept)
