"""The texts of home visits (visit_scheduled, visit_reminder): composed for the send job.

The outbox, the relay and the job are the bookings' own (queues.outbox, queues.jobs); only the
row's subject differs, so this module answers for a row whose home_visit_id is set.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from booking_core import text_status, visit_notices
from booking_core.models import Notification, Service
from booking_core.visit_models import HomeVisit
from queues import sms_en, sms_ja
from runtime.bootstrap import Runtime

SMS_CATALOGS = {"ja": sms_ja, "en": sms_en}
TEXTS = {"scheduled": "VISIT_SCHEDULED", "reminder": "VISIT_REMINDER"}


def visit_text(purpose: str, visit: HomeVisit, service: Service, runtime: Runtime) -> str:
    """The text of one purpose in the resident's language."""
    cat = SMS_CATALOGS.get(visit.language, sms_ja)
    day = visit.visit_day
    assert day is not None
    when = cat.VISIT_DATE.format(month=day.month, day=day.day, weekday=cat.WEEKDAYS[day.weekday()])
    english = cat is sms_en
    return str(
        getattr(cat, TEXTS[purpose]).format(
            reference=visit.reference,
            when=when,
            service=service.name_en if english else service.name_ja,
            line=runtime.settings.city_line_number,
        )
    )


@dataclass(frozen=True)
class VisitText:
    """A visit's text this job now owns, and what it says."""

    notification_id: int
    to: str
    body: str


def claim(session: Session, row: Notification, runtime: Runtime) -> tuple[str, str] | str:
    """Own a visit's text (to, body), or why it does not go (the caller commits)."""
    visit = session.get(HomeVisit, row.home_visit_id)
    if (reason := visit_notices.why_not_due(row.kind, visit, session)) is not None:
        text_status.skip(session, row.id, reason=reason)
        return reason
    assert visit is not None
    if not text_status.take(session, row.id, now=runtime.clock.now()):
        return "already_sent"
    service = session.get(Service, visit.service_code)
    assert service is not None
    body = visit_text(visit_notices.purpose_of(row.kind) or "", visit, service, runtime)
    return visit.phone, body
