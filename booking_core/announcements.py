"""The supervisors' emergency announcement (緊急アナウンス), read to every caller first."""

from __future__ import annotations

from booking_core.errors import InvalidRequest
from booking_core.identifiers import refuse_my_number

LANGUAGES = ("ja", "en")
MAX_ANNOUNCEMENT = 500


def checked_announcement(language: str, text: str) -> str:
    """The text as it may be spoken to callers; refuses a My Number, a bad language or length."""
    text = text.strip()
    refuse_my_number({"text": text})
    if language not in LANGUAGES:
        raise InvalidRequest("unknown language", fields={"language": "unknown_language"})
    if len(text) > MAX_ANNOUNCEMENT:
        raise InvalidRequest("too long", fields={"text": "too_long"})
    return text
