"""Capacity plans by period (受付枠の計画): administrators plan places per centre, capacity group
and kind of day over a date range, for any future period (FY2027 and on).

A plan is a capacity template row (booking_core.capacity): a later range overrides an earlier
one. Before saving, a preview shows the issue/renew places of every month the plan touches
against the 50,000 floor, and the bands already holding more people than the plan would give
them (they are kept, never cut). Saving makes and updates the slot rows of the period
(booking_core.slot_sync), so the one-statement booking path sees the plan at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import audit, directory, slot_sync
from booking_core.calendar import TOKYO, DayKind, centre_day
from booking_core.capacity import BandMemo, TemplateLike, day_bands, is_planned
from booking_core.change_log import changed_by
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors, InvalidRequest
from booking_core.models import CapacityTemplate
from booking_core.policy import Actor
from booking_core.reference_data import MONTHLY_FLOOR, SERVICE_GROUPS, WALK_IN_GROUP
from booking_core.reports import month_range
from booking_core.slot_sync import SlotConflict

PLAN_GROUPS = (*SERVICE_GROUPS, WALK_IN_GROUP)
DAY_KINDS = tuple(k.value for k in DayKind)
BAND_MINUTES = (10, 15, 20, 30, 60, 90, 120)
MAX_PLAN_DAYS = 731  # two fiscal years at most in one plan
MAX_PLACES = 500  # per band: far above any centre's windows, below a typing slip
FLOOR_GROUP = "issue_renew"  # the places held against the monthly floor
ENTITY = "capacity_template"


@dataclass(frozen=True)
class PlanDraft:
    """A plan as an administrator enters it: places per band of a kind of day over a period."""

    center_id: str
    group: str
    day_kind: str
    valid_from: date
    valid_to: date
    band_start: time
    band_end: time
    places: int
    band_minutes: int = 15
    note: str = ""


@dataclass
class _Unsaved:
    """A draft as a template the capacity rules read (its id sorts after every saved one)."""

    id: int
    day_kind: str
    valid_from: date
    valid_to: date
    band_start: time
    band_end: time
    band_minutes: int
    places: int


@dataclass(frozen=True)
class MonthFigure:
    """One month the plan touches: issue/renew places of every centre, now and with the plan."""

    month: str
    floor: int
    before: int
    after: int
    empty_days: int  # open days of the plan's centre with no places of its group, with the plan

    @property
    def meets_floor(self) -> bool:
        """True when the month offers at least the floor with the plan."""
        return self.after >= self.floor


@dataclass(frozen=True)
class PlanPreview:
    """What saving the draft would do: the months against the floor, and the conflicts."""

    months: tuple[MonthFigure, ...]
    conflicts: tuple[SlotConflict, ...]


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
    errors.raise_if_any()


def _unsaved(draft: PlanDraft) -> _Unsaved:
    return _Unsaved(
        2**62, draft.day_kind, draft.valid_from, draft.valid_to, draft.band_start,
        draft.band_end, draft.band_minutes, draft.places,
    )  # fmt: skip


def _months(first: date, last: date) -> list[tuple[date, date]]:
    found, at = [], first.replace(day=1)
    while at <= last:
        found.append(month_range(at.year, at.month))
        at = (at + timedelta(days=32)).replace(day=1)
    return found


@dataclass(frozen=True)
class _Change:
    """A plan about to be added (`extra`) or removed (`without`), for the preview."""

    center_id: str
    group: str
    start: date
    end: date
    extra: tuple[_Unsaved, ...] = ()
    without: int | None = None

    def templates(self, session: Session, first: date, last: date) -> list[TemplateLike]:
        """The centre's templates of the group over the dates, as they would be."""
        saved = directory.templates(session, self.center_id, self.group, first, last)
        kept: list[TemplateLike] = [t for t in saved if t.id != self.without]
        return [*kept, *self.extra]


def _month_places(
    session: Session, change: _Change, month: tuple[date, date], *, changed: bool
) -> tuple[int, int]:
    """A centre's places of a group in a month (now, or with the change), and its open days
    that offer none."""
    first, last = month
    if changed:
        templates = change.templates(session, first, last)
    else:
        templates = list(directory.templates(session, change.center_id, change.group, first, last))
    overrides = directory.overrides(session, change.center_id, change.group, first, last)
    closures = directory.closures(session, first, last)
    memo: BandMemo = {}
    total, empty = 0, 0
    for offset in range((last - first).days + 1):
        hours = centre_day(change.center_id, first + timedelta(days=offset), closures)
        planned = is_planned(templates, hours.day)
        bands = day_bands(hours, templates, overrides, memo=memo) if planned else []
        places = sum(b.places for b in bands)
        total += places
        empty += hours.open and not places
    return total, empty


def _month_figure(session: Session, change: _Change, month: tuple[date, date]) -> MonthFigure:
    before = 0
    for center in directory.centers(session):
        floor_plan = _Change(center.id, FLOOR_GROUP, *month)
        before += _month_places(session, floor_plan, month, changed=False)[0]
    mine_before = _month_places(session, change, month, changed=False)[0]
    mine_after, empty = _month_places(session, change, month, changed=True)
    after = before + (mine_after - mine_before if change.group == FLOOR_GROUP else 0)
    label = f"{month[0].year:04d}-{month[0].month:02d}"
    return MonthFigure(label, MONTHLY_FLOOR, before, after, empty)


def _preview(session: Session, change: _Change, today: date) -> PlanPreview:
    start, end = max(change.start, today), change.end
    months = tuple(_month_figure(session, change, m) for m in _months(start, end))
    templates = change.templates(session, start, end)
    found = slot_sync.conflicts(session, change.center_id, change.group, start, end, templates)
    return PlanPreview(months, tuple(found))


def _future(draft: PlanDraft, today: date) -> tuple[date, date]:
    return max(draft.valid_from, today), draft.valid_to


def preview_plan(uow: UnitOfWork, draft: PlanDraft, *, now: datetime) -> PlanPreview:
    """What saving the draft would do, without saving it."""
    today = now.astimezone(TOKYO).date()
    with uow:
        _check(uow.session, draft, today)
        change = _Change(
            draft.center_id, draft.group, draft.valid_from, draft.valid_to, (_unsaved(draft),)
        )
        return _preview(uow.session, change, today)


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
        change = _Change(row.center_id, row.group, row.valid_from, row.valid_to, without=row.id)
        return _preview(uow.session, change, today)


def add_plan(uow: UnitOfWork, draft: PlanDraft, *, now: datetime, actor: Actor) -> PlanSaved:
    """Save a plan and bring the slot rows of its future days in line with it."""
    today = now.astimezone(TOKYO).date()
    with uow:
        session = uow.session
        _check(session, draft, today)
        row = CapacityTemplate(**draft.__dict__)
        session.add(row)
        session.flush()
        result = slot_sync.sync(session, draft.center_id, draft.group, *_future(draft, today))
        audit.record(
            session, actor=actor, action="capacity_plan.add", entity=ENTITY, entity_id=row.id,
            at=now, center=draft.center_id, group=draft.group, day_kind=draft.day_kind,
            valid_from=draft.valid_from.isoformat(), valid_to=draft.valid_to.isoformat(),
            places=draft.places, conflicts=len(result.conflicts),
        )  # fmt: skip
        uow.commit()
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
