"""Identifiers residents key in or are given: references, notice numbers, phones, My Number."""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Iterator, Mapping

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from booking_core.errors import MyNumberRefused

REFERENCE_LENGTH = 10
PHONE_REGION = "JP"

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Hyphen look-alikes residents and spreadsheets produce: ASCII, Unicode dashes, minus signs,
# the full-width hyphen-minus and the katakana long-vowel mark typed in place of a hyphen.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−－ー]+")
_TWELVE_DIGITS = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")
_PHONE_PUNCTUATION = re.compile(r"[().]")
# Japanese mobile numbers as phonenumbers' metadata (the pinned version) has them: 060, 070,
# 080 and 090, then a digit 1-9, then 7 digits; 0800 is toll-free. Numbers of this shape are
# answered without a walk through the metadata; everything else goes through phonenumbers.
# tests/core/test_identifiers.py checks the two agree, so a new metadata release that moved
# the line would fail there first.
_NATIONAL_MOBILE = re.compile(r"0([6-9]0[1-9][0-9]{7})")
_E164_MOBILE = re.compile(r"\+81[6-9]0[1-9][0-9]{7}")

# Damm's weakly totally anti-symmetric quasigroup of order 10.
_DAMM_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


class InvalidIdentifier(ValueError):
    """An identifier that fails its format or check; `code` is the machine code."""

    def __init__(self, code: str) -> None:
        # The rejected value is deliberately not kept: it may be personal data.
        super().__init__(code)
        self.code = code


def ascii_digits(text: str) -> str:
    """Return text with full-width digits (０-９) replaced by ASCII digits."""
    return text.translate(_FULLWIDTH_DIGITS)


def _compact(raw: str) -> str:
    """Full-width digits to ASCII, then drop whitespace and hyphen look-alikes."""
    return _SEPARATORS.sub("", ascii_digits(raw))


def _is_ascii_digits(text: str, length: int) -> bool:
    """True if text is exactly `length` ASCII digits."""
    return len(text) == length and text.isascii() and text.isdigit()


def my_number_check_digit(first_eleven: str) -> int:
    """Check digit of a 個人番号 from its first 11 digits (番号法施行令第8条)."""
    total = 0
    for n, char in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(char) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(text: str) -> bool:
    """True if text is exactly 12 ASCII digits with a valid 個人番号 check digit."""
    if not _is_ascii_digits(text, 12):
        return False
    return my_number_check_digit(text[:11]) == int(text[11])


def contains_my_number(text: str) -> bool:
    """True if a valid 12-digit 個人番号 appears in text, separated or not."""
    if len(text) < 12:
        return False  # too short to hold 12 digits (every field name and most values)
    # Two views: separators removed (catches 1234-5678-9018) and separators kept as
    # boundaries (catches a number written next to another number, e.g. after a phone).
    digits = ascii_digits(text)
    views = (_SEPARATORS.sub("", digits), _SEPARATORS.sub(" ", digits))
    return any(is_my_number(m.group()) for view in views for m in _TWELVE_DIGITS.finditer(view))


def refuse_my_number(texts: Mapping[str, object]) -> None:
    """The one guard: raise MyNumberRefused naming each field whose text holds a 個人番号.

    Every use case that stores, or has spoken, a text a resident or staff member typed calls
    this (bookings, notes, wrap-ups, announcements); lists and mappings are looked into.
    """
    found = {
        name: MyNumberRefused.code
        for name, value in texts.items()
        if any(contains_my_number(text) for text in _texts(value))
    }
    if found:
        raise MyNumberRefused("A My Number is not accepted here", fields=found)


def _texts(value: object) -> Iterator[str]:
    """Every string (and number, as written) inside a value; a loop, so depth costs no stack."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, int | float) and not isinstance(item, bool):
            yield str(item)
        elif isinstance(item, Mapping):
            pending += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            pending += list(item)


def damm_check_digit(digits: str) -> int:
    """Damm check digit of an ASCII digit string."""
    interim = 0
    for char in digits:
        interim = _DAMM_TABLE[interim][int(char)]
    return interim


def new_reference(rng: random.Random | None = None, *, length: int = REFERENCE_LENGTH) -> str:
    """New booking reference (予約番号): 9 random digits, first 1-9, plus a Damm digit.

    Other numbers read out to residents (a home visit's 受付番号) take another length.
    """
    low, high = 10 ** (length - 2), 10 ** (length - 1)
    if rng is None:
        payload = str(low + secrets.randbelow(high - low))
    else:
        payload = str(rng.randrange(low, high))
    return payload + str(damm_check_digit(payload))


def is_valid_reference(text: str) -> bool:
    """True if text is 10 ASCII digits whose Damm check passes."""
    return _is_ascii_digits(text, REFERENCE_LENGTH) and damm_check_digit(text) == 0


def normalize_reference(raw: str) -> str:
    """Canonical booking reference from what a resident typed or keyed."""
    compact = _compact(raw)
    if not is_valid_reference(compact):
        raise InvalidIdentifier("invalid_reference")
    return compact


def normalize_notice_number(raw: str, digits: int = 9) -> str:
    """Canonical 交付通知書 number (printed 3+6 digits above the QR code)."""
    compact = _compact(raw)
    if digits < 1 or not _is_ascii_digits(compact, digits):
        raise InvalidIdentifier("invalid_notice_number")
    return compact


def normalize_phone(raw: str) -> str:
    """E.164 form of a Japanese national or any E.164 phone number."""
    compact = _PHONE_PUNCTUATION.sub("", _compact(raw))
    if mobile := _NATIONAL_MOBILE.fullmatch(compact):  # most numbers: no metadata walk needed
        return "+81" + mobile.group(1)
    if not re.fullmatch(r"\+?[0-9]{1,20}", compact):
        raise InvalidIdentifier("invalid_phone")
    try:
        number = phonenumbers.parse(compact, PHONE_REGION)
    except NumberParseException:
        raise InvalidIdentifier("invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier("invalid_phone")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _japanese_type(e164: str) -> int | None:
    """phonenumbers' type of a Japanese number (MOBILE without a metadata walk for 070/080/090);
    None for a number abroad or one that does not parse."""
    if _E164_MOBILE.fullmatch(e164):
        return PhoneNumberType.MOBILE
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return None
    if phonenumbers.region_code_for_number(number) != PHONE_REGION:
        return None
    return int(phonenumbers.number_type(number))


def is_japanese_mobile(e164: str) -> bool:
    """True for a Japanese mobile (070/080/090); False for landline, 050, 0120, abroad."""
    return _japanese_type(e164) == PhoneNumberType.MOBILE


# Japanese numbers a call can reach that no text can: fixed lines and 050 IP phones.
_CALLABLE_TYPES = frozenset(
    {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.VOIP}
)


def is_japanese_landline(e164: str) -> bool:
    """True for a Japanese number a reminder call can ring but a text cannot reach (03-..., 045-...,
    050-...); False for mobiles, toll-free and premium numbers, and numbers abroad."""
    return _japanese_type(e164) in _CALLABLE_TYPES


def _mask_digits(digits: str) -> str:
    """All but the last 4 digits as *; everything masked when there are 4 or fewer."""
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_phone(e164: str) -> str:
    """Phone for logs and screens: country code and last 4 digits, one * per hidden digit."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return _mask_digits(re.sub(r"[^0-9]", "", e164))
    national = phonenumbers.national_significant_number(number)
    return f"+{number.country_code}{_mask_digits(national)}"


def group_reference(reference: str) -> str:
    """A booking reference in groups people read back on the phone: 123 456 7890."""
    if not _is_ascii_digits(reference, REFERENCE_LENGTH):
        return reference
    return f"{reference[:3]} {reference[3:6]} {reference[6:]}"


def national_phone(e164: str) -> str:
    """A Japanese number as people write it (090-1111-0001, 045-123-4567); others as given."""
    if not e164.startswith("+81"):
        return e164
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
