"""rq jobs: take ids, reload the row, tolerate a row that has gone, never text twice.

A send that surely went nowhere (the gateway's NotSent with retry) leaves its row "failed" and
raises, so rq tries it again on the relay's Retry schedule; a refusal for good is "refused"; a
send whose outcome is unknown (a timeout after the request left) is "unknown" and never tried
again, since the resident may already have it.
"""

from __future__ import annotations

import logging
from types import ModuleType

from rq import Retry

from booking_core import phone_handover, text_status
from booking_core.messages import NotNow, Taken, TakenVisitText, take_owed
from booking_core.notices import VOICE
from booking_core.rebooking import Ticket, link_token
from queues import sms_en, sms_ja, sms_ko, sms_vi, sms_zh
from queues.gateway import NotSent, gateway_for, status_callback_url
from queues.job_runtime import job_runtime
from queues.visit_texts import visit_text
from runtime.bootstrap import Runtime
from runtime.config import Settings

# How long rq waits before each try again of a text that surely did not go (the relay's too).
RETRY_SECONDS = [30, 120, 600, 1800, 3600]

log = logging.getLogger(__name__)
SMS_CATALOGS: dict[str, ModuleType] = {
    "ja": sms_ja, "en": sms_en, "zh": sms_zh, "ko": sms_ko, "vi": sms_vi,
}  # fmt: skip
# purpose: the catalog's text
TEXTS = {
    "confirmation": "BOOKING_CONFIRMATION",
    "change": "BOOKING_CHANGE",
    "cancellation": "BOOKING_CANCELLATION",
    "closure": "BOOKING_CLOSURE",
    "reminder": "BOOKING_REMINDER",
}
# Where Twilio fetches a reminder or closure call's TwiML, and posts how the call ended.
NOTICE_CALL_PATH = "/ivr/notice/{notification_id}"


def rebook_link(settings: Settings, taken: Taken) -> str:
    """The signed rebooking link of a closure message (the page in the booking's language)."""
    assert taken.closure_id is not None and taken.closure_day is not None
    ticket = Ticket(taken.reference, taken.closure_id, taken.closure_day)
    link = f"{settings.public_base_url}/rebook/{link_token(settings.secret_key, ticket)}"
    return link if taken.language == "ja" else f"{link}?lang={taken.language}"


def booking_text(taken: Taken, settings: Settings) -> str:
    """The text of a message in the booking's language (Japanese names only in Japanese)."""
    cat = SMS_CATALOGS.get(taken.language, sms_ja)
    japanese = cat is sms_ja
    when = cat.DATE.format(
        month=taken.day.month,
        day=taken.day.day,
        weekday=cat.WEEKDAYS[taken.day.weekday()],
        hour=taken.start.hour,
        minute=taken.start.minute,
    )
    closure_day = taken.closure_day or taken.day
    return str(
        getattr(cat, TEXTS[taken.purpose]).format(
            reference=taken.reference,
            when=when,
            center=taken.center_ja if japanese else taken.center_en,
            service=taken.service_ja if japanese else taken.service_en,
            web=settings.web_address,
            line=settings.city_line_number,
            bring=cat.BRING.get(taken.service_code, cat.BRING["default"]),
            rebook=rebook_link(settings, taken) if taken.purpose == "closure" else "",
            expires=cat.EXPIRES.format(month=closure_day.month, day=closure_day.day),
        )
    )


def _deliver(runtime: Runtime, taken: Taken | TakenVisitText) -> str:
    """Send the text, or place the call; the provider's id of it."""
    gateway, settings = gateway_for(runtime.settings), runtime.settings
    if isinstance(taken, TakenVisitText):
        callback = status_callback_url(settings, taken.notification_id)
        return gateway.send_sms(taken.to, visit_text(taken, settings), status_callback=callback)
    if taken.channel == VOICE:
        url = settings.public_base_url + NOTICE_CALL_PATH.format(
            notification_id=taken.notification_id
        )
        return gateway.make_call(taken.to, url, status_callback=url + "/status")
    callback = status_callback_url(settings, taken.notification_id)
    return gateway.send_sms(taken.to, booking_text(taken, settings), status_callback=callback)


def send_notification(notification_id: int) -> str:
    """Send one owed message (a text, or a reminder or closure call), once; what happened."""
    runtime = job_runtime()
    now = runtime.clock.now()
    taken = take_owed(runtime.uow(), notification_id, now=now, policy=runtime.policy)
    if isinstance(taken, NotNow):
        log.info("message %s not sent now: %s", notification_id, taken.reason)
        return taken.reason
    try:
        provider_id = _deliver(runtime, taken)
    except NotSent as exc:
        text_status.record_not_sent(
            runtime.uow(), notification_id, retry=exc.retry, reason=exc.reason
        )
        log.warning("text %s not sent (retry: %s): %s", notification_id, exc.retry, exc.reason)
        if exc.retry:
            raise  # rq tries again later (the relay's Retry)
        return "refused"
    except Exception as exc:  # the request may have gone: never send it again
        text_status.record_unknown(runtime.uow(), notification_id, reason=type(exc).__name__)
        log.error("text %s: unknown whether it went (%s)", notification_id, type(exc).__name__)
        return "unknown"
    text_status.record_sent(
        runtime.uow(), notification_id, provider_id=provider_id, now=runtime.clock.now()
    )
    return "sent"


def handover_link(settings: Settings, token: str) -> str:
    """The web link that continues a phone booking (only the token: no personal data)."""
    return f"{settings.public_base_url}/book/continue/{token}"


def owe_handover_text(runtime: Runtime, token: str) -> None:
    """Queue the text of a phone handover (rq keeps it across worker restarts; a twin job finds
    the send already claimed and sends nothing)."""
    retry = Retry(max=len(RETRY_SECONDS), interval=RETRY_SECONDS)
    runtime.queue("notifications").enqueue(send_phone_handover, token, retry=retry)


def send_phone_handover(token: str) -> str:
    """Send the text of a phone handover once; what happened (never the number, in the log)."""
    runtime = job_runtime()
    store = runtime.redis
    entries = phone_handover.begin_send(store, token)
    if entries is None or entries.to is None:
        log.info("handover text %s not sent: already begun or expired", token[:8])
        return "skipped"
    cat = SMS_CATALOGS.get(entries.lang, sms_ja)
    body = cat.PHONE_HANDOVER.format(link=handover_link(runtime.settings, token))
    try:
        gateway_for(runtime.settings).send_sms(entries.to, body)
    except NotSent as exc:
        log.warning("handover text %s not sent (retry: %s): %s", token[:8], exc.retry, exc.reason)
        if exc.retry:
            phone_handover.send_failed(store, token)
            raise  # rq tries again later
        return "refused"
    except Exception as exc:  # the request may have gone: never send it again
        log.error("handover text %s: unknown whether it went (%s)", token[:8], type(exc).__name__)
        return "unknown"
    phone_handover.sent(store, token, entries)
    return "sent"
