"""Reads of reference data: centres, services, wards, closures and capacity rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from booking_core.calendar import Closure
from booking_core.errors import InvalidRequest
from booking_core.models import (
    CapacityOverride,
    CapacityTemplate,
    Center,
    ClosureRecord,
    Service,
    Ward,
    WardAssignment,
)
from booking_core.reference_cache import REFERENCE_CACHE


def centers(session: Session) -> list[Center]:
    """Every centre, in the city's order."""
    return list(session.scalars(select(Center).order_by(Center.sort_order, Center.id)))


def center(session: Session, center_id: str) -> Center:
    """One centre, or InvalidRequest naming the field."""
    found = session.get(Center, center_id)
    if found is None:
        raise InvalidRequest("Unknown centre", fields={"center": "unknown_center"})
    return found


def services(session: Session) -> list[Service]:
    """Every procedure, in menu order."""
    return list(session.scalars(select(Service).order_by(Service.sort_order)))


def service(session: Session, code: str) -> Service:
    """One procedure, or InvalidRequest naming the field."""
    found = session.get(Service, code)
    if found is None:
        raise InvalidRequest("Unknown service", fields={"service": "unknown_service"})
    return found


BOOKING_CHANNELS = ("web", "phone", "staff")
# The booking channel of each actor channel (Actor.channel): the web pages and the public API
# are the web; the IVR is the phone; the console, the counter and the admin are staff.
_BOOKING_CHANNEL = {"web": "web", "api": "web", "ivr": "phone"}


def booking_channel(actor_channel: str) -> str:
    """The channel a procedure must be open to for this actor to book it."""
    return _BOOKING_CHANNEL.get(actor_channel, "staff")


def channel_list(stored: str) -> tuple[str, ...]:
    """The channels of a procedure as stored ("web,phone,staff"), in BOOKING_CHANNELS order."""
    given = set(stored.split(","))
    return tuple(c for c in BOOKING_CHANNELS if c in given)


@dataclass(frozen=True)
class ServiceKind:
    """What the booking rules need of a procedure: its code, group and booking channels."""

    code: str
    group: str
    channels: tuple[str, ...] = BOOKING_CHANNELS


def service_kind(session: Session, code: str) -> ServiceKind:
    """A procedure's code and group, remembered a minute by REFERENCE_CACHE (unknown: not kept)."""

    def load() -> ServiceKind:
        row = service(session, code)
        return ServiceKind(row.code, row.group, channel_list(row.channels))

    return REFERENCE_CACHE.remembered("service_kind", code, load)


def known_center(session: Session, center_id: str) -> str:
    """A centre's id once it is known to exist (InvalidRequest if not), remembered the same way."""
    return REFERENCE_CACHE.remembered("center", center_id, lambda: center(session, center_id).id)


def closures(session: Session, start: date, end: date) -> list[Closure]:
    """Ad hoc closures between two dates (inclusive), as calendar values."""
    rows = session.scalars(
        select(ClosureRecord).where(ClosureRecord.day >= start, ClosureRecord.day <= end)
    )
    return [Closure(r.day, r.center_id, r.start, r.end, r.note) for r in rows]


def closure(session: Session, closure_id: int) -> Closure | None:
    """One ad hoc closure as a calendar value; None when it was removed."""
    row = session.get(ClosureRecord, closure_id)
    return None if row is None else Closure(row.day, row.center_id, row.start, row.end, row.note)


def templates(
    session: Session, center_id: str, group: str, start: date, end: date
) -> list[CapacityTemplate]:
    """Capacity templates of a centre and group that touch a date range."""
    query = select(CapacityTemplate).where(
        CapacityTemplate.center_id == center_id,
        CapacityTemplate.group == group,
        CapacityTemplate.valid_from <= end,
        CapacityTemplate.valid_to >= start,
    )
    return list(session.scalars(query))


def overrides(
    session: Session, center_id: str, group: str, start: date, end: date
) -> list[CapacityOverride]:
    """One-day capacity overrides of a centre and group in a date range."""
    query = select(CapacityOverride).where(
        CapacityOverride.center_id == center_id,
        CapacityOverride.group == group,
        CapacityOverride.day >= start,
        CapacityOverride.day <= end,
    )
    return list(session.scalars(query))


def serving_center(session: Session, ward_id: str, on: date) -> str | None:
    """The centre that serves a ward on a date (effective-dated mapping)."""
    query = (
        select(WardAssignment.center_id)
        .where(
            WardAssignment.ward_id == ward_id,
            WardAssignment.valid_from <= on,
            or_(WardAssignment.valid_to.is_(None), WardAssignment.valid_to >= on),
        )
        .order_by(WardAssignment.valid_from.desc(), WardAssignment.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def wards(session: Session) -> list[Ward]:
    """Every ward office."""
    return list(session.scalars(select(Ward).order_by(Ward.id)))
