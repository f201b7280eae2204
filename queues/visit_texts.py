"""The texts of home visits (visit_scheduled, visit_reminder): composed for the send job.

The outbox, the relay and the job are the bookings' own (queues.outbox, queues.jobs); the core
(booking_core.messages) takes a visit's text as it takes a booking's, and this composes it.
"""

from __future__ import annotations

from booking_core.messages import TakenVisitText
from queues import sms_en, sms_ja
from runtime.config import Settings

SMS_CATALOGS = {"ja": sms_ja, "en": sms_en}
TEXTS = {"scheduled": "VISIT_SCHEDULED", "reminder": "VISIT_REMINDER"}


def visit_text(taken: TakenVisitText, settings: Settings) -> str:
    """The text of one purpose in the resident's language."""
    cat = SMS_CATALOGS.get(taken.language, sms_ja)
    day = taken.visit_day
    when = cat.VISIT_DATE.format(month=day.month, day=day.day, weekday=cat.WEEKDAYS[day.weekday()])
    english = cat is sms_en
    return str(
        getattr(cat, TEXTS[taken.purpose]).format(
            reference=taken.reference,
            when=when,
            service=taken.service_en if english else taken.service_ja,
            line=settings.city_line_number,
        )
    )
