"""Field rules for what residents type themselves (web forms): names, birth dates, My Number.

Each rule answers with a value or an error code; the channels word the code in their catalogs.
Nothing here is cut short silently: a value too long is an error the resident sees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from booking_core.identifiers import ascii_digits, contains_my_number

NAME_MAX = 50
KANA_MAX = 50
ADDRESS_MAX = 120

_KANA = re.compile(r"[ァ-ヶー・\s]+")
# Letters the counter reads without help: Latin letters (with accents), kana, and the
# punctuation names carry. Anything else (kanji, hanzi, hangul, …) needs the reading in kana.
_READABLE = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1effぁ-ゖァ-ヶー・'’.\-\s]+")
_EIGHT_DIGITS = re.compile(r"[0-9]{8}")
# Year first, with separators: 1960-5-5, 1960/05/05, 1960.5.5, 1960 5 5, 1960年5月5日
_YEAR_FIRST = re.compile(r"([0-9]{4})\s*[-/.年\s]\s*([0-9]{1,2})\s*[-/.月\s]\s*([0-9]{1,2})\s*日?")
_EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class NameReading:
    """A name as kept on a booking: as written, and its reading in katakana ('' if not needed)."""

    name: str
    kana: str


def to_katakana(text: str) -> str:
    """Hiragana and half-width kana typed by a resident, as full-width katakana."""
    wide = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in wide)


def tidy(text: str) -> str:
    """Full-width Latin letters and spaces made ordinary, runs of spaces made one, ends trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def needs_kana(name: str) -> bool:
    """True when the counter needs the name's reading: it is written in kanji or another script
    the counter staff cannot read aloud. Names in Latin letters or kana carry their reading."""
    return bool(name) and not _READABLE.fullmatch(tidy(name))


def read_name(raw_name: str, raw_kana: str) -> NameReading | dict[str, str]:
    """A name and its katakana reading, or the error code of each field that failed.

    The reading is asked only where the counter needs it (see needs_kana); when given it must
    be katakana (hiragana and half-width kana are turned into katakana).
    """
    name, kana = tidy(raw_name), to_katakana(tidy(raw_kana))
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "name_required"
    elif len(name) > NAME_MAX:
        errors["name"] = "name_too_long"
    if not kana:
        if needs_kana(name):
            errors["kana"] = "kana_required"
    elif len(kana) > KANA_MAX:
        errors["kana"] = "kana_too_long"
    elif not _KANA.fullmatch(kana):
        errors["kana"] = "kana_katakana"
    return errors or NameReading(name, kana)


def parse_birth_date(raw: str, *, today: date) -> date | str:
    """A birth date typed year first (19600505, 1960-05-05, 1960/5/5, 1960年5月5日), or the
    error code: birth_date_required, birth_date_format (not year first or not a date's shape,
    e.g. 05/06/1980), birth_date_invalid (no such day, in the future, or before 1900)."""
    text = tidy(ascii_digits(raw))
    if not text:
        return "birth_date_required"
    if _EIGHT_DIGITS.fullmatch(text):
        parts = (int(text[:4]), int(text[4:6]), int(text[6:]))
    elif found := _YEAR_FIRST.fullmatch(text):
        parts = (int(found[1]), int(found[2]), int(found[3]))
    else:
        return "birth_date_format"
    try:
        born = date(*parts)
    except ValueError:
        return "birth_date_invalid"
    if born > today or born.year < _EARLIEST_BIRTH_YEAR:
        return "birth_date_invalid"
    return born


def fields_with_my_number(form: Mapping[str, object]) -> set[str]:
    """The names of the fields whose text holds a My Number (refused, and never shown again)."""
    return {
        name for name, value in form.items() if isinstance(value, str) and contains_my_number(value)
    }
