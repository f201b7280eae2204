"""Inquiry records in the staff JSON API: the topic list (administrators edit it), open
escalations (agents see them, supervisors close them), counts by topic per day, and the
customer timeline of a caller's number."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Response, g, jsonify, request

from agent_console import auth
from agent_console.admin_api import administrator
from agent_console.api import ApiError, _body, api_bp, staff_required
from booking_core.caller_timeline import caller_timeline
from booking_core.errors import NotFound
from booking_core.inquiries import (
    InquiryRecord,
    Topic,
    close_escalation,
    counts_by_topic,
    list_topics,
    open_escalations,
    save_topic,
)
from booking_core.policy import Actor
from runtime.flask_glue import now, rt

admin_only = staff_required(roles=("admin",))
supervisors = staff_required(supervisor=True, roles=auth.SUPERVISOR_ROLES)


def topic_json(topic: Topic) -> dict[str, Any]:
    """A topic as the API gives it."""
    return {
        "code": topic.code,
        "name_ja": topic.name_ja,
        "name_en": topic.name_en,
        "complaint": topic.complaint,
        "active": topic.active,
    }


def inquiry_json(record: InquiryRecord) -> dict[str, Any]:
    """An inquiry record (a wrapped-up call or callback) as the API gives it."""
    return {
        "id": record.id,
        "kind": record.kind,
        "queue": record.queue,
        "agent": record.agent,
        "caller": record.caller,
        "topic": record.topic,
        "outcome": record.outcome,
        "note": record.note,
        "escalation": record.escalation,
        "wrapped_at": record.wrapped_at.isoformat(),
    }


@api_bp.get("/staff/inquiry-topics")
@staff_required()
def inquiry_topics() -> Response:
    """The city's topic list (retired ones too, marked active=false)."""
    return jsonify(topics=[topic_json(x) for x in list_topics(rt().uow())])


def _save(code: str, body: dict[str, Any]) -> Topic:
    flags = {
        name: body.get(name, default) for name, default in (("complaint", False), ("active", True))
    }
    if not all(isinstance(v, bool) for v in flags.values()):
        raise ApiError(
            422,
            "invalid",
            fields={k: "boolean" for k, v in flags.items() if not isinstance(v, bool)},
        )
    return save_topic(
        rt().uow(), code=code, name_ja=body["name_ja"], name_en=body["name_en"],
        complaint=flags["complaint"], active=flags["active"], now=now(), actor=administrator(),
    )  # fmt: skip


@api_bp.post("/staff/inquiry-topics")
@admin_only
def add_inquiry_topic() -> tuple[Response, int]:
    """Add a topic to the list (administrators)."""
    body = _body("code", "name_ja", "name_en")
    if any(t.code == body["code"] for t in list_topics(rt().uow())):
        raise ApiError(409, "topic_exists", fields={"code": "taken"})
    return jsonify(topic_json(_save(body["code"], body))), 201


@api_bp.put("/staff/inquiry-topics/<code>")
@admin_only
def change_inquiry_topic(code: str) -> Response:
    """Rename a topic, mark it a complaint, or retire it (administrators)."""
    body = _body("name_ja", "name_en")
    if not any(t.code == code for t in list_topics(rt().uow())):
        raise ApiError(404, "not_found")
    return jsonify(topic_json(_save(code, body)))


@api_bp.get("/staff/escalations")
@staff_required()
def escalations() -> Response:
    """Escalations to the city still open, oldest first (audited)."""
    found = open_escalations(rt().uow(), now=now(), actor=Actor.staff(g.staff.username))
    return jsonify(escalations=[inquiry_json(x) for x in found])


@api_bp.post("/staff/escalations/<int:record_id>/close")
@supervisors
def close_one_escalation(record_id: int) -> Response:
    """The city took the escalation over (supervisors, administrators)."""
    try:
        closed = close_escalation(
            rt().uow(), record_id, now=now(), actor=Actor.staff(g.staff.username, "admin")
        )
    except NotFound as none:
        raise ApiError(404, "not_found", fields={"id": "not_found"}) from none
    return jsonify(inquiry_json(closed))


def query_range() -> tuple[date, date]:
    """from= and to= (YYYY-MM-DD); the last seven days to today when absent; 422 if malformed."""
    today = now().date()
    found: dict[str, date] = {}
    for name, default in (("from", today - timedelta(days=6)), ("to", today)):
        raw = request.args.get(name)
        try:
            found[name] = date.fromisoformat(raw) if raw else default
        except ValueError:
            raise ApiError(422, "invalid", fields={name: "invalid_date"}) from None
    return found["from"], found["to"]


@api_bp.get("/staff/inquiries/counts")
@supervisors
def inquiry_counts() -> Response:
    """Wrapped-up calls and callbacks per day and topic (supervisors, administrators)."""
    first, last = query_range()
    days = counts_by_topic(rt().uow(), first=first, last=last)
    return jsonify(
        days=[{"date": d.isoformat(), "topics": counts} for d, counts in days.items()],
        topics=[topic_json(x) for x in list_topics(rt().uow())],
    )


@api_bp.post("/staff/caller-timeline")
@staff_required()
def timeline() -> Response:
    """A caller's number: bookings, texts with their delivery, home-visit requests, earlier
    calls and inquiries, newest first (audited; the number goes in the body, not the URL)."""
    body = _body("phone")
    runtime = rt()
    events = caller_timeline(
        runtime.uow, body["phone"], now=now(), actor=Actor.staff(g.staff.username),
        policy=runtime.policy,
    )  # fmt: skip
    if events is None:
        raise ApiError(422, "invalid", fields={"phone": "invalid_phone"})
    return jsonify(events=events)
