"""What a go-live import file would do: its rows checked against the calendar, the capacity
plan and the bookings already made, and the bands it would overbook (booking_core.booking_import
applies it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import directory, slots
from booking_core.calendar import TOKYO, centre_day, is_bookable_time
from booking_core.import_csv import (
    MESSAGES,
    Directory,
    ImportProblem,
    ImportRow,
    Reading,
    read_file,
)
from booking_core.models import Booking, Slot
from booking_core.policy import Policy

CHUNK = 500  # values in one IN (...) list
Band = tuple[str, str, date, time]


@dataclass(frozen=True)
class FullBand:
    """A band the file would overbook: its lines, the places wanted and those left."""

    center_id: str
    group: str
    day: date
    start: time
    wanted: int
    left: int
    lines: tuple[int, ...]


@dataclass
class ImportPlan:
    """What importing the file would do."""

    lines: int = 0
    new: list[ImportRow] = field(default_factory=list)
    already_imported: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    full_bands: list[FullBand] = field(default_factory=list)

    def importable(self, *, leave_out_full_bands: bool) -> list[ImportRow]:
        """The rows to write; empty when the file must be refused."""
        if self.problems or (self.full_bands and not leave_out_full_bands):
            return []
        full = {(b.center_id, b.group, b.day, b.start) for b in self.full_bands}
        return [row for row in self.new if row.band not in full]


def _directory(session: Session, now: datetime, policy: Policy) -> Directory:
    centers: dict[str, str] = {}
    for c in directory.centers(session):
        centers |= {c.id.lower(): c.id, c.name_ja: c.id, c.station_ja: c.id,
                    c.station_ja.removesuffix("駅"): c.id}  # fmt: skip
    services: dict[str, tuple[str, str]] = {}
    for s in directory.services(session):
        services |= {s.code.lower(): (s.code, s.group), s.name_ja: (s.code, s.group)}
    return Directory(centers, services, policy.max_party_size, policy.notice_number_digits,
                     now.date())  # fmt: skip


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def existing(session: Session, column: Any, values: Iterable[str], *where: Any) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(set(values))):
        found |= set(session.scalars(select(column).where(column.in_(chunk), *where)))
    return found


class _Planner:
    """Checks of the rows against the calendar, the plan and the bookings already made."""

    def __init__(self, session: Session, reading: Reading, now: datetime) -> None:
        self.session, self.reading, self.now = session, reading, now
        self.places: dict[tuple[str, str, date], dict[time, int]] = {}
        self.closures: dict[date, list[Any]] = {}

    def problem(self, row: ImportRow, column: str | None, code: str, **values: object) -> None:
        self.reading.add(row.line, column, code, **values)

    def timing(self, row: ImportRow) -> bool:
        """True when the band can take bookings (past, closed or not in the plan: a problem)."""
        if datetime.combine(row.day, row.start, TOKYO) <= self.now:
            self.problem(row, "date", "past")
            return False
        if row.day not in self.closures:
            self.closures[row.day] = directory.closures(self.session, row.day, row.day)
        hours = centre_day(row.center_id, row.day, self.closures[row.day])
        if not hours.open:
            self.problem(row, "date", "closed")
            return False
        if not is_bookable_time(hours, row.start):
            self.problem(row, "start", "outside_hours")
            return False
        if row.start not in self.day_places(row.band):
            self.problem(row, "start", "no_band")
            return False
        return True

    def day_places(self, band: Band) -> dict[time, int]:
        center, group, day, _ = band
        if (center, group, day) not in self.places:
            self.places[center, group, day] = slots.day_places(self.session, center, group, day)
        return self.places[center, group, day]

    def plan(self) -> ImportPlan:
        rows = self.reading.rows
        done = existing(self.session, Booking.idempotency_key, (r.key for r in rows))
        taken_refs = existing(self.session, Booking.reference,
                               (r.reference for r in rows if r.reference))  # fmt: skip
        holders = existing(self.session, Booking.person_key, (r.person_key for r in rows),
                            Booking.status == "active")  # fmt: skip
        result = ImportPlan(lines=self.reading.lines)
        first_ref: dict[str, int] = {}
        first_person: dict[tuple[str, str], int] = {}
        for row in rows:
            if row.key in done:
                result.already_imported += 1
                continue
            person = (row.person_key, row.service_code)
            if row.reference and (earlier := first_ref.setdefault(row.reference, row.line)) != (
                row.line
            ):
                self.problem(row, "reference", "duplicate_reference", earlier=earlier)
            elif row.reference in taken_refs:
                self.problem(row, "reference", "reference_in_use")
            elif (earlier := first_person.setdefault(person, row.line)) != row.line:
                self.problem(row, None, "duplicate_person", earlier=earlier)
            elif row.person_key in holders and self._holds(row):
                self.problem(row, None, "already_booked")
            elif self.timing(row):
                result.new.append(row)
        result.full_bands = self.full_bands(result.new)
        result.problems = sorted(self.reading.problems, key=lambda p: p.line)
        return result

    def _holds(self, row: ImportRow) -> bool:
        return (
            self.session.scalar(
                select(Booking.id).where(
                    Booking.person_key == row.person_key,
                    Booking.service_code == row.service_code,
                    Booking.status == "active",
                )
            )
            is not None
        )

    def full_bands(self, rows: list[ImportRow]) -> list[FullBand]:
        wanted: dict[Band, list[ImportRow]] = defaultdict(list)
        for row in rows:
            wanted[row.band].append(row)
        full = []
        for band, band_rows in sorted(wanted.items()):
            need = sum(r.party_size for r in band_rows)
            left = self.places_left(band)
            if need > left:
                lines = tuple(r.line for r in band_rows)
                full.append(FullBand(*band, wanted=need, left=left, lines=lines))
        return full

    def places_left(self, band: Band) -> int:
        center, group, day, start = band
        slot = self.session.execute(
            select(Slot.capacity, Slot.booked).where(
                Slot.center_id == center, Slot.group == group, Slot.day == day, Slot.start == start
            )
        ).first()
        if slot is not None:
            return max(0, slot.capacity - slot.booked)
        return self.day_places(band).get(start, 0)


def plan_file(session: Session, data: bytes, now: datetime, policy: Policy) -> ImportPlan:
    """Read the file and check every row (changes nothing)."""
    reading = read_file(data, _directory(session, now, policy))
    return _Planner(session, reading, now).plan()


def band_problems(plan: ImportPlan, names: dict[str, str]) -> list[ImportProblem]:
    """The overbooked bands as problems of the file (line 0), one per band."""
    return [
        ImportProblem(0, None, "band_full", "ファイル: " + MESSAGES["band_full"].format(
            center=names.get(b.center_id, b.center_id), day=b.day.isoformat(),
            start=b.start.strftime("%H:%M"), left=b.left, wanted=b.wanted,
        ) + f"（{'、'.join(str(n) for n in b.lines[:20])}行目）")
        for b in plan.full_bands
    ]  # fmt: skip
