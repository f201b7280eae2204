"""Cards in the staff JSON API: the transport manifest, hand-overs and a card's history
(couriers, counter staff, supervisors and administrators; bearer tokens)."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, g, jsonify, request

from agent_console.api import ApiError, _body, api_bp, query_day, staff_required
from agent_console.auth import COUNTER_ROLES, CUSTODY_ROLES
from agent_console.catalog_ja import t
from booking_core import booking_life, custody
from booking_core.errors import NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_notice_number
from booking_core.manifests import Manifest, hand_over, transport_manifest
from booking_core.policy import Actor
from runtime.flask_glue import now, rt

custody_staff = staff_required(roles=CUSTODY_ROLES)
CSV_COLUMNS = ("transport_date", "ward", "center", "notice_number", "booking_reference",
               "booking_date", "state")  # fmt: skip


def handler() -> Actor:
    """The member of staff handling cards, as the audit trail names them."""
    return Actor.staff(g.staff.username, channel="custody")


def manifest_json(manifest: Manifest) -> dict[str, Any]:
    """The manifest as the API gives it."""
    return {
        "date": manifest.day.isoformat(),
        "transport_day": manifest.transport_day,
        "cutoff": manifest.cutoff.isoformat(),
        "wards": [
            {
                "ward": w.ward_id,
                "center": w.center_id,
                "cards": [
                    {
                        "notice_number": c.notice_number,
                        "booking_reference": c.booking_reference,
                        "booking_date": c.booking_date.isoformat(),
                        "state": c.state,
                    }
                    for c in w.cards
                ],
            }
            for w in manifest.wards
        ],
        "late": [
            {
                "notice_number": c.notice_number,
                "booking_reference": c.booking_reference,
                "booking_date": c.booking_date.isoformat(),
            }
            for c in manifest.late
        ],
        "returns": [
            {
                "notice_number": r.notice_number,
                "ward": r.ward_id,
                "state": r.state,
                "reason": r.reason,
            }
            for r in manifest.returns
        ],
    }


def manifest_csv(manifest: Manifest) -> str:
    """One line per card to carry (UTF-8 with a BOM, for spreadsheet programs)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for ward in manifest.wards:
        for c in ward.cards:
            writer.writerow(
                (manifest.day.isoformat(), ward.ward_id, ward.center_id, c.notice_number,
                 c.booking_reference, c.booking_date.isoformat(), c.state)
            )  # fmt: skip
    return "\ufeff" + out.getvalue()


def notice(raw: str) -> str:
    """The canonical notice number, or 404 (a My Number or anything else never matches)."""
    try:
        return normalize_notice_number(raw, rt().policy.notice_number_digits)
    except InvalidIdentifier:
        raise ApiError(404, "not_found", t("api_card_not_found")) from None


@api_bp.get("/staff/transport")
@custody_staff
def transport() -> Response:
    """The day's cards to carry by ward, late bookings and returns; CSV on request."""
    manifest = transport_manifest(
        rt().uow(), day=query_day(), now=now(), actor=handler(), policy=rt().policy
    )
    wants_csv = request.args.get("format") == "csv" or (
        request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv"
    )
    if wants_csv:
        name = f"transport-{manifest.day.isoformat()}.csv"
        return Response(
            manifest_csv(manifest), mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )  # fmt: skip
    return jsonify(manifest_json(manifest))


@api_bp.post("/staff/cards/<notice_number>/custody")
@custody_staff
def card_custody_event(notice_number: str) -> Response:
    """Record a hand-over: picked_up, received, issued, return_packed or returned."""
    event = _body("event")["event"]
    if event not in custody.EVENTS:
        raise ApiError(422, "invalid", fields={"event": "unknown_event"})
    number = notice(notice_number)
    try:
        if event == "issued":
            if g.staff.role not in COUNTER_ROLES:
                raise ApiError(403, "forbidden")
            state = booking_life.issue_card(
                rt().uow(), notice_number=number, now=now(), actor=handler()
            )
        else:
            state = hand_over(
                rt().uow(), notice_number=number, event=event, now=now(), actor=handler(),
                policy=rt().policy,
            ).state  # fmt: skip
    except NotFound as missing:
        raise ApiError(404, "not_found", t("api_card_not_found")) from missing
    except custody.CustodyRefused as refused:
        message = t("custody_refused", state=t(f"custody_{refused.state}"))
        raise ApiError(409, "custody_refused", message, state=refused.state) from refused
    return jsonify(notice_number=number, state=state)


@api_bp.get("/staff/cards/<notice_number>")
@custody_staff
def card_history(notice_number: str) -> Response:
    """A card's custody state and every hand-over, oldest first."""
    try:
        found = custody.custody_of(
            rt().uow(), notice_number=notice(notice_number), now=now(), actor=handler()
        )
    except NotFound as missing:
        raise ApiError(404, "not_found", t("api_card_not_found")) from missing
    events = [
        {"event": e.event, "at": e.at.isoformat(), "by": e.by, "place": e.place}
        for e in found.events
    ]
    return jsonify(notice_number=found.notice_number, state=found.state, events=events)
