"""The agent desk in headless Chromium at 1366x768: ringing is announced (sound, title,
notification), timers tick as m:ss, drafts survive reloads, refusals and hang-ups, the slot grid
fills the booking, the wrap-up takes the call notes, and a lost connection shows a banner."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from booking_core.policy import Actor
from queues import acd

from .conftest import axe_check, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/desk_shots")
DESK = {"width": 1366, "height": 768}
CALLER = "+819011110001"
# Notifications and sounds, watched: headless Chromium shows neither.
WATCH = """
window.__notes = [];
window.__beeps = 0;
class WatchedNotification {
  constructor(title, options) { window.__notes.push([title, options && options.body]); }
  static requestPermission() { return Promise.resolve('granted'); }
}
WatchedNotification.permission = 'granted';
window.Notification = WatchedNotification;
const RealAudio = window.AudioContext;
window.AudioContext = function () {
  const ctx = new RealAudio();
  const make = ctx.createOscillator.bind(ctx);
  ctx.createOscillator = function () { window.__beeps += 1; return make(); };
  return ctx;
};
"""


def _desk(chromium: Any, base: str) -> tuple[Any, Any]:
    context = chromium.new_context(viewport=DESK, locale="ja-JP", bypass_csp=True)
    context.add_init_script(WATCH)
    page = context.new_page()
    sign_in(page, base, "aoki")
    return context, page


def test_the_desk_rings_keeps_the_draft_and_wraps_up_with_an_inquiry(
    chromium, live_server, r, runtime, clock, make_staff, booking_request
):
    from playwright.sync_api import expect

    from booking_core.bookings import create_booking

    earlier = create_booking(
        runtime.uow(),
        booking_request(phone=CALLER, name="横浜 太郎", birth_date=date(1950, 1, 1),
                        day=date(2026, 11, 9)),
        now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
    )  # fmt: skip
    make_staff("aoki", role="agent")
    context, page = _desk(chromium, live_server)
    page.check("input[name=state][value=available]")
    page.click("#set-presence")
    expect(page.locator("#phase-label")).to_have_text("待機中")
    expect(page.locator("#in-state")).to_have_text(re.compile(r"^\d+:\d\d$"))
    axe_check(page, SHOTS / "desk_idle.png")

    acd.enqueue_call(
        r, call_sid="CA-D1", queue="booking", caller=CALLER, language="ja", now=clock.now()
    )
    page.wait_for_selector("#answer", timeout=15000)  # the poll reloads the page
    expect(page.locator("#phase-label")).to_have_text("着信中")
    assert page.text_content("#caller-number") == "090-1111-0001"
    grouped = f"{earlier.reference[:3]} {earlier.reference[3:6]} {earlier.reference[6:]}"
    expect(page.locator("#screen-pop")).to_contain_text(grouped)
    expect(page.locator("#timeline")).to_contain_text("予約")
    expect(page.locator("#announcer")).to_contain_text("着信があります")
    assert page.evaluate("window.__notes") == [["着信があります", "予約 090-1111-0001"]]
    assert page.evaluate("window.__beeps") >= 1
    titles = set()
    for _ in range(4):  # the title flashes
        titles.add(page.evaluate("document.title"))
        page.wait_for_timeout(500)
    assert any(title.startswith("【着信】090-1111-0001") for title in titles)
    axe_check(page, SHOTS / "desk_ringing.png")

    page.keyboard.press("Alt+a")  # answer
    expect(page.locator("#phase-label")).to_have_text("通話中")
    expect(page.locator("#talk-timer")).to_have_text(re.compile(r"^0:(0[1-9]|[1-5]\d)$"))
    expect(page.locator("#softphone-offline")).to_be_visible()  # no browser calls: said so
    page.click("#hold")  # the caller hears music (TwiML through the offline gateway)
    expect(page.locator("#held-state")).to_have_text("保留中（保留音を再生中）")
    axe_check(page, SHOTS / "desk_on_hold.png")
    page.click("#resume")
    expect(page.locator("#hold")).to_be_visible()
    # a transfer into another queue: every queue but the call's own (予約)
    expect(page.locator("#transfer-queue option")).to_have_text(["一般問合せ", "訪問", "英語"])
    page.fill("#call-note", "11月6日の午後を希望")
    form = page.locator("#book-form")
    form.locator("select[name=service]").select_option("cert")
    form.locator("select[name=center]").select_option("yokohama")
    form.locator("input[name=day]").fill("2026-11-06")
    form.locator("input[name=start]").fill("07:00")  # before reception opens: refused
    form.locator("input[name=name]").fill("横浜 花子")
    form.locator("input[name=kana]").fill("ヨコハマ ハナコ")
    form.locator("input[name=birth_date]").fill("1960-05-05")
    expect(form.locator("input[name=phone]")).to_have_value("090-1111-0001")
    page.click("#book-submit")
    expect(page.locator(".msg.error")).to_contain_text("受付時間外")
    expect(form.locator("input[name=name]")).to_have_value("横浜 花子")  # kept through refusal

    page.click("#show-grid")  # the grid: service and centre chosen once, a click fills the time
    slot = page.locator('button.slot[data-day="2026-11-06"][data-start="14:00"]')
    slot.click()
    expect(slot).to_have_attribute("aria-pressed", "true")
    expect(form.locator("input[name=start]")).to_have_value("14:00")
    axe_check(page, SHOTS / "desk_talking_grid.png")

    page.reload()
    expect(form.locator("input[name=kana]")).to_have_value("ヨコハマ ハナコ")
    expect(form.locator("input[name=start]")).to_have_value("14:00")
    expect(page.locator("#call-note")).to_have_value("11月6日の午後を希望")

    page.keyboard.press("Alt+h")  # hang up: the draft stays with the call
    expect(page.locator("#phase-label")).to_have_text("後処理中")
    expect(form.locator("input[name=name]")).to_have_value("横浜 花子")
    expect(page.locator("#wrap-note")).to_have_value("11月6日の午後を希望")
    page.select_option("#wrap-topic", "complaint")
    assert page.is_checked("#wrap-escalate")  # a complaint goes to the city
    page.select_option("#wrap-code", "enquiry")
    axe_check(page, SHOTS / "desk_wrap_up.png")
    page.keyboard.press("Alt+w")
    expect(page.locator("#phase-label")).to_have_text("待機中")
    page.wait_for_load_state("load")
    expect(form.locator("input[name=name]")).to_have_value("")  # that call's draft is done
    kept = page.evaluate("Object.keys(sessionStorage).filter(k => k.includes('CA-D1'))")
    assert kept == []
    expect(page.locator("#recent")).to_contain_text("苦情")

    context.set_offline(True)
    expect(page.locator("#connection")).to_be_visible(timeout=15000)
    expect(page.locator("#connection")).to_contain_text("接続が切れています")
    page.screenshot(path=str(SHOTS / "desk_offline.png"))
    context.set_offline(False)
    expect(page.locator("#connection")).to_be_hidden(timeout=15000)
    context.close()


def test_escalations_counts_and_the_topic_list_pass_axe(
    chromium, live_server, runtime, clock, make_staff, totp_code
):
    from playwright.sync_api import expect

    from booking_core.call_records import record_wrap_up

    record_wrap_up(
        runtime.uow(), call_sid="CA-E1", queue="general", kind="call", code="enquiry",
        note="待ち時間が長いとのご意見", now=clock.now(), actor=Actor.staff("aoki"),
        topic="complaint", caller=CALLER,
    )  # fmt: skip
    make_staff("root", role="admin")
    page = chromium.new_page(viewport=DESK, locale="ja-JP", bypass_csp=True)
    sign_in(page, live_server, "root", code=totp_code())
    page.goto(f"{live_server}/console/inquiries")
    expect(page.locator("#escalations")).to_contain_text("090-1111-0001")
    expect(page.locator("#counts-table")).to_contain_text("苦情")
    axe_check(page, SHOTS / "inquiries.png")
    page.goto(f"{live_server}/console/admin/inquiry-topics")
    page.fill("#topic-new input[name=code]", "fraud")
    page.fill("#topic-new input[name=name_ja]", "詐欺の相談")
    page.fill("#topic-new input[name=name_en]", "Fraud")
    page.click("#topic-add")
    expect(page.locator(".msg.info")).to_contain_text("「詐欺の相談」を保存しました。")
    axe_check(page, SHOTS / "inquiry_topics.png")
    page.goto(f"{live_server}/console/inquiries")
    page.click("#escalations button")
    expect(page.locator("#escalations")).to_contain_text("対応中のエスカレーションはありません。")
    page.close()
