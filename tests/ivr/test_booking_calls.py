"""Whole calls that book by keypad, through the simulator against the app."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, time

from sqlalchemy import func, select

from booking_core.availability import day_availability
from booking_core.bookings import BookingDetails
from booking_core.models import Booking

# language, other procedure, cert, Yokohama, birth date, 2 people, choose a date, date, time
CERT_KEYS = ["1", "2", "1", "1", "19600505#", "2", "3", "1106#", "1400#"]
# language, issuance, notice number, birth date (昭和25年4月1日), take the earliest time
ISSUE_KEYS = ["1", "1", "123456789#", "3250401#", "1"]


def _bookings(runtime) -> list[BookingDetails]:
    with runtime.uow() as uow:
        return [BookingDetails.of(b) for b in uow.session.scalars(select(Booking))]


def _remaining(runtime, clock, service: str, center: str, day: date, at: time) -> int | None:
    plan = day_availability(
        runtime.uow(),
        center_id=center,
        service_code=service,
        day=day,
        now=clock.now(),
        policy=runtime.policy,
    )
    return plan.remaining_at(at)


def _api_remaining(client, at: str) -> int:
    reply = client.get("/api/v1/availability?center=yokohama&service=cert&date=2026-11-06")
    assert reply.status_code == 200
    return next(s["remaining"] for s in reply.get_json()["slots"] if s["start"] == at)


def test_a_cert_booking_by_keypad_takes_two_places_in_the_shared_core(
    phone, runtime, clock, client
):
    before = _remaining(runtime, clock, "cert", "yokohama", date(2026, 11, 6), time(14, 0))
    api_before = _api_remaining(client, "14:00")
    call = phone.ring([*CERT_KEYS, "1"])
    said = call.said()
    assert (
        "ご予約は、電子証明書の発行・更新、横浜駅マイナンバーカード特設センター、"
        "11月6日 金曜日 午後2時、2名様です。" in said
    )
    [booking] = _bookings(runtime)
    assert (booking.service_code, booking.center_id, booking.party_size) == ("cert", "yokohama", 2)
    assert (booking.day, booking.start, booking.channel) == (date(2026, 11, 6), time(14, 0), "ivr")
    assert booking.phone == "+819012345678" and booking.birth_date == date(1960, 5, 5)
    ref = booking.reference
    spoken = "の、".join("、".join(group) for group in (ref[:3], ref[3:6], ref[6:]))
    assert f"予約番号は、{spoken}。繰り返します。{spoken}です。" in said
    assert "マイナンバーカード、本人確認書類をお持ちください。" in said
    assert said[said.index("確認のショートメッセージをお送りします。") - 1].startswith(
        "5分前までにお越しください。5分以上遅れると、"
    )
    after = _remaining(runtime, clock, "cert", "yokohama", date(2026, 11, 6), time(14, 0))
    assert before is not None and after == before - 2
    assert _api_remaining(client, "14:00") == api_before - 2 == after


def test_an_issuance_booking_announces_the_centre_and_takes_the_earliest_place(
    phone, runtime, ready_card
):
    ready_card()
    call = phone.ring([*ISSUE_KEYS, "1"])
    said = call.said()
    assert not any("ですね。" in line for line in said)  # no entry is read back alone
    assert (
        "カードのお受け取りは、横浜駅マイナンバーカード特設センターです。"
        "11月7日 土曜日以降の日をご予約いただけます。" in said
    )
    assert "最も早い空きは、11月7日 土曜日 午前9時です。" in said
    [booking] = _bookings(runtime)
    assert (booking.service_code, booking.notice_number) == ("issue", "123456789")
    assert (booking.center_id, booking.day, booking.start) == (
        "yokohama",
        date(2026, 11, 7),
        time(9, 0),
    )


def test_a_confirm_webhook_delivered_twice_books_once_and_answers_the_same(phone, runtime):
    call = phone.ring(CERT_KEYS)
    gather = call.pending
    assert gather is not None and "s=" in gather.action
    form = call.params({"Digits": "1"})
    transport = phone.transport()
    first = transport.post(gather.action, form, call.sign(gather.action, form))
    second = transport.post(gather.action, form, call.sign(gather.action, form))
    assert first == second and first[0] == 200
    says = [s.text for s in ET.fromstring(first[1]).iter("Say")]
    assert says[0] == "ご予約を承りました。"
    with runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Booking)) == 1
