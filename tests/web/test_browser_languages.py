"""A resident on a phone, in each of the six languages: a booking with every error on the way,
a change and a cancel; axe-core (WCAG 2.2 AA, target size included) finds nothing on any state."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from booking_core.bookings import create_booking
from booking_core.policy import Actor
from web.pages.i18n import HTML_LANG, LANGUAGES, catalog

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = Path("/tmp/web-shots/languages")
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
                                       nodes: v.nodes.map(n => n.target.join(' '))}));
}"""
# A name each language's residents would type: kanji with its reading, or Latin letters.
NAMES = {
    "ja": ("横浜 花子", "ヨコハマ ハナコ"),
    "easy": ("横浜 花子", "よこはま はなこ"),
    "en": ("Hanako Yokohama", ""),
    "zh": ("王 小明", "ワン シャオミン"),
    "ko": ("Kim Minjun", ""),
    "vi": ("Nguyễn Văn An", ""),
}


def check(page: Any, name: str) -> None:
    """Fail on any axe-core finding, whatever its impact; with WEB_SHOTS=1, screenshot it too
    (to look at each language; off by default to keep the suite fast)."""
    if os.environ.get("WEB_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    findings = page.evaluate(AXE_RUN)
    assert findings == [], f"{name}: {findings}"


def submit(page: Any) -> None:
    """Press the page's main button and wait for the next page."""
    with page.expect_navigation():
        page.locator("main button.button-primary").first.click()


def error_summary_has_focus(page: Any, lang: str) -> None:
    summary = page.locator(".error-summary")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.title().startswith(catalog(lang)["site.error_prefix"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_resident_books_through_every_error_on_a_phone(phone_page, live_server, lang):
    page, words = phone_page, catalog(lang)
    page.goto(f"{live_server}/?lang={lang}")
    assert page.locator("html").get_attribute("lang") == HTML_LANG[lang]
    assert page.title().count(words["site.name"]) == 1
    check(page, f"{lang}-01-start")
    page.locator("main a.button-primary").click()
    submit(page)
    error_summary_has_focus(page, lang)
    check(page, f"{lang}-02-procedure-error")
    page.locator("#service-issue").check()
    submit(page)
    submit(page)
    error_summary_has_focus(page, lang)
    check(page, f"{lang}-03-card-errors")
    page.locator("#field-notice_number").fill("123456789")
    page.locator("#field-birth_date").fill("05/06/1980")
    submit(page)
    assert words["error.birth_date_format"] in page.locator(".error-summary").inner_text()
    page.locator("#field-birth_date").fill("19800506")
    submit(page)
    error_summary_has_focus(page, lang)
    assert page.locator(".error-summary a[href='#field-notice_number']").count() == 1
    check(page, f"{lang}-04-card-not-found")
    page.goto(f"{live_server}/book")
    page.locator("#service-cert").check()
    submit(page)
    page.locator("#center-yokohama").check()
    check(page, f"{lang}-05-centre")
    submit(page)
    check(page, f"{lang}-06-calendar")
    page.locator("td.day-room a").first.click()
    check(page, f"{lang}-07-day")
    with page.expect_navigation():
        page.locator("button.time-button").first.click()
    page.locator("#field-name").fill("王 小明" if not NAMES[lang][1] else "A" * 51)
    page.locator("#field-birth_date").fill("1234 5678 9018")
    submit(page)
    error_summary_has_focus(page, lang)
    assert page.locator("#field-birth_date").input_value() == ""  # a My Number is never echoed
    check(page, f"{lang}-08-details-errors")
    name, kana = NAMES[lang]
    page.locator("#field-name").fill(name)
    page.locator("#field-kana").fill(kana)
    page.locator("#field-birth_date").fill("1960-05-05")
    page.locator("#field-phone").fill("090-1234-5678")
    submit(page)
    check(page, f"{lang}-09-review")
    submit(page)
    check(page, f"{lang}-10-done")
    assert re.fullmatch(r"\d{3} \d{3} \d{4}", page.locator(".reference").inner_text().strip())
    assert page.locator(".print-button").is_visible()
    assert page.locator("a[href^='tel:']").count() >= 2
    with page.expect_download() as download:
        page.locator("a[href$='booking.ics']").click()
    assert download.value.suggested_filename.endswith(".ics")


@pytest.fixture
def booked(runtime, clock, booking_request) -> str:
    """A cert booking at yokohama on Friday 6 November 14:00, made through the core."""
    made = create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    return made.reference


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_resident_changes_then_cancels_on_a_phone(phone_page, live_server, booked, lang):
    page = phone_page
    page.goto(f"{live_server}/manage?lang={lang}")
    check(page, f"{lang}-11-lookup")
    page.locator("#field-reference").fill(booked)
    page.locator("#field-birth_date").fill("19610505")
    submit(page)
    error_summary_has_focus(page, lang)
    assert page.locator(".error-summary a[href='#field-reference']").count() == 1
    check(page, f"{lang}-12-lookup-not-found")
    page.locator("#field-birth_date").fill("19600505")
    submit(page)
    check(page, f"{lang}-13-booking")
    page.locator("main a.button-primary").click()
    check(page, f"{lang}-14-change-calendar")
    page.locator("td.day-room a").nth(2).click()
    with page.expect_navigation():
        page.locator("button.time-button").nth(3).click()
    check(page, f"{lang}-15-change-review")
    submit(page)
    check(page, f"{lang}-16-changed")
    page.goto(f"{live_server}/manage/cancel")
    check(page, f"{lang}-17-cancel")
    with page.expect_navigation():
        page.locator("main button.button-warning").click()
    check(page, f"{lang}-18-cancelled")
    assert page.locator(".panel-done h1").inner_text() == catalog(lang)["manage.done_cancelled"]


def test_a_language_button_keeps_what_was_typed_and_its_errors(phone_page, live_server, booked):
    page = phone_page
    page.goto(f"{live_server}/manage?lang=ja")
    page.locator("#field-reference").fill(booked)
    page.locator("#field-birth_date").fill("05/05/1960")
    submit(page)
    with page.expect_navigation():
        page.locator(".lang-nav button[lang='vi']").click()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("#field-reference").input_value() == booked
    assert page.locator("#field-birth_date").input_value() == "05/05/1960"
    assert catalog("vi")["error.birth_date_format"] in page.locator(".error-summary").inner_text()
    check(page, "vi-19-switched-with-error")
    page.goto(f"{live_server}/privacy")
    check(page, "vi-20-privacy")
