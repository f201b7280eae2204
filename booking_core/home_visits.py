"""Home-visit requests (訪問申請支援・訪問交付): one request from any channel, and its reads.

A request comes from the residents' web form, the API, an agent on the phone, or a facility's
list of several residents at once; coordinators then schedule it (booking_core.visit_life).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core import audit, custody, directory
from booking_core.db import UnitOfWork
from booking_core.errors import (
    AlreadyBooked,
    BookingError,
    CardNotReady,
    FieldErrors,
    InvalidRequest,
    NotFound,
)
from booking_core.identifiers import contains_my_number, new_reference
from booking_core.models import CardReadyRecord
from booking_core.policy import Actor
from booking_core.visit_models import HomeVisit

VISIT_GROUP = "visit"
ISSUE_AT_HOME = "visit-issue"
LIMITS = {"name": 100, "kana": 100, "address": 200, "facility": 100, "access_notes": 500}
REFERENCE_DIGITS = 8  # 受付番号: shorter than a booking's 10 digits, so the two never mix
OPEN = ("requested", "scheduled", "not_at_home")  # a request still to be visited
# Why the resident cannot come to a centre: the city's first eligibility question.
REASONS = ("bedridden", "care_facility", "disability", "hospital", "other")
# What the resident prepares, per service (words in the channels' catalogs).
DOCUMENTS = {
    "visit-apply": ("identity_documents", "application_form", "notification_card"),
    ISSUE_AT_HOME: ("delivery_notice", "identity_documents", "old_card", "pin_choice"),
}
POSTCODE = re.compile(r"〒?\s*(\d{3})[-－‐]?(\d{4})")


class VisitRefused(BookingError):
    """A move the request's life does not allow now; `state` is where the request is."""

    code = "visit_refused"

    def __init__(self, state: str, message: str = "") -> None:
        super().__init__(message or f"Not allowed while the request is {state}")
        self.state = state


@dataclass(frozen=True)
class HomeVisitRequest:
    """What a resident (or family member, agent or facility) tells us to arrange a visit."""

    service: str
    name: str
    kana: str
    birth_date: date
    phone: str
    address: str
    facility: str = ""
    access_notes: str = ""
    language: str = "ja"
    reason: str = "other"
    notice_number: str | None = None
    postcode: str = ""


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
    reason: str = "other"
    notice_number: str | None = None
    ward_id: str | None = None
    postcode: str = ""
    visit_day: date | None = None
    team_id: int | None = None
    city_staff_id: int | None = None
    route_order: int | None = None
    note: str = ""
    documents: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, v: HomeVisit) -> HomeVisitDetails:
        """Copy a row into plain values."""
        return cls(v.reference, v.service_code, v.name, v.kana, v.birth_date, v.phone,
                   v.address, v.facility, v.access_notes, v.status, v.created_at, v.reason,
                   v.notice_number, v.ward_id, v.postcode, v.visit_day, v.team_id,
                   v.city_staff_id, v.route_order, v.note,
                   DOCUMENTS.get(v.service_code, ()))  # fmt: skip


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
    if req.reason not in REASONS:
        problems.add("reason", "invalid")
    if req.service == ISSUE_AT_HOME and not req.notice_number:
        problems.add("notice_number", "required")
    problems.raise_if_any()


def ready_card_for(session: Session, notice_number: str, birth_date: date) -> CardReadyRecord:
    """The card a home issuance hands over: on the ready list, at its ward, booked nowhere."""
    card = session.get(CardReadyRecord, notice_number)
    if card is None or card.birth_date != birth_date or card.status not in custody.AT_THE_WARD:
        raise CardNotReady("No card ready at its ward for that notice number and birth date")
    if custody.card_booking(session, notice_number) is not None:
        raise AlreadyBooked("The card is booked for issuance at a centre")
    return card


def ward_of(session: Session, address: str) -> str | None:
    """The ward (the request's area) named in a Yokohama address, if any."""
    return next((w.id for w in directory.wards(session) if w.name_ja in address), None)


def postcode_of(req: HomeVisitRequest) -> str:
    """The postcode given, or read from the address (for ordering a day's route)."""
    found = POSTCODE.search(req.postcode or req.address)
    return f"{found.group(1)}{found.group(2)}" if found else ""


def _already_open(session: Session, req: HomeVisitRequest) -> bool:
    same = (HomeVisit.service_code == req.service, HomeVisit.status.in_(OPEN))
    person: tuple[Any, ...] = (HomeVisit.birth_date == req.birth_date, HomeVisit.kana == req.kana)
    if req.notice_number:
        person = (HomeVisit.notice_number == req.notice_number,)
    return session.scalar(select(HomeVisit.id).where(*same, *person).limit(1)) is not None


def _new_reference(session: Session) -> str:
    while True:
        candidate = new_reference(length=REFERENCE_DIGITS)
        if session.scalar(select(HomeVisit.id).where(HomeVisit.reference == candidate)) is None:
            return candidate


def add_request(
    session: Session, req: HomeVisitRequest, *, now: datetime, actor: Actor
) -> HomeVisit:
    """Check and add one request in the current transaction (audited); not committed."""
    _check(session, req)
    ward_id = ward_of(session, req.address)
    if req.service == ISSUE_AT_HOME:
        ward_id = ready_card_for(session, req.notice_number or "", req.birth_date).ward_id
    if _already_open(session, req):
        raise AlreadyBooked("An open home-visit request exists for this person and service")
    visit = HomeVisit(
        reference=_new_reference(session), service_code=req.service, name=req.name,
        kana=req.kana, birth_date=req.birth_date, phone=req.phone, address=req.address,
        facility=req.facility, access_notes=req.access_notes, language=req.language,
        channel=actor.channel, status="requested", created_at=now, reason=req.reason,
        notice_number=req.notice_number if req.service == ISSUE_AT_HOME else None,
        ward_id=ward_id, postcode=postcode_of(req), note="",
    )  # fmt: skip
    session.add(visit)
    session.flush()
    audit.record(session, actor=actor, action="home_visit.request", entity="home_visit",
                 entity_id=visit.reference, at=now)  # fmt: skip
    return visit


def request_home_visit(
    uow: UnitOfWork, req: HomeVisitRequest, *, now: datetime, actor: Actor
) -> HomeVisitDetails:
    """Record a home-visit request (audited); coordinators then schedule it."""
    with uow:
        made = HomeVisitDetails.of(add_request(uow.session, req, now=now, actor=actor))
        uow.commit()
        return made


def request_for_residents(
    uow: UnitOfWork, reqs: list[HomeVisitRequest], *, now: datetime, actor: Actor
) -> list[HomeVisitDetails]:
    """A facility's list of several residents: every request, or none (errors per line)."""
    with uow:
        made = []
        for line, req in enumerate(reqs, start=1):
            try:
                made.append(
                    HomeVisitDetails.of(add_request(uow.session, req, now=now, actor=actor))
                )
            except InvalidRequest as bad:
                fields = {f"{line}.{name}": code for name, code in bad.fields.items()}
                raise InvalidRequest(bad.message, fields=fields) from bad
        uow.commit()
        return made


def find(session: Session, reference: str) -> HomeVisit:
    """The request with this receipt number, or NotFound."""
    found = session.scalar(select(HomeVisit).where(HomeVisit.reference == reference))
    if found is None:
        raise NotFound("No home-visit request with that receipt number")
    return found


def request_status(
    uow: UnitOfWork, *, reference: str, birth_date: date, now: datetime, actor: Actor
) -> HomeVisitDetails:
    """A resident's own request by receipt number and birth date (NotFound when either is
    wrong; the read is audited)."""
    with uow:
        found = uow.session.scalar(select(HomeVisit).where(HomeVisit.reference == reference))
        if found is None or found.birth_date != birth_date:
            raise NotFound("No home-visit request with that receipt number and birth date")
        audit.record(uow.session, actor=actor, action="home_visit.read", entity="home_visit",
                     entity_id=reference, at=now)  # fmt: skip
        shown = HomeVisitDetails.of(found)
        uow.commit()
        return shown


def visits_for_phone(
    uow: UnitOfWork, *, phone: str, now: datetime, actor: Actor, reason: str
) -> list[HomeVisitDetails]:
    """Open home-visit requests left with a phone number, newest first (each read audited)."""
    with uow:
        found = list(
            uow.session.scalars(
                select(HomeVisit)
                .where(HomeVisit.phone == phone, HomeVisit.status.in_(OPEN))
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


def open_requests(
    uow: UnitOfWork, *, status: str | None, ward_id: str | None, now: datetime, actor: Actor
) -> list[HomeVisitDetails]:
    """Requests for the coordinator, by status and area, oldest first (the read is audited)."""
    with uow:
        query = select(HomeVisit).order_by(HomeVisit.created_at, HomeVisit.id).limit(500)
        query = query.where(HomeVisit.status == status) if status else query
        query = query.where(HomeVisit.ward_id == ward_id) if ward_id else query
        found = [HomeVisitDetails.of(v) for v in uow.session.scalars(query)]
        audit.record(uow.session, actor=actor, action="home_visit.list", entity="home_visit",
                     entity_id=status or "all", at=now, ward=ward_id or "",
                     references=[v.reference for v in found])  # fmt: skip
        uow.commit()
        return found
