"""In headless Chromium: the wallboard's chart gains a bar without reload, the emergency banner
appears live, the wall mode; axe-core (WCAG 2.2 AA) on every state."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from queues import acd, board_settings, events

from .conftest import axe_check, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/wallboard-shots")


def _calls(r, clock, prefix: str, count: int, *, abandon: int = 0) -> None:
    for n in range(count):
        acd.enqueue_call(r, call_sid=f"CA-{prefix}{n}", queue="general", caller="",
                         language="ja", now=clock.now())  # fmt: skip
    for n in range(abandon):
        acd.call_left(r, f"CA-{prefix}{n}", "hangup", clock.now())


def test_the_board_is_live_its_chart_gains_a_bar_and_the_banner_shows_who_set_it(
    chromium, live_server, r, clock, make_staff, make_agent, totp_code
):
    from playwright.sync_api import expect

    make_staff("sato", role="supervisor")
    make_agent("aoki", state="break")
    make_agent("baba", state="break", topics=("english",), languages=("en", "ja"))
    _calls(r, clock, "a", 6, abandon=2)  # 09:00: 6 offered, 2 abandoned, 4 waiting
    page = chromium.new_page(viewport={"width": 1366, "height": 900}, locale="ja-JP",
                             bypass_csp=True)  # fmt: skip
    sign_in(page, live_server, "sato", code=totp_code())
    page.goto(f"{live_server}/console/dashboard")
    page.wait_for_selector("#live.ok", timeout=5000)
    bars = page.locator("#chart g.bars")
    expect(bars).to_have_count(1)
    assert page.locator("#chart .ytick").count() >= 3  # a proper y axis, not one tick
    assert bars.first.locator("title").text_content() == ("09:00〜09:30　着信6件・応答0件・放棄2件")
    expect(page.locator("#tile-answer-rate .grade-text")).to_have_text("目標未達")
    axe_check(page, SHOTS / "01-board.png")

    clock.set(clock.now() + timedelta(minutes=35))  # 09:35: the next half-hour
    _calls(r, clock, "b", 3)
    expect(bars).to_have_count(2, timeout=3000)  # pushed over SSE, no reload
    expect(page.locator('#chart g.bars[data-start="09:30"] title')).to_have_text(
        "09:30〜10:00　着信3件・応答0件・放棄0件"
    )
    expect(page.locator("#tile-waiting")).to_have_text("7")

    board_settings.set_emergency(r, "ja", "本日は臨時休所です。", by="Sato", now=clock.now())
    events.settings_changed(r, clock.now())
    banner = page.locator("#emergency-banner")
    expect(banner).to_contain_text("緊急アナウンス放送中（日本語）", timeout=3000)
    expect(banner).to_contain_text("設定：Sato（11月2日 9:35）")
    axe_check(page, SHOTS / "02-emergency.png")

    page.goto(f"{live_server}/console/dashboard?wall=1")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_selector("#live.ok", timeout=5000)
    expect(page.locator("#emergency-banner")).to_be_visible()
    axe_check(page, SHOTS / "03-wall-emergency.png")

    board_settings.clear_emergency(r, "ja")
    events.settings_changed(r, clock.now())
    expect(page.locator("#emergency-banner")).to_be_hidden(timeout=3000)
    make_agent("aoki")  # answers two calls at once: the rates move
    make_agent("baba", topics=("general",))
    expect(page.locator("#queue-general .waiting")).to_have_text("5", timeout=3000)
    axe_check(page, SHOTS / "04-wall.png")
    page.close()
