"""Home visits (訪問申請支援・訪問交付): the request, a review, and the receipt number."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import redirect, request, url_for

from booking_core.errors import AlreadyBooked, BookingError, CardNotReady
from booking_core.home_visits import HomeVisitRequest, request_home_visit
from runtime.flask_glue import now, rt
from web.pages import drafts
from web.pages.blueprint import bp
from web.pages.book import View
from web.pages.common import WEB, any_procedure, problem_text
from web.pages.forms import VISIT_REASONS, VISIT_SERVICES, read_visit
from web.pages.i18n import booking_language, t
from web.pages.site import page

KIND = "visit"
FIELDS = ("service", "name", "kana", "phone", "address", "facility", "access_notes", "reason",
          "notice_number")  # fmt: skip


def _restart() -> View:
    return redirect(url_for("pages.visit", expired=1))


def _form_page(form: Any, errors: dict[str, str], status: int = 200) -> View:
    services = [s for s in (any_procedure(c) for c in VISIT_SERVICES) if s is not None]
    return page("visit.html", status, form=form, errors=errors, services=services,
                reasons=VISIT_REASONS)  # fmt: skip


@bp.route("/visit", methods=["GET", "POST"])
def visit() -> View:
    """Ask for a home visit: what, for whom, a phone to call back, and where."""
    if request.method == "GET":
        draft = drafts.load(KIND)
        form = {} if draft.get("reference") else _as_form(draft)
        return _form_page(form, {})
    parsed = read_visit(request.form, today=now().date(), digits=rt().policy.notice_number_digits)
    if parsed.errors:
        return _form_page(request.form, parsed.errors, 422)
    values = {k: parsed.values[k] for k in FIELDS}
    drafts.start(KIND, birth_date=parsed.values["birth_date"].isoformat(), **values)
    return redirect(url_for("pages.visit_review"))


def _as_form(draft: dict[str, Any]) -> dict[str, str]:
    """A draft back in the form's shape, so 'correct the details' keeps what was typed."""
    if not draft:
        return {}
    form = {k: draft.get(k) or "" for k in FIELDS}
    form["birth_date"] = draft["birth_date"].replace("-", "")
    return form


def _shown(draft: dict[str, Any]) -> dict[str, Any]:
    return {"draft": draft, "service": any_procedure(draft["service"])}


@bp.route("/visit/review", methods=["GET", "POST"])
def visit_review() -> View:
    """Everything once more; posting records the request and asks staff to call back."""
    draft = drafts.load(KIND)
    if not draft.get("phone"):
        return _restart()
    if draft.get("reference"):
        return redirect(url_for("pages.visit_done"))
    if request.method == "GET":
        return page("visit_review.html", problem=None, **_shown(draft))
    try:
        made = request_home_visit(rt().uow(), _request(draft), now=now(), actor=WEB)
    except (CardNotReady, AlreadyBooked) as refused:
        problem = problem_text(refused) if isinstance(refused, CardNotReady) else t("visit.already")
        return page("visit_review.html", 409, problem=problem, **_shown(draft))
    except BookingError:
        return page("visit_review.html", 409, problem=t("problem.other"), **_shown(draft))
    rt().callback_requests.leave(
        number=made.phone, language=booking_language(), topic="visit", now=now()
    )
    drafts.update(KIND, reference=made.reference)
    return redirect(url_for("pages.visit_done"))


def _request(draft: dict[str, Any]) -> HomeVisitRequest:
    values = {k: draft.get(k) or "" for k in FIELDS}
    values["reason"] = values["reason"] or "other"
    values["notice_number"] = values["notice_number"] or None
    return HomeVisitRequest(
        birth_date=date.fromisoformat(draft["birth_date"]), language=booking_language(), **values
    )


@bp.route("/visit/done")
def visit_done() -> View:
    """The receipt number, and what happens next (a call from staff)."""
    draft = drafts.load(KIND)
    if not draft.get("reference"):
        return _restart()
    return page("visit_done.html", reference=draft["reference"], **_shown(draft))
