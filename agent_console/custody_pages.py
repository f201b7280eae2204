"""Cards' hand-over screen (phone or tablet) and the printable transport manifest, for couriers,
counter staff, supervisors and administrators; the card-ready list's upload and withdrawals for
supervisors and administrators."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console.auth import CUSTODY_ROLES
from agent_console.blueprint import bp
from agent_console.card_list_api import MAX_LIST_BYTES
from agent_console.catalog_ja import t
from agent_console.counter_form import national_phone
from agent_console.custody_api import handler
from agent_console.guard import staff_page
from booking_core import custody
from booking_core.card_import import CardImportRejected
from booking_core.card_list import preview_card_list, withdraw_card
from booking_core.cards import import_card_list
from booking_core.errors import NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_notice_number
from booking_core.manifests import Manifest, hand_over, place_names, transport_manifest
from runtime.flask_glue import now, rt

custody_page = staff_page(roles=CUSTODY_ROLES)
T = TypeVar("T")
HAND_OVER_EVENTS = ("picked_up", "received", "return_packed", "returned")


def _on_keyed_card(action: Callable[[str], T]) -> T | None:
    """Run `action` on the notice number keyed in the form; flash why it was refused (None)."""
    try:
        number = normalize_notice_number(
            request.form.get("notice_number", ""), rt().policy.notice_number_digits
        )
        return action(number)
    except InvalidIdentifier:
        flash(t("custody_invalid_number"), "error")
    except NotFound:
        flash(t("api_card_not_found"), "error")
    except custody.CustodyRefused as refused:
        flash(t("custody_refused", state=t(f"custody_{refused.state}")), "error")
    return None


def _day() -> date:
    try:
        return date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        return now().date()


def _manifest(day: date) -> tuple[Manifest, dict[str, str]]:
    manifest = transport_manifest(
        rt().uow(), day=day, now=now(), actor=handler(), policy=rt().policy
    )
    return manifest, place_names(rt().uow())


@bp.get("/cards")
@custody_page
def cards() -> str:
    """The day's manifest by ward with each card's state, and the hand-over form."""
    manifest, centers = _manifest(_day())
    return render_template(
        "console/cards.html", manifest=manifest, centers=centers, events=HAND_OVER_EVENTS,
        staff=g.staff, at_ward=custody.AT_THE_WARD,
    )  # fmt: skip


@bp.post("/cards/hand-over")
@custody_page
def cards_hand_over() -> BaseResponse:
    """Record a hand-over keyed or scanned at the ward or the centre."""
    day = request.form.get("date") or None
    event = request.form.get("event", "")
    done = _on_keyed_card(
        lambda number: hand_over(
            rt().uow(),
            notice_number=number,
            event=event,
            now=now(),
            actor=handler(),
            policy=rt().policy,
        )
    )
    if done is not None:
        number, state = done.notice_number, t(f"custody_{done.state}")
        flash(t("custody_recorded", number=number, event=t(f"event_{event}"), state=state), "info")
        if done.off_manifest:
            flash(t("custody_off_manifest"), "error")
    return redirect(url_for("agent_console.cards", date=day))


@bp.get("/cards/manifest/<day>/print")
@custody_page
def manifest_print(day: str) -> str | BaseResponse:
    """The manifest to print: one A4 page per ward, with signature boxes for each hand-over."""
    try:
        asked = date.fromisoformat(day)
    except ValueError:
        return redirect(url_for("agent_console.cards"))
    manifest, centers = _manifest(asked)
    return render_template(
        "console/manifest_print.html", manifest=manifest, centers=centers, wards=centers,
        printed_at=now(),
        staff=g.staff,
    )  # fmt: skip


UPLOAD_KEY_PREFIX = "mynacall:card_upload:"  # + token: an uploaded list awaiting confirmation
UPLOAD_KEPT_SECONDS = 600
list_page = staff_page(supervisor=True)


@bp.get("/cards/list")
@list_page
def card_list() -> str:
    """Upload the card-ready list (preview first) and withdraw cards from it."""
    return render_template("console/card_list.html", staff=g.staff, plan=None, token=None)


@bp.post("/cards/list/preview")
@list_page
def card_list_preview() -> str | tuple[str, int]:
    """Show what the uploaded file would add, update and leave alone, before it is imported."""
    upload = request.files.get("file")
    data = upload.read(MAX_LIST_BYTES + 1) if upload else b""
    if not data or len(data) > MAX_LIST_BYTES:
        flash(t("card_list_file_required"), "error")
        return render_template("console/card_list.html", staff=g.staff, plan=None, token=None), 422
    try:
        planned = preview_card_list(rt().uow(), data, now=now(), actor=handler())
    except CardImportRejected as error:
        return render_template(
            "console/card_list.html", staff=g.staff, plan=None, token=None, errors=error.errors
        ), 422
    token = secrets.token_urlsafe(24)
    rt().redis.set(UPLOAD_KEY_PREFIX + token, data, ex=UPLOAD_KEPT_SECONDS)
    return render_template("console/card_list.html", staff=g.staff, plan=planned, token=token)


@bp.post("/cards/list/confirm")
@list_page
def card_list_confirm() -> BaseResponse:
    """Import the file previewed a moment ago."""
    data = rt().redis.getdel(UPLOAD_KEY_PREFIX + request.form.get("token", ""))
    if not isinstance(data, bytes):
        flash(t("card_list_expired"), "error")
        return redirect(url_for("agent_console.card_list"))
    try:
        done = import_card_list(rt().uow(), data, now=now(), actor=handler())
    except CardImportRejected:
        flash(t("card_list_rejected"), "error")
    else:
        key = "card_list_same_file" if done.already_imported else "card_list_imported"
        flash(t(key, added=done.added, updated=done.updated), "info")
    return redirect(url_for("agent_console.card_list"))


@bp.post("/cards/withdraw")
@list_page
def card_withdraw() -> BaseResponse:
    """Take a card off the list; if it was booked, say whom to call."""
    done = _on_keyed_card(
        lambda number: withdraw_card(
            rt().uow(),
            notice_number=number,
            reason=request.form.get("reason", ""),
            now=now(),
            actor=handler(),
        )
    )
    if done is not None:
        flash(t("card_withdrawn", number=done.notice_number), "info")
        if done.booking_reference:
            call = t("card_withdrawn_call", reference=done.booking_reference, name=done.name,
                     phone=national_phone(done.phone or ""))  # fmt: skip
            flash(call, "error")
    return redirect(url_for("agent_console.card_list"))
