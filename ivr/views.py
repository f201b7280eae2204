"""Twilio webhooks: parse the signed form, take one step of the call, answer TwiML."""

from __future__ import annotations

import logging
import traceback

from flask import Response, abort, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from booking_core import reminders
from booking_core.identifiers import InvalidIdentifier, normalize_phone
from ivr import (  # noqa: F401  (each steps module registers its steps)
    calls,
    steps_booking,
    steps_confirm,
    steps_handover,
    steps_manage,
    steps_menu,
    steps_notice,
    steps_readback,
    steps_visit,
    steps_when,
)
from ivr.blueprint import bp
from runtime.flask_glue import now, rt
from runtime.twilio_signature import signed

log = logging.getLogger(__name__)
# What Twilio puts in From when the caller withheld the number (非通知).
HIDDEN_NUMBERS = frozenset({"", "anonymous", "+266696687", "266696687", "restricted", "unknown"})


def caller_of(form: MultiDict[str, str], field: str = "From") -> tuple[str | None, bool]:
    """The caller's E.164 number (None when hidden or unusable) and whether it was hidden; on a
    call the city placed, the resident is `To`."""
    raw = (form.get(field) or "").strip()
    if raw.lower() in HIDDEN_NUMBERS:
        return None, True
    try:
        return normalize_phone(raw), False
    except InvalidIdentifier:
        return None, False


def _call_sid() -> str:
    sid = request.form.get("CallSid", "")
    if not sid or len(sid) > 64:
        abort(400)
    return sid


def _twiml(xml: str) -> Response:
    return Response(xml, mimetype="text/xml")


@bp.errorhandler(Exception)
def apologise(error: Exception) -> Response | HTTPException:
    """A failure inside a step: an apology and a polite goodbye, never Twilio's error tone."""
    if isinstance(error, HTTPException):
        return error  # 400, 403, 404 stay what they are
    # the type and the place only: exception messages may carry what the caller keyed in
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    log.error("IVR step failed: %s at %s:%s", type(error).__name__,
              where.filename if where else "?", where.lineno if where else "?")  # fmt: skip
    return _twiml(calls.system_error(rt()))


@bp.post("/voice")
@signed
def voice() -> Response:
    """The number's Voice URL: every call starts here."""
    caller, hidden = caller_of(request.form)
    return _twiml(calls.answer(rt(), call_sid=_call_sid(), caller=caller, hidden=hidden, now=now()))


@bp.post("/step")
@signed
def step() -> Response:
    """A Gather action or a no-input redirect: one step of the call."""
    seq = request.args.get("s", type=int)
    if seq is None:
        abort(400)
    digits = request.form.get("Digits")
    extra = {"speech": request.form.get("SpeechResult", "")[:200]}
    xml = calls.advance(rt(), call_sid=_call_sid(), seq=seq, digits=digits, now=now(), extra=extra)
    return _twiml(xml)


@bp.post("/queue/wait")
@signed
def queue_wait() -> Response:
    """What a caller waiting for an agent hears (Twilio replays it)."""
    return _twiml(calls.hold_music(rt(), call_sid=_call_sid(), now=now()))


@bp.post("/queue/key")
@signed
def queue_key() -> Response:
    """A key pressed while waiting in a queue (* for a callback that keeps the place)."""
    digits = request.form.get("Digits")
    return _twiml(calls.queue_key(rt(), call_sid=_call_sid(), digits=digits, now=now()))


@bp.post("/queue/transfer")
@signed
def queue_transfer() -> Response:
    """An agent transferred the caller into another queue (the console redirects the call)."""
    return _twiml(calls.transferred(rt(), call_sid=_call_sid(), now=now()))


@bp.post("/queue/done")
@signed
def queue_done() -> Response:
    """The Enqueue action: the caller left the queue (talked, hung up, or was let go)."""
    seq = request.args.get("s", type=int)
    if seq is None:
        abort(400)
    extra = {"queue_result": request.form.get("QueueResult", "")}
    xml = calls.advance(rt(), call_sid=_call_sid(), seq=seq, digits=None, now=now(), extra=extra)
    return _twiml(xml)


@bp.post("/status")
@signed
def status() -> Response:
    """Call status callbacks: forget the state of a finished call."""
    status_ = request.form.get("CallStatus", "")
    calls.finished(rt(), call_sid=_call_sid(), status=status_, now=now())
    return Response(status=200)  # every webhook answers 200, as Twilio's debugger expects


@bp.post("/notice/<int:notification_id>")
@signed
def notice_call(notification_id: int) -> Response:
    """A reminder or closure call the city placed was answered: what Twilio asks it to say."""
    call = reminders.notice_call(rt().uow(), notification_id)
    if call is None or caller_of(request.form, "To")[0] != call.phone:
        abort(404)  # not a call we placed to this number
    return _twiml(calls.answer_notice(rt(), call_sid=_call_sid(), call=call, now=now()))


@bp.post("/notice/<int:notification_id>/status")
@signed
def notice_call_status(notification_id: int) -> Response:
    """How a reminder or closure call ended: answered, or not (then tried once more)."""
    reminders.record_call_outcome(
        rt().uow(), notification_id, call_status=request.form.get("CallStatus", ""), now=now(),
        policy=rt().policy,
    )  # fmt: skip
    calls.finished(rt(), call_sid=_call_sid(), status=request.form.get("CallStatus", ""),
                   now=now())  # fmt: skip
    return Response(status=200)
