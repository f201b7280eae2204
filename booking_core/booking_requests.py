"""What a booking is to the channels: the request, the details, and the shared time rules."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from booking_core import directory
from booking_core.availability import last_bookable_day, nearest_with_room
from booking_core.calendar import TOKYO, Closure, centre_day, is_bookable_time
from booking_core.errors import NotBookable, SlotFull
from booking_core.models import Booking
from booking_core.policy import Policy


@dataclass(frozen=True)
class BookingRequest:
    """What a channel asks for; values already parsed (dates, E.164 phone, normalised numbers)."""

    service: str
    day: date
    start: time
    birth_date: date
    center: str | None = None
    party_size: int = 1
    phone: str | None = None
    name: str = ""
    kana: str = ""
    address: str = ""
    notice_number: str | None = None
    language: str = "ja"

    def digest(self) -> str:
        """A fingerprint of the request, to tell a retry from a different request with one key."""
        # The same JSON as json.dumps(asdict(self)) (flat fields), without asdict's deep copy.
        raw = json.dumps(
            {name: getattr(self, name) for name in _REQUEST_FIELDS}, default=str, sort_keys=True
        )
        return hashlib.sha256(raw.encode()).hexdigest()


_REQUEST_FIELDS = tuple(f.name for f in fields(BookingRequest))


@dataclass(frozen=True)
class BookingDetails:
    """A booking as the channels show it."""

    reference: str
    status: str
    center_id: str
    service_code: str
    day: date
    start: time
    party_size: int
    name: str
    kana: str
    phone: str | None
    birth_date: date
    address: str
    notice_number: str | None
    channel: str
    language: str
    created_at: datetime
    reminders: bool = True  # False: the resident asked for no reminder the day before

    @classmethod
    def of(cls, b: Booking) -> BookingDetails:
        """Copy a row into plain values."""
        return cls(
            b.reference,
            b.status,
            b.center_id,
            b.service_code,
            b.day,
            b.start,
            b.party_size,
            b.name,
            b.kana,
            b.phone,
            b.birth_date,
            b.address,
            b.notice_number,
            b.channel,
            b.language,
            b.created_at,
            b.reminders is not False,  # None before a new row is flushed: the default
        )


def check_time(
    session: Session, center_id: str, day: date, start: time, *, now: datetime, policy: Policy
) -> None:
    """Refuse a date or time that cannot be booked, saying why."""
    closures = directory.closures(session, day, day)
    check_hours(center_id, day, start, closures, now=now, policy=policy)


def check_hours(
    center_id: str,
    day: date,
    start: time,
    closures: Iterable[Closure],
    *,
    now: datetime,
    policy: Policy,
) -> None:
    """check_time given the day's ad hoc closures (a pure function)."""
    moment = datetime.combine(day, start, TOKYO)
    if moment <= now:
        raise NotBookable("past", "That time has already passed")
    if day > last_bookable_day(now, policy):
        raise NotBookable("beyond_horizon", "Bookings open only a limited number of days ahead")
    hours = centre_day(center_id, day, closures)
    if not hours.open:
        raise NotBookable(f"closed:{hours.reason}", "The centre is closed that day")
    if not is_bookable_time(hours, start):
        raise NotBookable("outside_hours", "Outside reception hours or after last reception")


def person_key(req: BookingRequest) -> str | None:
    """Who the booking is for, for the one-active-booking-per-service rule."""
    if req.notice_number:
        return f"notice:{req.notice_number}"
    if req.phone:
        return f"phone:{req.phone}:{req.birth_date.isoformat()}"
    return None  # a hidden number on the phone: nothing to tell people apart by


def slot_full(
    session: Session,
    center_id: str,
    group: str,
    day: date,
    start: time,
    party: int,
    now: datetime,
    policy: Policy,
) -> SlotFull:
    around = datetime.combine(day, start, TOKYO)
    return SlotFull(
        nearest_with_room(
            session,
            center_id=center_id,
            group=group,
            around=around,
            party_size=party,
            now=now,
            policy=policy,
        )
    )
