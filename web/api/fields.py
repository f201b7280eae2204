"""Field parsers: one value of a body or query string, errors recorded in a FieldErrors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from booking_core.errors import FieldErrors
from booking_core.identifiers import InvalidIdentifier, normalize_notice_number, normalize_phone

DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIME_RE = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
CODE_RE = re.compile(r"[a-z0-9-]{1,32}")
KANA_RE = re.compile(r"[ァ-ヺーぁ-ゖ・ 　]+")  # katakana or hiragana, spaces
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
FIRST_BIRTH_DATE = date(1900, 1, 1)
LANGUAGES = ("ja", "en")


def text(src: Mapping[str, Any], name: str, errors: FieldErrors, *, max_len: int) -> str:
    """An optional text: no control characters or lone surrogates, at most max_len long."""
    raw = src.get(name)
    if raw is None:
        return ""
    if not isinstance(raw, str):
        errors.add(name, "invalid_type")
        return ""
    value = raw.strip()
    # NUL and lone surrogates would fail in the database driver, not here: refuse them first.
    if any(unicodedata.category(c) in {"Cc", "Cs"} for c in value):
        errors.add(name, "invalid_text")
    elif len(value) > max_len:
        errors.add(name, "too_long")
    return value


def required_text(src: Mapping[str, Any], name: str, errors: FieldErrors, max_len: int) -> str:
    """A text that must not be empty."""
    value = text(src, name, errors, max_len=max_len)
    if not value:
        errors.add(name, "required")
    return value


def parsed(
    src: Mapping[str, Any], name: str, errors: FieldErrors, pattern: re.Pattern[str], code: str
) -> str | None:
    """A string matching the pattern whole, None when absent, `code` recorded otherwise."""
    raw = src.get(name)
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or not pattern.fullmatch(raw):
        errors.add(name, code)
        return None
    return raw


def date_field(
    src: Mapping[str, Any], name: str, errors: FieldErrors, *, lowest: date = FIRST_DAY
) -> date | None:
    """A YYYY-MM-DD date, or None with an error recorded (bad_date, out_of_range)."""
    raw = parsed(src, name, errors, DATE_RE, "bad_date")
    if raw is None:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        errors.add(name, "bad_date")
        return None
    if not lowest <= value <= LAST_DAY:
        errors.add(name, "out_of_range")
        return None
    return value


def time_field(src: Mapping[str, Any], name: str, errors: FieldErrors) -> time | None:
    """An HH:MM time, or None with bad_time recorded."""
    raw = parsed(src, name, errors, TIME_RE, "bad_time")
    return None if raw is None else time.fromisoformat(raw)


def code_field(src: Mapping[str, Any], name: str, errors: FieldErrors) -> str | None:
    """A centre id or service code (unknown_<name> when it cannot be one)."""
    return parsed(src, name, errors, CODE_RE, f"unknown_{name}")


def require(errors: FieldErrors, **values: object) -> None:
    """Record `required` for each value that is None and has no error yet."""
    for name, value in values.items():
        if value is None and name not in errors.errors:
            errors.add(name, "required")


def birth_date_field(src: Mapping[str, Any], errors: FieldErrors, today: date) -> date | None:
    """The birth date: required, not before 1900, not in the future."""
    value = date_field(src, "birth_date", errors, lowest=FIRST_BIRTH_DATE)
    if value is not None and value > today:
        errors.add("birth_date", "in_future")
    require(errors, birth_date=value)
    return value


def identifier(
    src: Mapping[str, Any], name: str, errors: FieldErrors, digits: int = 9
) -> str | None:
    """A phone (to E.164) or notice number (digits only), normalised by the core."""
    raw = src.get(name)
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or len(raw) > 40:
        errors.add(name, f"invalid_{name}")
        return None
    try:
        if name == "phone":
            return normalize_phone(raw)
        return normalize_notice_number(raw, digits)
    except InvalidIdentifier as bad:
        errors.add(name, bad.code)
        return None


def party_size(src: Mapping[str, Any], errors: FieldErrors) -> int:
    """An integer (not a bool or float), 1 when absent; the core checks the range."""
    raw = src.get("party_size", 1)
    if raw is None:
        return 1
    if isinstance(raw, bool) or not isinstance(raw, int):
        errors.add("party_size", "invalid_type")
        return 1
    return raw


def language(src: Mapping[str, Any], errors: FieldErrors) -> str:
    """ja or en (default ja)."""
    raw = src.get("language") or "ja"
    if raw not in LANGUAGES:
        errors.add("language", "unknown_language")
        return "ja"
    return str(raw)


def kana(body: Mapping[str, Any], errors: FieldErrors) -> str:
    """The name in kana (katakana or hiragana), optional."""
    value = text(body, "kana", errors, max_len=100)
    if value and "kana" not in errors.errors and not KANA_RE.fullmatch(value):
        errors.add("kana", "not_kana")
    return value
