"""In headless Chromium: an agent answers and books for the caller; a supervisor sees it live."""

from __future__ import annotations

from typing import Any

import pytest

from queues import acd

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def _login(page: Any, base: str, username: str, code: str = "") -> None:
    page.goto(f"{base}/console/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login")
    if code:  # supervisors: the authenticator's code on the next page
        page.fill("#code", code)
        page.click("#confirm-code")


def test_an_agent_logs_in_answers_and_books_for_the_caller(
    chromium, live_server, r, clock, make_staff, booking_request
):
    make_staff("aoki", role="agent")
    page = chromium.new_page(viewport={"width": 1280, "height": 1000}, locale="ja-JP")
    _login(page, live_server, "aoki")
    page.check("input[name=state][value=available]")
    page.click("#set-presence")
    assert page.text_content("#state") == "受付可"
    acd.enqueue_call(
        r, call_sid="CA-B1", queue="booking", caller="+819012345678", language="ja", now=clock.now()
    )
    page.wait_for_selector("#answer", timeout=5000)  # the page reloads on its own
    assert page.text_content("#caller-number") == "090-1234-5678"  # as Japanese staff write it
    page.click("#answer")
    form = page.locator("#book-form")
    form.locator("select[name=service]").select_option("cert")
    form.locator("select[name=center]").select_option("yokohama")
    form.locator("input[name=day]").fill("2026-11-06")
    form.locator("input[name=start]").fill("14:00")
    form.locator("input[name=name]").fill("横浜 花子")
    form.locator("input[name=kana]").fill("ヨコハマ ハナコ")
    form.locator("input[name=birth_date]").fill("1960-05-05")
    page.click("#book-submit")
    page.wait_for_selector(".msg.info")
    assert "予約しました" in page.text_content(".msg.info")
    page.screenshot(path="/tmp/console_agent_booked.png", full_page=True)
    page.click("#hangup")
    page.select_option("#wrap-topic", "booking")
    page.select_option("#wrap-code", "booked")
    page.click("#save-wrap-up")
    assert page.text_content("#state") == "受付可"
    page.close()


def test_a_supervisor_sees_the_waiting_count_move(
    chromium, live_server, r, clock, make_staff, make_agent, totp_code
):
    make_staff("sato", role="supervisor")
    make_agent("aoki", topics=("booking",))
    acd.enqueue_call(
        r, call_sid="CA-done", queue="booking", caller="", language="ja", now=clock.now()
    )  # aoki takes it
    make_agent("baba", state="break")
    make_agent("smith", state="available", topics=("english",), languages=("en", "ja"))
    page = chromium.new_page(viewport={"width": 1400, "height": 1100}, locale="ja-JP")
    _login(page, live_server, "sato", totp_code())
    page.wait_for_selector("#live.ok", timeout=5000)
    from playwright.sync_api import expect

    waiting = page.locator("#queue-general .waiting")
    assert waiting.text_content() == "0"
    for n in range(3):
        acd.enqueue_call(
            r, call_sid=f"CA-S{n}", queue="general", caller="", language="ja", now=clock.now()
        )
    expect(waiting).to_have_text("3", timeout=3000)  # pushed by SSE, no reload
    acd.call_left(r, "CA-S0", "hangup", clock.now())
    expect(waiting).to_have_text("2", timeout=3000)
    page.screenshot(path="/tmp/console_dashboard.png", full_page=True)
    page.close()
