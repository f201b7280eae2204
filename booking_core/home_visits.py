"""Home-visit requests (訪問申請支援・訪問交付): taken from residents, arranged by staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import audit, directory
from booking_core.db import UnitOfWork
from booking_core.errors import FieldErrors
from booking_core.identifiers import contains_my_number, new_reference
from booking_core.policy import Actor
from booking_core.visit_models import HomeVisit

VISIT_GROUP = "visit"
LIMITS = {"name": 100, "kana": 100, "address": 200, "facility": 100, "access_notes": 500}
REFERENCE_DIGITS = 8  # 受付番号: shorter than a booking's 10 digits, so the two never mix


@dataclass(frozen=True)
class HomeVisitRequest:
    """What a resident (or family member) tells us so staff can arrange a visit."""

    service: str
    name: str
    kana: str
    birth_date: date
    phone: str
    address: str
    facility: str = ""
    access_notes: str = ""
    language: str = "ja"


@dataclass(frozen=True)
class HomeVisitDetails:
    """A request as staff and the resident see it."""

    reference: str
    service_code: str
    name: str
    kana: str
    birth_date: date
    phone: str
    address: str
    facility: str
    access_notes: str
    status: str
    created_at: datetime

    @classmethod
    def of(cls, v: HomeVisit) -> HomeVisitDetails:
        """Copy a row into plain values."""
        return cls(v.reference, v.service_code, v.name, v.kana, v.birth_date, v.phone,
                   v.address, v.facility, v.access_notes, v.status, v.created_at)  # fmt: skip


def _check(session: Session, req: HomeVisitRequest) -> None:
    problems = FieldErrors()
    service = next((s for s in directory.services(session) if s.code == req.service), None)
    if service is None or service.group != VISIT_GROUP:
        problems.add("service", "invalid")
    for name in ("name", "kana", "address"):
        if not getattr(req, name).strip():
            problems.add(name, "required")
    for name, most in LIMITS.items():
        value = getattr(req, name)
        if len(value) > most:
            problems.add(name, "too_long")
        elif contains_my_number(value):
            problems.add(name, "my_number")
    if not req.phone:
        problems.add("phone", "required")
    problems.raise_if_any()


def _new_reference(session: Session) -> str:
    while True:
        candidate = new_reference(length=REFERENCE_DIGITS)
        if session.scalar(select(HomeVisit.id).where(HomeVisit.reference == candidate)) is None:
            return candidate


def request_home_visit(
    uow: UnitOfWork, req: HomeVisitRequest, *, now: datetime, actor: Actor
) -> HomeVisitDetails:
    """Record a home-visit request (audited); staff then call the resident to arrange it."""
    with uow:
        session = uow.session
        _check(session, req)
        visit = HomeVisit(
            reference=_new_reference(session),
            service_code=req.service,
            **{k: getattr(req, k) for k in ("name", "kana", "birth_date", "phone", "address")},
            facility=req.facility,
            access_notes=req.access_notes,
            language=req.language,
            channel=actor.channel,
            status="requested",
            created_at=now,
        )
        session.add(visit)
        session.flush()
        audit.record(session, actor=actor, action="home_visit.request", entity="home_visit",
                     entity_id=visit.reference, at=now)  # fmt: skip
        made = HomeVisitDetails.of(visit)
        uow.commit()
        return made


def visits_for_phone(
    uow: UnitOfWork, *, phone: str, now: datetime, actor: Actor, reason: str
) -> list[HomeVisitDetails]:
    """Open home-visit requests left with a phone number, newest first (each read audited)."""
    with uow:
        found = list(
            uow.session.scalars(
                select(HomeVisit)
                .where(HomeVisit.phone == phone, HomeVisit.status == "requested")
                .order_by(HomeVisit.created_at.desc())
                .limit(10)
            )
        )
        for visit in found:
            audit.record(uow.session, actor=actor, action="home_visit.read", entity="home_visit",
                         entity_id=visit.reference, at=now, reason=reason)  # fmt: skip
        shown = [HomeVisitDetails.of(v) for v in found]
        uow.commit()
        return shown
