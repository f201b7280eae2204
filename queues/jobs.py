"""rq jobs: take ids, reload the row, tolerate a row that has gone, never text twice.

A send that surely went nowhere (the gateway's NotSent with retry) leaves its row "failed" and
raises, so rq tries it again on the relay's Retry schedule; a refusal for good is "refused"; a
send whose outcome is unknown (a timeout after the request left) is "unknown" and never tried
again, since the resident may already have it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from booking_core import text_status
from booking_core.models import Booking, Center, Notification, Service
from booking_core.notices import purpose_of, why_not_due
from queues import sms_en, sms_ja, visit_texts
from queues.gateway import NotSent, gateway_for, status_callback_url
from queues.job_runtime import job_runtime
from runtime.bootstrap import Runtime

log = logging.getLogger(__name__)
SMS_CATALOGS = {"ja": sms_ja, "en": sms_en}
# purpose: the catalog's text
TEXTS = {
    "confirmation": "BOOKING_CONFIRMATION",
    "change": "BOOKING_CHANGE",
    "cancellation": "BOOKING_CANCELLATION",
    "closure": "BOOKING_CLOSURE",
}


@dataclass(frozen=True)
class Claimed:
    """A notification row this run owns, and what to send."""

    notification_id: int
    to: str
    body: str


def booking_text(
    purpose: str, booking: Booking, center: Center, service: Service, runtime: Runtime
) -> str:
    """The text of one purpose (confirmation, change, cancellation) in the booking's language."""
    cat = SMS_CATALOGS.get(booking.language, sms_ja)
    english = cat is sms_en
    when = cat.DATE.format(
        month=booking.day.month,
        day=booking.day.day,
        weekday=cat.WEEKDAYS[booking.day.weekday()],
        hour=booking.start.hour,
        minute=booking.start.minute,
    )
    return str(
        getattr(cat, TEXTS[purpose]).format(
            reference=booking.reference,
            when=when,
            center=center.name_en if english else center.name_ja,
            service=service.name_en if english else service.name_ja,
            web=runtime.settings.web_address,
            line=runtime.settings.city_line_number,
        )
    )


def _claim(runtime: Runtime, notification_id: int) -> Claimed | str:
    """Own the text (one conditional UPDATE, so a twin job gets nothing) and compose it."""
    with runtime.uow() as uow:
        session = uow.session
        row = session.get(Notification, notification_id)
        if row is None:
            return "gone"
        if row.home_visit_id is not None:  # a home visit's text
            got = visit_texts.claim(session, row, runtime)
            uow.commit()
            return got if isinstance(got, str) else Claimed(row.id, *got)
        booking = session.get(Booking, row.booking_id)
        if (reason := why_not_due(row.kind, booking)) is not None:
            text_status.skip(session, row.id, reason=reason)
            uow.commit()
            return reason
        assert booking is not None
        if not text_status.take(session, row.id, now=runtime.clock.now()):
            return "already_sent"
        center = session.get(Center, booking.center_id)
        service = session.get(Service, booking.service_code)
        assert center is not None and service is not None
        body = booking_text(purpose_of(row.kind) or "", booking, center, service, runtime)
        uow.commit()
        return Claimed(row.id, booking.phone or "", body)


def send_notification(notification_id: int) -> str:
    """Send one owed text (confirmation, change or cancellation), once; returns what happened."""
    runtime = job_runtime()
    claimed = _claim(runtime, notification_id)
    if isinstance(claimed, str):
        log.info("text %s skipped: %s", notification_id, claimed)
        return claimed
    callback = status_callback_url(runtime.settings, notification_id)
    try:
        provider_id = gateway_for(runtime.settings).send_sms(
            claimed.to, claimed.body, status_callback=callback
        )
    except NotSent as exc:
        with runtime.uow() as uow:
            text_status.mark_not_sent(uow.session, notification_id, retry=exc.retry,
                                      reason=exc.reason)  # fmt: skip
            uow.commit()
        log.warning("text %s not sent (retry: %s): %s", notification_id, exc.retry, exc.reason)
        if exc.retry:
            raise  # rq tries again later (the relay's Retry)
        return "refused"
    except Exception as exc:  # the request may have gone: never send it again
        with runtime.uow() as uow:
            text_status.mark_unknown(uow.session, notification_id, reason=type(exc).__name__)
            uow.commit()
        log.error("text %s: unknown whether it went (%s)", notification_id, type(exc).__name__)
        return "unknown"
    with runtime.uow() as uow:
        text_status.mark_sent(uow.session, notification_id, provider_id=provider_id,
                              now=runtime.clock.now())  # fmt: skip
        uow.commit()
    return "sent"
