"""Serializers: core values to the JSON shapes the OpenAPI document promises."""

from __future__ import annotations

from datetime import time
from typing import Any

from booking_core.availability import DayAvailability
from booking_core.bookings import BookingDetails
from booking_core.calendar import DayHours
from booking_core.cards import CardStatus
from booking_core.errors import Alternative
from booking_core.reports import CapacityReport
from booking_core.schedule import CenterInfo, ServiceInfo


def hhmm(at: time | None) -> str | None:
    """A wall-clock time as HH:MM (Asia/Tokyo)."""
    return None if at is None else at.strftime("%H:%M")


def center(c: CenterInfo) -> dict[str, Any]:
    """A centre with its names, station and windows."""
    return {
        "id": c.id,
        "name": {"ja": c.name_ja, "en": c.name_en},
        "address": c.address,
        "station": {"ja": c.station_ja, "en": c.station_en},
        "windows": {"reception": c.reception_windows, "issue_renew": c.issue_windows},
    }


def service(s: ServiceInfo) -> dict[str, Any]:
    """A procedure with its names, group, minutes and whether it must be booked."""
    return {
        "code": s.code,
        "name": {"ja": s.name_ja, "en": s.name_en},
        "group": s.group,
        "minutes": s.minutes,
        "booking_required": s.booking_required,
    }


def _hours(h: DayHours) -> dict[str, Any]:
    day: dict[str, Any] = {"date": h.day.isoformat(), "open": h.open}
    if h.open:
        day.update(opens=hhmm(h.opens), closes=hhmm(h.closes))
    return day


def centre_day(h: DayHours) -> dict[str, Any]:
    """A centre's day: open with hours (and any closed stretch), or closed with the reason."""
    day = _hours(h)
    if h.open:
        day["last_reception"] = hhmm(h.last_reception)
        day["closed_intervals"] = [{"from": hhmm(s), "to": hhmm(e)} for s, e in h.closed_intervals]
    day["reason"] = None if h.reason is None else h.reason.value
    day["note"] = h.note or None  # the administrator's words on an ad hoc closure
    return day


def call_centre_day(h: DayHours) -> dict[str, Any]:
    """The call centre's staffed hours on a day."""
    day = _hours(h)
    day["reason"] = None if h.reason is None else h.reason.value
    return day


def alternative(a: Alternative) -> dict[str, Any]:
    """A nearby band with room."""
    return {"date": a.day.isoformat(), "start": hhmm(a.start), "remaining": a.remaining}


def _slots(d: DayAvailability) -> list[dict[str, Any]]:
    return [{"start": hhmm(s.start), "remaining": s.remaining} for s in d.slots]


def availability_day(center_id: str, service_code: str, d: DayAvailability) -> dict[str, Any]:
    """One day's bands with places left."""
    return {"center": center_id, "service": service_code, **_range_day(d)}


def _range_day(d: DayAvailability) -> dict[str, Any]:
    return {
        "date": d.hours.day.isoformat(),
        "open": d.hours.open,
        "bookable": d.bookable,
        "reason": None if d.hours.reason is None else d.hours.reason.value,
        "slots": _slots(d),
    }


def availability_range(
    center_id: str, service_code: str, days: list[DayAvailability]
) -> dict[str, Any]:
    """Many days' bands (a month view)."""
    return {
        "center": center_id,
        "service": service_code,
        "from": days[0].hours.day.isoformat(),
        "to": days[-1].hours.day.isoformat(),
        "days": [_range_day(d) for d in days],
    }


def booking(b: BookingDetails) -> dict[str, Any]:
    """A booking: what it is and where, never the personal data it holds."""
    return {
        "reference": b.reference,
        "status": b.status,
        "center": b.center_id,
        "service": b.service_code,
        "date": b.day.isoformat(),
        "start": hhmm(b.start),
        "party_size": b.party_size,
    }


def card(c: CardStatus) -> dict[str, Any]:
    """Where and from when a ready card can be collected (the notice number is not echoed)."""
    return {"center": c.center_id, "ward": c.ward_id, "earliest_date": c.earliest_day.isoformat()}


def capacity(r: CapacityReport) -> dict[str, Any]:
    """The month's issue/renew places against the floor, per centre."""
    return {
        "month": r.month,
        "floor": r.floor,
        "issue_renew_slots": r.issue_renew_slots,
        "meets_floor": r.meets_floor,
        "by_center": {
            cid: {
                "open_days": c.open_days,
                "issue_renew_slots": c.issue_renew_slots,
                "issue_windows": c.issue_windows,
                "minutes_per_resident_per_window": c.minutes_per_resident_per_window,
            }
            for cid, c in r.by_center.items()
        },
        "days": [
            {
                "date": d.day.isoformat(),
                "bookable": d.bookable,
                "reason": d.reason,
                "issue_renew_slots": d.issue_renew_slots,
            }
            for d in r.days
        ],
    }
