"""Home-visit requests (訪問申請支援・訪問交付): what staff need to arrange a visit."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from booking_core.models import Base, Moment


class HomeVisit(Base):
    """A resident's request for a home visit; staff call back to fix the day and the team."""

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
    status: Mapped[str] = mapped_column(String(12), default="requested")
    created_at: Mapped[datetime] = mapped_column(Moment())
