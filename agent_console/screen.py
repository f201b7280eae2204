"""What the console page shows: the call card, the screen pop, searches, callbacks, the forms."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from agent_console.auth import StaffSession
from agent_console.catalog_ja import TEXT, t
from agent_console.service import my_status
from booking_core.availability import day_availability
from booking_core.call_records import WRAP_CODES, recent_records
from booking_core.caller_timeline import timeline_events
from booking_core.errors import (
    BookingError,
    InvalidRequest,
    MyNumberRefused,
    NotBookable,
    SlotFull,
    TransportTooLate,
)
from booking_core.home_visits import HomeVisitDetails, visits_for_phone
from booking_core.identifiers import InvalidIdentifier, normalize_notice_number, normalize_reference
from booking_core.inquiries import calls_of_number, count_open_escalations, list_topics
from booking_core.policy import Actor
from booking_core.resident_records import (
    StaffFindings,
    caller_records,
    record_number_views,
    search,
)
from booking_core.schedule import services_and_centers
from queues import acd, callbacks, keys, presence
from runtime.bootstrap import Runtime

SOFTPHONE_BUNDLE = Path(__file__).parent / "static" / "vendor" / "twilio.min.js"


def refused_fields(fields: dict[str, str]) -> str:
    """Each refused field in words: 生年月日（形式が正しくありません）."""
    said = []
    for name, code in fields.items():
        label = TEXT.get(f"field_{name}") or TEXT.get(name) or name
        reason = TEXT.get(f"code_{code}")
        said.append(f"{label}（{reason}）" if reason else label)
    return "、".join(said)


def error_text(error: BookingError) -> str:
    """A core error in the console's words (with alternatives or the earliest day)."""
    if isinstance(error, TransportTooLate):
        return t("error_transport_too_late", earliest=error.earliest.isoformat())
    if error.fields.get("service") == "visit_by_request":
        return t("error_visit_by_request")
    if isinstance(error, NotBookable):  # which of the reasons, not all three at once
        reason = error.reason.removeprefix("closed:")
        key = (
            "error_closed" if error.reason.startswith("closed:") else f"error_not_bookable_{reason}"
        )
        if key in TEXT:
            return t(key, why=t(f"closed_reason_{reason}"))
    if (
        isinstance(error, InvalidRequest)
        and not isinstance(error, MyNumberRefused)
        and error.fields
    ):
        return t("error_invalid_fields", fields=refused_fields(error.fields))
    text = t(f"error_{error.code}")
    if isinstance(error, SlotFull) and error.alternatives:
        times = "、".join(
            f"{a.day:%m/%d} {a.start:%H:%M}（残{a.remaining}）" for a in error.alternatives
        )
        text += " " + t("alternatives") + times
    return text


def _search(
    runtime: Runtime, staff: StaffSession, now: datetime, reference: str, notice: str
) -> tuple[StaffFindings | None, str]:
    if not reference and not notice:
        return None, ""
    try:
        ref = normalize_reference(reference) if reference else None
        number = (
            normalize_notice_number(notice, runtime.policy.notice_number_digits) if notice else None
        )
    except InvalidIdentifier:
        return None, t("bad_reference")
    found = search(
        runtime.uow(),
        reference=ref,
        notice_number=number,
        now=now,
        actor=Actor.staff(staff.username),
        policy=runtime.policy,
    )
    return found, "" if found.bookings or found.cards else t("not_found")


GRID_DAYS = 5
WEEKDAYS = "月火水木金土日"


def availability_grid(
    runtime: Runtime, now: datetime, *, service: str, center: str, first: date
) -> list[dict[str, Any]]:
    """Places left per band on GRID_DAYS days from `first`: the console's slot grid."""
    days = []
    for n in range(GRID_DAYS):
        day = first + timedelta(days=n)
        try:
            found = day_availability(
                runtime.uow(), center_id=center, service_code=service, day=day, now=now,
                policy=runtime.policy,
            )  # fmt: skip
        except BookingError:
            return []
        reason = found.hours.reason.value if found.hours.reason else ""
        days.append(
            {
                "date": day.isoformat(),
                "label": f"{day:%m/%d}（{WEEKDAYS[day.weekday()]}）",
                "closed": t(f"closed_reason_{reason}") if reason else "",
                "slots": [
                    {"start": x.start.strftime("%H:%M"), "remaining": x.remaining}
                    for x in found.slots
                ],
            }
        )
    return days


def _catalogue(runtime: Runtime) -> dict[str, Any]:
    listed_services, listed_centers = services_and_centers(runtime.uow())
    services = [(s.code, s.name_ja) for s in listed_services]
    centers = [(c.id, c.name_ja) for c in listed_centers]
    return {
        # home visits are taken as requests (/console/visits/new), never booked into a slot
        "services": [(code, name) for code, name in services if not code.startswith("visit-")],
        "centers": centers,
        "center_names": dict(centers),
        "service_names": dict(services),
    }


def _screen_pop(
    runtime: Runtime, staff: StaffSession, call: dict[str, Any] | None, now: datetime
) -> StaffFindings | None:
    """The caller's bookings and cards when the number is known (audited)."""
    if not call or not call["caller"].startswith("+"):
        return None
    return caller_records(
        runtime.uow(),
        phone=call["caller"],
        now=now,
        actor=Actor.staff(staff.username),
        policy=runtime.policy,
    )


def _home_visits(
    runtime: Runtime, staff: StaffSession, call: dict[str, Any] | None, now: datetime
) -> list[HomeVisitDetails]:
    """Home-visit requests the caller's number left on the web (audited), to arrange the visit."""
    if not call or not call["caller"].startswith("+"):
        return []
    return visits_for_phone(
        runtime.uow(), phone=call["caller"], now=now, actor=Actor.staff(staff.username),
        reason="screen_pop",
    )  # fmt: skip


def _callback_lists(runtime: Runtime, staff: StaffSession, now: datetime) -> dict[str, Any]:
    """Callbacks waiting and abandoned callers with a number; showing them is audited."""
    acd.absorb_callbacks(runtime.redis, now)  # the phone front's requests since the last route
    waiting = callbacks.waiting(runtime.redis)
    abandoned = callbacks.abandoned_with_number(runtime.redis, now)
    shown = [c.get("number") or c.get("caller", "") for c in [*waiting, *abandoned]]
    record_number_views(
        runtime.uow(),
        phones=[p for p in shown if p],
        now=now,
        actor=Actor.staff(staff.username),
        reason="callback_list",
    )
    return {"callbacks": waiting, "abandoned": abandoned}


def _transfer_agents(runtime: Runtime, username: str) -> list[tuple[str, str]]:
    """Other agents available now: where a call can be transferred (username, name)."""
    found = []
    for agent_id in sorted(presence.on_duty(runtime.redis)):
        info = presence.agent(runtime.redis, agent_id)
        if agent_id != username and info.get("state") == "available":
            found.append((agent_id, info.get("name") or agent_id))
    return found


def console_context(
    runtime: Runtime, staff: StaffSession, now: datetime, *, reference: str, notice: str
) -> dict[str, Any]:
    """Everything the console template needs (each resident record shown is audited)."""
    status = my_status(runtime, staff.username, now)
    found, search_message = _search(runtime, staff, now, reference.strip(), notice.strip())
    subject = status["call"] or status["wrap_up_owed"]  # the caller stays on screen in wrap-up
    pop = _screen_pop(runtime, staff, subject, now)
    visits = _home_visits(runtime, staff, subject, now)
    calls = (
        calls_of_number(runtime.uow(), phone=subject["caller"], now=now,
                        actor=Actor.staff(staff.username))
        if subject and subject["caller"].startswith("+") else []
    )  # fmt: skip
    topics = list_topics(runtime.uow())
    return {
        "staff": staff,
        "status": status,
        "call": status["call"],
        "pop": pop,
        "home_visits": visits,
        "timeline": timeline_events(pop, visits, calls) if subject else [],
        "topic_names": {x.code: x.name_ja for x in topics},
        "open_escalations": count_open_escalations(runtime.uow()),
        "found": found,
        "search_message": search_message,
        "reference": reference,
        "notice": notice,
        "recent": recent_records(runtime.uow(), agent=staff.username),
        "wrap_codes": WRAP_CODES,
        "topics": [x for x in topics if x.active],
        "states": presence.MANUAL_STATES,
        "break_reasons": presence.BREAK_REASONS,
        "queue_names": keys.QUEUE_NAMES,
        "now": now,
        "softphone": SOFTPHONE_BUNDLE.exists(),
        "transfer_agents": _transfer_agents(runtime, staff.username) if status["call"] else [],
        **_callback_lists(runtime, staff, now),
        **_catalogue(runtime),
    }
