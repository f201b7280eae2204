"""SQLAlchemy models: the tables behind centres, capacity, bookings, cards and the audit trail."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from booking_core.clock import TOKYO

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Moment(TypeDecorator[datetime]):
    """A tz-aware moment stored as naive UTC (the same on SQLite and PostgreSQL), read in Tokyo."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store as naive UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a Moment column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Read back as Asia/Tokyo."""
        return None if value is None else value.replace(tzinfo=UTC).astimezone(TOKYO)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for Alembic."""

    metadata = MetaData(naming_convention=NAMING)


class Center(Base):
    """A special centre (特設センター)."""

    __tablename__ = "center"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_ja: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    station_ja: Mapped[str] = mapped_column(String(50))
    station_en: Mapped[str] = mapped_column(String(50))
    address: Mapped[str] = mapped_column(String(200))
    reception_windows: Mapped[int] = mapped_column(Integer)
    issue_windows: Mapped[int] = mapped_column(Integer)
    ivr_key: Mapped[str] = mapped_column(String(1), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Ward(Base):
    """A ward office (区役所), where cards wait before they travel to a centre."""

    __tablename__ = "ward"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_ja: Mapped[str] = mapped_column(String(20), unique=True)
    name_en: Mapped[str] = mapped_column(String(40))


class WardAssignment(Base):
    """Which centre serves a ward, over an effective date range (valid_to inclusive, None open)."""

    __tablename__ = "ward_assignment"
    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[str] = mapped_column(ForeignKey("ward.id"), index=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("center.id"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)


class Service(Base):
    """A procedure (業務) residents book: issue, apply, cert, ..."""

    __tablename__ = "service"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_ja: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80))
    group: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)
    booking_required: Mapped[bool] = mapped_column(Boolean)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # Editable by administrators (booking_core.admin_reference): the key in the phone menu of
    # other procedures, and the channels that may book it ("web,phone,staff").
    ivr_key: Mapped[str | None] = mapped_column(String(1), nullable=True)
    channels: Mapped[str] = mapped_column(
        String(40), default="web,phone,staff", server_default="web,phone,staff"
    )


class CapacityTemplate(Base):
    """Places per time band of a centre and service group, for a kind of day and a date range."""

    __tablename__ = "capacity_template"
    __table_args__ = (CheckConstraint("places >= 0", name="places_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("center.id"), index=True)
    group: Mapped[str] = mapped_column(String(20))
    day_kind: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    band_start: Mapped[time] = mapped_column(Time)
    band_end: Mapped[time] = mapped_column(Time)
    band_minutes: Mapped[int] = mapped_column(Integer, default=15)
    places: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")


class CapacityOverride(Base):
    """Places per band on one date for a stretch of the day (a quiet morning, an event day)."""

    __tablename__ = "capacity_override"
    __table_args__ = (CheckConstraint("places >= 0", name="places_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("center.id"))
    group: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date, index=True)
    band_start: Mapped[time] = mapped_column(Time)
    band_end: Mapped[time] = mapped_column(Time)
    places: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")


class ClosureRecord(Base):
    """An ad hoc closure (臨時休所): one centre, all (center_id NULL) or the call centre."""

    __tablename__ = "closure"
    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    start: Mapped[time | None] = mapped_column(Time, nullable=True)
    end: Mapped[time | None] = mapped_column(Time, nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(Moment())


class Slot(Base):
    """The places of one band: the row the conditional UPDATE holds capacity on."""

    __tablename__ = "slot"
    __table_args__ = (
        UniqueConstraint("center_id", "group", "day", "start", name="uq_slot_band"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="booked_within_capacity"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("center.id"))
    group: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[time] = mapped_column(Time)
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)


class Booking(Base):
    """A resident's appointment (予約)."""

    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint("party_size BETWEEN 1 AND 10", name="party_size_range"),
        CheckConstraint(
            "status IN ('active', 'checked_in', 'completed', 'no_show', 'cancelled')",
            name="known_status",
        ),
        Index(
            "uq_booking_active_person",
            "service_code",
            "person_key",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
        Index("ix_booking_phone", "phone"),
        Index("ix_booking_center_day", "center_id", "day"),
        Index("ix_booking_day", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("center.id"))
    service_code: Mapped[str] = mapped_column(ForeignKey("service.code"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[time] = mapped_column(Time)
    party_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="active")
    name: Mapped[str] = mapped_column(String(100), default="")
    kana: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    birth_date: Mapped[date] = mapped_column(Date)
    address: Mapped[str] = mapped_column(String(200), default="")
    notice_number: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    person_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    channel: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(5), default="ja")
    idempotency_key: Mapped[str | None] = mapped_column(String(100), nullable=True, unique=True)
    request_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(Moment())
    updated_at: Mapped[datetime] = mapped_column(Moment())
    cancelled_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    checked_in_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    completed_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    no_show_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    # False: the resident asked for no reminder before the appointment (booking_core.reminders).
    reminders: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Set when the retention job removed the personal data (booking_core.retention).
    anonymised_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)


class WalkIn(Base):
    """A resident served without a booking (当日受付): a numbered ticket from a band's walk-in
    places, which the capacity plan holds back as the `walk_in` group."""

    __tablename__ = "walk_in"
    __table_args__ = (
        CheckConstraint("party_size BETWEEN 1 AND 10", name="party_size_range"),
        UniqueConstraint("center_id", "day", "number", name="uq_walk_in_ticket"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[str] = mapped_column(ForeignKey("center.id"))
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    service_code: Mapped[str] = mapped_column(ForeignKey("service.code"))
    party_size: Mapped[int] = mapped_column(Integer)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id"))
    at: Mapped[datetime] = mapped_column(Moment())
    issued_by: Mapped[str] = mapped_column(String(64))


class CardImport(Base):
    """One upload of the card-ready list; its digest makes a repeated upload a no-op."""

    __tablename__ = "card_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    rows: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(Moment())
    imported_by: Mapped[str] = mapped_column(String(64))


class CardReadyRecord(Base):
    """A card set up and ready for issuance (交付準備完了) and where it is now (its custody)."""

    __tablename__ = "card_ready"
    notice_number: Mapped[str] = mapped_column(String(16), primary_key=True)
    birth_date: Mapped[date] = mapped_column(Date)
    ward_id: Mapped[str] = mapped_column(ForeignKey("ward.id"))
    ready_on: Mapped[date] = mapped_column(Date)
    import_id: Mapped[int] = mapped_column(ForeignKey("card_import.id"))
    status: Mapped[str] = mapped_column(String(12), default="at_ward")  # booking_core.custody
    carried_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # the transport day


class CardCustodyEvent(Base):
    """One hand-over of a card (ward, courier, centre, resident, or back): who, when, where."""

    __tablename__ = "card_custody_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_number: Mapped[str] = mapped_column(ForeignKey("card_ready.notice_number"), index=True)
    event: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(Moment())
    actor: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(32))


class AuditEvent(Base):
    """Who read or changed which resident record, when (never the data itself)."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(Moment(), index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(40), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class StaffUser(Base):
    """A member of staff who logs in: agent, reception, transport, supervisor or admin."""

    __tablename__ = "staff_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    # Second factor (supervisors, admins): the TOTP secret (base32) and the last time step a
    # code was accepted for, so a code is never accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)


class Notification(Base):
    """A text owed to a resident (the outbox, booking_core.notices) and how sending it went.

    The unique (booking, kind) row stops a text being owed twice; the job's conditional UPDATE
    of the status stops it being sent twice. Statuses: booking_core.notices.
    """

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("booking_id", "kind", name="uq_notification_once"),
        UniqueConstraint("home_visit_id", "kind", name="uq_notification_visit_once"),
        # The relay's question, "what is still owed?", reads only the few rows not yet sent.
        Index(
            "ix_notification_owed",
            "status",
            "id",
            postgresql_where=text("status IN ('pending', 'queued', 'sending')"),
            sqlite_where=text("status IN ('pending', 'queued', 'sending')"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"), nullable=True)
    # or a home visit's text (booking_core.visit_notices): exactly one of the two is set
    home_visit_id: Mapped[int | None] = mapped_column(ForeignKey("home_visit.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    created_at: Mapped[datetime] = mapped_column(Moment())
    queued_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    taken_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)  # by its job
    sent_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    provider_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Not to be relayed before this moment (reminders wait for their hour; calls for the line's).
    not_before: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
