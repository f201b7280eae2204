"""書かない窓口: the pre-filled A4 form, for logged-in staff only, every view audited."""

from __future__ import annotations

from datetime import date
from html import unescape

from sqlalchemy import select

from agent_console import auth
from booking_core.bookings import create_booking
from booking_core.models import AuditEvent
from booking_core.policy import Actor
from booking_core.staff import create_user


def text_of(response) -> str:
    """The page's HTML as text, entities decoded."""
    return unescape(response.get_data(as_text=True))


def _booking(runtime, booking_request, clock) -> str:
    made = create_booking(
        runtime.uow(),
        booking_request(address="横浜市中区本町6-50-10", birth_date=date(1960, 5, 5)),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    return made.reference


def _log_in(client, runtime, clock) -> None:
    create_user(
        runtime.uow(),
        username="counter1",
        password="correct horse battery",
        role="agent",
        now=clock.now(),
        display_name="窓口 一子",
    )
    found = auth.login(
        runtime.redis,
        runtime.uow(),
        runtime.uow(),
        username="counter1",
        password="correct horse battery",
        client="test",
        now=clock.now(),
    )
    with client.session_transaction() as session:
        session[auth.SESSION_TOKEN] = found.token


def _form_prints(runtime) -> list[tuple[str, str]]:
    with runtime.uow() as uow:
        rows = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "booking.form_print")
        )
        return [(row.actor, row.entity_id) for row in rows]


def test_the_form_needs_a_staff_login(client, runtime, booking_request, clock):
    reference = _booking(runtime, booking_request, clock)
    response = client.get(f"/console/bookings/{reference}/form")
    assert response.status_code == 302 and response.location == "/console/login"
    assert _form_prints(runtime) == []


def test_staff_print_a_prefilled_a4_form_and_the_view_is_audited(
    client, runtime, booking_request, clock
):
    reference = _booking(runtime, booking_request, clock)
    _log_in(client, runtime, clock)
    response = client.get(f"/console/bookings/{reference}/form")
    page = text_of(response)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    for shown in (
        "横浜 花子",
        "ヨコハマ ハナコ",
        "1960年5月5日（木）",
        "（昭和35年5月5日）",
        "横浜市中区本町6-50-10",
        "090-1234-5678",
        "電子証明書の発行・更新",
        "2026年11月6日（金） 14:00",
        "職員：窓口 一子",
    ):
        assert shown in page
    assert _form_prints(runtime) == [("staff:counter1", reference)]
    with client.get("/console/static/counter.css") as css:
        assert "@page { size: A4 portrait;" in css.get_data(as_text=True)
    assert 'src="/console/static/print.js"' in page


def test_the_consoles_booking_list_links_to_the_form(client, runtime, booking_request, clock):
    reference = _booking(runtime, booking_request, clock)
    _log_in(client, runtime, clock)
    page = text_of(client.get(f"/console/?reference={reference}"))
    assert f'href="/console/bookings/{reference}/form"' in page


def test_an_unknown_reference_is_not_found(client, runtime, clock):
    _log_in(client, runtime, clock)
    unknown = client.get("/console/bookings/1234567890/form")
    assert unknown.status_code == 404 and 'href="/console/"' in text_of(unknown)
    assert client.get("/console/bookings/not-a-ref/form").status_code == 404
