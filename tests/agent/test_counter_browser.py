"""In headless Chromium on a tablet: a counter clerk checks residents in, serves them, marks a
no-show and gives a walk-in a ticket; every state is checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.policy import Actor

from .conftest import axe_check, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/counter-shots")

TABLET = {"width": 1024, "height": 768}


def check(page: Any, name: str) -> None:
    """Screenshot and check this state of the counter screen."""
    axe_check(page, SHOTS / f"{name}.png")


def _book(runtime: Any, clock: Any, booking_request: Any, start: time, phone: str) -> str:
    request = booking_request(
        day=date(2026, 11, 2), start=start, phone=phone, service="pin", name="港 太郎"
    )
    made = create_booking(
        runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"),
        policy=runtime.policy,
    )  # fmt: skip
    return made.reference


def test_a_clerk_runs_the_counter_on_a_tablet(
    chromium, live_server, runtime, clock, make_staff, booking_request
):
    on_time = _book(runtime, clock, booking_request, time(12, 0), "+819011110001")
    missed = _book(runtime, clock, booking_request, time(11, 30), "+819011110002")
    clock.set(datetime(2026, 11, 2, 12, 3, tzinfo=TOKYO))
    make_staff("uketsuke", role="reception")
    page = chromium.new_page(viewport=TABLET, locale="ja-JP", has_touch=True, bypass_csp=True)
    sign_in(page, live_server, "uketsuke")
    check(page, "01-choose-centre")
    page.get_by_role("link", name="横浜駅マイナンバーカード特設センター").click()
    check(page, "02-day-list")
    row = page.locator(f"#booking-{on_time}")
    assert "未受付" in row.text_content()
    row.get_by_role("button", name="受付する").click()
    grouped = f"{on_time[:3]} {on_time[3:6]} {on_time[6:]}"
    assert f"{grouped} を受付しました。" in page.text_content(".messages")
    check(page, "03-checked-in")
    page.locator(f"#booking-{on_time}").get_by_role("button", name="対応完了").click()
    assert "対応済" in page.locator(f"#booking-{on_time}").text_content()
    page.locator(f"#booking-{missed}").get_by_role("button", name="未来場にする").click()
    assert "未来場" in page.locator(f"#booking-{missed}").text_content()
    check(page, "04-served-and-no-show")
    page.select_option("#walk-in-service", "apply")
    page.get_by_role("button", name="番号札を発行").click()
    assert "当日受付番号 W001（12:00の枠）を発行しました。" in page.text_content(".messages")
    check(page, "05-walk-in-ticket")
    page.fill("#q", "090-1111-0002")
    page.get_by_role("button", name="検索").click()
    assert page.locator("tr[id^=booking-]").count() == 1
    check(page, "06-search")
    page.close()
