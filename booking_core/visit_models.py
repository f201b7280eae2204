"""Home visits (訪問申請支援・訪問交付): requests, the teams that visit, and the city's staff."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from booking_core.models import Base, Moment


class HomeVisit(Base):
    """A resident's request for a home visit, from any channel, and the visit it becomes.

    Its life (booking_core.home_visits.MOVES): requested -> scheduled -> done | not_at_home;
    postponed back to requested; cancelled from any open state.
    """

    __tablename__ = "home_visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("service.code"))
    name: Mapped[str] = mapped_column(String(100))
    kana: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    address: Mapped[str] = mapped_column(String(200))
    facility: Mapped[str] = mapped_column(String(100), default="")
    access_notes: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="ja")
    channel: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="requested", index=True)
    created_at: Mapped[datetime] = mapped_column(Moment())
    # what the city asks before a visit (booking_core.home_visits.ELIGIBILITY)
    reason: Mapped[str] = mapped_column(String(20), default="other")
    notice_number: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 訪問交付
    ward_id: Mapped[str | None] = mapped_column(ForeignKey("ward.id"), nullable=True)
    postcode: Mapped[str] = mapped_column(String(8), default="")
    visit_day: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("visit_team.id"), nullable=True)
    city_staff_id: Mapped[int | None] = mapped_column(ForeignKey("city_staff.id"), nullable=True)
    route_order: Mapped[int | None] = mapped_column(Integer, nullable=True)  # manual order
    note: Mapped[str] = mapped_column(String(200), default="")  # why postponed, cancelled...


class CityStaff(Base):
    """A city staff member (委託者職員) who may accompany visits: the list the city keeps."""

    __tablename__ = "city_staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    section: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class VisitTeam(Base):
    """A home-visit team: operator staff from a centre and how many visits it makes a day."""

    __tablename__ = "visit_team"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("center.id"))
    operators: Mapped[str] = mapped_column(String(200))  # the operator staff, by name
    daily_visits: Mapped[int] = mapped_column(Integer, default=3)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class HomeVisitEvent(Base):
    """One move of a request (scheduled, done, postponed...): who, when, the visit day."""

    __tablename__ = "home_visit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    home_visit_id: Mapped[int] = mapped_column(ForeignKey("home_visit.id"), index=True)
    move: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(Moment(), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    visit_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")
