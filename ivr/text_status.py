"""Twilio's status callback of a text: the provider's word settles how sending it went."""

from __future__ import annotations

from flask import Response, abort, request

from booking_core.text_status import record_provider_status
from ivr.blueprint import bp
from runtime.flask_glue import now, rt
from runtime.twilio_signature import signed


@bp.post("/texts/<int:notification_id>/status")
@signed
def text_status(notification_id: int) -> Response:
    """StatusCallback of a text we sent (queues.gateway.status_callback_url): 204, always."""
    sid = request.form.get("MessageSid") or request.form.get("SmsSid") or ""
    status = request.form.get("MessageStatus") or request.form.get("SmsStatus") or ""
    if not sid or len(sid) > 64 or not status:
        abort(400)
    record_provider_status(rt().uow(), notification_id, provider_id=sid,
                           provider_status=status.lower(), error_code=request.form.get("ErrorCode"),
                           now=now())  # fmt: skip
    return Response(status=204)
