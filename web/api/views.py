"""The /api/v1 endpoints: parse the request, call one core function, render JSON."""

from __future__ import annotations

from datetime import date

from flask import Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.exceptions import NotFound as HttpNotFound

from booking_core.availability import day_availability, range_availability
from booking_core.bookings import cancel_booking, change_booking, create_booking, get_booking
from booking_core.cards import lookup_card
from booking_core.errors import InvalidRequest
from booking_core.policy import Actor
from booking_core.reports import capacity_report
from booking_core.schedule import (
    call_centre_calendar,
    centre_calendar,
    list_centers,
    list_services,
)
from runtime.flask_glue import now, rt
from runtime.rate_limits import lookups
from web.api import parsing, render
from web.api.blueprint import bp
from web.api.errors import ApiError

API = Actor.resident("api")
ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]


def _today() -> date:
    return now().date()


@bp.before_request
def _no_my_number() -> None:
    """No endpoint accepts a My Number, not even in a parameter it ignores."""
    parsing.reject_my_number_in_query()


@bp.after_request
def _headers(response: Response) -> Response:
    """JSON is never sniffed as something else; booking answers are never cached."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if request.path.startswith((f"{bp.url_prefix}/bookings", f"{bp.url_prefix}/cards",
                                 f"{bp.url_prefix}/visit-requests")):  # fmt: skip
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/centers")
def centers() -> Response:
    """The four special centres."""
    return jsonify([render.center(c) for c in list_centers(rt().uow())])


@bp.get("/centers/<center_id>/calendar")
def center_calendar(center_id: str) -> Response:
    """A centre's opening days and hours over a range of dates."""
    start, end = parsing.date_range(parsing.query(), today=_today())
    try:
        days = centre_calendar(
            rt().uow(), center_id=parsing.center_id(center_id), start=start, end=end
        )
    except InvalidRequest:
        raise ApiError(404, "not_found", detail="center") from None
    return jsonify({"center": center_id, "days": [render.centre_day(d) for d in days]})


@bp.get("/call-center/calendar")
def call_center_calendar() -> Response:
    """The call centre's staffed hours over a range of dates."""
    start, end = parsing.date_range(parsing.query(), today=_today())
    days = call_centre_calendar(rt().uow(), start=start, end=end)
    return jsonify({"days": [render.call_centre_day(d) for d in days]})


@bp.get("/services")
def services() -> Response:
    """The procedures that can be booked."""
    return jsonify([render.service(s) for s in list_services(rt().uow())])


@bp.get("/availability")
def availability() -> Response:
    """Places left per band: one day (date=) or a range (from=, to=)."""
    q = parsing.availability(parsing.query(), today=_today())
    runtime = rt()
    if q.single:
        day = day_availability(
            runtime.uow(),
            center_id=q.center,
            service_code=q.service,
            day=q.start,
            now=now(),
            policy=runtime.policy,
        )
        return jsonify(render.availability_day(q.center, q.service, day))
    days = range_availability(
        runtime.uow(),
        center_id=q.center,
        service_code=q.service,
        start=q.start,
        end=q.end,
        now=now(),
        policy=runtime.policy,
    )
    return jsonify(render.availability_range(q.center, q.service, days))


def _not_issuance() -> bool:
    """Only issuance bookings look a card up by its notice number (a bad body counts)."""
    try:
        return parsing.json_object().get("service") != "issue"
    except ApiError:
        return False


@bp.post("/bookings")
@lookups(unless=_not_issuance)
def create() -> tuple[Response, int]:
    """Book; the same Idempotency-Key again answers with the same booking."""
    body = parsing.json_object()
    key = parsing.idempotency_key()
    runtime = rt()
    req = parsing.booking_request(body, today=_today(), policy=runtime.policy)
    made = create_booking(
        runtime.uow(), req, now=now(), actor=API, policy=runtime.policy, idempotency_key=key
    )
    return jsonify(render.booking(made)), 201


@bp.get("/bookings/<reference>")
@lookups()
def read(reference: str) -> Response:
    """A booking, by reference and birth date."""
    birth_date = parsing.birth_date(parsing.query(), today=_today())
    found = get_booking(
        rt().uow(),
        reference=parsing.reference(reference),
        birth_date=birth_date,
        now=now(),
        actor=API,
    )
    return jsonify(render.booking(found))


@bp.patch("/bookings/<reference>")
@lookups()
def change(reference: str) -> Response:
    """Move a booking to another date and time (the old place is kept until the new is taken)."""
    wanted = parsing.change(parsing.json_object(), today=_today())
    runtime = rt()
    moved = change_booking(
        runtime.uow(),
        reference=parsing.reference(reference),
        birth_date=wanted.birth_date,
        day=wanted.day,
        start=wanted.start,
        now=now(),
        actor=API,
        policy=runtime.policy,
    )
    return jsonify(render.booking(moved))


@bp.delete("/bookings/<reference>")
@lookups()
def cancel(reference: str) -> Response:
    """Cancel a booking; cancelling again answers the same."""
    birth_date = parsing.birth_date(parsing.query(), today=_today())
    runtime = rt()
    cancelled = cancel_booking(
        runtime.uow(),
        reference=parsing.reference(reference),
        birth_date=birth_date,
        now=now(),
        actor=API,
    )
    return jsonify(render.booking(cancelled))


@bp.post("/cards/lookup")
@lookups()
def card() -> Response:
    """Which centre issues a ready card, and from which date (for booking issuance)."""
    runtime = rt()
    q = parsing.card_query(parsing.json_object(), today=_today(), policy=runtime.policy)
    status = lookup_card(
        runtime.uow(),
        notice_number=q.notice_number,
        birth_date=q.birth_date,
        now=now(),
        actor=API,
        policy=runtime.policy,
    )
    return jsonify(render.card(status))


@bp.get("/reports/capacity")
def capacity() -> Response:
    """The month's bookable issue/renew places against the 50,000 floor."""
    year, month = parsing.month(parsing.query())
    return jsonify(render.capacity(capacity_report(rt().uow(), year=year, month=month)))


def _allowed_methods(path: str) -> list[str]:
    adapter = current_app.url_map.bind("localhost")
    allowed = []
    for method in ANY_METHOD:
        try:
            endpoint, _ = adapter.match(path, method=method)
        except HTTPException:
            continue
        if endpoint != "api.unmatched":
            allowed.append(method)
    return allowed


@bp.route("/", defaults={"subpath": ""}, methods=ANY_METHOD)
@bp.route("/<path:subpath>", methods=ANY_METHOD)
def unmatched(subpath: str) -> Response:
    """Anything else under /api/v1: JSON 405 when the path exists, JSON 404 when not."""
    allowed = _allowed_methods(request.path)
    if allowed:
        raise MethodNotAllowed(valid_methods=allowed)
    raise HttpNotFound()
