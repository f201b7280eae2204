"""Reading the residents' forms: each field parsed, or an error code the catalog words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from booking_core.identifiers import (
    InvalidIdentifier,
    ascii_digits,
    contains_my_number,
    normalize_notice_number,
    normalize_phone,
    normalize_reference,
)
from booking_core.resident_fields import (
    ADDRESS_MAX,
    NameReading,
    fields_with_my_number,
    parse_birth_date,
    read_name,
)


@dataclass
class Parsed:
    """Values that passed, and error codes (catalog keys under 'error.') of those that did not."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def fail(self, name: str, code: str) -> None:
        """Record the first error of a field."""
        self.errors.setdefault(name, code)

    def screen(self, form: Any) -> Parsed:
        """Refuse every field holding a My Number, whatever else was wrong with it."""
        for name in fields_with_my_number(dict(form.items())):
            self.errors[name] = "my_number_refused"
            self.values.pop(name, None)
        return self


def _text(form: Any, name: str) -> str:
    return str(form.get(name, "")).strip()


def read_birth_date(form: Any, out: Parsed, *, today: date) -> None:
    """The birth_date field."""
    result = parse_birth_date(_text(form, "birth_date"), today=today)
    if isinstance(result, str):
        out.fail("birth_date", result)
    else:
        out.values["birth_date"] = result


def read_reference(form: Any, out: Parsed) -> None:
    """The reference field (予約番号, 10 digits with a check digit)."""
    raw = _text(form, "reference")
    if not raw:
        out.fail("reference", "reference_required")
        return
    if contains_my_number(raw):
        out.fail("reference", "my_number_refused")
        return
    try:
        out.values["reference"] = normalize_reference(raw)
    except InvalidIdentifier:
        out.fail("reference", "reference_format")


def read_notice_number(form: Any, out: Parsed, *, digits: int) -> None:
    """The notice number on the 交付通知書."""
    raw = _text(form, "notice_number")
    if not raw:
        out.fail("notice_number", "notice_number_required")
        return
    if contains_my_number(raw):
        out.fail("notice_number", "my_number_refused")
        return
    try:
        out.values["notice_number"] = normalize_notice_number(raw, digits)
    except InvalidIdentifier:
        out.fail("notice_number", "notice_number_format")


def _read_name(form: Any, out: Parsed) -> None:
    read = read_name(_text(form, "name"), _text(form, "kana"))
    if isinstance(read, NameReading):
        out.values.update(name=read.name, kana=read.kana)
    else:
        for name, code in read.items():
            out.fail(name, code)


def _read_phone(form: Any, out: Parsed) -> None:
    raw = _text(form, "phone")
    if not raw:
        out.fail("phone", "phone_required")
        return
    try:
        out.values["phone"] = normalize_phone(raw)
    except InvalidIdentifier:
        out.fail("phone", "phone_invalid")


def _read_address(form: Any, out: Parsed) -> None:
    address = _text(form, "address")
    if len(address) > ADDRESS_MAX:
        out.fail("address", "address_too_long")
    else:
        out.values["address"] = address


def read_details(form: Any, *, today: date, ask_birth_date: bool) -> Parsed:
    """The details page: name, kana, birth date (unless known), phone, address."""
    out = Parsed()
    _read_name(form, out)
    if ask_birth_date:
        read_birth_date(form, out, today=today)
    _read_phone(form, out)
    _read_address(form, out)
    return out.screen(form)


def read_party_size(form: Any, *, most: int) -> int | None:
    """A party size from 1 to `most`, or None."""
    raw = ascii_digits(_text(form, "party_size"))
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= most else None


VISIT_SERVICES = ("visit-apply", "visit-issue")
VISIT_LIMITS = {"address": ADDRESS_MAX, "facility": 60, "access_notes": 300}


VISIT_REASONS = ("bedridden", "care_facility", "disability", "hospital", "other")


def read_visit(form: Any, *, today: date, digits: int = 9) -> Parsed:
    """The home-visit request: service, why a visit, the person, a contact phone, where to
    visit, and the notice number of a card to hand over."""
    out = Parsed()
    service = _text(form, "service")
    if service in VISIT_SERVICES:
        out.values["service"] = service
    else:
        out.fail("service", "visit_service_required")
    reason = _text(form, "reason")
    if reason in VISIT_REASONS:
        out.values["reason"] = reason
    else:
        out.fail("reason", "visit_reason_required")
    out.values["notice_number"] = ""
    if service == "visit-issue":
        read_notice_number(form, out, digits=digits)
    _read_name(form, out)
    read_birth_date(form, out, today=today)
    _read_phone(form, out)
    for name, most in VISIT_LIMITS.items():
        value = _text(form, name)
        if name == "address" and not value:
            out.fail(name, "visit_address_required")
        elif len(value) > most:
            out.fail(name, f"{name}_too_long")
        elif contains_my_number(value):
            out.fail(name, "my_number_refused")
        else:
            out.values[name] = value
    return out.screen(form)
