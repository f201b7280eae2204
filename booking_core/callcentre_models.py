"""Call-centre tables: agents' skills, call records with wrap-up codes, half-hour history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from booking_core.models import Base, Moment


class AgentSkill(Base):
    """The queues (topics) and languages an agent can take (スキル)."""

    __tablename__ = "agent_skill"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    topics: Mapped[str] = mapped_column(String(200), default="general,booking,visit")
    languages: Mapped[str] = mapped_column(String(100), default="ja")


class CallRecord(Base):
    """One handled call or callback: who took it, the wrap-up code (後処理コード) and notes."""

    __tablename__ = "call_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), unique=True)
    agent: Mapped[str] = mapped_column(String(64), index=True)
    queue: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10), default="call")
    wrap_code: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    wrapped_at: Mapped[datetime] = mapped_column(Moment(), index=True)
    # The inquiry record (問い合わせ記録): what the call was about, the caller's number (for the
    # customer timeline) and, for a complaint, the escalation to the city until it is closed.
    topic: Mapped[str] = mapped_column(String(30), default="", index=True)
    caller: Mapped[str] = mapped_column(String(20), default="", index=True)
    escalation: Mapped[str] = mapped_column(String(10), default="", index=True)
    escalation_closed_by: Mapped[str] = mapped_column(String(64), default="")
    escalation_closed_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)


class InquiryTopic(Base):
    """A topic of the city's list (問い合わせ区分); the city edits it, a used one is retired."""

    __tablename__ = "inquiry_topic"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_ja: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60))
    complaint: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class IntervalStat(Base):
    """A queue's figures over one half-hour (30分インターバル), kept for charts and CSV."""

    __tablename__ = "interval_stat"
    __table_args__ = (UniqueConstraint("queue", "start", name="uq_interval_stat_queue_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    queue: Mapped[str] = mapped_column(String(20))
    start: Mapped[datetime] = mapped_column(Moment(), index=True)
    offered: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    abandoned: Mapped[int] = mapped_column(Integer, default=0)
    answered_in_sl: Mapped[int] = mapped_column(Integer, default=0)
    wait_ms: Mapped[int] = mapped_column(Integer, default=0)
    handled: Mapped[int] = mapped_column(Integer, default=0)
    handle_ms: Mapped[int] = mapped_column(Integer, default=0)
    callbacks_served: Mapped[int] = mapped_column(Integer, default=0)
