"""On a phone: a home-visit request, an issuance in English, and the error pages (axe-core)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web.test_browser import AXE, AXE_RUN

pytestmark = pytest.mark.browser

SHOTS = "/tmp/shots"
VISIT = {
    "ja": ("訪問によるサポートを申し込む", "訪問によるカードの交付", "入力内容を確認する",
           "この内容で申し込む", "お申し込みを受け付けました"),
    "en": ("Ask for a home visit", "Home-visit card issuance", "Check your answers",
           "Send my request", "We have received your request"),
}  # fmt: skip


def check(page: Any, name: str) -> None:
    """Screenshot to /tmp/shots/web-<name>.png and fail on serious axe-core violations."""
    import os

    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/web-{name}.png", full_page=True)
    page.add_script_tag(path=str(AXE))
    serious = [v for v in page.evaluate(AXE_RUN) if v["impact"] in {"serious", "critical"}]
    assert serious == [], f"{name}: {serious}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_resident_asks_for_a_home_visit_on_a_phone(phone_page, live_server, lang, ready_card):
    ready_card(birth_date=date(1938, 3, 3))
    page = phone_page
    start, service, check_answers, send, received = VISIT[lang]
    page.goto(f"{live_server}/?lang={lang}")
    page.get_by_role("link", name=start).click()
    page.get_by_role("button", name=check_answers).click()
    check(page, f"{lang}-51-visit-errors")
    page.get_by_label(service).check()
    page.locator("#reason-bedridden").check()
    page.locator("#field-notice_number").fill("123-456789")
    page.locator("#field-name").fill("横浜 ハル")
    page.locator("#field-kana").fill("ヨコハマ ハル")
    page.locator("#field-birth_date").fill("19380303")
    page.locator("#field-phone").fill("045-200-1234")
    page.locator("#field-address").fill("横浜市中区本町6-50-10 みなとハイツ101")
    page.locator("#field-facility").fill("")
    page.locator("#field-access_notes").fill("インターホンが聞こえにくいので、戸を叩いてください。")
    check(page, f"{lang}-52-visit-form")
    page.get_by_role("button", name=check_answers).click()
    check(page, f"{lang}-53-visit-review")
    page.get_by_role("button", name=send).click()
    page.get_by_role("heading", name=received).wait_for()
    check(page, f"{lang}-54-visit-done")
    receipt = page.locator(".reference").inner_text().replace(" ", "")
    page.goto(f"{live_server}/visit/status")
    page.locator("#field-receipt").fill(receipt)
    page.locator("#field-birth_date").fill("19380303")
    page.locator("button.button-primary").click()
    page.locator("#visit-state").wait_for()
    check(page, f"{lang}-55-visit-status")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_error_pages_keep_the_site_and_lead_back_to_the_start(phone_page, live_server, lang):
    page = phone_page
    response = page.goto(f"{live_server}/no/such/page?lang={lang}")
    assert response is not None and response.status == 404
    check(page, f"{lang}-61-not-found")
    home = "トップページに戻る" if lang == "ja" else "Back to the start"
    page.get_by_role("link", name=home).click()
    assert page.url == f"{live_server}/"
    response = page.goto(f"{live_server}/manage/time")
    assert response is not None and response.status == 405
    check(page, f"{lang}-62-wrong-method")


def test_an_issuance_booking_in_english_with_a_demo_card(phone_page, live_server, ready_card):
    ready_card(notice_number="100000002", birth_date=date(1962, 8, 15), ward_id="kohoku")
    page = phone_page
    page.goto(f"{live_server}/book?lang=en")
    page.get_by_label("Card issuance").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("#field-notice_number").fill("100 000002")
    page.locator("#field-birth_date").fill("19620815")
    check(page, "en-21-card")
    page.locator("form button[type=submit]").click()
    check(page, "en-22-issuance-calendar")
    page.locator("td.day-room a").first.click()
    check(page, "en-23-issuance-day")
    page.locator("button.time-button").first.click()
    page.locator("#field-name").fill("Kohoku Jiro")
    page.locator("#field-kana").fill("コウホク ジロウ")
    page.locator("#field-phone").fill("080-3333-4444")
    page.get_by_role("button", name="Check your answers").click()
    check(page, "en-24-issuance-review")
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_role("heading", name="Booking complete").wait_for()
    check(page, "en-25-issuance-done")
