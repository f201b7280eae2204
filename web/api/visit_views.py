"""/api/v1/visit-requests: a resident asks for a home visit and follows it by receipt number."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import Response, jsonify

from booking_core.errors import FieldErrors, NotFound
from booking_core.home_visits import (
    ISSUE_AT_HOME,
    REFERENCE_DIGITS,
    HomeVisitDetails,
    HomeVisitRequest,
    request_home_visit,
    request_status,
)
from booking_core.policy import Policy
from runtime.flask_glue import now, rt
from runtime.rate_limits import lookups
from web.api import fields, parsing
from web.api.blueprint import bp
from web.api.errors import ApiError
from web.api.views import API


def visit_request(body: Mapping[str, Any], *, today: date, policy: Policy) -> HomeVisitRequest:
    """A home-visit request from a JSON body; every field error at once."""
    errors = FieldErrors()
    service = fields.code_field(body, "service", errors)
    birth_date = fields.birth_date_field(body, errors, today)
    phone = fields.identifier(body, "phone", errors)
    notice = None
    if service == ISSUE_AT_HOME:
        notice = fields.identifier(body, "notice_number", errors, policy.notice_number_digits)
        fields.require(errors, notice_number=notice)
    fields.require(errors, service=service, phone=phone)
    optional = (("facility", 100), ("access_notes", 500), ("postcode", 8))
    texts = {name: fields.text(body, name, errors, max_len=most) for name, most in optional}
    req = HomeVisitRequest(
        service=service or "", name=fields.required_text(body, "name", errors, 100),
        kana=fields.kana(body, errors), birth_date=birth_date or date.min, phone=phone or "",
        address=fields.required_text(body, "address", errors, 200),
        language=fields.language(body, errors), reason=str(body.get("reason") or "other"),
        notice_number=notice, **texts,
    )  # fmt: skip
    errors.raise_if_any()
    return req


def _answer(v: HomeVisitDetails) -> dict[str, Any]:
    shown: dict[str, Any] = {"receipt": v.reference, "status": v.status}
    if v.visit_day is not None and v.status in ("scheduled", "done"):
        shown["date"] = v.visit_day.isoformat()
    return shown


def _for_card() -> bool:
    """Only a home issuance looks a card up by its notice number (rate-limited then)."""
    try:
        return parsing.json_object().get("service") != ISSUE_AT_HOME
    except ApiError:  # a bad body is answered by the view; count it
        return False


@bp.post("/visit-requests")
@lookups(unless=_for_card)
def create_visit_request() -> tuple[Response, int]:
    """Ask for a home visit; 422 card_not_ready for visit-issue without a card on the list."""
    runtime = rt()
    req = visit_request(parsing.json_object(), today=now().date(), policy=runtime.policy)
    made = request_home_visit(runtime.uow(), req, now=now(), actor=API)
    return jsonify(_answer(made)), 201


@bp.get("/visit-requests/<receipt>")
@lookups()
def read_visit_request(receipt: str) -> Response:
    """A request's status (and visit date once fixed), by receipt number and birth date."""
    birth_date = parsing.birth_date(parsing.query(), today=now().date())
    if not (receipt.isascii() and receipt.isdigit() and len(receipt) == REFERENCE_DIGITS):
        raise NotFound("No home-visit request with that receipt number and birth date")
    found = request_status(rt().uow(), reference=receipt, birth_date=birth_date, now=now(),
                           actor=API)  # fmt: skip
    return jsonify(_answer(found))
