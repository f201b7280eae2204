"""A home-visit request's state, by its receipt number and the birth date (訪問の状況確認)."""

from __future__ import annotations

from flask import request

from booking_core.errors import NotFound
from booking_core.home_visits import REFERENCE_DIGITS, request_status
from booking_core.identifiers import ascii_digits
from runtime.flask_glue import now, rt
from runtime.rate_limits import lookups
from web.pages.blueprint import bp
from web.pages.book import View
from web.pages.common import WEB
from web.pages.forms import Parsed, read_birth_date
from web.pages.site import page


def _receipt(raw: str, out: Parsed) -> None:
    digits = ascii_digits(raw.replace("-", "").replace(" ", ""))
    if len(digits) == REFERENCE_DIGITS and digits.isdigit():
        out.values["receipt"] = digits
    else:
        out.fail("receipt", "receipt_format")


@bp.route("/visit/status", methods=["GET", "POST"])
@lookups(methods=["POST"])
def visit_status() -> View:
    """Ask for the receipt number and birth date; show the state and the visit date."""
    if request.method == "GET":
        return page("visit_status.html", form={}, errors={}, found=None, problem=None)
    parsed = Parsed()
    _receipt(request.form.get("receipt", ""), parsed)
    read_birth_date(request.form, parsed, today=now().date())
    if parsed.screen(request.form).errors:
        return page("visit_status.html", 422, form=request.form, errors=parsed.errors,
                    found=None, problem=None)  # fmt: skip
    try:
        asked = {"reference": parsed.values["receipt"], "birth_date": parsed.values["birth_date"]}
        found = request_status(rt().uow(), now=now(), actor=WEB, **asked)
    except NotFound:
        return page("visit_status.html", 404, form=request.form, errors={}, found=None,
                    problem="visit.status_not_found")  # fmt: skip
    return page("visit_status.html", form={}, errors={}, found=found, problem=None)
