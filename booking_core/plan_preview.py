"""The preview of a capacity plan (受付枠の計画) before it is saved or removed: the issue/renew
places of every month it touches against the 50,000 floor, and the bands already holding more
people than the plan would give them (booking_core.capacity_plans saves and removes plans)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy.orm import Session

from booking_core import directory, slot_sync
from booking_core.calendar import centre_day
from booking_core.capacity import BandMemo, TemplateLike, day_bands, is_planned
from booking_core.reference_data import MONTHLY_FLOOR, TemplateData
from booking_core.reports import month_range
from booking_core.slot_sync import SlotConflict

FLOOR_GROUP = "issue_renew"  # the places held against the monthly floor


@dataclass(frozen=True)
class PlanDraft(TemplateData):
    """A plan as an administrator enters it: places per band of a kind of day over a period (a
    template's fields), and for 受付 the share held back for walk-ins."""

    # 受付 only: the percentage of each band's places held back for walk-ins (当日受付), saved
    # as a plan of the walk_in group beside the reception one (default ours: 20, WALK_IN_SHARE).
    walk_in_share: int | None = None


@dataclass
class Unsaved:
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


def unsaved(draft: PlanDraft) -> Unsaved:
    return Unsaved(
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
class Change:
    """A plan about to be added (`extra`) or removed (`without`), for the preview."""

    center_id: str
    group: str
    start: date
    end: date
    extra: tuple[Unsaved, ...] = ()
    without: int | None = None

    def templates(self, session: Session, first: date, last: date) -> list[TemplateLike]:
        """The centre's templates of the group over the dates, as they would be."""
        saved = directory.templates(session, self.center_id, self.group, first, last)
        kept: list[TemplateLike] = [t for t in saved if t.id != self.without]
        return [*kept, *self.extra]


def _month_places(
    session: Session, change: Change, month: tuple[date, date], *, changed: bool
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


def _month_figure(session: Session, change: Change, month: tuple[date, date]) -> MonthFigure:
    before = 0
    for center in directory.centers(session):
        floor_plan = Change(center.id, FLOOR_GROUP, *month)
        before += _month_places(session, floor_plan, month, changed=False)[0]
    mine_before = _month_places(session, change, month, changed=False)[0]
    mine_after, empty = _month_places(session, change, month, changed=True)
    after = before + (mine_after - mine_before if change.group == FLOOR_GROUP else 0)
    label = f"{month[0].year:04d}-{month[0].month:02d}"
    return MonthFigure(label, MONTHLY_FLOOR, before, after, empty)


def preview(session: Session, change: Change, today: date) -> PlanPreview:
    start, end = max(change.start, today), change.end
    months = tuple(_month_figure(session, change, m) for m in _months(start, end))
    templates = change.templates(session, start, end)
    found = slot_sync.conflicts(session, change.center_id, change.group, start, end, templates)
    return PlanPreview(months, tuple(found))
