"""The card-ready list in the staff JSON API: upload (or only preview) a CSV, withdraw a card
(supervisors and administrators)."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from agent_console.api import ApiError, _body, api_bp, staff_required
from agent_console.catalog_ja import t
from agent_console.custody_api import handler, notice
from booking_core import custody
from booking_core.card_import import CardImportRejected, CardReadyRow
from booking_core.card_list import CardListPlan, Withdrawn, preview_card_list, withdraw_card
from booking_core.cards import import_card_list
from booking_core.errors import NotFound
from runtime.flask_glue import now, rt

list_staff = staff_required(supervisor=True)
MAX_LIST_BYTES = 60_000  # under the app's 64 KiB body cap: about 1,500 cards a file


def _row(row: CardReadyRow) -> dict[str, str]:
    return {"notice_number": row.notice_number, "ward": row.ward,
            "ready_on": row.ready_on.isoformat()}  # fmt: skip


def plan_json(result: CardListPlan) -> dict[str, Any]:
    """A preview as the API gives it (no birth dates)."""
    return {
        "adds": [_row(r) for r in result.adds],
        "updates": [_row(r) for r in result.updates],
        "unchanged": result.unchanged,
        "held": [_row(r) for r in result.held],
    }


def withdrawn_json(done: Withdrawn) -> dict[str, Any]:
    """A withdrawal, with whom to call when the card had a live booking."""
    call = None
    if done.booking_reference:
        call = {"booking_reference": done.booking_reference, "name": done.name,
                "phone": done.phone}  # fmt: skip
    return {"notice_number": done.notice_number, "state": done.state, "call": call}


def rejected(error: CardImportRejected) -> ApiError:
    """A refused file: every error with its line, as fields line_N -> message."""
    fields = {f"line_{e.line}_{e.field or 'file'}": e.message for e in error.errors}
    return ApiError(422, "card_list_rejected", t("card_list_rejected"), fields=fields)


@api_bp.post("/staff/cards/list")
@list_staff
def upload_card_list() -> tuple[Response, int]:
    """Import a card-ready CSV (the body); with ?dry_run=true only say what it would change."""
    data = request.get_data()
    if not data or len(data) > MAX_LIST_BYTES:
        raise ApiError(422, "invalid", fields={"body": "csv_required"})
    try:
        if request.args.get("dry_run") == "true":
            planned = preview_card_list(rt().uow(), data, now=now(), actor=handler())
            return jsonify(plan_json(planned)), 200
        done = import_card_list(rt().uow(), data, now=now(), actor=handler())
    except CardImportRejected as error:
        raise rejected(error) from error
    return jsonify(added=done.added, updated=done.updated, unchanged=done.unchanged,
                   already_imported=done.already_imported), 201  # fmt: skip


@api_bp.post("/staff/cards/<notice_number>/withdraw")
@list_staff
def withdraw(notice_number: str) -> Response:
    """Take a card still at its ward off the list; says whom to call if it was booked."""
    reason = str(_body("reason")["reason"])
    try:
        done = withdraw_card(
            rt().uow(), notice_number=notice(notice_number), reason=reason, now=now(),
            actor=handler(),
        )  # fmt: skip
    except NotFound as missing:
        raise ApiError(404, "not_found", t("api_card_not_found")) from missing
    except custody.CustodyRefused as refused:
        message = t("custody_refused", state=t(f"custody_{refused.state}"))
        raise ApiError(409, "custody_refused", message, state=refused.state) from refused
    return jsonify(withdrawn_json(done))
