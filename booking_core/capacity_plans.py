"""Capacity plans by period (受付枠の計画): administrators plan places per centre, capacity group
and kind of day over a date range, for any future period (FY2027 and on).

A plan is a capacity template row (booking_core.capacity): a later range overrides an earlier
one. A 受付 plan may hold back a share of each band's places for walk-ins (当日受付): that share
is saved as a plan of the walk_in group beside it. Before saving, a preview (plan_preview)
shows the issue/renew places of every month the plan touches against the 50,000 floor, and the
bands already holding more people than the plan would give them (they are kept, never cut).
Saving makes and updates the slot rows of the period (booking_core.slot_sync), so the
one-statement booking path sees the plan at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import audit, directory, slot_sync
from booking_core.calendar import TOKYO, DayKind
from booking_core.change_log import changed_by
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors, InvalidRequest
from booking_core.models import CapacityTemplate
from booking_core.plan_preview import (
    Change,
    MonthFigure,
    PlanDraft,
    PlanPreview,
    preview,
    unsaved,
)
from booking_core.policy import Actor
from booking_core.reference_data import SERVICE_GROUPS, WALK_IN_GROUP
from booking_core.slot_sync import SlotConflict

__all__ = [  # the draft and its preview come from plan_preview, re-exported here
    "MonthFigure", "PlanDraft", "PlanPreview", "PlanSaved", "PlanView", "add_plan", "list_plans",
    "preview_plan", "preview_removal", "remove_plan",
]  # fmt: skip

PLAN_GROUPS = (*SERVICE_GROUPS, WALK_IN_GROUP)
RECEPTION = "reception"
DAY_KINDS = tuple(k.value for k in DayKind)
BAND_MINUTES = (10, 15, 20, 30, 60, 90, 120)
MAX_PLAN_DAYS = 731  # two fiscal years at most in one plan
MAX_PLACES = 500  # per band: far above any centre's windows, below a typing slip
ENTITY = "capacity_template"


@dataclass(frozen=True)
class PlanSaved:
    """A plan saved (or removed) and what it did to the slot rows."""

    plan_id: int
    slots_made: int
    slots_updated: int
    conflicts: tuple[SlotConflict, ...]


@dataclass(frozen=True)
class PlanView:
    """A plan as administrators see it, with who last changed it and when."""

    plan_id: int
    center_id: str
    group: str
    day_kind: str
    valid_from: date
    valid_to: date
    band_start: time
    band_end: time
    band_minutes: int
    places: int
    note: str
    changed_by: str | None
    changed_at: datetime | None


def _check(session: Session, draft: PlanDraft, today: date) -> None:
    errors = FieldErrors()
    try:
        directory.center(session, draft.center_id)
    except InvalidRequest:
        errors.add("center", "unknown_center")
    if draft.group not in PLAN_GROUPS:
        errors.add("group", "unknown_group")
    if draft.day_kind not in DAY_KINDS:
        errors.add("day_kind", "unknown_day_kind")
    if draft.valid_to < draft.valid_from:
        errors.add("valid_to", "bad_date_range")
    elif draft.valid_to < today:
        errors.add("valid_to", "in_the_past")
    elif (draft.valid_to - draft.valid_from).days >= MAX_PLAN_DAYS:
        errors.add("valid_to", "period_too_long")
    if draft.band_start >= draft.band_end:
        errors.add("band_start", "bad_time_range")
    if draft.band_minutes not in BAND_MINUTES:
        errors.add("band_minutes", "unknown_band_length")
    if not 0 <= draft.places <= MAX_PLACES:
        errors.add("places", "out_of_range")
    if draft.walk_in_share is not None and draft.group != RECEPTION:
        errors.add("walk_in_share", "reception_only")
    elif draft.walk_in_share is not None and not 0 <= draft.walk_in_share <= 100:
        errors.add("walk_in_share", "out_of_range")
    errors.raise_if_any()


def _parts(draft: PlanDraft) -> list[PlanDraft]:
    """The plans a draft saves: itself, or with a walk-in share, the 受付 places less the share
    and the walk_in group's share of them."""
    if draft.walk_in_share is None:
        return [draft]
    walk_ins = round(draft.places * draft.walk_in_share / 100)
    note = draft.note or f"当日受付 {draft.walk_in_share}%"
    return [
        replace(draft, places=draft.places - walk_ins, walk_in_share=None),
        replace(draft, group=WALK_IN_GROUP, places=walk_ins, note=note, walk_in_share=None),
    ]


def _future(draft: PlanDraft, today: date) -> tuple[date, date]:
    return max(draft.valid_from, today), draft.valid_to


def preview_plan(uow: UnitOfWork, draft: PlanDraft, *, now: datetime) -> PlanPreview:
    """What saving the draft would do, without saving it."""
    today = now.astimezone(TOKYO).date()
    with uow:
        _check(uow.session, draft, today)
        previews = [
            preview(uow.session, Change(p.center_id, p.group, p.valid_from, p.valid_to,
                                          (unsaved(p),)), today)
            for p in _parts(draft)
        ]  # fmt: skip
        found = tuple(c for p in previews for c in p.conflicts)
        return PlanPreview(previews[0].months, found)


def _removable(session: Session, plan_id: int, today: date) -> CapacityTemplate:
    row = session.get(CapacityTemplate, plan_id)
    if row is None:
        raise InvalidRequest("Unknown plan", fields={"plan": "unknown_plan"})
    if row.valid_to < today:
        raise InvalidRequest("The plan has ended", fields={"plan": "in_the_past"})
    return row


def preview_removal(uow: UnitOfWork, *, plan_id: int, now: datetime) -> PlanPreview:
    """What removing a plan would do, without removing it."""
    today = now.astimezone(TOKYO).date()
    with uow:
        row = _removable(uow.session, plan_id, today)
        change = Change(row.center_id, row.group, row.valid_from, row.valid_to, without=row.id)
        return preview(uow.session, change, today)


def add_plan(uow: UnitOfWork, draft: PlanDraft, *, now: datetime, actor: Actor) -> PlanSaved:
    """Save a plan (with a walk-in share, two) and bring the slot rows of its future days in line
    with it."""
    today = now.astimezone(TOKYO).date()
    with uow:
        session = uow.session
        _check(session, draft, today)
        saved = [_save(session, part, today, now, actor) for part in _parts(draft)]
        uow.commit()
        return PlanSaved(
            saved[0].plan_id, sum(s.slots_made for s in saved),
            sum(s.slots_updated for s in saved), tuple(c for s in saved for c in s.conflicts),
        )  # fmt: skip


def _save(
    session: Session, draft: PlanDraft, today: date, now: datetime, actor: Actor
) -> PlanSaved:
    """Write one plan, its slot rows and its audit event (not committed)."""
    fields = {k: v for k, v in draft.__dict__.items() if k != "walk_in_share"}
    row = CapacityTemplate(**fields)
    session.add(row)
    session.flush()
    result = slot_sync.sync(session, draft.center_id, draft.group, *_future(draft, today))
    audit.record(
        session, actor=actor, action="capacity_plan.add", entity=ENTITY, entity_id=row.id,
        at=now, center=draft.center_id, group=draft.group, day_kind=draft.day_kind,
        valid_from=draft.valid_from.isoformat(), valid_to=draft.valid_to.isoformat(),
        places=draft.places, conflicts=len(result.conflicts),
    )  # fmt: skip
    return PlanSaved(row.id, result.made, result.updated, result.conflicts)


def remove_plan(uow: UnitOfWork, *, plan_id: int, now: datetime, actor: Actor) -> PlanSaved:
    """Remove a plan (its days fall back to earlier plans, or to not yet open); bookings stay."""
    today = now.astimezone(TOKYO).date()
    with uow:
        session = uow.session
        row = _removable(session, plan_id, today)
        center_id, group, start, end = row.center_id, row.group, row.valid_from, row.valid_to
        if end < today:
            raise InvalidRequest("The plan has ended", fields={"plan": "in_the_past"})
        session.delete(row)
        session.flush()
        result = slot_sync.sync(session, center_id, group, max(start, today), end)
        audit.record(
            session, actor=actor, action="capacity_plan.remove", entity=ENTITY,
            entity_id=plan_id, at=now, center=center_id, group=group,
            conflicts=len(result.conflicts),
        )  # fmt: skip
        uow.commit()
        return PlanSaved(plan_id, result.made, result.updated, result.conflicts)


def list_plans(uow: UnitOfWork, *, from_day: date) -> list[PlanView]:
    """The plans in force on or after a day, by centre, group and start."""
    with uow:
        session = uow.session
        rows = session.scalars(
            select(CapacityTemplate)
            .where(CapacityTemplate.valid_to >= from_day)
            .order_by(
                CapacityTemplate.center_id, CapacityTemplate.group, CapacityTemplate.valid_from,
                CapacityTemplate.day_kind, CapacityTemplate.band_start, CapacityTemplate.id,
            )
        ).all()  # fmt: skip
        who = changed_by(session, ENTITY, [r.id for r in rows])
        return [
            PlanView(
                r.id,
                r.center_id,
                r.group,
                r.day_kind,
                r.valid_from,
                r.valid_to,
                r.band_start,
                r.band_end,
                r.band_minutes,
                r.places,
                r.note,
                *who.get(str(r.id), (None, None)),
            )
            for r in rows
        ]
