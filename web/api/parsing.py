"""Request parsing: JSON bodies and query strings to plain values, field errors collected."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest

from booking_core.bookings import BookingRequest
from booking_core.errors import FieldErrors, InvalidRequest, MyNumberRefused, NotFound
from booking_core.identifiers import (
    InvalidIdentifier,
    contains_my_number,
    normalize_phone,
    normalize_reference,
    refuse_my_number,
)
from booking_core.policy import Policy
from runtime.limits import check_body_size, safe_loads
from web.api import fields
from web.api.errors import ApiError

MONTH_RE = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
KEY_RE = re.compile(r"[\x21-\x7e]{1,100}")
MAX_RANGE_DAYS = 92
DEFAULT_RANGE_DAYS = 31
MAX_BODY_BYTES = 16 * 1024
PHONE_FIELDS = frozenset({"phone"})


def _fail(field: str, code: str) -> InvalidRequest:
    return InvalidRequest("Some fields are not valid", fields={field: code})


def _is_phone(name: str, value: object) -> bool:
    """True for a valid phone in the phone field: +81 and ten digits look like a My Number."""
    if name not in PHONE_FIELDS or not isinstance(value, str):
        return False
    try:
        normalize_phone(value)
    except InvalidIdentifier:
        return False
    return True


def reject_my_number(value: Mapping[str, Any]) -> None:
    """Refuse (422) any value holding a 12-digit individual number, naming only top fields.

    The core's one guard does the looking; a valid phone in the phone field is let through
    (+81 and ten digits is twelve digits too), and a My Number as a key is named `body`.
    """
    texts: dict[str, list[Any]] = {}
    for key, inner in value.items():
        name = "body" if contains_my_number(str(key)) else str(key)
        texts.setdefault(name, []).append(str(key))
        if not _is_phone(name, inner):
            texts[name].append(inner)
    try:
        refuse_my_number(texts)
    except MyNumberRefused as refused:
        raise ApiError(422, refused.code, fields=refused.fields) from None


def query() -> Mapping[str, str]:
    """The query string (already scanned for a My Number before the view ran)."""
    return request.args


def reject_my_number_in_query() -> None:
    """Refuse a query string holding a My Number, whatever the endpoint."""
    if request.args:  # most requests have no query string: nothing to look at
        reject_my_number(request.args.to_dict(flat=False))  # every value of a repeated name


def json_object() -> dict[str, Any]:
    """The JSON body as an object (415 not JSON, 413 too big, 400 unreadable, 422 not object)."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type")
    request.max_content_length = MAX_BODY_BYTES  # werkzeug stops reading there: 413
    try:
        check_body_size(MAX_BODY_BYTES)
    except BadRequest:
        raise ApiError(400, "malformed_json") from None
    data = request.get_data(cache=True)
    try:
        body = safe_loads(data)
    except ValueError:
        raise ApiError(400, "malformed_json") from None
    if not isinstance(body, dict):
        raise _fail("body", "not_an_object")
    reject_my_number(body)
    return body


def booking_request(body: Mapping[str, Any], *, today: date, policy: Policy) -> BookingRequest:
    """A new booking from a JSON body; every field error reported at once."""
    errors = FieldErrors()
    service = fields.code_field(body, "service", errors)
    center = fields.code_field(body, "center", errors)
    day, start = fields.date_field(body, "date", errors), fields.time_field(body, "start", errors)
    birth_date = fields.birth_date_field(body, errors, today)
    phone = fields.identifier(body, "phone", errors)
    fields.require(errors, service=service, date=day, start=start, phone=phone)
    notice = None  # a notice number is asked for, and kept, only for issuance
    if service == "issue":
        notice = fields.identifier(body, "notice_number", errors, policy.notice_number_digits)
        fields.require(errors, notice_number=notice)
    else:
        fields.require(errors, center=center)
    name = fields.required_text(body, "name", errors, 100)
    kana, address = fields.kana(body, errors), fields.text(body, "address", errors, max_len=200)
    party_size, language = fields.party_size(body, errors), fields.language(body, errors)
    errors.raise_if_any()
    assert service and day and start and birth_date  # checked above; narrows the types
    return BookingRequest(
        service=service,
        day=day,
        start=start,
        birth_date=birth_date,
        center=center,
        party_size=party_size,
        phone=phone,
        name=name,
        kana=kana,
        address=address,
        notice_number=notice,
        language=language,
    )


@dataclass(frozen=True)
class Change:
    """A move of a booking to another date and time."""

    birth_date: date
    day: date
    start: time


def change(body: Mapping[str, Any], *, today: date) -> Change:
    """The birth date (to prove who asks) and the new date and start time."""
    errors = FieldErrors()
    birth_date = fields.birth_date_field(body, errors, today)
    day, start = fields.date_field(body, "date", errors), fields.time_field(body, "start", errors)
    fields.require(errors, date=day, start=start)
    errors.raise_if_any()
    assert birth_date and day and start
    return Change(birth_date, day, start)


def center_id(raw: str) -> str:
    """A centre id from the path; one that cannot be an id is not found (never sent to SQL)."""
    if not fields.CODE_RE.fullmatch(raw):
        raise ApiError(404, "not_found", detail="center")
    return raw


@dataclass(frozen=True)
class CardQuery:
    """A notice number with the birth date that proves whose card it is."""

    notice_number: str
    birth_date: date


def card_query(body: Mapping[str, Any], *, today: date, policy: Policy) -> CardQuery:
    """notice_number and birth_date from a JSON body."""
    errors = FieldErrors()
    birth_date = fields.birth_date_field(body, errors, today)
    notice = fields.identifier(body, "notice_number", errors, policy.notice_number_digits)
    fields.require(errors, notice_number=notice)
    errors.raise_if_any()
    assert notice and birth_date
    return CardQuery(notice, birth_date)


def reference(raw: str) -> str:
    """A booking reference from the path; one that cannot exist is simply not found."""
    try:
        return normalize_reference(raw)
    except InvalidIdentifier:
        raise NotFound("No booking with that reference and birth date") from None


def birth_date(args: Mapping[str, str], *, today: date) -> date:
    """The birth_date query parameter."""
    errors = FieldErrors()
    value = fields.birth_date_field(args, errors, today)
    errors.raise_if_any()
    assert value
    return value


def _range(args: Mapping[str, str], errors: FieldErrors, today: date) -> tuple[date, date] | None:
    start = fields.date_field(args, "from", errors) or today
    end = fields.date_field(args, "to", errors) or start + timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if end < start:
        errors.add("to", "before_from")
    elif (end - start).days + 1 > MAX_RANGE_DAYS:
        errors.add("to", "range_too_long")
    return None if errors.errors else (start, end)


def date_range(args: Mapping[str, str], *, today: date) -> tuple[date, date]:
    """from/to (default: a month from today), at most MAX_RANGE_DAYS days."""
    errors = FieldErrors()
    found = _range(args, errors, today)
    errors.raise_if_any()
    assert found
    return found


@dataclass(frozen=True)
class AvailabilityQuery:
    """A centre and procedure over days start..end; `single` when asked for one date."""

    center: str
    service: str
    start: date
    end: date
    single: bool


def availability(args: Mapping[str, str], *, today: date) -> AvailabilityQuery:
    """center, service and either date or from/to."""
    errors = FieldErrors()
    center, service = (
        fields.code_field(args, "center", errors),
        fields.code_field(args, "service", errors),
    )
    fields.require(errors, center=center, service=service)
    single = "from" not in args and "to" not in args
    if single:
        day = fields.date_field(args, "date", errors)
        fields.require(errors, date=day)
        span = (day, day) if day else None
    else:
        span = _range(args, errors, today)
    errors.raise_if_any()
    assert center and service and span
    return AvailabilityQuery(center, service, span[0], span[1], single)


def month(args: Mapping[str, str]) -> tuple[int, int]:
    """month=YYYY-MM, years 2000-2099."""
    found = MONTH_RE.fullmatch(str(args.get("month", "")))
    if found is None:
        raise _fail("month", "bad_month" if args.get("month") else "required")
    year = int(found.group(1))
    if not fields.FIRST_DAY.year <= year <= fields.LAST_DAY.year:
        raise _fail("month", "out_of_range")
    return year, int(found.group(2))


def idempotency_key() -> str | None:
    """The Idempotency-Key header: 1-100 visible ASCII characters, or absent."""
    raw = request.headers.get("Idempotency-Key")
    if raw is None:
        return None
    reject_my_number({"Idempotency-Key": raw})  # the key is stored with the booking
    if not KEY_RE.fullmatch(raw):
        raise _fail("Idempotency-Key", "invalid_idempotency_key")
    return raw
