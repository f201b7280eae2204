"""A home-visit request as staff key it (console form or staff API body), and the errors the
visit use cases raise, as the staff API answers them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from agent_console.api import ApiError
from booking_core.errors import AlreadyBooked, FieldErrors, InvalidRequest, NotBookable, NotFound
from booking_core.home_visits import ISSUE_AT_HOME, HomeVisitRequest, VisitRefused
from booking_core.identifiers import InvalidIdentifier, normalize_notice_number, normalize_phone

TEXTS = ("service", "name", "kana", "address", "facility", "access_notes", "postcode", "reason")


def _text(src: Mapping[str, Any], name: str) -> str:
    value = src.get(name)
    return value.strip() if isinstance(value, str) else ""


def read_request(src: Mapping[str, Any], *, digits: int, today: date) -> HomeVisitRequest:
    """The request in a form or JSON body; every field error at once (InvalidRequest)."""
    errors = FieldErrors()
    try:
        birth_date = date.fromisoformat(_text(src, "birth_date"))
        if not date(1900, 1, 1) <= birth_date <= today:
            errors.add("birth_date", "out_of_range")
    except ValueError:
        errors.add("birth_date", "invalid_date")
        birth_date = date.min
    phone = notice = ""
    try:
        phone = normalize_phone(_text(src, "phone"))
    except InvalidIdentifier as bad:
        errors.add("phone", bad.code)
    if _text(src, "service") == ISSUE_AT_HOME:
        try:
            notice = normalize_notice_number(_text(src, "notice_number"), digits)
        except InvalidIdentifier as bad:
            errors.add("notice_number", bad.code)
    errors.raise_if_any()
    values = {name: _text(src, name) for name in TEXTS}
    values["reason"] = values["reason"] or "other"
    return HomeVisitRequest(birth_date=birth_date, phone=phone, notice_number=notice or None,
                            **values)  # fmt: skip


@contextmanager
def answered_as_api_errors() -> Iterator[None]:
    """The visit rules' refusals as the staff API's JSON errors (404, 409, 422)."""
    try:
        yield
    except NotFound as missing:
        raise ApiError(404, "not_found") from missing
    except VisitRefused as refused:
        raise ApiError(409, "visit_refused", state=refused.state) from refused
    except AlreadyBooked as taken:
        raise ApiError(409, "already_requested") from taken
    except NotBookable as closed:
        raise ApiError(422, "not_bookable", reason=closed.reason) from closed
    except InvalidRequest as bad:
        raise ApiError(422, "invalid", fields=bad.fields) from bad
