"""Administrators' reference data: which centre serves each ward (区役所) over effective dates, and
the procedures (業務): names per language, the channels that may book them, their phone keys.

A ward's assignments layer like capacity plans: the latest start that covers a day decides
(booking_core.directory.serving_center), so a temporary move ends by itself on its last day.
A procedure's edit clears the reference data cache, so this process reads it at once and every
other process within a minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from booking_core import audit, directory
from booking_core.calendar import TOKYO
from booking_core.change_log import changed_by
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors, InvalidRequest
from booking_core.models import Booking, CardReadyRecord, Service, WardAssignment
from booking_core.policy import Actor
from booking_core.reference_cache import REFERENCE_CACHE

PHONE_KEYS = tuple("123456789")
NAME_LIMITS = {"name_ja": 60, "name_en": 80}


@dataclass(frozen=True)
class AssignmentView:
    """One effective-dated assignment of a ward to a centre, with who made it and when."""

    assignment_id: int
    ward_id: str
    center_id: str
    valid_from: date
    valid_to: date | None
    changed_by: str | None
    changed_at: datetime | None


@dataclass(frozen=True)
class WardView:
    """A ward, the centre serving it today, and its assignments (latest start first)."""

    ward_id: str
    name_ja: str
    name_en: str
    center_today: str | None
    assignments: tuple[AssignmentView, ...]


@dataclass(frozen=True)
class AssignmentSaved:
    """A new assignment, and the active issuance bookings of the ward's cards it moves away."""

    assignment: AssignmentView
    bookings_elsewhere: int


def ward_mapping(uow: UnitOfWork, *, today: date) -> list[WardView]:
    """Every ward with its centre today and its assignments."""
    with uow:
        session = uow.session
        rows = session.scalars(
            select(WardAssignment).order_by(WardAssignment.valid_from.desc(), WardAssignment.id)
        ).all()
        who = changed_by(session, "ward_assignment", [r.id for r in rows])
        views = [_assignment(r, who) for r in rows]
        return [
            WardView(
                w.id,
                w.name_ja,
                w.name_en,
                directory.serving_center(session, w.id, today),
                tuple(v for v in views if v.ward_id == w.id),
            )
            for w in directory.wards(session)
        ]


def _assignment(row: WardAssignment, who: dict[str, tuple[str, datetime]]) -> AssignmentView:
    by, at = who.get(str(row.id), (None, None))
    return AssignmentView(row.id, row.ward_id, row.center_id, row.valid_from, row.valid_to, by, at)


def _check_assignment(
    session: Session, ward_id: str, center_id: str, start: date, end: date | None, today: date
) -> None:
    errors = FieldErrors()
    if ward_id not in {w.id for w in directory.wards(session)}:
        errors.add("ward", "unknown_ward")
    try:
        directory.center(session, center_id)
    except InvalidRequest:
        errors.add("center", "unknown_center")
    # Today's transport manifests are fixed already: a change takes effect tomorrow at the soonest.
    if start <= today:
        errors.add("valid_from", "must_be_after_today")
    if end is not None and end < start:
        errors.add("valid_to", "bad_date_range")
    errors.raise_if_any()


def _bookings_elsewhere(
    session: Session, ward_id: str, center_id: str, start: date, end: date | None
) -> int:
    """Active issuance bookings of the ward's cards at another centre within the new range."""
    in_range = (
        Booking.day >= start if end is None else and_(Booking.day >= start, Booking.day <= end)
    )
    query = (
        select(func.count())
        .select_from(Booking)
        .join(CardReadyRecord, CardReadyRecord.notice_number == Booking.notice_number)
        .where(
            CardReadyRecord.ward_id == ward_id, Booking.status == "active",
            Booking.center_id != center_id, in_range,
        )
    )  # fmt: skip
    return int(session.scalar(query) or 0)


def assign_ward(
    uow: UnitOfWork,
    *,
    ward_id: str,
    center_id: str,
    valid_from: date,
    valid_to: date | None = None,
    now: datetime,
    actor: Actor,
) -> AssignmentSaved:
    """Serve a ward from a centre from a date (to a date, or until changed again)."""
    today = now.astimezone(TOKYO).date()
    with uow:
        session = uow.session
        _check_assignment(session, ward_id, center_id, valid_from, valid_to, today)
        row = WardAssignment(
            ward_id=ward_id, center_id=center_id, valid_from=valid_from, valid_to=valid_to
        )
        session.add(row)
        session.flush()
        moved = _bookings_elsewhere(session, ward_id, center_id, valid_from, valid_to)
        audit.record(
            session, actor=actor, action="ward.assign", entity="ward_assignment",
            entity_id=row.id, at=now, ward=ward_id, center=center_id,
            valid_from=valid_from.isoformat(),
            valid_to=valid_to.isoformat() if valid_to else None, bookings_elsewhere=moved,
        )  # fmt: skip
        uow.commit()
        view = AssignmentView(row.id, ward_id, center_id, valid_from, valid_to, actor.id, now)
        return AssignmentSaved(view, moved)


@dataclass(frozen=True)
class ProcedureView:
    """A procedure as administrators edit it, with who last changed it and when."""

    code: str
    name_ja: str
    name_en: str
    group: str
    booking_required: bool
    channels: tuple[str, ...]
    ivr_key: str | None
    in_phone_menu: bool  # other procedures have a key in the phone menu; issuance and visits not
    changed_by: str | None
    changed_at: datetime | None


@dataclass(frozen=True)
class ProcedureChange:
    """What an administrator may change of a procedure."""

    name_ja: str
    name_en: str
    channels: tuple[str, ...]
    ivr_key: str | None


def _menu_procedure(row: Service) -> bool:
    return row.code != "issue" and row.group != "visit"


def _procedure(row: Service, who: dict[str, tuple[str, datetime]]) -> ProcedureView:
    by, at = who.get(row.code, (None, None))
    return ProcedureView(
        row.code, row.name_ja, row.name_en, row.group, row.booking_required,
        directory.channel_list(row.channels), row.ivr_key, _menu_procedure(row), by, at,
    )  # fmt: skip


def list_procedures(uow: UnitOfWork) -> list[ProcedureView]:
    """Every procedure, in menu order."""
    with uow:
        rows = directory.services(uow.session)
        who = changed_by(uow.session, "service", [r.code for r in rows])
        return [_procedure(r, who) for r in rows]


def _check_change(session: Session, row: Service, change: ProcedureChange) -> None:
    errors = FieldErrors()
    for name, limit in NAME_LIMITS.items():
        if not 0 < len(getattr(change, name).strip()) <= limit:
            errors.add(name, "required" if not getattr(change, name).strip() else "too_long")
    if not set(change.channels) <= set(directory.BOOKING_CHANNELS):
        errors.add("channels", "unknown_channel")
    key, phone = change.ivr_key, "phone" in change.channels
    if key is not None and not _menu_procedure(row):
        errors.add("phone_key", "not_in_phone_menu")
    elif key is not None and key not in PHONE_KEYS:
        errors.add("phone_key", "one_digit_1_to_9")
    elif key is not None and _key_taken(session, row.code, key):
        errors.add("phone_key", "key_taken")
    elif _menu_procedure(row) and phone and key is None:
        errors.add("phone_key", "required_for_phone")
    errors.raise_if_any()


def _key_taken(session: Session, code: str, key: str) -> bool:
    query = select(Service.code).where(Service.ivr_key == key, Service.code != code)
    return session.scalar(query) is not None


def update_procedure(
    uow: UnitOfWork, *, code: str, change: ProcedureChange, now: datetime, actor: Actor
) -> ProcedureView:
    """Change a procedure's names, channels and phone key; the phone menu and the web read it."""
    with uow:
        session = uow.session
        row = directory.service(session, code)
        _check_change(session, row, change)
        before = {"channels": row.channels, "ivr_key": row.ivr_key}
        row.name_ja, row.name_en = change.name_ja.strip(), change.name_en.strip()
        row.channels = ",".join(directory.channel_list(",".join(change.channels)))
        row.ivr_key = change.ivr_key if "phone" in change.channels else None
        audit.record(
            session, actor=actor, action="procedure.update", entity="service", entity_id=code,
            at=now, before=before, channels=row.channels, ivr_key=row.ivr_key,
        )  # fmt: skip
        uow.commit()
        REFERENCE_CACHE.clear()
        return _procedure(row, {code: (actor.id, now)})
