"""Call-centre tables: agents' skills, call records with wrap-up codes, half-hour history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
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
