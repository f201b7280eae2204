"""An appointment as an iCalendar file (RFC 5545) residents add to their phone's calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from booking_core.calendar import TOKYO

_LINE_OCTETS = 75


@dataclass(frozen=True)
class Appointment:
    """What the calendar entry says: everything already in the resident's language."""

    reference: str
    day: date
    start: time
    minutes: int
    title: str
    place: str
    description: str


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (never inside a
    UTF-8 character)."""
    parts: list[str] = []
    current = ""
    for char in line:
        limit = _LINE_OCTETS if not parts else _LINE_OCTETS - 1
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def appointment_ics(appointment: Appointment, *, now: datetime) -> str:
    """The .ics text of one appointment, with an alarm the day before."""
    begins = datetime.combine(appointment.day, appointment.start, tzinfo=TOKYO)
    ends = begins + timedelta(minutes=appointment.minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//City of Yokohama//My Number Card centres//JA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{appointment.reference}@mynacall.city.yokohama.lg.jp",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(begins)}",
        f"DTEND:{_utc(ends)}",
        f"SUMMARY:{_escape(appointment.title)}",
        f"LOCATION:{_escape(appointment.place)}",
        f"DESCRIPTION:{_escape(appointment.description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P1D",
        f"DESCRIPTION:{_escape(appointment.title)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
