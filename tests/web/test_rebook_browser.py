"""A resident follows the closure text's link on a phone and moves the booking in one tap; the
closure banner and the reminder setting; every state checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from booking_core.admin import add_closure
from booking_core.policy import Actor
from tests.conftest import work_notifications

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = Path("/tmp/web-shots")
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values:
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
                                       nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


def check(page: Any, name: str) -> None:
    """Screenshot the page and fail on any serious or critical axe-core finding."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    serious = [v for v in page.evaluate(AXE_RUN) if v["impact"] in {"serious", "critical"}]
    assert serious == [], f"{name}: {serious}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_resident_rebooks_from_the_closure_text_on_a_phone(
    phone_page, live_server, runtime, clock, appointment, texts, lang
):
    appointment()
    add_closure(runtime.uow(), center_id="yokohama", day=date(2026, 11, 6), note="停電のため",
                now=clock.now(), actor=Actor.staff("kanri", "admin"), notify=True)  # fmt: skip
    work_notifications(runtime)
    [body] = texts.texts_to("+819012345678")[-1:]
    found = re.search(r"(/rebook/\S+)", body)
    assert found
    page = phone_page
    page.goto(f"{live_server}/?lang={lang}")
    check(page, f"{lang}-21-start-closure-banner")
    page.goto(f"{live_server}{found.group(1)}")
    check(page, f"{lang}-22-rebook")
    page.locator("button.time-button").first.click()
    page.get_by_role("heading", level=1).wait_for()
    check(page, f"{lang}-23-rebooked")
    assert page.get_by_role("heading", level=1).inner_text() in {
        "予約の日時を変更しました", "Your booking has been moved",
    }  # fmt: skip
    page.goto(f"{live_server}{found.group(1)[:-4]}xxxx")
    check(page, f"{lang}-24-rebook-invalid")


def test_the_reminder_setting_on_the_manage_page(phone_page, live_server, appointment):
    reference = appointment()
    page = phone_page
    page.goto(f"{live_server}/manage")
    page.locator("#field-reference").fill(reference)
    page.locator("#field-birth_date").fill("19600505")
    page.get_by_role("button", name="予約を確認する").click()
    page.get_by_role("button", name="前日のお知らせを停止する").click()
    page.get_by_text("前日のお知らせは停止しています").wait_for()
    check(page, "ja-25-manage-reminders-off")
