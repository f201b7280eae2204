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
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from booking_core import audit, directory, notices, slots
from booking_core.card_import import file_digest
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError
from booking_core.identifiers import new_reference
from booking_core.import_csv import ImportProblem, ImportRow
from booking_core.import_plan import (
    CHUNK,
    Band,
    FullBand,
    ImportPlan,
    band_problems,
    existing,
    plan_file,
)
from booking_core.models import Booking
from booking_core.policy import Actor, Policy

CHANNEL = "import"


class ImportRefused(BookingError):
    """The file was not imported; `problems` says why, line by line."""

    code = "import_refused"

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    imported: int
    already_imported: int
    left_out: tuple[FullBand, ...]
    notified: int


def preview_import(
    uow: UnitOfWork, data: bytes, *, now: datetime, actor: Actor, policy: Policy
) -> ImportPlan:
    """The dry run: every problem by line and every overbooked band; changes nothing (the look
    is audited)."""
    with uow:
        session = uow.session
        result = plan_file(session, data, now, policy)
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
        clash = existing(session, Booking.reference, (refs[i] for i in missing))
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
        plan = plan_file(session, data, now, policy)
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
