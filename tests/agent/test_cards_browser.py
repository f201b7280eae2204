"""In headless Chromium on a phone: a courier picks up the day's cards at the ward and hands
them over at the centre; the printed manifest is looked at (axe-core, WCAG 2.2 AA)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.policy import Actor

from .conftest import PASSWORD, axe_check

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/cards-shots")
PHONE = {"width": 390, "height": 844}


def test_a_courier_records_the_days_hand_overs_on_a_phone(
    chromium, live_server, runtime, clock, ready_card, make_staff, booking_request
):
    ready_card()
    ready_card(notice_number="223456789", birth_date=date(1985, 12, 31), ward_id="kohoku")
    for notice, birth in (("123456789", date(1950, 4, 1)), ("223456789", date(1985, 12, 31))):
        create_booking(
            runtime.uow(),
            booking_request(
                service="issue", center=None, notice_number=notice, birth_date=birth,
                day=date(2026, 11, 9), start=time(14, 0),
            ),
            now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
        )  # fmt: skip
    clock.set(datetime(2026, 11, 6, 9, 30, tzinfo=TOKYO))  # Friday: the transport day
    make_staff("yuso", role="transport")
    page = chromium.new_page(viewport=PHONE, locale="ja-JP", has_touch=True, bypass_csp=True)
    page.goto(f"{live_server}/console/login")
    page.fill("#username", "yuso")
    page.fill("#password", PASSWORD)
    page.click("#login")
    assert "西区 → 横浜駅マイナンバーカード特設センター" in page.text_content("main")
    assert "未回収 1枚" in page.text_content("main")
    axe_check(page, SHOTS / "01-manifest.png")
    page.fill("#notice-number", "123 456789")
    page.click("#record")
    assert "「区役所で受け取った」を記録しました（現在：輸送中）" in page.text_content(".messages")
    axe_check(page, SHOTS / "02-picked-up.png")
    page.fill("#notice-number", "123456789")
    page.check("input[name=event][value=picked_up]")
    page.click("#record")
    assert "このカードは現在「輸送中」です" in page.text_content(".messages")
    axe_check(page, SHOTS / "03-refused.png")
    page.fill("#notice-number", "123456789")
    page.check("input[name=event][value=received]")
    page.click("#record")
    assert "センターで保管中" in page.text_content("#card-123456789")
    axe_check(page, SHOTS / "04-received.png")
    page.goto(f"{live_server}/console/cards/manifest/2026-11-06/print")
    assert page.locator(".sheet").count() == 2  # one page per ward
    page.screenshot(path=str(SHOTS / "05-print.png"), full_page=True)
    page.pdf(path=str(SHOTS / "manifest.pdf"), format="A4")
    page.close()
