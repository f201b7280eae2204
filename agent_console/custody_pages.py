"""Cards' hand-over screen (phone or tablet) and the printable transport manifest, for couriers,
counter staff, supervisors and administrators."""

from __future__ import annotations

from datetime import date

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from agent_console import bp
from agent_console.auth import CUSTODY_ROLES
from agent_console.catalog_ja import t
from agent_console.custody_api import handler
from agent_console.guard import staff_page
from booking_core import custody, directory
from booking_core.errors import NotFound
from booking_core.identifiers import InvalidIdentifier, normalize_notice_number
from booking_core.manifests import Manifest, hand_over, transport_manifest
from runtime.flask_glue import now, rt

custody_page = staff_page(roles=CUSTODY_ROLES)
HAND_OVER_EVENTS = ("picked_up", "received", "return_packed", "returned")


def _day() -> date:
    try:
        return date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        return now().date()


def _manifest(day: date) -> tuple[Manifest, dict[str, str]]:
    manifest = transport_manifest(
        rt().uow(), day=day, now=now(), actor=handler(), policy=rt().policy
    )
    with rt().uow() as uow:
        centers = {c.id: c.name_ja for c in directory.centers(uow.session)}
    return manifest, centers


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
    try:
        number = normalize_notice_number(
            request.form.get("notice_number", ""), rt().policy.notice_number_digits
        )
        done = hand_over(
            rt().uow(), notice_number=number, event=event, now=now(), actor=handler(),
            policy=rt().policy,
        )  # fmt: skip
    except InvalidIdentifier:
        flash(t("custody_invalid_number"), "error")
    except NotFound:
        flash(t("api_card_not_found"), "error")
    except custody.CustodyRefused as refused:
        flash(t("custody_refused", state=t(f"custody_{refused.state}")), "error")
    else:
        state = t(f"custody_{done.state}")
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
        "console/manifest_print.html", manifest=manifest, centers=centers, printed_at=now(),
        staff=g.staff,
    )  # fmt: skip
