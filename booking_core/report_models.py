"""Report tables: every call to the line as it ended, and city reports kept once closed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from booking_core.models import Base, Moment


class PhoneMenuCall(Base):
    """One call to the line, written when it ended: what the phone menu (IVR) did for the caller
    and, when it went on to an agent queue, how that ended. No number, no name: figures only."""

    __tablename__ = "phone_menu_call"
    id: Mapped[int] = mapped_column(primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), unique=True)
    ended_at: Mapped[datetime] = mapped_column(Moment(), index=True)
    language: Mapped[str] = mapped_column(String(5), default="ja")
    outcome: Mapped[str] = mapped_column(String(12))  # booking_core.phone_menu_calls.OUTCOMES
    actions: Mapped[str] = mapped_column(String(200), default="")  # what the menu did, in order
    queue: Mapped[str | None] = mapped_column(String(20), nullable=True)
    queue_result: Mapped[str | None] = mapped_column(String(12), nullable=True)
    wait_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ReportSnapshot(Base):
    """A city report made after its day or month closed; a closed period is served from here."""

    __tablename__ = "report_snapshot"
    __table_args__ = (UniqueConstraint("kind", "period", name="uq_report_snapshot_period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "daily" or "monthly"
    period: Mapped[str] = mapped_column(String(10))  # 2026-11-02 or 2026-11
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    made_at: Mapped[datetime] = mapped_column(Moment())
