"""Per-language text catalogs (web/i18n/<lang>.toml), loaded once, and the page's language."""

from __future__ import annotations

import tomllib
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Any

from flask import has_request_context, session

CATALOG_DIR = Path(__file__).resolve().parent.parent / "i18n"
LANGUAGES = ("ja", "easy", "en", "zh", "ko", "vi")
DEFAULT_LANGUAGE = "ja"
# Each language's own name, and its code in HTML (やさしい日本語 is Japanese to a browser).
LANGUAGE_NAMES = {
    "ja": "日本語",
    "easy": "やさしい日本語",
    "en": "English",
    "zh": "中文（简体）",
    "ko": "한국어",
    "vi": "Tiếng Việt",
}
HTML_LANG = {"ja": "ja", "easy": "ja", "en": "en", "zh": "zh-Hans", "ko": "ko", "vi": "vi"}
# The language a booking records, so that its texts go out in it (queues/sms_<language>.py);
# やさしい日本語 bookings get the Japanese texts.
BOOKING_LANGUAGE = {"ja": "ja", "easy": "ja", "en": "en", "zh": "zh", "ko": "ko", "vi": "vi"}


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalog(language: str) -> dict[str, str]:
    """Every text of a language, keyed 'section.name'."""
    with (CATALOG_DIR / f"{language}.toml").open("rb") as handle:
        return _flatten(tomllib.load(handle))


def current_language() -> str:
    """The language chosen in this browser session (Japanese unless another was picked)."""
    if has_request_context():
        chosen = session.get("lang")
        if chosen in LANGUAGES:
            return str(chosen)
    return DEFAULT_LANGUAGE


def html_lang() -> str:
    """The page's language as HTML names it."""
    return HTML_LANG[current_language()]


def booking_language() -> str:
    """The language a booking or request made now records for its texts and calls."""
    return BOOKING_LANGUAGE[current_language()]


def t(key: str, fallback: str | None = None, **values: object) -> str:
    """The text for a key in the current language, with {placeholders} filled."""
    text = catalog(current_language()).get(key)
    if text is None:
        text = catalog(DEFAULT_LANGUAGE).get(key, fallback)
    if text is None:
        raise KeyError(key)
    return text.format(**values) if values else text


def format_day(day: date) -> str:
    """A date as people write it: 2026年11月6日（金） / Fri 6 November 2026."""
    return t(
        "format.day",
        y=day.year,
        m=day.month,
        d=day.day,
        month=t(f"month.m{day.month}"),
        wd=t(f"weekday.w{day.weekday()}"),
    )


def format_month(year: int, month: int) -> str:
    """A month heading: 2026年11月 / November 2026."""
    return t("format.month", y=year, m=month, month=t(f"month.m{month}"))


def format_time(at: time) -> str:
    """A time of day, 24-hour: 14:00."""
    return f"{at.hour}:{at.minute:02d}"


def group_reference(reference: str) -> str:
    """A reference in groups people can read back: 123 456 7890."""
    return f"{reference[:3]} {reference[3:6]} {reference[6:]}"
