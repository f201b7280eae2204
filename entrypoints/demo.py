"""Demo data for trying the system by hand: staff logins, ready cards and a few bookings."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from booking_core.availability import earliest_with_room
from booking_core.bookings import BookingRequest, create_booking
from booking_core.errors import BookingError
from booking_core.models import CardImport, CardReadyRecord, StaffUser
from booking_core.notices import waive
from booking_core.policy import Actor
from booking_core.staff import create_user
from entrypoints.visit_demo import load_visit_demo
from runtime.bootstrap import Runtime
from runtime.config import ConfigError

DEMO_PASSWORD = "mynacall-demo"
DEMO_STAFF = (
    ("agent1", "agent", "オペレーター 一郎"),
    ("agent2", "agent", "オペレーター 二葉"),
    ("reception1", "reception", "窓口 五月"),
    ("courier1", "transport", "輸送 六郎"),
    ("supervisor1", "supervisor", "SV 三郎"),
    ("admin1", "admin", "管理者 四子"),
    ("coord1", "visit_coordinator", "訪問調整 七海"),
)
# notice number, birth date, ward: fictitious residents for trying issuance bookings
DEMO_CARDS = (
    ("100000001", date(1950, 4, 1), "nishi"),
    ("100000002", date(1962, 8, 15), "kohoku"),
    ("100000003", date(1975, 1, 20), "konan"),
    ("100000004", date(1988, 11, 3), "asahi"),
    ("100000005", date(1944, 2, 29), "tsurumi"),
)
DEMO_RESIDENTS = (
    ("cert", "yokohama", "+819011110001", date(1960, 5, 5), "横浜 花子"),
    ("pin", "kamiooka", "+819011110002", date(1971, 7, 7), "港南 太郎"),
    ("cert", "center-kita", "+819011110003", date(1983, 3, 3), "都筑 みどり"),
)


def _staff(runtime: Runtime) -> None:
    with runtime.uow() as uow:
        have = set(uow.session.scalars(select(StaffUser.username)))
    for username, role, name in DEMO_STAFF:
        if username not in have:
            create_user(
                runtime.uow(),
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                now=runtime.clock.now(),
                display_name=name,
            )


def _cards(runtime: Runtime) -> None:
    today = runtime.clock.now().date()
    with runtime.uow() as uow:
        if uow.session.get(CardReadyRecord, DEMO_CARDS[0][0]) is not None:
            return
        batch = CardImport(
            digest="demo",
            rows=len(DEMO_CARDS),
            imported_at=runtime.clock.now(),
            imported_by="system:demo",
        )
        uow.session.add(batch)
        uow.session.flush()
        uow.session.add_all(
            CardReadyRecord(
                notice_number=n,
                birth_date=b,
                ward_id=w,
                import_id=batch.id,
                ready_on=today - timedelta(days=7),
            )
            for n, b, w in DEMO_CARDS
        )
        uow.commit()


def _bookings(runtime: Runtime) -> int:
    made: list[str] = []
    for service, center, phone, birth, name in DEMO_RESIDENTS:
        with runtime.uow() as uow:
            slot = earliest_with_room(
                uow.session,
                center_id=center,
                group="issue_renew" if service == "cert" else "reception",
                from_day=runtime.clock.now().date() + timedelta(days=2),
                party_size=1,
                now=runtime.clock.now(),
                policy=runtime.policy,
            )
        if slot is None:
            continue
        request = BookingRequest(
            service=service,
            center=center,
            day=slot.day,
            start=slot.start,
            birth_date=birth,
            phone=phone,
            name=name,
        )
        try:
            booked = create_booking(
                runtime.uow(),
                request,
                now=runtime.clock.now(),
                actor=Actor.system("demo"),
                policy=runtime.policy,
                idempotency_key=f"demo-{phone}",
            )
            made.append(booked.reference)
        except BookingError:
            continue  # already booked on an earlier run
    with runtime.uow() as uow:  # fictitious residents: their numbers may be somebody's
        waive(uow.session, made, reason="demo")
        uow.commit()
    return len(made)


def load_demo_data(runtime: Runtime) -> str:
    """Load (idempotently) demo staff, cards and bookings; returns a summary to print."""
    if runtime.settings.production:
        raise ConfigError("demo data is refused in production")
    _staff(runtime)
    _cards(runtime)
    load_visit_demo(runtime)
    made = _bookings(runtime)
    logins = ", ".join(u for u, _, _ in DEMO_STAFF)
    cards = ", ".join(f"{n}/{b.strftime('%Y%m%d')}" for n, b, _ in DEMO_CARDS[:2])
    return (
        f"demo data ready: staff {logins} (password {DEMO_PASSWORD}); "
        f"ready cards e.g. {cards}; {made} demo booking(s) in place"
    )


__all__ = ["DEMO_PASSWORD", "load_demo_data"]
