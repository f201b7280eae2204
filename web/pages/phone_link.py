"""The link a caller got by text (key `8` on the phone): the web booking, pre-filled.

The link holds only a token; what was entered on the phone is read from the server
(booking_core.phone_handover), put into this browser's booking draft, and the page to go on
with is shown in the call's language. An unknown or expired link gets a page saying so.
"""

from __future__ import annotations

from typing import Any

from flask import redirect, session, url_for

from booking_core.phone_handover import Handover, open_handover
from runtime.flask_glue import now, rt
from web.pages import drafts
from web.pages.blueprint import bp
from web.pages.book import KIND, View
from web.pages.common import WEB
from web.pages.i18n import LANGUAGES
from web.pages.site import page


def draft_of(entries: Handover) -> dict[str, Any]:
    """The web booking draft the phone's entries make (the web's own field names)."""
    names = {"service": "service", "center": "center", "party": "party_size",
             "birth": "birth_date", "notice": "notice_number", "min_day": "earliest"}  # fmt: skip
    draft = {web: getattr(entries, phone) for phone, web in names.items()}
    if entries.day:
        draft["day"] = entries.day
        if entries.start:
            draft["start"] = entries.start
    return {k: v for k, v in draft.items() if v not in (None, "")}


def next_page(draft: dict[str, Any]) -> str:
    """The first page with something still to enter."""
    service = draft.get("service")
    if not service:
        return url_for("pages.procedure")
    if service == "issue" and not draft.get("center"):
        return url_for("pages.card")
    if not draft.get("center") or not draft.get("party_size"):
        return url_for("pages.centre_page")
    if draft.get("day") and draft.get("start"):
        return url_for("pages.details")
    if draft.get("day"):
        return url_for("pages.day_page", day=draft["day"])
    return url_for("pages.calendar_page")


@bp.route("/book/continue/<token>")
def continue_from_phone(token: str) -> View:
    """Open the booking begun on the phone with what was entered there."""
    entries = open_handover(rt().uow(), rt().redis, token, actor=WEB, now=now())
    if entries is None:
        return page("phone_link_gone.html", 410)
    if entries.lang in LANGUAGES:
        session["lang"] = entries.lang
    draft = draft_of(entries)
    drafts.start(KIND, **draft)
    return redirect(next_page(draft))
