"""Go-live import (移行): the current system's bookings brought over, so no place is sold twice.

A dry run lists every problem by line and every band the file would overbook. The import
itself runs in one transaction: any problem refuses the whole file; overbooked bands refuse it
too, unless staff decide to leave those bands out (whole: no band is half imported). Places
are taken with the same conditional UPDATE as a booking. A row imported before is recognised
by its fingerprint and skipped, so running the same file twice imports nothing more. Texts are
owed only when asked for.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core import audit, directory, notices, slots
from booking_core.calendar import TOKYO, centre_day, is_bookable_time
from booking_core.card_import import file_digest
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError
from booking_core.identifiers import new_reference
from booking_core.import_csv import (
    MESSAGES,
    Directory,
    ImportProblem,
    ImportRow,
    Reading,
    read_file,
)
from booking_core.models import Booking, Slot
from booking_core.policy import Actor, Policy

CHANNEL = "import"
CHUNK = 500  # values in one IN (...) list
Band = tuple[str, str, date, time]


class ImportRefused(BookingError):
    """The file was not imported; `problems` says why, line by line."""

    code = "import_refused"

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


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


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    imported: int
    already_imported: int
    left_out: tuple[FullBand, ...]
    notified: int


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


def _existing(session: Session, column: Any, values: Iterable[str], *where: Any) -> set[str]:
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
        done = _existing(self.session, Booking.idempotency_key, (r.key for r in rows))
        taken_refs = _existing(self.session, Booking.reference,
                               (r.reference for r in rows if r.reference))  # fmt: skip
        holders = _existing(self.session, Booking.person_key, (r.person_key for r in rows),
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
        result.problems = list(self.reading.problems)
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


def _plan(session: Session, data: bytes, now: datetime, policy: Policy) -> ImportPlan:
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


def preview_import(
    uow: UnitOfWork, data: bytes, *, now: datetime, actor: Actor, policy: Policy
) -> ImportPlan:
    """The dry run: every problem by line and every overbooked band; changes nothing (the look
    is audited)."""
    with uow:
        session = uow.session
        result = _plan(session, data, now, policy)
        uow.rollback()
        audit.record(
            session, actor=actor, action="booking_import.preview", entity="booking_import",
            entity_id=file_digest(data)[:40], at=now, lines=result.lines, new=len(result.new),
            problems=len(result.problems), full_bands=len(result.full_bands),
        )  # fmt: skip
        uow.commit()
        return result


def _references(session: Session, rows: list[ImportRow]) -> list[str]:
    """Each row's reference: its own, or a freshly drawn one used nowhere else."""
    refs = [row.reference or "" for row in rows]
    missing = [i for i, ref in enumerate(refs) if not ref]
    while missing:
        for i in missing:
            refs[i] = new_reference()
        clash = _existing(session, Booking.reference, (refs[i] for i in missing))
        seen = Counter(refs)
        missing = [i for i in missing if refs[i] in clash or seen[refs[i]] > 1]
    return refs


def _booking_row(row: ImportRow, reference: str, slot_id: int, now: datetime) -> dict[str, Any]:
    return {
        "reference": reference, "center_id": row.center_id, "service_code": row.service_code,
        "slot_id": slot_id, "day": row.day, "start": row.start, "party_size": row.party_size,
        "status": "active", "name": row.name, "kana": row.kana, "phone": row.phone,
        "birth_date": row.birth_date, "address": row.address, "notice_number": row.notice_number,
        "person_key": row.person_key, "channel": CHANNEL, "language": "ja",
        "idempotency_key": row.key, "request_digest": None, "version": 1, "created_at": now,
        "updated_at": now, "late": False,
    }  # fmt: skip


def _take_places(session: Session, rows: list[ImportRow]) -> dict[Band, int]:
    """Take each band's places for all its rows with a booking's conditional UPDATE; the slot
    ids. A band taken by someone else since the plan refuses the file (ImportRefused)."""
    wanted: dict[Band, int] = defaultdict(int)
    for row in rows:
        wanted[row.band] += row.party_size
    taken = {}
    for band, places in sorted(wanted.items()):
        slot_id = slots.take_band(session, *band, places)
        if slot_id is None:
            message = "ファイル: 取込み中に枠が埋まりました。もう一度確認してから取り込んでください"
            raise ImportRefused([ImportProblem(0, None, "band_taken", message)])
        taken[band] = slot_id
    return taken


def _write(session: Session, rows: list[ImportRow], *, now: datetime, actor: Actor,
           notify: bool) -> int:  # fmt: skip
    """Take the places, write the bookings and their audit events (and texts owed); how many
    texts are owed."""
    taken = _take_places(session, rows)
    refs = _references(session, rows)
    bookings = [_booking_row(r, ref, taken[r.band], now) for r, ref in zip(rows, refs, strict=True)]
    events = [
        audit.event_row(actor=actor, action="booking.import", entity="booking", entity_id=ref,
                        at=now) | {"detail": {"line": r.line}}
        for r, ref in zip(rows, refs, strict=True)
    ]  # fmt: skip
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(Booking), bookings[start : start + CHUNK])
        session.execute(audit.INSERT, events[start : start + CHUNK])
    texted = [
        ref for r, ref in zip(rows, refs, strict=True) if notify and notices.texts_go_to(r.phone)
    ]
    if texted:
        owed = [notices.owe_params(ref, notices.CONFIRMATION, now) for ref in texted]
        session.execute(notices.OWE_BY_REFERENCE, owed)
    return len(texted)


def import_bookings(
    uow: UnitOfWork,
    data: bytes,
    *,
    now: datetime,
    actor: Actor,
    policy: Policy,
    notify: bool = False,
    leave_out_full_bands: bool = False,
) -> ImportResult:
    """Import the file in one transaction (ImportRefused with every problem, nothing written).

    Rows imported before are skipped. Overbooked bands refuse the file unless
    `leave_out_full_bands`, which leaves each such band out whole. `notify` owes each new
    booking on a mobile its confirmation text.
    """
    with uow:
        session = uow.session
        plan = _plan(session, data, now, policy)
        if plan.problems or (plan.full_bands and not leave_out_full_bands):
            names = {c.id: c.name_ja for c in directory.centers(session)}
            raise ImportRefused(plan.problems + band_problems(plan, names))
        rows = plan.importable(leave_out_full_bands=leave_out_full_bands)
        try:
            notified = _write(session, rows, now=now, actor=actor, notify=notify) if rows else 0
        except IntegrityError as clash:  # a booking made meanwhile for the same person
            message = "ファイル: 取込み中に同じ方の予約が作られました。もう一度確認してください"
            raise ImportRefused([ImportProblem(0, None, "conflict", message)]) from clash
        audit.record(
            session, actor=actor, action="booking_import.run", entity="booking_import",
            entity_id=file_digest(data)[:40], at=now, lines=plan.lines, imported=len(rows),
            already_imported=plan.already_imported, bands_left_out=len(plan.full_bands),
            notified=notified,
        )  # fmt: skip
        uow.commit()
        return ImportResult(len(rows), plan.already_imported, tuple(plan.full_bands), notified)
