"""A resident on a phone: book, change and cancel in both languages, checked with axe-core."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from booking_core.bookings import BookingRequest, create_booking
from booking_core.policy import Actor

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = Path("/tmp/web-shots")
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
  });
  return result.violations.map(v => ({id: v.id, impact: v.impact,
                                       nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


def check(page: Any, name: str) -> None:
    """Screenshot the page and fail on serious or critical axe-core violations."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert serious == [], f"{name}: {serious}"


# Booking, change and cancel in every language: tests/web/test_browser_languages.py


@pytest.fixture
def booked(runtime, clock) -> str:
    """A cert booking at yokohama on Friday 6 November, made through the core."""
    made = create_booking(
        runtime.uow(),
        BookingRequest(
            service="cert",
            center="yokohama",
            day=date(2026, 11, 6),
            start=time(14, 0),
            birth_date=date(1960, 5, 5),
            phone="+819012345678",
            name="横浜 花子",
            kana="ヨコハマ ハナコ",
        ),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    return made.reference


def test_issuance_with_the_place_gone_during_review(
    phone_page, live_server, runtime, clock, ready_card, one_place_band, booking_request
):
    ready_card(notice_number="123456789", birth_date=date(1950, 4, 1), ward_id="asahi")
    page = phone_page
    page.goto(f"{live_server}/book?lang=ja")
    page.get_by_label("マイナンバーカードの交付").check()
    page.get_by_role("button", name="次へ進む").click()
    page.get_by_role("button", name="特設センターを確認する").click()
    check(page, "ja-21-card-errors")
    page.locator("#field-notice_number").fill("123 456789")
    page.locator("#field-birth_date").fill("19500401")
    page.get_by_role("button", name="特設センターを確認する").click()
    check(page, "ja-22-issuance-calendar")
    assert "二俣川駅マイナンバーカード特設センター" in page.locator(".context-box").inner_text()
    page.goto(f"{live_server}/book/day/2026-11-13")
    page.locator("button.time-button", has_text="12:00").click()
    page.locator("#field-name").fill("旭 太郎")
    page.locator("#field-kana").fill("アサヒ タロウ")
    page.locator("#field-phone").fill("080-1111-2222")
    page.get_by_role("button", name="入力内容を確認する").click()
    one_place_band(date(2026, 11, 13), time(12, 0), 0, center_id="futamatagawa")
    page.get_by_role("button", name="この内容で予約する").click()
    page.get_by_role("heading", name="選ばれた時間は満員になりました").wait_for()
    check(page, "ja-23-place-gone")
    page.locator("button.alt-button").first.click()
    page.get_by_role("button", name="この内容で予約する").click()
    page.get_by_role("heading", name="予約が完了しました").wait_for()
    check(page, "ja-24-issuance-done")


def test_staff_open_the_counter_form_and_it_prints_on_one_a4_page(
    chromium, live_server, runtime, clock, booked
):
    from booking_core.staff import create_user

    create_user(
        runtime.uow(),
        username="counter1",
        password="correct horse battery",
        role="agent",
        now=clock.now(),
        display_name="窓口 一子",
    )
    context = chromium.new_context(viewport={"width": 1024, "height": 1200}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server}/console/bookings/{booked}/form")
    page.locator("#username").fill("counter1")
    page.locator("#password").fill("correct horse battery")
    page.locator("#password").press("Enter")
    page.wait_for_load_state()
    page.goto(f"{live_server}/console/bookings/{booked}/form")
    assert "ヨコハマ ハナコ" in page.locator("main").inner_text()
    check(page, "ja-31-counter-form")
    pdf = page.pdf(format="A4", print_background=True)
    (SHOTS / "ja-31-counter-form.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    context.close()


def tab_to(page: Any, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches the selector (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def go(page: Any) -> None:
    """Press Enter on the focused link or button and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_core_path_works_by_keyboard_without_javascript(chromium, live_server, runtime):
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server}/")
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert order == [
        "本文へ移動",
        "横浜市マイナンバーカード特設センター 来所予約",
        "やさしい日本語",
        "English",
    ]
    tab_to(page, "main a.button-primary")
    go(page)
    tab_to(page, "input[name=service]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#service-cert").is_checked()
    tab_to(page, "button[type=submit]")
    go(page)
    tab_to(page, "input[name=center]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    go(page)
    tab_to(page, "td.day-room a")
    go(page)
    tab_to(page, "button.time-button")
    go(page)
    for field, value in (
        ("name", "横浜 花子"),
        ("kana", "ヨコハマ ハナコ"),
        ("birth_date", "19600505"),
        ("phone", "09012345678"),
    ):
        tab_to(page, f"#field-{field}")
        page.keyboard.insert_text(value)
    tab_to(page, "button[type=submit]")
    go(page)
    tab_to(page, "button.button-large")
    go(page)
    page.get_by_role("heading", name="予約が完了しました").wait_for()
    check_shot = SHOTS / "ja-41-keyboard-no-js-done.png"
    page.screenshot(path=str(check_shot), full_page=True)
    context.close()
